/**
 * How tests start amiport as its own process (`npm start`): `node dist/main.js`, built by npm test's
 * pretest. Under mutation testing (Stryker's vitest runner puts its namespace on globalThis) the
 * sandbox's mutated src/main.ts runs instead, through tsx, so the tests that spawn amiport count:
 * - the active mutant goes in the environment, where Stryker's instrumented code looks when its
 *   namespace names none (`__STRYKER_ACTIVE_MUTANT__`);
 * - in Stryker's coverage run, test/helpers/mutant-coverage.child.ts makes the child write the
 *   mutants it reached to a file, and test/helpers/mutant-coverage.setup.ts counts them for the
 *   test that ran, so Stryker runs that test against those mutants.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

const DIST_MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const SRC_MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const CHILD_COVERAGE = pathToFileURL(fileURLToPath(new URL("./mutant-coverage.child.ts", import.meta.url))).href;
const TSX = pathToFileURL(fileURLToPath(new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url))).href;

/** The part of Stryker's global namespace these helpers read and write. */
export interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
  /** Coverage files of the amiport processes started since the last test counted them. */
  amiportChildCoverage?: string[];
}

export function strykerNamespace(): StrykerNamespace | undefined {
  return (globalThis as { __stryker__?: StrykerNamespace }).__stryker__;
}

export interface MainCommand {
  /** The arguments to give `process.execPath`. */
  args: string[];
  env: Record<string, string>;
}

let coverageDir: string | undefined;
let started = 0;

/** The command that starts amiport's entry point with exactly `env` (plus what mutation testing needs). */
export function mainCommand(env: Record<string, string>): MainCommand {
  const stryker = strykerNamespace();
  if (!stryker) return { args: [DIST_MAIN], env };
  const strykerEnv: Record<string, string> = {};
  if (stryker.activeMutant !== undefined) strykerEnv.__STRYKER_ACTIVE_MUTANT__ = stryker.activeMutant;
  else {
    coverageDir ??= mkdtempSync(`${tmpdir()}/amiport-mutant-coverage-`);
    const file = `${coverageDir}/${process.pid}-${++started}.json`;
    strykerEnv.AMIPORT_MUTANT_COVERAGE_FILE = file;
    stryker.amiportChildCoverage = [...(stryker.amiportChildCoverage ?? []), file];
  }
  return { args: ["--import", TSX, "--import", CHILD_COVERAGE, SRC_MAIN], env: { ...env, ...strykerEnv } };
}
