/**
 * Real text people pasted in public threads (test/fixtures/real-pastes), read through the real
 * search path and held to the ports an engineer labelled before running amiport on it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { book } from "../helpers/book.js";
import {
  type CaseScore,
  loadKnownMisses,
  loadRealPastes,
  type PasteCase,
  readPorts,
  scoreCase,
  scoreCases,
  scoreCorpus,
} from "../helpers/real-pastes.js";

const cases = loadRealPastes();
const knownMisses = loadKnownMisses();
const missIds = new Set(knownMisses.map((m) => m.id));

function describeMiss(c: PasteCase, score: CaseScore): string {
  const read = readPorts(book, c.text)
    .map((r) => (r.protocol ? `${r.port}/${r.protocol}` : String(r.port)))
    .join(", ");
  const expected = c.ports.map((p) => (p.protocol ? `${p.port}/${p.protocol}` : String(p.port))).join(", ");
  const lines = [`${c.id} (${c.source})`, `  expected ports: ${expected || "none"}`, `  read: ${read || "none"}`];
  if (score.missed.length > 0) lines.push(`  missed: ${score.missed.map((p) => p.port).join(", ")}`);
  if (score.nonPortsRead.length > 0) lines.push(`  read as ports but are not: ${score.nonPortsRead.join(", ")}`);
  return lines.join("\n");
}

/**
 * The held-out split measures whether the reader generalises: its texts are not read while the
 * reader is tuned, so its cases are held to a floor as a whole (a regression guard), not one by one.
 */
const HELD_OUT_FLOOR = { exactShare: 0.9, portRecall: 0.92, cleanShare: 0.97 };

describe("real pastes: each dev case not listed as a known miss is read exactly", () => {
  it.each(cases.filter((c) => c.split === "dev" && !missIds.has(c.id)).map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const score = scoreCase(c, readPorts(book, c.text));
    expect(score.exact, describeMiss(c, score)).toBe(true);
  });
});

/**
 * A split's score, computed on first use inside a test, never while tests are collected: StrykerJS
 * turns a mutant on only when the tests start, so a score computed in a describe body would read
 * every mutant as the original code (and would be paid on each run of the file, even by runs that
 * select one other test).
 */
function splitScore(split: PasteCase["split"]): () => ReturnType<typeof scoreCorpus> {
  let score: ReturnType<typeof scoreCorpus> | undefined;
  return () => {
    score ??= scoreCorpus(
      scoreCases(
        book,
        cases.filter((c) => c.split === split),
      ),
    );
    return score;
  };
}

describe("real pastes: the dev split as a whole", () => {
  const dev = splitScore("dev");

  it("has cases in both splits", () => {
    expect(dev().cases).toBeGreaterThan(0);
    expect(cases.some((c) => c.split === "held-out")).toBe(true);
  });

  it("reads at least 95% of cases exactly", () => {
    expect(dev().exactShare).toBeGreaterThanOrEqual(0.95);
  });

  it("reads at least 97% of the labelled ports", () => {
    expect(dev().portRecall).toBeGreaterThanOrEqual(0.97);
  });

  it("reads no non-port as a port in at least 98% of cases", () => {
    expect(dev().cleanShare).toBeGreaterThanOrEqual(0.98);
  });
});

describe("real pastes: the held-out split as a whole", () => {
  const heldOutScore = splitScore("held-out");
  it(`stays at or above its floor (${JSON.stringify(HELD_OUT_FLOOR)})`, () => {
    const heldOut = heldOutScore();
    expect(heldOut.exactShare).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.exactShare);
    expect(heldOut.portRecall).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.portRecall);
    expect(heldOut.cleanShare).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.cleanShare);
  });
});

describe("real pastes: known misses", () => {
  it("are dev cases: held-out cases are never looked at one by one", () => {
    const heldOut = new Set(cases.filter((c) => c.split === "held-out").map((c) => c.id));
    expect(knownMisses.filter((m) => heldOut.has(m.id)).map((m) => m.id)).toEqual([]);
  });

  it("name cases that exist, once each", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(knownMisses.filter((m) => !ids.has(m.id)).map((m) => m.id)).toEqual([]);
    expect(missIds.size).toBe(knownMisses.length);
  });

  it("still miss: a case read exactly now comes off the list", () => {
    const listed = cases.filter((c) => missIds.has(c.id));
    expect(
      scoreCases(book, listed)
        .filter((s) => s.exact)
        .map((s) => s.id),
    ).toEqual([]);
  });
});

