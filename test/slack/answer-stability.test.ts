/**
 * What is worked out once and kept (per book, per rule, per set of rules, per typed word) must
 * never change an answer: the same question gets the same message whatever was asked before it,
 * on a book whose caches are cold or warm.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRuleBook, type PortRange, type RuleBook } from "../../src/core/index.js";
import { buildPortIndex } from "../../src/core/port-index.js";
import { composeReply } from "../../src/slack/compose.js";
import { QUALITY_CASES } from "../core/answer-quality.cases.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";
import { QUESTION_FRAGMENTS } from "../helpers/question-fragments.js";

/** Every fragment alone and beside every other, the quality cases, and every filter-only question. */
function questions(): string[] {
  // each fragment beside every seventh other: all kinds of pairs, in a test that stays quick
  const pairs = QUESTION_FRAGMENTS.flatMap((a, i) =>
    QUESTION_FRAGMENTS.filter((_, j) => (i + j) % 7 === 0).map((b) => `${a} ${b}`),
  );
  const filters = ["tcp", "udp", "icmp", "igmp", "inbound", "outbound", "2012", "2016", "2019 udp", "2022 in"];
  const combinations = filters.flatMap((a) => filters.map((b) => `${a} ${b}`));
  return [...QUESTION_FRAGMENTS, ...pairs, ...QUALITY_CASES.map((c) => c.ask), ...combinations];
}

/** Each question's message; asked twice in a row, where the second answer comes from warm caches. */
function answers(rules: RuleBook, asked: readonly string[]): { byQuestion: Map<string, string>; changed: string[] } {
  const byQuestion = new Map<string, string>();
  const changed: string[] = [];
  for (const question of asked) {
    const json = JSON.stringify(composeReply(rules, question, { offset: 0, shareable: true }));
    if (JSON.stringify(composeReply(rules, question, { offset: 0, shareable: true })) !== json) changed.push(question);
    byQuestion.set(question, json);
  }
  return { byQuestion, changed };
}

describe("answers do not depend on what was asked before", () => {
  it("two fresh books asked in opposite orders give the same message to every question", () => {
    const asked = questions();
    const forward = answers(loadRuleBook(), asked);
    const backward = answers(loadRuleBook(), [...asked].reverse());
    expect(forward.byQuestion.size).toBeGreaterThan(700);
    expect(forward.changed).toEqual([]);
    expect(backward.changed).toEqual([]);
    const differ = [...forward.byQuestion].filter(([question, json]) => backward.byQuestion.get(question) !== json);
    expect(differ.map(([question]) => question)).toEqual([]);
    // the port maps (kept per set of rules) are among them
    expect([...forward.byQuestion.values()].filter((json) => json.includes("port map of")).length).toBeGreaterThan(50);
  }, 120_000);
});

describe("the port index", () => {
  const range = fc
    .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 300 }))
    .map(([from, width]): PortRange => ({ from, to: Math.min(65535, from + width) }));
  const index = buildPortIndex(book.rules);

  it("names exactly the rules some port cell of which overlaps an asked port, in the book's order", () => {
    const cellsOverlap = (rule: RuleBook["rules"][number], asked: readonly PortRange[]) =>
      [rule.local, rule.remote].some((cell) =>
        [...cell.ranges, ...(cell.keyword?.ranges ?? [])].some((r) => asked.some((q) => q.from <= r.to && r.from <= q.to)),
      );
    fc.assert(
      fc.property(fc.array(range, { maxLength: 20 }), (asked) => {
        const expected = book.rules.filter((rule) => cellsOverlap(rule, asked)).map((r) => r.id);
        expect(index.rulesNaming(asked).map((r) => r.id)).toEqual(expected);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("finds the rules of the well-known ports, and none for a port no rule names", () => {
    expect(index.rulesNaming([{ from: 5985, to: 5985 }]).length).toBeGreaterThan(0);
    expect(index.rulesNaming([{ from: 3389, to: 3389 }]).every((r) => /remote desktop/i.test(r.rule))).toBe(true);
    expect(index.rulesNaming([{ from: 5986, to: 5986 }])).toEqual([]);
  });
});
