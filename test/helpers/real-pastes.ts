/**
 * The corpus of real pasted text (test/fixtures/real-pastes/*.json): loading it, reading each text
 * through the real search path, and scoring what was read against the labels an engineer gave it.
 * Used by the corpus test and by `npm run bench`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type RuleBook, searchRules } from "../../src/core/index.js";
import { MAX_PASTED_RANGE } from "../../src/core/paste.js";

export const REAL_PASTES_DIR = fileURLToPath(new URL("../fixtures/real-pastes/", import.meta.url));
const KNOWN_MISSES_FILE = "known-misses.json";

const portNumber = z.number().int().min(1).max(65_535);
const protocol = z.enum(["TCP", "UDP"]);

const labelPort = z.strictObject({ port: portNumber, protocol: protocol.optional() });

const pasteCase = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "kebab-case"),
  kind: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "kebab-case"),
  source: z.url(),
  split: z.enum(["dev", "held-out"]),
  text: z.string().min(1),
  ports: z.array(labelPort),
  notPorts: z.array(portNumber),
  note: z.string().optional(),
});

const corpusFile = z.strictObject({ description: z.string().min(1), cases: z.array(pasteCase).min(1) });

const knownMisses = z.array(z.strictObject({ id: z.string().min(1), why: z.string().min(1) }));

export type PasteCase = z.infer<typeof pasteCase>;
export type LabelPort = z.infer<typeof labelPort>;
export type KnownMiss = z.infer<typeof knownMisses>[number];

/** A port amiport read from a text; no protocol where it did not say one. */
export interface ReadPort {
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
}

/** Every case of every corpus file; throws on a malformed case or an id used twice. */
export function loadRealPastes(dir: string = REAL_PASTES_DIR): PasteCase[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json") && name !== KNOWN_MISSES_FILE)
    .sort();
  if (files.length === 0) throw new Error(`no corpus files in ${dir}`);
  const cases: PasteCase[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const parsed = corpusFile.safeParse(JSON.parse(readFileSync(join(dir, name), "utf8")));
    if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
    for (const c of parsed.data.cases) {
      const earlier = seen.get(c.id);
      if (earlier !== undefined) throw new Error(`${name}: case id "${c.id}" is also used in ${earlier}`);
      seen.set(c.id, name);
      const labelled = new Set(c.ports.map((p) => p.port));
      const both = c.notPorts.filter((n) => labelled.has(n));
      if (both.length > 0) throw new Error(`${name}: case "${c.id}" lists ${both.join(", ")} as a port and as not a port`);
      cases.push(c);
    }
  }
  return cases;
}

/** The cases the corpus test lets fail for now, each with the reason. */
export function loadKnownMisses(dir: string = REAL_PASTES_DIR): KnownMiss[] {
  const parsed = knownMisses.safeParse(JSON.parse(readFileSync(join(dir, KNOWN_MISSES_FILE), "utf8")));
  if (!parsed.success) throw new Error(`${KNOWN_MISSES_FILE}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The ports amiport's answer to `text` is about: the ports it found in pasted text when it found
 * any, else the ports it understood from the question: single ports, and each port of a range
 * as short as the paste reader reads port by port (`1337-1339`; longer ranges are left out).
 */
export function readPorts(book: RuleBook, text: string): ReadPort[] {
  const answer = searchRules(book, text);
  if (answer.found.length > 0) {
    return answer.found.map((f) => (f.protocol === undefined ? { port: f.port } : { port: f.port, protocol: f.protocol }));
  }
  return answer.understood.ports.flatMap((p) => {
    const [from, to = from] = p.split("-").map(Number) as [number, number?];
    if (!Number.isInteger(from) || !Number.isInteger(to) || to < from || to - from >= MAX_PASTED_RANGE) return [];
    return Array.from({ length: to - from + 1 }, (_, k) => ({ port: from + k }));
  });
}

export interface CaseScore {
  readonly id: string;
  readonly kind: string;
  readonly split: PasteCase["split"];
  readonly labelPorts: number;
  readonly matchedPorts: number;
  readonly missed: readonly LabelPort[];
  /** Numbers the label says are not ports that amiport read as ports. */
  readonly nonPortsRead: readonly number[];
  /** Every label port read and no non-port read. */
  readonly exact: boolean;
}

function protocolsAgree(a: ReadPort | LabelPort, b: ReadPort | LabelPort): boolean {
  return a.protocol === undefined || b.protocol === undefined || a.protocol === b.protocol;
}

export function scoreCase(c: PasteCase, read: readonly ReadPort[]): CaseScore {
  const missed = c.ports.filter((label) => !read.some((r) => r.port === label.port && protocolsAgree(r, label)));
  const labelled = new Set(c.ports.map((p) => p.port));
  const notPorts = new Set(c.notPorts);
  const nonPortsRead = [...new Set(read.map((r) => r.port))].filter((n) => notPorts.has(n) && !labelled.has(n));
  return {
    id: c.id,
    kind: c.kind,
    split: c.split,
    labelPorts: c.ports.length,
    matchedPorts: c.ports.length - missed.length,
    missed,
    nonPortsRead,
    exact: missed.length === 0 && nonPortsRead.length === 0,
  };
}

export interface Score {
  readonly cases: number;
  readonly exact: number;
  readonly exactShare: number;
  /** Label ports read, over all label ports. */
  readonly portRecall: number;
  /** Share of cases with no non-port read as a port. */
  readonly cleanShare: number;
}

export interface CorpusScore extends Score {
  readonly byKind: Readonly<Record<string, Score>>;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function summarizeScores(scores: readonly CaseScore[]): Score {
  const exact = scores.filter((s) => s.exact).length;
  const labelPorts = scores.reduce((sum, s) => sum + s.labelPorts, 0);
  const matched = scores.reduce((sum, s) => sum + s.matchedPorts, 0);
  const clean = scores.filter((s) => s.nonPortsRead.length === 0).length;
  return {
    cases: scores.length,
    exact,
    exactShare: share(exact, scores.length),
    portRecall: share(matched, labelPorts),
    cleanShare: share(clean, scores.length),
  };
}

export function scoreCorpus(scores: readonly CaseScore[]): CorpusScore {
  const kinds = new Map<string, CaseScore[]>();
  for (const s of scores) kinds.set(s.kind, [...(kinds.get(s.kind) ?? []), s]);
  const byKind: Record<string, Score> = {};
  for (const [kind, ofKind] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) byKind[kind] = summarizeScores(ofKind);
  return { ...summarizeScores(scores), byKind };
}

/** Reads and scores every case: the one path the test and the bench share. */
export function scoreCases(book: RuleBook, cases: readonly PasteCase[]): CaseScore[] {
  return cases.map((c) => scoreCase(c, readPorts(book, c.text)));
}

/** `exact 61.0% (47/77), port recall 83.2%, clean 93.5%` */
export function formatScore(score: Score): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `exact ${pct(score.exactShare)} (${score.exact}/${score.cases}), port recall ${pct(score.portRecall)}, clean ${pct(score.cleanShare)}`;
}
