/**
 * Setup file of vitest.stryker.config.ts (mutation testing only). In Stryker's coverage run, each
 * test is also credited with the mutants reached by the amiport processes it used (see
 * main-process.ts), as Stryker credits in-process code: what ran during the test (the process
 * is asked to write its coverage before and after each test), and what ran while the process
 * started, which counts for every test that used that process (as Stryker counts code run at
 * import time for every test).
 *
 * In-process code that a test file's beforeAll hooks ran (most files start one Bolt app there,
 * registering every listener) is credited the same way, to every later test of that file. Stryker
 * counts it as static (no test was running) and, with ignoreStatic, would run such a mutant only
 * against the tests that reached it again by themselves, never against the tests of the app it built.
 *
 * Such a mutant, covered both at a file's start and by tests, is run with "runtime" activation:
 * Stryker's setup turns it on in a beforeAll hook, after the test file's imports ran, so code run
 * at import (a module's constants: a Set of words, a table) would run unmutated and its mutants
 * survive whatever the tests check. Every test file imports its modules afresh (vitest isolates
 * files), so the mutant Stryker names for the run is turned on here, before the imports. A mutant
 * that makes a module throw at import fails the file's collection, which Stryker's runner does not
 * see as a failed test: it is reported as surviving, never wrongly as killed.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, inject } from "vitest";
import { strykerNamespace } from "./main-process.js";

type Counts = Record<string, number>;

interface ChildCoverage {
  pid: number;
  seq: number;
  exited: boolean;
  coverage: { static: Counts; perTest: Record<string, Counts> } | null;
}

/** What a process reached at its start and at the last look. */
interface Seen {
  startup: Counts;
  last: Counts;
}
const seen = new Map<string, Seen>();

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

function countsOf(child: ChildCoverage): Counts {
  const counts: Counts = {};
  for (const part of [child.coverage?.static ?? {}, ...Object.values(child.coverage?.perTest ?? {})])
    for (const [mutant, hits] of Object.entries(part)) counts[mutant] = (counts[mutant] ?? 0) + hits;
  return counts;
}

let testId: string | undefined;

type StrykerProvided = { mode?: string; mutantActivation?: string; activeMutant?: string };
const provided = (key: keyof StrykerProvided): string | undefined => (inject as (k: string) => string | undefined)(key);
if (provided("mode") === "mutant" && provided("mutantActivation") === "runtime") {
  const ns = strykerNamespace();
  if (ns) ns.activeMutant = provided("activeMutant");
}

/** Static hits at the last look, and what this file's hooks reached (as static) since it started. */
let staticSeen: Counts = {};
let reachedByHooks: Counts = {};

beforeAll(() => {
  // registered before the test file's own hooks: they have not run yet
  staticSeen = { ...(strykerNamespace()?.mutantCoverage?.static ?? {}) };
  reachedByHooks = {};
});

/** Adds what hooks reached since the last look (the file's beforeAll, a describe's beforeAll) and credits it all to test `id`. */
function creditHooks(ns: NonNullable<ReturnType<typeof strykerNamespace>>, id: string): void {
  const now = ns.mutantCoverage?.static ?? {};
  for (const [mutant, hits] of Object.entries(now)) {
    const added = hits - (staticSeen[mutant] ?? 0);
    if (added > 0) reachedByHooks[mutant] = (reachedByHooks[mutant] ?? 0) + added;
  }
  staticSeen = { ...now };
  if (Object.keys(reachedByHooks).length === 0) return;
  ns.mutantCoverage ??= { static: {}, perTest: {} };
  const credited = ns.mutantCoverage.perTest[id] ?? {};
  ns.mutantCoverage.perTest[id] = credited;
  // one hit each: Stryker's hit limit (an endless loop's guard) grows with the hits counted
  for (const mutant of Object.keys(reachedByHooks)) credited[mutant] = (credited[mutant] ?? 0) + 1;
}

beforeEach(async () => {
  // Stryker's own setup file (first in the list) has named the test by now; in a mutant run it names none
  const ns = strykerNamespace();
  testId = ns?.currentTestId;
  if (ns === undefined || testId === undefined) return;
  creditHooks(ns, testId);
  // a process started before this test (in a beforeAll) and not looked at yet: what it reached so far is its start
  for (const file of strykerNamespace()?.amiportChildCoverage ?? []) {
    if (seen.has(file)) continue;
    const child = await fresh(file);
    if (child) seen.set(file, { startup: countsOf(child), last: countsOf(child) });
  }
});

afterEach(async () => {
  const ns = strykerNamespace();
  if (!ns || testId === undefined || !ns.amiportChildCoverage?.length) return;
  ns.mutantCoverage ??= { static: {}, perTest: {} };
  const credited = ns.mutantCoverage.perTest[testId] ?? {};
  ns.mutantCoverage.perTest[testId] = credited;
  const credit = (mutant: string, hits: number) => {
    credited[mutant] = (credited[mutant] ?? 0) + hits;
  };
  const stillRunning: string[] = [];
  for (const file of ns.amiportChildCoverage) {
    const child = await fresh(file);
    if (!child) {
      // not started yet (or it failed before loading the coverage writer): look again after the next test
      stillRunning.push(file);
      continue;
    }
    const now = countsOf(child);
    // a process started during this test: all it reached is this test's, and (its start not
    // being told apart) counts as its start for the tests after
    const { startup, last } = seen.get(file) ?? { startup: now, last: {} };
    for (const [mutant, hits] of Object.entries(startup)) credit(mutant, hits);
    for (const [mutant, hits] of Object.entries(now)) if (hits > (last[mutant] ?? 0)) credit(mutant, hits - (last[mutant] ?? 0));
    if (!child.exited && running(child.pid)) {
      seen.set(file, { startup, last: now });
      stillRunning.push(file);
    } else seen.delete(file);
  }
  ns.amiportChildCoverage = stillRunning;
});
