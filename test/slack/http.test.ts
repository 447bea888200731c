import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS, encodeButtonState, encodeCommandsRequest } from "../../src/render/blocks.js";
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { REQUEST_LIMITS } from "../../src/slack/request-guard.js";
import { book } from "../helpers/book.js";
import { blockActionBody, eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";

const SECRET = "test-signing-secret-0123456789abcdef";
const BOT_TOKEN = "xoxb-111-222-testbottokenvalue";
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

let slack: SlackStandIn;
let running: RunningApp;
let eventsUrl: string;
const logLines: string[] = [];
let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  slack = await new SlackStandIn().start();
  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: "debug",
  });
  const logger = createLogger({
    level: config.logLevel as never,
    secrets: secretsOf(config),
    sink: (line) => logLines.push(line),
  });
  running = await startSlackApp(config, book, logger);
  eventsUrl = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.stop();
});

beforeEach(() => {
  slack.failures.clear();
});

/** Sends `/amiport text`; the answer comes back in the acknowledgement. */
async function command(text: string) {
  const res = await postSigned(eventsUrl, slashCommandBody(text, slack.responseUrl(nextId("cmd"))), FORM, { secret: SECRET });
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Record<string, any> };
}

/** Every text Slack would show (button values are not shown). */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) =>
      key === "text" && typeof value === "string" ? [value] : key === "value" ? [] : textsOf(value),
    );
  }
  return [];
}

/**
 * A positive marker instead of a fixed wait: a signed "Show more" answered through its own
 * response_url. Once its answer is in, every request sent before it has been handled.
 */
async function answeredMarker() {
  const id = nextId("marker");
  const value = encodeButtonState({ q: "5985", o: 0 });
  await postSigned(eventsUrl, blockActionBody(ACTIONS.more, value, slack.responseUrl(id), true), FORM, { secret: SECRET });
  await slack.waitFor(`/respond/${id}`);
}

/** The action ids of a message's buttons. */
const buttonsOf = (message: { blocks?: any[] } | undefined) =>
  (message?.blocks ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: any) => e.action_id));

const requestLogs = () => logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");

describe("slash command /amiport", () => {
  it("acknowledges at once with a private answer of rule cards", async () => {
    const calls = slack.calls.length;
    const reply = await command("5985");
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(reply?.body.text).toBe("Windows Remote Management (HTTP-In): TCP 5985 in, Windows Server 2012 to 2022 (and 1 more)");
    const headers = reply?.body.blocks.filter((b: { type: string }) => b.type === "header").map((b: any) => b.text.text);
    expect(headers).toEqual(["Windows Remote Management (HTTP-In)", "Windows Remote Management (HTTP-In)"]);
    const understood = reply?.body.blocks[0].elements[0].text;
    expect(understood).toContain("*Understood:* port 5985");
    const actions = reply?.body.blocks.find((b: { type: string }) => b.type === "actions");
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([ACTIONS.share]);
    // nothing else was needed: no response_url call, no Web API call
    expect(slack.calls.slice(calls).filter((c) => c.path !== "/api/auth.test")).toEqual([]);
  });

  it.each(["", "help"])("gives help for %j", async (text) => {
    const reply = await command(text);
    expect(reply?.body.text).toMatch(/amiport help/);
    expect(JSON.stringify(reply?.body.blocks)).toContain("/amiport 5985");
  });

  it("answers no match with suggestions, not unrelated rules", async () => {
    const reply = await command("banana bread");
    expect(reply?.body.text).toMatch(/^Nothing on the AWS page matches/);
    expect(reply?.body.blocks.some((b: { type: string }) => b.type === "header")).toBe(false);
    expect(JSON.stringify(reply?.body.blocks)).toContain("/amiport rdp 2019");
  });

  it("answers a bad port and an unknown version plainly", async () => {
    expect((await command("port 70000")).body.text).toBe("70000 is not a port: ports go from 0 to 65535.");
    const unlisted = (await command("rdp 2025")).body;
    expect(unlisted.text).toBe(
      `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022.`,
    );
    // the offer is a button that redraws the answer for 2022
    const offer = JSON.stringify(unlisted.blocks);
    expect(offer).toContain('"action_id":"amiport_more"');
    expect(offer).toContain("Show 2022's answer");
  });

  it("escapes what people type, so a query cannot ping the channel", async () => {
    const reply = await command("<!channel> rdp & <https://evil.example|click>");
    const shown = textsOf(reply?.body.blocks).join("\n");
    expect(shown).not.toContain("<!channel>");
    // a link is read as the words people saw, its label
    expect(shown).toContain("click");
    expect(shown).not.toContain("evil.example");
    // the only links and mentions are amiport's own links to the AWS page
    expect(shown.match(/<[^<]{0,40}/g)?.filter((m) => !m.startsWith("<https://docs.aws.amazon.com/"))).toEqual([]);
  });

  it("logs one line per request, and never a secret", async () => {
    const before = requestLogs().length;
    await command("3389");
    const line = requestLogs()
      .slice(before)
      .find((l) => l.query === "3389");
    expect(line).toMatchObject({ kind: "command", query: "3389", results: 4 });
    expect(typeof line.ms).toBe("number");
    const all = logLines.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
  });
});

