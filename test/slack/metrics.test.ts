import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Metrics } from "../../src/slack/metrics.js";
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

describe("Metrics on its own", () => {
  const sample = async (metrics: Metrics, name: string, labels: Record<string, string> = {}) => {
    // a histogram's samples (_bucket, _sum, _count) are values of the histogram's own name
    const found = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name || name.startsWith(`${m.name}_`));
    const wanted = Object.entries(labels);
    const value = (found?.values ?? []).find(
      (v) =>
        ((v as { metricName?: string }).metricName ?? found?.name) === name &&
        wanted.every(([k, x]) => String(v.labels[k]) === x) &&
        Object.keys(v.labels).length === wanted.length,
    );
    return value?.value;
  };

  it("has each metric the README lists, of its type, with help and only its labels", async () => {
    const metrics = new Metrics();
    metrics.watchDatabase(async () => true);
    metrics.watchOutbox(async () => 0);
    metrics.watchRefusals({});
    const ours = new Map(
      (await metrics.registry.getMetricsAsJSON())
        .filter((m) => !/^amiport_(process|nodejs)_/.test(m.name))
        .map((m) => [m.name, m] as const),
    );
    const expected: Record<string, string> = {
      amiport_requests_total: "counter",
      amiport_answer_seconds: "histogram",
      amiport_slack_api_errors_total: "counter",
      amiport_repeat_deliveries_ignored_total: "counter",
      amiport_reply_claims_total: "counter",
      amiport_replies_confirmed_total: "counter",
      amiport_replies_reanswered_total: "counter",
      amiport_database_queries_total: "counter",
      amiport_database_errors_total: "counter",
      amiport_dedupe_shared: "gauge",
      amiport_checks_total: "counter",
      amiport_check_seconds: "histogram",
      amiport_installation_changes_total: "counter",
      amiport_database_up: "gauge",
      amiport_outbox_depth: "gauge",
      amiport_requests_refused_total: "counter",
    };
    expect(Object.fromEntries([...ours].map(([name, m]) => [name, m.type]))).toEqual(expected);
    for (const [name, m] of ours) expect(m.help.length, name).toBeGreaterThan(20);
  });

  it("counts each kind of request, check and change under its labels", async () => {
    const metrics = new Metrics();
    metrics.request("mention", "answered", 0.003);
    metrics.request("mention", "answered");
    metrics.request("dm", "no_match", 0.2);
    metrics.check("open", 1.5);
    metrics.check("refused");
    metrics.repeatIgnored();
    metrics.claimTaken("new");
    metrics.claimTaken("expired");
    metrics.replySettled("accepted");
    metrics.replySettled("refused");
    metrics.replyReanswered("sweep");
    metrics.replyReanswered("retry");
    metrics.databaseQuery("reply_claim", "ok");
    metrics.databaseQuery("installation_fetch", "ok");
    metrics.databaseQuery("reply_claim", "error");
    metrics.databaseError("migrate");
    metrics.installationChanged("stored");
    metrics.installationChanged("uninstalled");
    expect(await sample(metrics, "amiport_requests_total", { kind: "mention", outcome: "answered" })).toBe(2);
    expect(await sample(metrics, "amiport_requests_total", { kind: "dm", outcome: "no_match" })).toBe(1);
    expect(await sample(metrics, "amiport_answer_seconds_count", { kind: "mention" })).toBe(1);
    expect(await sample(metrics, "amiport_answer_seconds_sum", { kind: "dm" })).toBe(0.2);
    expect(await sample(metrics, "amiport_answer_seconds_bucket", { kind: "mention", le: "0.005" })).toBe(1);
    expect(await sample(metrics, "amiport_answer_seconds_bucket", { kind: "mention", le: "0.0025" })).toBe(0);
    expect(await sample(metrics, "amiport_checks_total", { outcome: "open" })).toBe(1);
    expect(await sample(metrics, "amiport_checks_total", { outcome: "refused" })).toBe(1);
    expect(await sample(metrics, "amiport_check_seconds_count")).toBe(1);
    expect(await sample(metrics, "amiport_check_seconds_bucket", { le: "2" })).toBe(1);
    expect(await sample(metrics, "amiport_check_seconds_bucket", { le: "1" })).toBe(0);
    expect(await sample(metrics, "amiport_repeat_deliveries_ignored_total")).toBe(1);
    expect(await sample(metrics, "amiport_reply_claims_total", { lease: "new" })).toBe(1);
    expect(await sample(metrics, "amiport_reply_claims_total", { lease: "expired" })).toBe(1);
    expect(await sample(metrics, "amiport_replies_confirmed_total", { outcome: "accepted" })).toBe(1);
    expect(await sample(metrics, "amiport_replies_confirmed_total", { outcome: "refused" })).toBe(1);
    expect(await sample(metrics, "amiport_replies_reanswered_total", { by: "sweep" })).toBe(1);
    expect(await sample(metrics, "amiport_replies_reanswered_total", { by: "retry" })).toBe(1);
    expect(await sample(metrics, "amiport_database_queries_total", { operation: "reply_claim", outcome: "ok" })).toBe(1);
    expect(await sample(metrics, "amiport_database_queries_total", { operation: "reply_claim", outcome: "error" })).toBe(1);
    // a failed query is a database error too
    expect(await sample(metrics, "amiport_database_errors_total", { operation: "reply_claim" })).toBe(1);
    expect(await sample(metrics, "amiport_database_errors_total", { operation: "migrate" })).toBe(1);
    // a query that went well is no error
    expect(await sample(metrics, "amiport_database_errors_total", { operation: "installation_fetch" })).toBeUndefined();
    expect(await sample(metrics, "amiport_installation_changes_total", { change: "stored" })).toBe(1);
    expect(await sample(metrics, "amiport_installation_changes_total", { change: "uninstalled" })).toBe(1);
  });

  it("counts a reply Slack did not take under the method that sent it", async () => {
    const metrics = new Metrics();
    const methods: Record<string, string> = {
      command: "ack",
      mention: "chat.postMessage",
      dm: "chat.postMessage",
      more: "response_url",
      share: "response_url",
      shortcut: "response_url",
      commands: "response_url",
      check: "response_url",
      home: "views.publish",
    };
    for (const kind of Object.keys(methods)) metrics.replyFailed(kind);
    metrics.replyFailed("something new");
    const counted: Record<string, number> = {};
    for (const method of [...new Set(Object.values(methods)), "other"])
      counted[method] = (await sample(metrics, "amiport_slack_api_errors_total", { method })) ?? 0;
    expect(counted).toEqual({ ack: 1, "chat.postMessage": 2, response_url: 5, "views.publish": 1, other: 1 });
  });

  it("asks the database and the outbox at each scrape; keeps the last depth while the store does not answer", async () => {
    const metrics = new Metrics();
    expect(await sample(metrics, "amiport_dedupe_shared")).toBe(0);
    let up = true;
    let depth: number | Error = 3;
    metrics.watchDatabase(async () => up);
    metrics.watchOutbox(async () => {
      if (depth instanceof Error) throw depth;
      return depth;
    });
    expect(await sample(metrics, "amiport_dedupe_shared")).toBe(1);
    expect(await sample(metrics, "amiport_database_up")).toBe(1);
    expect(await sample(metrics, "amiport_outbox_depth")).toBe(3);
    up = false;
    depth = new Error("the database is away");
    expect(await sample(metrics, "amiport_database_up")).toBe(0);
    expect(await sample(metrics, "amiport_outbox_depth")).toBe(3);
    depth = 0;
    expect(await sample(metrics, "amiport_outbox_depth")).toBe(0);
    metrics.dedupeScope("memory");
    expect(await sample(metrics, "amiport_dedupe_shared")).toBe(0);
    metrics.dedupeScope("shared");
    expect(await sample(metrics, "amiport_dedupe_shared")).toBe(1);
  });

  it("copies the guard's refusal counts at each scrape, not adding them up", async () => {
    const metrics = new Metrics();
    const refused: Record<string, number> = { unsigned: 2 };
    metrics.watchRefusals(refused);
    expect(await sample(metrics, "amiport_requests_refused_total", { reason: "unsigned" })).toBe(2);
    refused.unsigned = 3;
    refused.stale = 1;
    expect(await sample(metrics, "amiport_requests_refused_total", { reason: "unsigned" })).toBe(3);
    expect(await sample(metrics, "amiport_requests_refused_total", { reason: "stale" })).toBe(1);
  });

  it("writes Prometheus text with its content type", async () => {
    const metrics = new Metrics();
    metrics.request("dm", "help");
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toContain('amiport_requests_total{kind="dm",outcome="help"} 1');
  });
});
