/**
 * Small talk is not a question: a rule reached only through one common English word, while the
 * rest of the message matches nothing, is a chance match. The cases are read as an engineer would:
 * none of these messages asks about a firewall rule.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_WORDS_PATH, computeCommonWords } from "../../scripts/common-words.js";
import { searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

/** Index words of rule names and tags that are common English words (`sharing`, `remote`, `file`). */
const commonRuleWords = [
  ...new Set(
    book.rules.flatMap((r) =>
      [r.rule, ...r.tags].flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => book.commonWords.has(w)),
    ),
  ),
]
  // words read as words, not as filters (`in`, `out`) or filler
  .filter((w) => {
    const { understood } = searchRules(book, `lol ${w} yesterday`);
    const filters = understood.directions.length + understood.protocols.length + understood.versions.length;
    return filters === 0 && understood.words.some((u) => u.typed === w && u.as.length > 0);
  });

/** Small talk around the word: words no rule mentions (checked below). */
const chatter = ["thanks for the", "lol", "it got released", "great job on", "see you after lunch", "my cat likes"];

describe("chance matches through a common word", () => {
  it.each([
    "Thanks for sharing the info!",
    "When Slack was released?",
    "Thanks for sharing!",
    "hi, remote?",
    "the file is on my desk",
  ])("%j gets no rule", (text) => {
    const answer = searchRules(book, text);
    expect(answer.total).toBe(0);
    expect(answer.notices.map((n) => n.kind)).toContain("no-match");
  });

  it("has common words to test with", () => {
    expect(commonRuleWords).toEqual(expect.arrayContaining(["sharing", "remote", "file"]));
  });

  it("a common word among words that match nothing never brings rules", () => {
    for (const talk of chatter) expect(searchRules(book, `${talk} yesterday`).total).toBe(0);
    fc.assert(
      fc.property(fc.constantFrom(...commonRuleWords), fc.constantFrom(...chatter), (word, talk) => {
        expect(searchRules(book, `${talk} ${word} yesterday`).total).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("a common word asked alone, or with another word of the same rule, still answers", () => {
    fc.assert(
      fc.property(fc.constantFrom(...commonRuleWords), (word) => {
        expect(searchRules(book, word).total).toBeGreaterThan(0);
      }),
    );
    expect(searchRules(book, "remote desktop keeps dropping").results[0]?.rule.rule).toMatch(/^Remote Desktop/);
    expect(searchRules(book, "file and printer sharing").total).toBeGreaterThan(0);
  });

  it("a port or a filter makes it a question, whatever else the message says", () => {
    expect(searchRules(book, "thanks, file sharing on 2012?").total).toBeGreaterThan(0);
    expect(searchRules(book, "thanks for sharing, what about 445").results[0]?.rule.rule).toMatch(/SMB/);
  });

  it("a word that is no common word keeps its rules beside words that match nothing", () => {
    expect(searchRules(book, "telemetry keeps failing").results[0]?.rule.rule).toBe("Connected User Experiences and Telemetry");
    expect(searchRules(book, "thanks, winrm is flaky today").results[0]?.rule.rule).toMatch(/^Windows Remote Management/);
  });

  it("data/common-words.json is what scripts/common-words.ts writes", () => {
    expect(JSON.parse(readFileSync(COMMON_WORDS_PATH, "utf8"))).toEqual(computeCommonWords());
  });
});
