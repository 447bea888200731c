/** The pure parts of the transport's defences: the answer cache's bounds (envelope checks: socket-envelopes.test.ts; Slack's markup: message-text.test.ts). */
import { describe, expect, it } from "vitest";
import { AnswerCache, jsonLength } from "../../src/slack/answer.js";
import { composeReply } from "../../src/slack/compose.js";
import { book } from "../helpers/book.js";

describe("AnswerCache bounds", () => {
  const entry = (query: string, size = 10) => ({ message: { text: "x".repeat(size), blocks: [] }, total: 1, query });

  it("stays within its byte budget, dropping the least recently used first", () => {
    const cache = new AnswerCache(100, 10_000);
    cache.set("a", entry("a", 2000));
    cache.set("b", entry("b", 2000));
    expect(cache.get("a")?.query).toBe("a");
    cache.set("c", entry("c", 2000));
    expect(cache.size.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.query).toBe("a");
    expect(cache.get("c")?.query).toBe("c");
  });

  it("does not keep an entry larger than the whole budget", () => {
    const cache = new AnswerCache(100, 1_000);
    cache.set("big", entry("big", 5_000));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("sizes a message within a few percent of its JSON, without writing the JSON", () => {
    for (const question of ["5985", "rdp 2019", "2022 inbound", "telemtry", "kerberos", "diff 2016 2022", "<@U1> & <#C1>"]) {
      const { message } = composeReply(book, question, { offset: 0, shareable: true });
      const ratio = jsonLength(message) / JSON.stringify(message).length;
      expect(ratio, question).toBeGreaterThan(0.95);
      expect(ratio, question).toBeLessThan(1.05);
    }
    expect(jsonLength({ a: [1, "bc", null, true] })).toBe(JSON.stringify({ a: [1, "bc", null, true] }).length + 2);
  });

  it("counts a replaced entry once", () => {
    const cache = new AnswerCache(100, 100_000);
    cache.set("a", entry("a", 100));
    cache.set("a", entry("a", 100));
    const once = new AnswerCache(100, 100_000);
    once.set("a", entry("a", 100));
    expect(cache.size).toEqual(once.size);
    expect(once.size.entries).toBe(1);
  });
});
