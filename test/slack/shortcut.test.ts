/** The "Look up ports" message shortcut, through the real Bolt app over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PORT_IN_MESSAGE } from "../../src/render/blocks.js";
import { LOOKUP_PORTS } from "../../src/slack/listeners/shortcuts/index.js";
import { messageText } from "../../src/slack/message-text.js";
import { messageShortcutBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "shortcut-test-signing-secret";
let app: TestApp;
let seq = 0;

beforeAll(async () => {
  app = await startTestApp({ secret: SECRET, botToken: "xoxb-4-4-shortcuttoken" });
});

afterAll(async () => {
  await app?.stop();
});

/** Clicks the shortcut on `message`; resolves with the acknowledgement and the reply to response_url. */
async function click(message: Record<string, unknown>) {
  const id = `shortcut-${++seq}`;
  const res = await app.post(
    messageShortcutBody(LOOKUP_PORTS, message, app.slack.responseUrl(id)),
    "application/x-www-form-urlencoded",
  );
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("");
  const [reply] = await app.slack.waitFor(`/respond/${id}`);
  return reply?.body as Record<string, any>;
}

describe("the Look up ports shortcut", () => {
  it("answers only the person who clicked, from the message's text", async () => {
    const reply = await click({ text: "RDP to the bastion on port 3389 keeps dropping", user: "U0OTHER" });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.replace_original).toBe(false);
    expect(reply.text).toMatch(/^Remote Desktop/);
    // nothing was posted where everyone sees it
    expect(app.slack.callsTo("/api/chat.postMessage")).toEqual([]);
  });

  it("reads an alert whose words are only in its attachments and blocks", async () => {
    const reply = await click({
      text: "",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*CloudWatch alarm* WinRM check failed" } }],
      attachments: [{ color: "danger", fallback: "alarm", fields: [{ title: "Port", value: "5985" }] }],
    });
    expect(reply.text).toMatch(/^Windows Remote Management \(HTTP-In\)/);
  });

  it("says so when the message names no port and nothing amiport knows, and never answers with help", async () => {
    const reply = await click({ text: "lunch is here" });
    expect(reply.text).not.toMatch(/amiport help/);
    expect(JSON.stringify(reply.blocks)).toContain(NO_PORT_IN_MESSAGE);
    expect(JSON.stringify(reply.blocks)).not.toContain('"type":"header"');
    const empty = await click({ text: "" });
    expect(JSON.stringify(empty.blocks)).toContain(NO_PORT_IN_MESSAGE);
  });

  it("answers each port of a pasted alert, and says what it found", async () => {
    const reply = await click({
      text: "",
      attachments: [
        {
          fallback: "Test-NetConnection failed",
          text: "ComputerName : 10.0.1.25\nRemotePort : 5986\nTcpTestSucceeded : False\nalso tried 10.0.1.25:3389",
        },
      ],
    });
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("Found in the message:");
    expect(shown).toContain("5986");
    expect(shown).toContain("3389");
    expect(shown).not.toContain(NO_PORT_IN_MESSAGE);
  });
});

describe("messageText", () => {
  it("reads text, blocks and attachments in order, and skips ids and urls", () => {
    const text = messageText({
      text: "first",
      blocks: [
        {
          type: "rich_text",
          block_id: "b1",
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "second" }] }],
        },
      ],
      attachments: [{ pretext: "third", title_link: "https://x.example", fields: [{ title: "Port", value: "3389" }] }],
    });
    expect(text).toBe("first\nsecond\nthird\nPort\n3389");
  });

  it("reads links by their label and skips buttons and selects: their values are for apps, not people", () => {
    const text = messageText({
      text: "see <https://runbook.example/winrm|the runbook> &amp; retry",
      blocks: [
        {
          type: "actions",
          elements: [{ type: "button", action_id: "deploy", text: { type: "plain_text", text: "Deploy" }, value: "port 8080" }],
        },
        {
          type: "section",
          text: { type: "mrkdwn", text: "TCP 5985" },
          accessory: { type: "button", action_id: "x", value: "3389" },
        },
      ],
    });
    expect(text).toBe("see the runbook & retry\nTCP 5985");
  });

  it("stays bounded on a message nested deep or with a huge number of parts", () => {
    let deep: Record<string, unknown> = { text: "bottom" };
    for (let i = 0; i < 100_000; i++) deep = { elements: [deep] };
    expect(messageText(deep).length).toBeLessThanOrEqual(40_000);
    const wide = { blocks: Array.from({ length: 100_000 }, () => ({ text: "x".repeat(10) })) };
    expect(messageText(wide).length).toBeLessThanOrEqual(40_000);
  });
});
