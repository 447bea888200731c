/**
 * Real text people pasted in public threads (test/fixtures/real-pastes), read through the real
 * search path and held to the ports an engineer labelled before running amiport on it.
 */
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

describe("real pastes: each case not listed as a known miss is read exactly", () => {
  it.each(cases.filter((c) => !missIds.has(c.id)).map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const score = scoreCase(c, readPorts(book, c.text));
    expect(score.exact, describeMiss(c, score)).toBe(true);
  });
});

describe("real pastes: the dev split as a whole", () => {
  const dev = scoreCorpus(
    scoreCases(
      book,
      cases.filter((c) => c.split === "dev"),
    ),
  );

  it("has cases in both splits", () => {
    expect(dev.cases).toBeGreaterThan(0);
    expect(cases.some((c) => c.split === "held-out")).toBe(true);
  });

  it("reads at least 95% of cases exactly", () => {
    expect(dev.exactShare).toBeGreaterThanOrEqual(0.95);
  });

  it("reads at least 97% of the labelled ports", () => {
    expect(dev.portRecall).toBeGreaterThanOrEqual(0.97);
  });

  it("reads no non-port as a port in at least 98% of cases", () => {
    expect(dev.cleanShare).toBeGreaterThanOrEqual(0.98);
  });
});

describe("real pastes: known misses", () => {
  it("name cases that exist, once each", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(knownMisses.filter((m) => !ids.has(m.id)).map((m) => m.id)).toEqual([]);
    expect(missIds.size).toBe(knownMisses.length);
  });
});