describe("real pastes: the scorer", () => {
  const labelled = (ports: PasteCase["ports"], notPorts: number[]): PasteCase => ({
    id: "scorer-case",
    kind: "scorer",
    source: "https://example.com/thread",
    split: "dev",
    text: "not read here",
    ports,
    notPorts,
  });

  it("matches a port when the protocols agree or either side has none", () => {
    const c = labelled([{ port: 445, protocol: "TCP" }, { port: 3389 }], []);
    expect(scoreCase(c, [{ port: 445 }, { port: 3389, protocol: "UDP" }]).exact).toBe(true);
    const wrong = scoreCase(c, [{ port: 445, protocol: "UDP" }, { port: 3389 }]);
    expect(wrong.missed).toEqual([{ port: 445, protocol: "TCP" }]);
    expect(wrong.exact).toBe(false);
  });

  it("counts a read number as a non-port only when the label says so", () => {
    const c = labelled([{ port: 5985 }], [30, 401]);
    const score = scoreCase(c, [{ port: 5985 }, { port: 401 }, { port: 8080 }]);
    expect(score.nonPortsRead).toEqual([401]);
    expect(score.exact).toBe(false);
  });

  it("reads a question's single ports and each port of a short range, never of a long one", () => {
    expect(readPorts(book, "port forwarding for port 1337-1339 and 5985 does not work").map((p) => p.port)).toEqual(
      expect.arrayContaining([1337, 1338, 1339, 5985]),
    );
    expect(readPorts(book, "is 49152-65535 open for rpc").map((p) => p.port)).toEqual([]);
  });

  it("sums shares over cases and ports, and by kind", () => {
    const scores = [
      scoreCase({ ...labelled([{ port: 1 }, { port: 2 }], [9]), kind: "a" }, [{ port: 1 }, { port: 9 }]),
      scoreCase({ ...labelled([{ port: 3 }], []), kind: "b" }, [{ port: 3 }]),
    ];
    const total = scoreCorpus(scores);
    expect(total).toMatchObject({ cases: 2, exact: 1, exactShare: 0.5, cleanShare: 0.5 });
    expect(total.portRecall).toBeCloseTo(2 / 3);
    expect(Object.keys(total.byKind)).toEqual(["a", "b"]);
    expect(total.byKind.b).toMatchObject({ cases: 1, exact: 1, portRecall: 1 });
  });
});

describe("real pastes: the loader", () => {
  const withCorpus = (files: Record<string, unknown>, run: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "real-pastes-"));
    try {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
      run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const one = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind: "winrm",
    source: "https://example.com/t",
    split: "dev",
    text: "port=5985",
    ports: [{ port: 5985 }],
    notPorts: [],
    ...extra,
  });

  it("reads every corpus file and leaves known-misses.json out", () => {
    withCorpus(
      {
        "a.json": { description: "a", cases: [one("a-1")] },
        "b.json": { description: "b", cases: [one("b-1")] },
        "known-misses.json": [],
      },
      (dir) => expect(loadRealPastes(dir).map((c) => c.id)).toEqual(["a-1", "b-1"]),
    );
  });

  it.each([
    [
      "an id used in two files",
      { "a.json": { description: "a", cases: [one("same")] }, "b.json": { description: "b", cases: [one("same")] } },
      /also used/,
    ],
    ["a port above 65535", { "a.json": { description: "a", cases: [one("a-1", { ports: [{ port: 70000 }] })] } }, /65535/],
    [
      "a protocol that is not TCP or UDP",
      { "a.json": { description: "a", cases: [one("a-1", { ports: [{ port: 1, protocol: "tcp" }] })] } },
      /protocol/,
    ],
    ["a case without a source", { "a.json": { description: "a", cases: [one("a-1", { source: undefined })] } }, /source/],
    [
      "a number both a port and not one",
      { "a.json": { description: "a", cases: [one("a-1", { notPorts: [5985] })] } },
      /as a port and as not a port/,
    ],
  ])("fails loudly on %s", (_what, files, message) => {
    withCorpus(files, (dir) => expect(() => loadRealPastes(dir)).toThrow(message));
  });
});
