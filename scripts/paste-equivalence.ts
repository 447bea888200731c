/**
 * Whether a change to the paste reader changed what it reads: reads many texts with another
 * build's `readPaste` and `looksPasted` and with this checkout's, and prints every text on which
 * they differ (found ports with their snippets, how and side; the numbers marked not ports). For
 * work that must not change a reading (speed), not for reader fixes, whose differences are the
 * point. Never uses the network.
 *
 *   git worktree add /tmp/before main && (cd /tmp/before && npm ci && npm run build)
 *   node --import tsx scripts/paste-equivalence.ts /tmp/before/dist
 *
 * The texts: every corpus case (test/fixtures/real-pastes), groups of five cases joined, windows
 * of three lines of each case, every quoted string of the core tests, and long adversarial runs.
 * Exit status: 0 the same reading everywhere, 1 differences (printed), 2 a usage error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { looksPasted as currentLooks, readPaste as currentRead, MAX_PASTE_LENGTH } from "../src/core/paste.js";
import { loadRealPastes } from "../test/helpers/real-pastes.js";

export type PasteReaderBuild = { readPaste: typeof currentRead; looksPasted: typeof currentLooks };

const TEST_DIR = fileURLToPath(new URL("../test/core/", import.meta.url));
const SHOWN = 10;

/** The texts both builds read. */
export function equivalenceTexts(): string[] {
  const cases = loadRealPastes();
  const all = cases.map((c) => c.text);
  for (let i = 0; i + 5 <= cases.length; i += 5)
    all.push(
      cases
        .slice(i, i + 5)
        .map((c) => c.text)
        .join("\n\n"),
    );
  for (const c of cases) {
    const lines = c.text.split("\n");
    if (lines.length > 3) for (let k = 0; k < lines.length; k += 2) all.push(lines.slice(k, k + 3).join("\n"));
  }
  // quoted strings of the core tests (the escapes they hold are kept as written: close enough to vary the input)
  for (const name of readdirSync(TEST_DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(TEST_DIR, name), "utf8");
    for (const match of source.matchAll(/(["'`])((?:\\.|(?!\1)[^\\\n]){3,400})\1/g)) all.push(match[2] as string);
  }
  const runs = ["1", "1:", "1.", "port ", "100 ", "1. a ", "5 to ", "http://", "a:", "[", "\n", "RemotePort : "];
  for (const run of runs) all.push(run.repeat(Math.ceil(MAX_PASTE_LENGTH / run.length)).slice(0, MAX_PASTE_LENGTH));
  return all;
}

/** How many of `texts` the two builds read differently, and the first few of them. */
export function compareReadings(
  before: PasteReaderBuild,
  now: PasteReaderBuild,
  texts: readonly string[],
): { differing: number; shown: { text: string; before: string; now: string }[] } {
  const shown: { text: string; before: string; now: string }[] = [];
  let differing = 0;
  for (const text of texts) {
    const [a, b] = [reading(before, text), reading(now, text)];
    if (a === b) continue;
    differing++;
    if (shown.length < SHOWN) shown.push({ text, before: a, now: b });
  }
  return { differing, shown };
}

function reading(reader: PasteReaderBuild, text: string): string {
  const { found, nonPorts } = reader.readPaste(text);
  return JSON.stringify({ found, nonPorts: [...nonPorts].sort((a, b) => a - b), pasted: reader.looksPasted(text) });
}

export async function runPasteEquivalence(argv: readonly string[]): Promise<number> {
  const dist = argv[0];
  if (dist === undefined || argv.length > 1) {
    process.stderr.write("usage: node --import tsx scripts/paste-equivalence.ts <another build's dist directory>\n");
    return 2;
  }
  let before: PasteReaderBuild;
  try {
    before = (await import(pathToFileURL(resolve(dist, "core/paste.js")).href)) as PasteReaderBuild;
  } catch (error) {
    process.stderr.write(`paste-equivalence: cannot load ${resolve(dist, "core/paste.js")}: ${(error as Error).message}\n`);
    return 2;
  }
  const now: PasteReaderBuild = { readPaste: currentRead, looksPasted: currentLooks };
  const texts = equivalenceTexts();
  const { differing, shown } = compareReadings(before, now, texts);
  for (const d of shown)
    process.stdout.write(
      `differs: ${JSON.stringify(d.text.slice(0, 200))}\n  before ${d.before.slice(0, 400)}\n  now    ${d.now.slice(0, 400)}\n`,
    );
  process.stdout.write(`${texts.length} texts read by both builds; ${differing} read differently\n`);
  return differing === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await runPasteEquivalence(process.argv.slice(2));
