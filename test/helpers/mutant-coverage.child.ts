/**
 * Loaded (`node --import`) into an amiport process a test started under mutation testing (see
 * main-process.ts). Without AMIPORT_MUTANT_COVERAGE_FILE it only guards against orphans.
 * - Writes the mutants this process reached (Stryker's instrumented code counts them on its global
 *   namespace) to that file: on SIGUSR2 (the test asks, after each test), every 250 ms (a process
 *   killed with SIGKILL cannot write at exit) and at exit.
 * - A mutant can make the process loop forever; when Stryker then kills the test process, this one
 *   must not run on. A worker thread (it runs while the main thread loops) kills the process when
 *   the process that started it is gone.
 */
import { renameSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

const file = process.env.AMIPORT_MUTANT_COVERAGE_FILE;
if (file) {
  let seq = 0;
  const write = (exited: boolean) => {
    const coverage = (globalThis as { __stryker__?: { mutantCoverage?: unknown } }).__stryker__?.mutantCoverage ?? null;
    writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, seq: ++seq, exited, coverage }));
    renameSync(`${file}.tmp`, file);
  };
  process.on("SIGUSR2", () => write(false));
  process.on("exit", () => write(true));
  setInterval(() => write(false), 250).unref();
  write(false);
}

new Worker(
  `const { workerData } = require("node:worker_threads");
  setInterval(() => {
    let gone = process.ppid !== workerData.parent;
    try { process.kill(workerData.parent, 0); } catch { gone = true; }
    if (gone) process.kill(workerData.self, "SIGKILL");
  }, 1000);`,
  { eval: true, workerData: { parent: process.ppid, self: process.pid } },
).unref();
