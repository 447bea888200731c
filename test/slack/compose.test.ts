/**
 * composeReply (src/slack/compose.ts): which kind of answer a question gets, and what the request
 * log counts. Transport-free, so each path is one call; the HTTP tests cover the same replies sent.
 */
import { describe, expect, it } from "vitest";
import { diffVersions, parseQuery, readDiffQuestion } from "../../src/core/index.js";
import { composeReply } from "../../src/slack/compose.js";
import { book } from "../helpers/book.js";

const base = { offset: 0, shareable: true };
const total = (question: string, options = {}) => composeReply(book, question, { ...base, ...options }).total;

describe("composeReply", () => {
  it("a comparison counts every difference: added, removed and changed", () => {
    const comparison = readDiffQuestion(book, parseQuery(book, "diff 2022 2016"));
    if (!comparison?.ok) throw new Error("diff 2022 2016 should read as a comparison");
    const diff = diffVersions(book, comparison.from, comparison.to, comparison.filter);
    // (the test needs both removed and changed rules to tell a sum from a difference)
    expect(diff.removed.length).toBeGreaterThan(0);
    expect(diff.changed.length).toBeGreaterThan(0);
    expect(total("diff 2022 2016")).toBe(diff.added.length + diff.removed.length + diff.changed.length);
  });

  it("a question of filters alone with no rule gets the card answer's 'nothing found', not an empty map", () => {
    const empty = composeReply(book, "outbound icmpv6 on 2008", base);
    expect(empty.total).toBe(0);
    expect(empty.message).toEqual(composeReply(book, "outbound icmpv6 on 2008", { ...base, cards: true }).message);
    // with rules, the same kind of question is a port map, which differs from the cards
    const map = composeReply(book, "inbound udp on 2019", base);
    expect(map.total).toBeGreaterThan(0);
    expect(map.message).not.toEqual(composeReply(book, "inbound udp on 2019", { ...base, cards: true }).message);
  });

  it("a port map carries who shared it and a share button only where it may be shared", () => {
    const shared = JSON.stringify(composeReply(book, "udp", { ...base, sharedBy: "U0SHARER" }).message);
    expect(shared).toContain("U0SHARER");
    const shareable = JSON.stringify(composeReply(book, "udp", base).message);
    const private_ = JSON.stringify(composeReply(book, "udp", { ...base, shareable: false }).message);
    expect(shareable).not.toBe(private_);
  });

  it("a whole message's versions do not narrow the ports it names; a question's do", () => {
    const everywhere = total("5985");
    const on2016 = total("5985 on 2016");
    expect(on2016).toBeLessThan(everywhere);
    expect(total("5985 on 2016", { fromMessage: true })).toBe(everywhere);
    // a message naming versions but no port keeps them (nothing else would narrow it)
    expect(total("inbound udp on 2019", { fromMessage: true })).toBeLessThan(total("inbound udp", { fromMessage: true }));
  });
});
