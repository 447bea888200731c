/** More of what searchRules tells a person: wide ranges, long input, small talk beside a filter, one port group per protocol. */
import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const texts = (q: string) => searchRules(book, q).notices.map((n) => n.text);

describe("nearest ports", () => {
  it("are single ports the data names, never the ports of a range of 21 or more", () => {
    // a new book object gets its own search index, built while this test runs
    const fresh = { ...book };
    expect(searchRules(fresh, "port 5030").notices.map((n) => n.text)).toEqual([
      "The nearest ports that rules use: 5353, 5355, 5985.",
    ]);
    // 5353 is 363 away from 4990, 5985 995 away, 3389 1601
    expect(searchRules(fresh, "port 4990").notices.map((n) => n.text)).toEqual([
      "The nearest ports that rules use: 5353, 5355, 5985.",
    ]);
  });

  it("a range longer than the unopened list is said to have no rule", () => {
    // eleven ports: the answer lists ten as unopened, so the notice cannot leave it unsaid
    expect(texts("30000-30010")).toEqual([
      "No rule on the AWS page uses ports 30000-30010. Ports near it in the data: 23554, 23555, 23556.",
    ]);
  });
});

describe("long or empty input", () => {
  it("input cut to nothing is told it was cut, not asked for a port", () => {
    const answer = searchRules(book, "-".repeat(MAX_QUERY_LENGTH + 100));
    expect(answer.notices.map((n) => n.kind)).toEqual(["truncated"]);
    expect(answer.total).toBe(0);
    expect(searchRules(book, "!!!").notices.map((n) => n.kind)).toEqual(["empty"]);
  });
});

describe("small talk beside a filter", () => {
  it.each([
    ["thanks for sharing inbound", "In"],
    ["thanks for sharing udp", "UDP"],
  ])("%j keeps the word: only the sharing rules", (q, filter) => {
    const answer = searchRules(book, q);
    expect(answer.total).toBeGreaterThan(0);
    for (const r of answer.results) {
      expect(r.rule.rule).toMatch(/Sharing/);
      expect([r.rule.direction, r.rule.protocol]).toContain(filter);
    }
  });
});

describe("summary", () => {
  it("quotes each word, with what a typo was read as", () => {
    expect(searchRules(book, "remote desktp").understood.summary).toBe("“remote” “desktp” (as desktop)");
  });
});

describe("each port of a paste, by protocol", () => {
  it("counts and answers a port by the protocol the paste gave it", () => {
    const answer = searchRules(book, "TCP 0.0.0.0:135 LISTENING\nTCP 0.0.0.0:3389 LISTENING\n");
    // TCP 3389 has two rules (UDP 3389 two more), TCP 135 four: fewer rules first
    expect(answer.byPort.map((g) => [g.port, g.protocol, g.results.length])).toEqual([
      [3389, "TCP", 2],
      [135, "TCP", 4],
    ]);
    for (const g of answer.byPort) expect(g.results.map((r) => r.rule.protocol)).toEqual(g.results.map(() => "TCP"));
  });
});
