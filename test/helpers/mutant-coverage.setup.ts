/**
 * Setup file of vitest.stryker.config.ts (mutation testing only). In Stryker's coverage run, each
 * test is also credited with the mutants reached by the amiport processes it used (see
 * main-process.ts): the processes still running are asked to write their coverage now, and what
 * each process reached so far counts for this test. A process started in `beforeAll` thus counts
 * for every test of its file that ran while it lived: more tests per mutant than strictly needed,
 * never fewer.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach } from "vitest";
import { strykerNamespace } from "./main-process.js";

interface ChildCoverage {
  pid: number;
  seq: number;
  exited: boolean;
  coverage: { static: Record<string, number>; perTest: Record<string, Record<string, number>> } | null;
}

const read = (file: string): ChildCoverage | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ChildCoverage) : undefined;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks a running process for its coverage and waits (a bounded time) for the file to change. */
async function fresh(file: string): Promise<ChildCoverage | undefined> {
  const before = read(file);
  if (!before || before.exited || !running(before.pid)) return before;
  process.kill(before.pid, "SIGUSR2");
  const until = Date.now() + 3000;
  for (;;) {
    const now = read(file);
    if (!now || now.seq > before.seq || Date.now() > until || !running(before.pid)) return now;
    await new Promise((r) => setTimeout(r, 10));
  }
}

let testId: string | undefined;

beforeEach(() => {
  // Stryker's own setup file (first in the list) has named the test by now; in a mutant run it names none
  testId = strykerNamespace()?.currentTestId;
});

afterEach(async () => {
  const ns = strykerNamespace();
  if (!ns || testId === undefined || !ns.amiportChildCoverage?.length) return;
  ns.mutantCoverage ??= { static: {}, perTest: {} };
  const credited = ns.mutantCoverage.perTest[testId] ?? {};
  ns.mutantCoverage.perTest[testId] = credited;
  const stillRunning: string[] = [];
  for (const file of ns.amiportChildCoverage) {
    const child = await fresh(file);
    if (!child) {
      // not started yet (or it failed before loading the coverage writer): look again after the next test
      stillRunning.push(file);
      continue;
    }
    const reached = [child.coverage?.static ?? {}, ...Object.values(child.coverage?.perTest ?? {})];
    for (const counts of reached)
      for (const [mutant, hits] of Object.entries(counts)) credited[mutant] = (credited[mutant] ?? 0) + hits;
    if (!child.exited && running(child.pid)) stillRunning.push(file);
  }
  ns.amiportChildCoverage = stillRunning;
});
