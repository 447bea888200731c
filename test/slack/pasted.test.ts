/** Pasted text through the real Bolt app over HTTP: a slash command, a mention and Share in channel. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, decodeButtonState, LIMITS } from "../../src/render/blocks.js";
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { expectValidMessage } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";
import {
  blockActionBody,
  eventBody,
  messageShortcutBody,
  postSigned,
  SlackStandIn,
  slashCommandBody,
} from "../helpers/slack-stand-in.js";

const SECRET = "test-signing-secret-pasted-0123456789";
const FORM = "application/x-www-form-urlencoded";

let slack: SlackStandIn;
let running: RunningApp;
let eventsUrl: string;
let seq = 0;

const LOG = [
  "2026-11-27T01:02:03.123Z ERROR i-0abc1234def567890 connect to 10.0.1.25:5986 refused",
  "2026-11-27T01:02:09.456Z WARN rdp session on port 3389 timed out; user logged in, fell over",
].join("\n");

beforeAll(async () => {
  slack = await new SlackStandIn().start();
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-111-222-pastedtestvalue",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: "error",
  });
  const logger = createLogger({ level: config.logLevel as never, secrets: secretsOf(config), sink: () => {} });
  running = await startSlackApp(config, book, logger);
  eventsUrl = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.stop();
});

async function command(text: string) {
  const body = slashCommandBody(text, slack.responseUrl(`pasted${++seq}`));
  const res = await postSigned(eventsUrl, body, FORM, { secret: SECRET });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

describe("pasted text in Slack", () => {
  it("a slash command with a pasted log answers each port it names, and says what it found", async () => {
    const reply = await command(LOG);
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain("Found in the message: 10.0.1.25:5986, port 3389");
    expect(shown).toContain("*Port 3389 · 4 rules · found as port 3389*");
    expect(shown).toContain("No default Windows Firewall rule on AWS Windows AMIs opens TCP 5986. IANA registers it as wsmans");
    expect(reply.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(reply.text).toMatch(/^3389: Remote Desktop - User Mode \(TCP-In\)/);
  });

  it("a mention with pasted text is answered in its thread with the Remote Desktop rules", async () => {
    const ts = "1700000000.900001";
    const event = { type: "app_mention", user: "U0ASKER", text: `<@UBOT0001> ${LOG}`, ts, channel: "C0PASTE", event_ts: ts };
    const res = await postSigned(eventsUrl, eventBody(`EvPaste${++seq}`, event), "application/json", { secret: SECRET });
    expect(res.status).toBe(200);
    const [post] = await slack.waitFor("/api/chat.postMessage");
    expect(post?.body.channel).toBe("C0PASTE");
    expect(post?.body.thread_ts).toBe(ts);
    expect(JSON.stringify(post?.body.blocks)).toContain("Remote Desktop - User Mode (TCP-In)");
  });

  it("Share in channel carries what was found, not the whole paste, and shares the same answer", async () => {
    const long = `${LOG}\n${"noise ".repeat(6000)}`;
    const reply = await command(long);
    const share = reply.blocks
      .find((b: { type: string }) => b.type === "actions")
      ?.elements.find((e: { action_id: string }) => e.action_id === ACTIONS.share);
    expect(share.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    expect(decodeButtonState(share.value)?.q).toBe("Found in the message: port 3389, 10.0.1.25:5986");
    const id = `pastedshare${++seq}`;
    await postSigned(eventsUrl, blockActionBody(ACTIONS.share, share.value, slack.responseUrl(id), true), FORM, {
      secret: SECRET,
    });
    const [shared] = await slack.waitFor(`/respond/${id}`);
    expect(shared?.body.response_type).toBe("in_channel");
    expect(JSON.stringify(shared?.body.blocks)).toContain("*Port 3389 · 4 rules · found as port 3389*");
  });

  // an alert as monitoring tools write it: many timestamped lines, words that match rules, no port
  const ALERT_WITHOUT_PORT = Array.from(
    { length: 400 },
    (_, i) =>
      `2026-11-27T01:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z CRITICAL file and printer sharing failing on the windows fleet; core networking degraded`,
  ).join("\n");

  it("a DM of a long alert naming no port gets a reply Slack accepts, whose buttons still work", async () => {
    expect(ALERT_WITHOUT_PORT.length).toBeGreaterThan(30_000);
    const refusedBefore = slack.refused.length;
    const before = slack.callsTo("/api/chat.postMessage").length;
    const ts = "1700000000.900777";
    const event = {
      type: "message",
      channel_type: "im",
      user: "U0ASKER",
      text: ALERT_WITHOUT_PORT,
      ts,
      channel: "D0LONG",
      event_ts: ts,
    };
    const res = await postSigned(eventsUrl, eventBody(`EvLong${++seq}`, event), "application/json", { secret: SECRET });
    expect(res.status).toBe(200);
    const posts = await slack.waitFor("/api/chat.postMessage", before + 1);
    const post = posts[before];
    expect(slack.refused.slice(refusedBefore)).toEqual([]);
    expectValidMessage(post?.body as never);
    expect(JSON.stringify(post?.body.blocks)).toContain("File and Printer Sharing");
    const more = post?.body.blocks
      .find((b: { type: string }) => b.type === "actions")
      ?.elements.find((e: { action_id: string }) => e.action_id === ACTIONS.more);
    const id = `pastedlongmore${++seq}`;
    await postSigned(eventsUrl, blockActionBody(ACTIONS.more, more.value, slack.responseUrl(id), false), FORM, {
      secret: SECRET,
    });
    const [next] = await slack.waitFor(`/respond/${id}`);
    expect(slack.refused.slice(refusedBefore)).toEqual([]);
    expect(JSON.stringify(next?.body.blocks)).toMatch(/rules 11–\d+ of \d+/);
  });

  it("Look up ports on a long alert naming no port answers the clicker with a reply Slack accepts", async () => {
    const refusedBefore = slack.refused.length;
    const id = `pastedlong${++seq}`;
    const body = messageShortcutBody("amiport_lookup_ports", { text: ALERT_WITHOUT_PORT }, slack.responseUrl(id));
    const res = await postSigned(eventsUrl, body, FORM, { secret: SECRET });
    expect(res.status).toBe(200);
    const [reply] = await slack.waitFor(`/respond/${id}`);
    expect(slack.refused.slice(refusedBefore)).toEqual([]);
    expectValidMessage(reply?.body as never);
    const share = reply?.body.blocks
      .find((b: { type: string }) => b.type === "actions")
      ?.elements.find((e: { action_id: string }) => e.action_id === ACTIONS.share);
    // the bounded question still asks what the alert asked
    const sharedId = `pastedlongshare${++seq}`;
    await postSigned(eventsUrl, blockActionBody(ACTIONS.share, share.value, slack.responseUrl(sharedId), true), FORM, {
      secret: SECRET,
    });
    const [shared] = await slack.waitFor(`/respond/${sharedId}`);
    expect(slack.refused.slice(refusedBefore)).toEqual([]);
    expect(shared?.body.response_type).toBe("in_channel");
    expect(JSON.stringify(shared?.body.blocks)).toContain("File and Printer Sharing");
  });

  it("a slash command with a long alert naming no port is answered within Slack's limits", async () => {
    const reply = await command(ALERT_WITHOUT_PORT);
    expectValidMessage(reply as never);
  });
});