describe("secrets in the log", () => {
  it("masks a token or the signing secret pasted into a question, in every line it reaches", async () => {
    const before = logLines.length;
    const pasted = `${BOT_TOKEN} ${SECRET} xapp-1-A0OTHER-notconfigured`;
    await command(pasted);
    const lines = logLines.slice(before);
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "request" && l.kind === "command");
    // the question did reach the logger, masked: three secrets, three masks
    expect(request?.query.match(/\[redacted\]/g)).toHaveLength(3);
    for (const secret of [BOT_TOKEN, SECRET, "xapp-1-A0OTHER-notconfigured", "testbottokenvalue", "0123456789abcdef"]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
  });
});

describe("request verification", () => {
  it("refuses a bad signature with 401 and never answers", async () => {
    const responseId = nextId("forged");
    const body = slashCommandBody("5985", slack.responseUrl(responseId));
    const res = await postSigned(eventsUrl, body, FORM, { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    await answeredMarker();
    expect(slack.callsTo(`/respond/${responseId}`)).toEqual([]);
  });

  it("refuses a timestamp 10 minutes old with 401 and never answers", async () => {
    const responseId = nextId("old");
    const body = slashCommandBody("5985", slack.responseUrl(responseId));
    const res = await postSigned(eventsUrl, body, FORM, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    await answeredMarker();
    expect(slack.callsTo(`/respond/${responseId}`)).toEqual([]);
  });

  it("answers url_verification with the challenge", async () => {
    const res = await postSigned(
      eventsUrl,
      JSON.stringify({ type: "url_verification", token: "t", challenge: "abc123" }),
      JSON_TYPE,
      { secret: SECRET },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "abc123" });
  });

  it("answers Slack's unsigned ssl_check probe (a form of at most 256 bytes), and nothing else unsigned", async () => {
    const unsigned = (body: string, type = FORM) => fetch(eventsUrl, { method: "POST", headers: { "Content-Type": type }, body });
    const probe = (bytes: number) => "ssl_check=1&token=".padEnd(bytes, "t");
    expect((await unsigned(probe(256))).status).toBe(200);
    expect((await unsigned(probe(257))).status).toBe(401);
    expect((await unsigned("ssl_check=0&token=t")).status).toBe(401);
    expect((await unsigned(probe(40), "text/plain")).status).toBe(401);
  });

  it("takes a signed body of exactly the size cap, and refuses one byte more with 413", async () => {
    const verification = JSON.stringify({ type: "url_verification", token: "t", challenge: "at-the-cap" });
    // JSON allows trailing spaces: the same request, padded to the byte
    const padded = (bytes: number) => verification.padEnd(bytes, " ");
    const atCap = await postSigned(eventsUrl, padded(REQUEST_LIMITS.maxBodyBytes), JSON_TYPE, { secret: SECRET });
    expect(atCap.status).toBe(200);
    expect(await atCap.json()).toEqual({ challenge: "at-the-cap" });
    const over = await postSigned(eventsUrl, padded(REQUEST_LIMITS.maxBodyBytes + 1), JSON_TYPE, { secret: SECRET });
    expect(over.status).toBe(413);
  });
});

describe("events", () => {
  // the one rule for TCP 23555, so its reply is told apart from any other question's
  const MARKER_QUESTION = "23555";
  const MARKER_ANSWER = /^Cast to Device Streaming Server \(RTSP-Streaming-In\)/;
  const mention = (channel: string, text: string, extra: Record<string, string> = {}) => {
    const ts = extra.ts ?? `1700000000.${String(++seq).padStart(6, "0")}`;
    return { type: "app_mention", user: "U0ASKER", text: `<@UBOT0001> ${text}`, ts, channel, event_ts: ts, ...extra };
  };
  const directMessage = (channel: string, text: string) => {
    const ts = `1700000000.${String(++seq).padStart(6, "0")}`;
    return { type: "message", channel_type: "im", user: "U0ASKER", text, ts, channel };
  };
  const send = (
    event: Record<string, unknown>,
    eventId = nextId("Ev"),
    headers: Record<string, string> = {},
    timestamp?: number,
  ) =>
    postSigned(eventsUrl, eventBody(eventId, event), JSON_TYPE, { secret: SECRET, headers, ...(timestamp ? { timestamp } : {}) });
  /** Slack signs each retry afresh: the same event, later timestamp, retry headers. */
  const deliverTwice = async (event: Record<string, unknown>, eventId: string, channel: string) => {
    const now = Math.floor(Date.now() / 1000);
    await send(event, eventId, {}, now - 2);
    await expect.poll(() => postsTo(channel).length).toBe(1);
    const retry = await send(event, eventId, { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" }, now);
    expect(retry.status).toBe(200);
  };
  const postsTo = (channel: string) => slack.callsTo("/api/chat.postMessage").filter((p) => p.body.channel === channel);
  /**
   * Sends a new question to `channel` (a mention, or a DM where `channel` starts with D) and waits
   * for its answer: deliveries sent before it have been handled by then, so a late duplicate
   * reply would already be in `postsTo(channel)`. Returns that list.
   */
  const afterMarker = async (channel: string) => {
    const question = channel.startsWith("D") ? directMessage(channel, MARKER_QUESTION) : mention(channel, MARKER_QUESTION);
    await send(question);
    await expect.poll(() => postsTo(channel).some((p) => MARKER_ANSWER.test(p.body.text)), { timeout: 10_000 }).toBe(true);
    const posts = postsTo(channel);
    expect(posts.at(-1)?.body.text).toMatch(MARKER_ANSWER);
    return posts.slice(0, -1);
  };

  it("answers a mention in the mention's thread, visible to the channel", async () => {
    const event = mention("C0MENTION", "what does Windows 2019 need for telemetry");
    expect((await send(event)).status).toBe(200);
    await expect.poll(() => postsTo("C0MENTION").length).toBe(1);
    const [post] = postsTo("C0MENTION");
    expect(post?.body.thread_ts).toBe(event.ts);
    expect(post?.body.text).toMatch(/^Connected User Experiences and Telemetry: TCP 443 out, Windows Server 2019 and 2022/);
    expect(post?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it("gives help to a bare mention", async () => {
    await send(mention("C0BARE", ""));
    await expect.poll(() => postsTo("C0BARE")[0]?.body.text).toMatch(/^amiport help/);
  });

  it("replies inside an existing thread when mentioned there", async () => {
    await send(mention("C0THREAD", "3389", { thread_ts: "1700000000.000001" }));
    await expect.poll(() => postsTo("C0THREAD")[0]?.body.thread_ts).toBe("1700000000.000001");
  });

  it("answers a direct message in the DM", async () => {
    await send({
      type: "message",
      channel_type: "im",
      user: "U0ASKER",
      text: "smb on 2022",
      ts: "1.000003",
      channel: "D0DIRECT",
    });
    await expect.poll(() => postsTo("D0DIRECT")[0]?.body.text).toMatch(/^Core Networking - Group Policy \(NP-Out\)/);
    expect(postsTo("D0DIRECT")[0]?.body.thread_ts).toBeUndefined();
  });

  it("ignores bot messages and edits in a DM", async () => {
    for (const event of [
      { type: "message", channel_type: "im", bot_id: "BOTHER", text: "5985", ts: "1.1", channel: "D0BOTS" },
      { type: "message", subtype: "message_changed", channel_type: "im", channel: "D0BOTS", ts: "1.2" },
    ]) {
      expect((await send(event)).status).toBe(200);
    }
    expect(await afterMarker("D0BOTS")).toEqual([]);
  });

  it("leaves plain channel messages to mentions", async () => {
    const message = {
      type: "message",
      channel_type: "channel",
      user: "U0ASKER",
      text: "5985",
      ts: "1.000020",
      channel: "C0PLAIN",
    };
    expect((await send(message)).status).toBe(200);
    expect(await afterMarker("C0PLAIN")).toEqual([]);
  });

  it("gives a retried event no second reply", async () => {
    const eventId = nextId("EvRetry");
    await deliverTwice(mention("C0RETRY", "445"), eventId, "C0RETRY");
    expect(await afterMarker("C0RETRY")).toHaveLength(1);
    const ignored = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "repeat delivery ignored" && l.eventId === eventId);
    expect(ignored).toMatchObject({ level: "info", retryNum: 1 });
  });

  it("gives a retried direct message no second reply", async () => {
    const eventId = nextId("EvDmRetry");
    await deliverTwice(directMessage("D0RETRY", "445"), eventId, "D0RETRY");
    expect(await afterMarker("D0RETRY")).toHaveLength(1);
    const ignored = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "repeat delivery ignored" && l.eventId === eventId);
    expect(ignored).toMatchObject({ level: "info", retryNum: 1 });
  });

  it("apologises when Slack refuses the reply, logs why and stays up", async () => {
    slack.failures.set("chat.postMessage", "not_in_channel");
    await send(mention("C0NOTIN", "5985"));
    await expect.poll(() => logLines.some((l) => l.includes("request failed") && l.includes("not_in_channel"))).toBe(true);
    slack.failures.clear();
    expect((await command("5985")).body.response_type).toBe("ephemeral");
  });
});

describe("buttons", () => {
  it("Show more pages the answer in place", async () => {
    const first = await command("multicast");
    const more = first?.body.blocks
      .find((b: { type: string }) => b.type === "actions")
      .elements.find((e: { action_id: string }) => e.action_id === ACTIONS.more);
    expect(more.value).toBe(encodeButtonState({ q: "multicast", o: 10 }));
    const pageId = nextId("more");
    const res = await postSigned(eventsUrl, blockActionBody(ACTIONS.more, more.value, slack.responseUrl(pageId), true), FORM, {
      secret: SECRET,
    });
    expect(res.status).toBe(200);
    const [page] = await slack.waitFor(`/respond/${pageId}`);
    expect(page?.body.replace_original).toBe(true);
    expect(page?.body.blocks[0].elements[0].text).toMatch(/rules 11–20 of \d+/);
    expect(buttonsOf(page?.body)).toContain(ACTIONS.share);
  });

  it("Show more on an answer everyone sees pages it without offering to share it again", async () => {
    const pageId = nextId("more-public");
    // a question with words: filters alone (`icmp`) are answered with a port map, not pages of cards
    const value = encodeButtonState({ q: "management", o: 10 });
    await postSigned(eventsUrl, blockActionBody(ACTIONS.more, value, slack.responseUrl(pageId), false), FORM, { secret: SECRET });
    const [page] = await slack.waitFor(`/respond/${pageId}`);
    expect(page?.body.blocks[0].elements[0].text).toMatch(/rules 11–20 of \d+/);
    expect(buttonsOf(page?.body)).toEqual([ACTIONS.more]);
  });

  it("Share in channel posts the answer for everyone, says who shared it, and removes the private copy", async () => {
    const shareId = nextId("share");
    const value = encodeButtonState({ q: "5985", o: 0 });
    await postSigned(eventsUrl, blockActionBody(ACTIONS.share, value, slack.responseUrl(shareId), true), FORM, {
      secret: SECRET,
    });
    const [shared, removed] = await slack.waitFor(`/respond/${shareId}`, 2);
    expect(shared?.body.response_type).toBe("in_channel");
    expect(shared?.body.blocks[0].elements[0].text).toBe("Shared by <@U0ASKER>: “5985”");
    expect(shared?.body.text).toMatch(/^Windows Remote Management \(HTTP-In\)/);
    expect(JSON.stringify(shared?.body.blocks)).not.toContain(ACTIONS.share);
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it("Commands shows a card's commands only to who pressed it, leaving the card as it was", async () => {
    const reply = await command("5985");
    const card = reply.body.blocks.find((b: { block_id?: string }) => b.block_id?.startsWith("rule:"));
    expect(card.accessory.action_id).toBe(ACTIONS.commands);
    const id = nextId("commands");
    const res = await postSigned(
      eventsUrl,
      blockActionBody(ACTIONS.commands, card.accessory.value, slack.responseUrl(id), false, card.block_id),
      FORM,
      { secret: SECRET },
    );
    expect(res.status).toBe(200);
    const [answer] = await slack.waitFor(`/respond/${id}`);
    expect(answer?.body.response_type).toBe("ephemeral");
    expect(answer?.body.replace_original).toBe(false);
    expect(answer?.body.text).toBe("Commands for Windows Remote Management (HTTP-In)");
    const shown = textsOf(answer?.body.blocks).join("\n");
    expect(shown).toContain("Get-NetFirewallRule -DisplayName 'Windows Remote Management (HTTP-In)'");
    expect(shown).toContain("aws ec2 authorize-security-group-ingress --group-id &lt;sg-id&gt; --protocol tcp --port 5985");
    expect(slack.callsTo(`/respond/${id}`)).toHaveLength(1);
    await expect.poll(() => requestLogs().some((l) => l.kind === "commands" && l.query === card.block_id.slice(5))).toBe(true);
  });

  it("Commands for a port no rule opens gives both layers' commands", async () => {
    const reply = await command("5986");
    const port = reply.body.blocks.find((b: { block_id?: string }) => b.block_id === "port:5986");
    expect(port.text.text).toContain("IANA registers it as wsmans");
    const id = nextId("port-commands");
    await postSigned(
      eventsUrl,
      blockActionBody(ACTIONS.commands, port.accessory.value, slack.responseUrl(id), true, "port:5986"),
      FORM,
      {
        secret: SECRET,
      },
    );
    const [answer] = await slack.waitFor(`/respond/${id}`);
    const shown = textsOf(answer?.body.blocks).join("\n");
    expect(shown).toContain("New-NetFirewallRule -DisplayName 'Allow TCP 5986 in'");
    expect(shown).toContain("Both layers must allow it");
  });

  it.each([encodeCommandsRequest({ r: "no-such-rule.anywhere" }), '{"p":99999,"t":["tcp"]}', "<!channel>"])(
    "answers a forged Commands value %j with a friendly message",
    async (value) => {
      const id = nextId("forged-commands");
      await postSigned(eventsUrl, blockActionBody(ACTIONS.commands, value, slack.responseUrl(id), true), FORM, {
        secret: SECRET,
      });
      const [reply] = await slack.waitFor(`/respond/${id}`);
      expect(reply?.body.text).toMatch(/no longer works/);
      expect(JSON.stringify(reply?.body)).not.toContain("<!channel>");
    },
  );

  it.each([ACTIONS.more, ACTIONS.share])("answers a forged %s value privately with a friendly message", async (action) => {
    const id = nextId("forged-button");
    await postSigned(eventsUrl, blockActionBody(action, "{not json", slack.responseUrl(id), true), FORM, {
      secret: SECRET,
    });
    const [reply] = await slack.waitFor(`/respond/${id}`);
    expect(reply?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "That button no longer works; ask again with /amiport.",
    });
    await answeredMarker();
    expect(slack.callsTo(`/respond/${id}`)).toHaveLength(1);
  });

  it("logs a page that response_url refuses as a failed delivery, sends no apology the same way, and stays up", async () => {
    const before = logLines.length;
    const brokenId = nextId("broken");
    const value = encodeButtonState({ q: "5985", o: 0 });
    await postSigned(eventsUrl, blockActionBody(ACTIONS.more, value, slack.responseUrl(brokenId), true), FORM, {
      secret: SECRET,
    });
    await expect
      .poll(() => logLines.slice(before).find((l) => l.includes('"msg":"request failed"')), { timeout: 10_000 })
      .toBeDefined();
    const failed = logLines.slice(before).find((l) => l.includes('"msg":"request failed"'));
    expect(JSON.parse(failed ?? "{}")).toMatchObject({ level: "error", kind: "more", delivery: true });
    await answeredMarker();
    expect(slack.callsTo(`/respond/${brokenId}`)).toHaveLength(1);
    expect((await command("5985")).body.response_type).toBe("ephemeral");
  });
});

describe("health", () => {
  it("answers /healthz with 200 when ready", async () => {
    const res = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers unknown paths with 404", async () => {
    expect((await fetch(`http://127.0.0.1:${running.port}/nope`)).status).toBe(404);
  });
});
