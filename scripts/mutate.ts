/**
 * `npm run mutate`: Stryker once per source folder (src/core, src/slack, src/store), each with its
 * own committed incremental file (mutation/<folder>.incremental.json), so a run after a change tests
 * only the mutants that change touched. Prints each folder's counts, score and wall time, then one
 * line with the three scores and the total time.
 *
 *   npm run mutate                 all three folders
 *   npm run mutate -- slack        one folder (or two: `-- slack store`)
 *   npm run mutate -- slack --mutate src/slack/app.ts   narrower globs (repeat --mutate), same incremental file
 *   npm run mutate -- slack --tests test/slack/http.test.ts   fewer tests: a quick lower bound
 *   npm run mutate -- slack --concurrency 2   two test processes (stryker.config.mjs keeps one: shared machines)
 *
 * src/slack and src/store are also exercised by the tests that start amiport as its own process
 * (the hostile suite, replicas): those run under test/helpers/main-process.ts, which starts the
 * sandbox's mutated src/main.ts with the active mutant, so they need every test file in the run,
 * not only the files that import the mutated one (vitest's "related" mode).
 */
import { performance } from "node:perf_hooks";
import type { MutantResult, PartialStrykerOptions } from "@stryker-mutator/api/core";
import { Stryker } from "@stryker-mutator/core";

const FOLDERS = ["core", "slack", "store"] as const;
type Folder = (typeof FOLDERS)[number];

/** The tests that start amiport as a process count only when every listed test file runs, not only those importing the mutant's file. */
const SPAWNING_RUN: PartialStrykerOptions = { vitest: { configFile: "vitest.stryker.config.ts", related: false } };

/**
 * The tests each folder is measured with; everything else is stryker.config.mjs. Fewer tests can
 * only lower a score. src/store's own tests run against PostgreSQL; the slack tests use the store
 * too, but every one of them would then run for each store mutant (minutes each).
 */
const FOLDER_OPTIONS: Record<Folder, PartialStrykerOptions> = {
  // (the refresh script's and the AWS reader's tests drive src/core's page refresh and reachability checks)
  core: { testFiles: ["test/core/**/*.test.ts", "test/scripts/data-refresh.test.ts", "test/aws/reader.test.ts"] },
  slack: { ...SPAWNING_RUN, testFiles: ["test/slack/**/*.test.ts"] },
  store: { ...SPAWNING_RUN, testFiles: ["test/store/**/*.test.ts"] },
};

interface FolderScore {
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  /** CompileError, RuntimeError and Ignored: not part of the score, as in Stryker's own report. */
  excluded: number;
  /** detected (killed + timeout) over valid (detected + survived + no coverage), in percent */
  score: number;
}

function scoreOf(results: readonly Pick<MutantResult, "status">[]): FolderScore {
  const count = (status: MutantResult["status"]) => results.filter((r) => r.status === status).length;
  const killed = count("Killed");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const timeout = count("Timeout");
  const valid = killed + timeout + survived + noCoverage;
  return {
    mutants: results.length,
    killed,
    survived,
    noCoverage,
    timeout,
    excluded: results.length - valid,
    score: valid === 0 ? Number.NaN : (100 * (killed + timeout)) / valid,
  };
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}

interface Args {
  folders: Folder[];
  mutate?: string[];
  /** Narrower test files (a lower bound of the score, for a quick look). */
  tests?: string[];
  /** Test processes at once; stryker.config.mjs's one when not given. */
  concurrency?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const folders: Folder[] = [];
  let mutate: string[] | undefined;
  let tests: string[] | undefined;
  let concurrency: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--concurrency") {
      concurrency = Number(argv[++i]);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8)
        throw new Error("--concurrency takes a whole number of test processes from 1 to 8");
      continue;
    }
    if (arg === "--mutate" && argv[i + 1] !== undefined) mutate = [...(mutate ?? []), argv[++i] as string];
    else if (arg === "--tests" && argv[i + 1] !== undefined) tests = [...(tests ?? []), argv[++i] as string];
    else if ((FOLDERS as readonly string[]).includes(arg)) folders.push(arg as Folder);
    else
      throw new Error(
        `unknown argument ${JSON.stringify(arg)}: give folders (${FOLDERS.join(", ")}) and optionally --mutate <glob>`,
      );
  }
  if ((mutate ?? tests) !== undefined && folders.length !== 1)
    throw new Error("--mutate and --tests narrow one folder: name exactly one");
  return { folders: folders.length > 0 ? folders : [...FOLDERS], mutate, tests, concurrency };
}

async function mutateFolder(folder: Folder, { mutate, tests, concurrency }: Args): Promise<{ score: FolderScore; ms: number }> {
  const started = performance.now();
  const results = await new Stryker({
    ...FOLDER_OPTIONS[folder],
    ...(tests ? { testFiles: tests } : {}),
    ...(concurrency ? { concurrency } : {}),
    // A static mutant (in code run at import, e.g. a module's constants) is run against every test
    // of the folder's run (minutes each on 2 cores): too slow for the 60 minutes. Stryker reports them
    // as ignored, outside the score; the printed line counts them.
    ignoreStatic: true,
    mutate: mutate ?? [`src/${folder}/**/*.ts`],
    incrementalFile: `mutation/${folder}.incremental.json`,
    htmlReporter: { fileName: `reports/mutation/${folder}.html` },
    jsonReporter: { fileName: `reports/mutation/${folder}.json` },
  }).runMutationTest();
  return { score: scoreOf(results), ms: performance.now() - started };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`mutate: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const lines: string[] = [];
  const scores: string[] = [];
  for (const folder of args.folders) {
    const { score: s, ms } = await mutateFolder(folder, args);
    const line =
      `src/${folder}${args.mutate ? ` (${args.mutate.join(", ")})` : ""}${args.tests ? ` [tests: ${args.tests.join(", ")}]` : ""}: ${s.mutants} mutants, ${s.killed} killed, ` +
      `${s.survived} survived, ${s.noCoverage} no coverage, ${s.timeout} timeout` +
      `${s.excluded ? `, ${s.excluded} not counted (static: ignored; errors)` : ""}; score ${s.score.toFixed(2)}%; ${minutes(ms)}`;
    lines.push(line);
    scores.push(`${folder} ${s.score.toFixed(2)}%`);
    // printed at once too, so a long run shows each folder as it ends
    process.stdout.write(`\n${line}\n`);
  }
  process.stdout.write(
    `\n${lines.join("\n")}\nmutation scores: ${scores.join(", ")}; total ${minutes(performance.now() - started)}\n`,
  );
}

await main();
