import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "metrics-signing-secret";
const BOT = "xoxb-metrics-bot-token";

describe("/metrics and /readyz in single-workspace mode (no database)", () => {
  let slack: SlackStandIn;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    app = await startTestApp({ secret: SECRET, botToken: BOT, slack });
  });

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
  });

  const command = (text: string) =>
    postSigned(app.eventsUrl, slashCommandBody(text, slack.responseUrl("m")), "application/x-www-form-urlencoded", {
      secret: SECRET,
    });

  it("/readyz is 200 with no database to wait for", async () => {
    const res = await fetch(`${app.base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "none", dedupe: "local" });
  });

  it("counts requests by kind and outcome, and times answers", async () => {
    const metric = (outcome: string) => app.metric(`amiport_requests_total{kind="command",outcome="${outcome}"}`);
    const before = {
      answered: (await metric("answered")) ?? 0,
      none: (await metric("no_match")) ?? 0,
      help: (await metric("help")) ?? 0,
    };
    for (const text of ["5985", "3389", "kerberos", "help"]) expect((await command(text)).status).toBe(200);
    expect(await metric("answered")).toBe(before.answered + 2);
    expect(await metric("no_match")).toBe(before.none + 1);
    expect(await metric("help")).toBe(before.help + 1);
    expect(await app.metric('amiport_answer_seconds_count{kind="command"}')).toBeGreaterThanOrEqual(4);
  });

  it("counts Slack's refusals by method and repeat deliveries", async () => {
    slack.failures.set("chat.postMessage", "not_in_channel");
    const event = {
      type: "app_mention",
      user: "U1",
      text: "<@UBOT0001> 445",
      ts: "1.000001",
      channel: "C0M",
      event_ts: "1.000001",
    };
    await postSigned(app.eventsUrl, eventBody("EvMetrics", event), "application/json", { secret: SECRET });
    await expect.poll(() => app.metric('amiport_slack_api_errors_total{method="chat.postMessage"}')).toBe(1);
    slack.failures.clear();
    await postSigned(app.eventsUrl, eventBody("EvMetrics", event), "application/json", {
      secret: SECRET,
      headers: { "X-Slack-Retry-Num": "1" },
      // Slack signs a retry anew
      timestamp: Math.floor(Date.now() / 1000) + 1,
    });
    await expect.poll(() => app.metric("amiport_repeat_deliveries_ignored_total")).toBe(1);
    // refused for good: marked answered, which is why the retry above was not answered
    expect(await app.metric('amiport_replies_confirmed_total{outcome="refused"}')).toBe(1);
  });

  it("counts reply claims taken and answers Slack accepted; no outbox depth without a database", async () => {
    const claims = async () => (await app.metric('amiport_reply_claims_total{lease="new"}')) ?? 0;
    const accepted = async () => (await app.metric('amiport_replies_confirmed_total{outcome="accepted"}')) ?? 0;
    const before = { claims: await claims(), accepted: await accepted() };
    const event = {
      type: "app_mention",
      user: "U1",
      text: "<@UBOT0001> 3389",
      ts: "2.000001",
      channel: "C0N",
      event_ts: "2.000001",
    };
    await postSigned(app.eventsUrl, eventBody("EvClaimed", event), "application/json", { secret: SECRET });
    await expect.poll(accepted).toBe(before.accepted + 1);
    expect(await claims()).toBe(before.claims + 1);
    expect(await app.metric('amiport_replies_reanswered_total{by="retry"}')).toBeUndefined();
    expect(await app.metric("amiport_outbox_depth")).toBeUndefined();
  });

  it("counts requests the guard refused, by reason", async () => {
    const forged = () => app.metric('amiport_requests_refused_total{reason="forged"}');
    const before = (await forged()) ?? 0;
    const body = slashCommandBody("5985", slack.responseUrl("forged"));
    const res = await postSigned(app.eventsUrl, body, "application/x-www-form-urlencoded", { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(await forged()).toBe(before + 1);
    expect(await app.metric('amiport_requests_refused_total{reason="unsigned"}')).toBe(0);
  });

  it("names every metric amiport_*, includes process metrics, and never puts user text or secrets in labels", async () => {
    await command("zqxj unusual words from a user");
    const res = await fetch(`${app.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !n?.startsWith("amiport_"))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(["amiport_process_cpu_seconds_total", "amiport_nodejs_heap_size_used_bytes"]));
    expect(text).not.toContain("zqxj");
    expect(text).not.toContain(BOT);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("amiport_database_up");
  });
});
