import { describe, expect, it } from "vitest";
import { searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";
import { QUALITY_CASES } from "./answer-quality.cases.js";

describe("answer quality", () => {
  it("has enough realistic questions, each asking for something", () => {
    expect(QUALITY_CASES.length).toBeGreaterThanOrEqual(60);
    const known = new Set(book.rules.map((r) => r.id));
    for (const c of QUALITY_CASES) {
      expect(c.first ?? c.includes ?? c.excludes ?? c.nothing, c.ask).toBeDefined();
      if (!c.nothing) {
        expect(c.atMost, `${c.ask}: no upper bound`).toBeDefined();
        expect(c.atMost, c.ask).toBeGreaterThanOrEqual(new Set([...(c.first ?? []), ...(c.includes ?? [])]).size);
      }
      for (const id of [...(c.first ?? []), ...(c.includes ?? []), ...(c.excludes ?? [])]) {
        expect(known.has(id), `${c.ask}: ${id} is not a rule id`).toBe(true);
      }
    }
  });

  it.each(QUALITY_CASES.map((c) => [`${c.who}: ${JSON.stringify(c.ask)}`, c] as const))("%s", (_name, c) => {
    const answer = searchRules(book, c.ask);
    const ids = answer.results.map((r) => r.rule.id);
    if (c.nothing) {
      expect(ids).toEqual([]);
      expect(answer.notices.map((n) => n.kind)).toContain(c.nothing);
      return;
    }
    if (c.first) expect(new Set(ids.slice(0, c.first.length))).toEqual(new Set(c.first));
    for (const id of c.includes ?? []) expect(ids).toContain(id);
    for (const id of c.excludes ?? []) expect(ids).not.toContain(id);
    expect(ids.length).toBeLessThanOrEqual(c.atMost ?? Number.POSITIVE_INFINITY);
  });
});
