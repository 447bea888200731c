/**
 * A replica as its own process (main-process.ts: `npm start`'s dist/main.js, or the mutated src under
 * mutation testing), on a free loopback port, with only the environment given (an empty working
 * directory, so no .env). Tests kill it as the system would, SIGKILL included.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { mainCommand } from "./main-process.js";

export interface ReplicaProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly eventsUrl: string;
  /** The parsed log lines with this `msg`. */
  logged(msg: string): Record<string, any>[];
  /** The value of one sample on /metrics, or undefined when it is not there. */
  metric(sample: string): Promise<number | undefined>;
  /** Sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startReplicaProcess(env: Record<string, string>, startTimeoutMs = 15_000): Promise<ReplicaProcess> {
  const main = mainCommand({ PATH: process.env.PATH ?? "", NODE_ENV: "test", PORT: "0", ...env });
  const child = spawn(process.execPath, main.args, {
    cwd: mkdtempSync(`${tmpdir()}/amiport-replica-`),
    env: main.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const until = Date.now() + startTimeoutMs;
  let port: number | undefined;
  while (port === undefined) {
    port = Number(/"msg":"started".*"port":(\d+)/.exec(output)?.[1]) || undefined;
    if (port) break;
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the replica did not start: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    eventsUrl: `${base}/slack/events`,
    logged: (msg) =>
      output
        .split("\n")
        // a line still being written is left for the next look
        .filter((l) => l.startsWith("{") && l.endsWith("}"))
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === msg),
    metric: async (sample) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
      return line === undefined ? undefined : Number(line.slice(sample.length + 1));
    },
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
