import { describe, expect, it } from "vitest";
import { type Answer, loadRuleBook, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";
import { QUALITY_CASES, type QualityCase } from "./answer-quality.cases.js";

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
    expectGoodAnswer(c, searchRules(book, c.ask));
  });

  // The search indexes are built on first use and cached per book; this test builds its own, so a
  // fault in building them fails here whatever else ran first.
  it("gives the same good answers from a book loaded in this test", () => {
    const fresh = loadRuleBook();
    for (const c of QUALITY_CASES) expectGoodAnswer(c, searchRules(fresh, c.ask));
    expect(searchRules(fresh, "8080").notices[0]?.text).toBe("The nearest ports that rules use: 7680, 8554, 8555.");
  });
});

function expectGoodAnswer(c: QualityCase, answer: Answer) {
  const ids = answer.results.map((r) => r.rule.id);
  if (c.nothing) {
    expect(ids, c.ask).toEqual([]);
    expect(
      answer.notices.map((n) => n.kind),
      c.ask,
    ).toContain(c.nothing);
    return;
  }
  if (c.first) expect(new Set(ids.slice(0, c.first.length)), c.ask).toEqual(new Set(c.first));
  for (const id of c.includes ?? []) expect(ids, c.ask).toContain(id);
  for (const id of c.excludes ?? []) expect(ids, c.ask).not.toContain(id);
  expect(ids.length, c.ask).toBeLessThanOrEqual(c.atMost ?? Number.POSITIVE_INFINITY);
}
