/**
 * Slack's Web API hanging, failing or rate limiting: every call has a deadline, a reply gets at most
 * three attempts, the failure is logged once, and the app keeps answering everyone else.
 * The real Bolt app over HTTP, with a short deadline so the test takes seconds, not minutes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventBody, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "web-api-failures-signing-secret";
const BOT_TOKEN = "xoxb-5-5-webapifailurestoken";
const POLICY = { timeoutMs: 300, retries: 2, minBackoffMs: 50, maxBackoffMs: 100, maxRetryTimeMs: 5_000 };

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  app = await startTestApp({ secret: SECRET, botToken: BOT_TOKEN, webApi: POLICY });
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => {
  app.slack.hanging.clear();
  app.slack.httpErrors.clear();
});

const mention = (channel: string, text: string) => {
  const ts = `1700000000.${String(++seq).padStart(6, "0")}`;
  const event = { type: "app_mention", user: "U0ASKER", text: `<@UBOT0001> ${text}`, ts, channel, event_ts: ts };
  return app.post(eventBody(`EvFail${seq}`, event), "application/json");
};
const postsTo = (channel: string) => app.slack.callsTo("/api/chat.postMessage").filter((c) => c.body.channel === channel);
const failures = () =>
  app.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request failed" && l.kind === "mention" && l.delivery === true);
const command = async (text: string) => {
  const res = await app.post(slashCommandBody(text, app.slack.responseUrl(`c${++seq}`)), "application/x-www-form-urlencoded");
  return (await res.json()) as { text: string };
};

describe("a hanging Web API", () => {
  it("gives up on a reply after three attempts, logs it once, sends no apology, and keeps answering", async () => {
    app.slack.hanging.add("chat.postMessage");
    const before = failures().length;
    expect((await mention("C0HANG", "5985")).status).toBe(200);
    // while the reply hangs, everyone else is answered
    expect((await command("3389")).text).toMatch(/^Remote Desktop/);
    await expect.poll(() => failures().length, { timeout: 10_000 }).toBe(before + 1);
    // three attempts at the answer, no fourth, and no apology (it would hang the same way)
    expect(postsTo("C0HANG")).toHaveLength(3);
    expect(postsTo("C0HANG").every((c) => /^Windows Remote Management/.test(c.body.text))).toBe(true);
  });
});

describe("a failing Web API", () => {
  it("makes at most three attempts at a reply that gets HTTP 500", async () => {
    app.slack.httpErrors.set("chat.postMessage", { status: 500 });
    const before = failures().length;
    await mention("C0FAIL", "445");
    await expect.poll(() => failures().length, { timeout: 10_000 }).toBe(before + 1);
    expect(postsTo("C0FAIL")).toHaveLength(3);
    // a positive marker: once the API works again, a later mention is answered, and still three to this one
    app.slack.httpErrors.clear();
    await mention("C0FAILMARK", "445");
    await expect.poll(() => postsTo("C0FAILMARK").length).toBe(1);
    expect(postsTo("C0FAIL")).toHaveLength(3);
  });

  it("waits for Retry-After on 429, then delivers the answer once", async () => {
    app.slack.httpErrors.set("chat.postMessage", { status: 429, retryAfter: 1, times: 1 });
    await mention("C0LIMIT", "3389");
    await expect.poll(() => postsTo("C0LIMIT").length, { timeout: 10_000 }).toBe(2);
    const [limited, delivered] = postsTo("C0LIMIT");
    expect(delivered?.body.text).toMatch(/^Remote Desktop/);
    expect(limited?.at).toBeDefined();
    // the second attempt came no earlier than Retry-After said
    expect((delivered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });
});
