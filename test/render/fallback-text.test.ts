/**
 * Every message's fallback `text` is escaped as its blocks are, and every mrkdwn text is
 * `verbatim`, so words a person typed (`@channel`) are shown, never acted on (issue 14, defect 6).
 */
import { describe, expect, it } from "vitest";
import { renderCommandsMessage, renderHelpMessage } from "../../src/render/blocks.js";
import { composeReply } from "../../src/slack/compose.js";
import { book } from "../helpers/book.js";

type Json = any;

/** `&`, `<` and `>` only as Slack's escapes: none of them raw. */
function expectEscaped(text: string) {
  expect(text.replace(/&(amp|lt|gt);/g, "")).not.toMatch(/[&<>]/);
}

function mrkdwnTexts(node: Json): Json[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (node && typeof node === "object") {
    return [...(node.type === "mrkdwn" ? [node] : []), ...Object.values(node).flatMap(mrkdwnTexts)];
  }
  return [];
}

const reply = (question: string, sharedBy?: string) =>
  composeReply(book, question, { offset: 0, shareable: !sharedBy, ...(sharedBy ? { sharedBy } : {}) }).message;

describe("fallback text", () => {
  // IANA's descriptions of these ports, read in its registry: "SNI R&D network", "Scan & Change"
  it.each([
    ["1222", "SNI R&amp;D network"],
    ["2719", "Scan &amp; Change"],
  ])("escapes IANA's `&` for port %s as the blocks do", (port, escaped) => {
    const message = reply(port);
    expect(message.text).toContain(escaped);
    expect(JSON.stringify(message.blocks)).toContain(escaped);
    expectEscaped(message.text);
  });

  it.each([
    "2026-11-27T01:02:03Z connect to port 1222 refused\n2026-11-27T01:02:04Z port 2719 & port 2776 <closed>",
    "2022 inbound R&D <b>",
    "diff 2016 2022",
    "diff 2016 2030",
    "zzqq & <script>",
    "rdp & smb",
  ])("is escaped for %j (answers, pasted text, port maps, comparisons, problems)", (question) => {
    expectEscaped(reply(question).text);
  });

  it("is escaped for the commands and help messages", () => {
    expectEscaped(renderCommandsMessage({ p: 1222, t: ["tcp"] }, book)?.text ?? "");
    expectEscaped(renderHelpMessage("/amiport&<x>").text);
  });
});

describe("mrkdwn text", () => {
  it.each([
    "rdp @channel",
    "2022 inbound @here",
    "diff 2016 2022",
    "2026-11-27T01:02:03Z @channel connect to port 1222 refused\n2026-11-27T01:02:04Z port 3389",
  ])("is verbatim everywhere in the answer to %j, shared or not", (question) => {
    for (const message of [reply(question), reply(question, "U0SHARER")]) {
      const texts = mrkdwnTexts(message.blocks);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text.verbatim, text.text).toBe(true);
    }
  });

  it("shows a typed @channel as the person's words, in a verbatim text", () => {
    const shared = mrkdwnTexts(reply("rdp @channel", "U0SHARER").blocks).find((t: Json) => t.text.includes("@channel"));
    expect(shared?.text).toContain("Shared by <@U0SHARER>: “rdp @channel”");
    expect(shared?.verbatim).toBe(true);
  });
});
