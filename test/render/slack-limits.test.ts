/** The render-time guard: a message Slack would refuse is never handed to Slack. */
import { describe, expect, it } from "vitest";
import { parseQuery, searchRules } from "../../src/core/index.js";
import { decodeButtonState, encodeButtonState, renderAnswerMessage } from "../../src/render/blocks.js";
import { SlackLimitError, withinSlackLimits } from "../../src/render/slack-limits.js";
import { expectValidMessage, SLACK } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";

const section = (text: string) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text } });
const button = (value: string) => ({
  type: "actions" as const,
  elements: [{ type: "button" as const, action_id: "a", text: { type: "plain_text" as const, text: "Go" }, value }],
});

describe("withinSlackLimits", () => {
  it("passes a message within every limit, at each limit exactly", () => {
    const message = {
      text: "t".repeat(SLACK.fallbackText),
      blocks: [section("s".repeat(SLACK.sectionText)), button("v".repeat(SLACK.buttonValue))],
    };
    expect(withinSlackLimits(message)).toBe(message);
  });

  it.each([
    ["a button's value", { text: "t", blocks: [button("v".repeat(SLACK.buttonValue + 1))] }],
    ["a section's text", { text: "t", blocks: [section("s".repeat(SLACK.sectionText + 1))] }],
    ["the fallback text", { text: "t".repeat(SLACK.fallbackText + 1), blocks: [section("s")] }],
    ["the fallback text is empty", { text: " ", blocks: [section("s")] }],
    ["the block count", { text: "t", blocks: Array.from({ length: SLACK.messageBlocks + 1 }, () => section("s")) }],
  ])("refuses a message whose %s is over Slack's limit", (what, message) => {
    expect(() => withinSlackLimits(message as never)).toThrow(SlackLimitError);
    expect(() => withinSlackLimits(message as never)).toThrow(what);
  });
});

describe("encodeButtonState", () => {
  it("bounds any question, quotes and control characters included, and cuts it at a word", () => {
    for (const word of ["alert ", '"quoted" ', "\u0001\u0002 ", "\\back "]) {
      const q = word.repeat(10_000);
      const value = encodeButtonState({ q, o: 10 });
      expect(value.length).toBeLessThanOrEqual(SLACK.buttonValue);
      const state = decodeButtonState(value);
      expect(state?.o).toBe(10);
      expect(q.startsWith(state?.q ?? "x")).toBe(true);
      expect(state?.q.length).toBeGreaterThan(SLACK.buttonValue / 8);
      expect(word.trim().length === 0 || state?.q.endsWith(word.trim())).toBe(true);
    }
  });
});

describe("renderAnswerMessage", () => {
  it("answers a 40,000-character paste naming no port within Slack's limits", () => {
    const alert = Array.from(
      { length: 500 },
      (_, i) =>
        `2026-11-27T01:02:${String(i % 60).padStart(2, "0")}Z file and printer sharing failing on the windows fleet; core networking degraded`,
    ).join("\n");
    const answer = searchRules(book, parseQuery(book, alert.slice(0, 40_000)), { offset: 0, limit: 10 });
    expect(answer.total).toBeGreaterThan(10);
    expectValidMessage(renderAnswerMessage(answer, book, { offset: 0, shareable: true }) as never);
  });
});
