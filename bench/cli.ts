/**
 * `amiport 5985` from a shell, as installed (node dist/cli/amiport.cjs, the bundled `bin`, not npx), against `node -e 0`
 * on the same machine: median wall times, alternating the two so neither gets the quieter moments.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { target } from "./targets.js";

const RUNS = 21;
const BIN = fileURLToPath(new URL("../dist/cli/amiport.cjs", import.meta.url));

function wallMs(args: readonly string[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return ms;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export function benchCli(): string[] {
  const amiport: number[] = [];
  const bare: number[] = [];
  wallMs([BIN, "5985"]);
  for (let i = 0; i < RUNS; i++) {
    amiport.push(wallMs([BIN, "5985"]));
    bare.push(wallMs(["-e", "0"]));
  }
  const [a, b] = [median(amiport), median(bare)];
  return [
    `cli: median of ${RUNS} runs, alternating: amiport 5985 ${a.toFixed(0)} ms, node -e 0 ${b.toFixed(0)} ms`,
    target("CLI start, amiport 5985 / node -e 0", a / b, 1.3, "x", `wall, medians of ${RUNS} cold runs each, alternating`),
  ];
}
