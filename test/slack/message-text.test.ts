/** Text as Slack sends it, made into text as people wrote it (src/slack/message-text.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PASTE_LENGTH } from "../../src/core/index.js";
import { messageText, readSlackText } from "../../src/slack/message-text.js";

describe("readSlackText", () => {
  it("removes mentions, channels and broadcasts, reads links by their label, and decodes Slack's entities once", () => {
    expect(readSlackText("<@U123> rdp <#C1|incident> on <!here> 2019 <https://x.example|x> a&lt;b")).toBe(
      "  rdp   on   2019 x a<b",
    );
    expect(readSlackText("a &amp; b -&gt; c &amp;lt; <https://x.example/5985>")).toBe("a & b -> c &lt; https://x.example/5985");
  });

  it("reads no more than Slack's cap on a message", () => {
    expect(readSlackText("&amp;".repeat(100_000))).toBe("&".repeat(8_000));
  });

  it("reads exactly as the regular expressions it stands for, on any mix of markup characters", () => {
    const pieces = fc.constantFrom(
      "<",
      ">",
      "@",
      "#",
      "!",
      "|",
      "U1",
      " ",
      "rdp",
      "<@",
      "<#",
      "<!",
      "&amp;",
      "&lt;",
      "&gt;",
      "&",
    );
    const reference = (text: string) =>
      text
        .replace(/<([^>]*)>/g, (_, inner: string) =>
          /^[@#!]/.test(inner) ? " " : inner.includes("|") ? inner.slice(inner.indexOf("|") + 1) : inner,
        )
        .replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">" })[name] as string);
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(readSlackText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("messageText", () => {
  it("reads the message's text first, then its blocks' and attachments' text, each through readSlackText", () => {
    const message = {
      text: "alert &amp; <@U1> 5985",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "block <https://x.example|x>" } }],
      attachments: [
        {
          fallback: "fallback 3389",
          pretext: "pre",
          title: "title",
          fields: [{ title: "Port", value: "445" }],
          footer: "foot",
          author_name: "pager",
        },
      ],
    };
    expect(messageText(message)).toBe(
      ["alert &   5985", "block x", "fallback 3389", "pre", "title", "Port", "445", "foot", "pager"].join("\n"),
    );
  });

  it("skips what people do not read: ids, URLs, styles, and every interactive element's values", () => {
    const message = {
      text: "words",
      ts: "1700000000.000100",
      user: "U123",
      blocks: [
        { type: "image", image_url: "https://x.example/5986.png", alt_text: "graph of 5986" },
        {
          type: "actions",
          elements: [{ type: "button", action_id: "more", text: { type: "plain_text", text: "Show 5985" }, value: "5985" }],
        },
        { type: "context", block_id: "b1", elements: [{ type: "mrkdwn", text: "context" }] },
      ],
    };
    expect(messageText(message)).toBe("words\ngraph of 5986\ncontext");
  });

  it("leaves out text that is only spaces, and values that are not text", () => {
    expect(messageText({ text: "  ", attachments: [{ text: "a", value: 5985, title: null }], blocks: [null, 3, "x"] })).toBe(
      "a\nx",
    );
    expect(messageText(null)).toBe("");
    expect(messageText("bare")).toBe("bare");
  });

  it("stops at Slack's cap on a message, however many parts the message has", () => {
    const attachments = Array.from({ length: 50 }, (_, i) => ({ text: `${i} ${"x".repeat(1_000)}` }));
    const text = messageText({ attachments });
    expect(text.length).toBe(MAX_PASTE_LENGTH);
    expect(text.startsWith("0 x")).toBe(true);
    // parts after the cap are not read at all: the cap is reached within the first 40 of 50
    expect(text).not.toContain("\n45 ");
  });

  it("visits a bounded number of nodes: a message of a million empty objects is read in bounded time", () => {
    const blocks: unknown[] = Array.from({ length: 1_000_000 }, () => ({}));
    blocks.push({ text: "after a million nodes" });
    // the text sits after MAX_NODES nodes, so it is never reached
    expect(messageText({ text: "first", blocks })).toBe("first");
  });
});
