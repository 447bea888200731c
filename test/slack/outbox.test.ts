/**
 * The outbox (src/slack/outbox.ts) in-process, with its real parts: reply claims in a real
 * PostgreSQL, replies sent by slackSend through Bolt's WebClient and respond() to the Slack
 * stand-in. A reply Slack did not take is kept and sent by a later sweep; one Slack refused for good
 * is settled; one that keeps failing is given up after three claims; a slow reply keeps its claim.
 */
import { LogLevel, webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderHelpMessage } from "../../src/render/blocks.js";
import { createLogger } from "../../src/slack/logger.js";
import { Metrics } from "../../src/slack/metrics.js";
import { Outbox, slackSend, type Workspace, workspaceOf } from "../../src/slack/outbox.js";
import { WEB_API_POLICY, webClientOptions } from "../../src/slack/web-api-policy.js";
import { Database } from "../../src/store/index.js";
import { PostgresReplyClaims } from "../../src/store/postgres-reply-claims.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { SlackStandIn } from "../helpers/slack-stand-in.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
/** Long enough that a loaded machine renews in time (every third of it), short enough for sweeps in a test. */
const LEASE_MS = 1_000;
const TOKEN = "xoxb-outbox-test-token";
const WORKSPACE: Workspace = { teamId: "T0001", isEnterpriseInstall: false };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("workspaceOf", () => {
  it("names the workspace Bolt authorized, and an org-wide install by its organisation", () => {
    expect(workspaceOf({ teamId: "T1" } as never)).toEqual({ teamId: "T1", isEnterpriseInstall: false });
    expect(workspaceOf({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: true } as never)).toEqual({
      teamId: "T1",
      enterpriseId: "E1",
      isEnterpriseInstall: true,
    });
    expect(workspaceOf({ enterpriseId: "E1", isEnterpriseInstall: true } as never)).toEqual({
      enterpriseId: "E1",
      isEnterpriseInstall: true,
    });
    expect(workspaceOf({} as never)).toEqual({ isEnterpriseInstall: false });
  });
});

describe.skipIf(!server)(`the outbox${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let slack: SlackStandIn;
  let database: Database;
  let lines: Record<string, any>[];
  let metrics: Metrics;
  let outbox: Outbox;
  const tokensLookedUp: Workspace[] = [];
  let seq = 0;
  const eventId = () => `EvOutbox${++seq}`;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    // a slow reply outlasts two leases
    slack.slowMs = 2.5 * LEASE_MS;
    database = new Database({ url: server!.url, poolSize: 2 });
    await database.migrate();
  });
  afterAll(async () => {
    await outbox?.stop();
    await database?.close();
    await slack?.stop();
    server?.stop();
  });

  function newOutbox(sweepEveryMs = 0, options: { metrics?: boolean; sweepBatch?: number } = {}): Outbox {
    lines = [];
    metrics = new Metrics();
    const logger = createLogger({ level: LogLevel.INFO, secrets: [], sink: (line) => lines.push(JSON.parse(line)) });
    // no retries inside the client: each claim is one attempt, so the test counts them
    const client = new webApi.WebClient(
      undefined,
      webClientOptions({ ...WEB_API_POLICY, retries: 0, timeoutMs: 4 * LEASE_MS }, slack.apiUrl),
    );
    const send = slackSend(client, fetch, async (workspace) => {
      tokensLookedUp.push(workspace);
      return TOKEN;
    });
    const deps = options.metrics === false ? { logger } : { logger, metrics };
    const batch = options.sweepBatch === undefined ? {} : { sweepBatch: options.sweepBatch };
    return new Outbox(new PostgresReplyClaims(database, LEASE_MS), send, deps, { leaseMs: LEASE_MS, sweepEveryMs, ...batch });
  }

  beforeEach(async () => {
    await outbox?.stop();
    // each test starts with no claims and no kept replies: a test's leftovers are not the next one's sweep
    await database.query("test_reset", "DELETE FROM amiport_seen_events", []);
    outbox = newOutbox();
    slack.failures.clear();
    slack.httpErrors.clear();
  });

  const posted = (channel: string) => slack.callsTo("/api/chat.postMessage").filter((c) => c.body.channel === channel);
  const logged = (msg: string) => lines.filter((l) => l.msg === msg);
  const metric = async (name: string, labels: Record<string, string> = {}) => {
    const found = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const value = (found?.values ?? []).find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
    return value?.value ?? 0;
  };
  const to = (channel: string, thread_ts?: string) =>
    ({ via: "chat.postMessage", channel, ...(thread_ts ? { thread_ts } : {}), workspace: WORKSPACE }) as const;
  const message = renderHelpMessage();
  /** Sweeps until `count` replies were taken or the time is up; returns how many were taken. */
  const sweepAfterLease = async () => {
    await sleep(LEASE_MS + 100);
    return outbox.sweep();
  };

  it("answers an event once: the reply goes out in its thread with the token given, and a repeat delivery is ignored", async () => {
    const id = eventId();
    let computed = 0;
    const compute = () => {
      computed += 1;
      return message;
    };
    const ts = await outbox.answerEvent({ eventId: id, retryNum: undefined }, "mention", to("C0ONCE", "1.2"), TOKEN, compute);
    expect(ts).toMatch(/^\d+\.\d+$/);
    const [call] = posted("C0ONCE");
    expect(call?.body.thread_ts).toBe("1.2");
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await outbox.answerEvent({ eventId: id, retryNum: 1 }, "mention", to("C0ONCE"), TOKEN, compute)).toBeUndefined();
    expect(computed).toBe(1);
    expect(posted("C0ONCE")).toHaveLength(1);
    expect(logged("repeat delivery ignored")).toEqual([expect.objectContaining({ eventId: id, retryNum: 1 })]);
    expect(await metric("amiport_repeat_deliveries_ignored_total")).toBe(1);
    expect(await metric("amiport_reply_claims_total", { lease: "new" })).toBe(1);
    expect(await metric("amiport_replies_confirmed_total", { outcome: "accepted" })).toBe(1);
    expect(await sweepAfterLease()).toBe(0);
  });

  it("looks the workspace's token up when the request brought none", async () => {
    const before = tokensLookedUp.length;
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "dm", to("D0LOOKUP"), undefined, () => message);
    expect(tokensLookedUp.slice(before)).toEqual([WORKSPACE]);
    expect(posted("D0LOOKUP")[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(posted("D0LOOKUP")[0]?.body).not.toHaveProperty("thread_ts");
  });

  it("keeps a reply Slack did not take (HTTP 503) and sends it at the next sweep once its claim expired", async () => {
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 1 });
    const ts = await outbox.answerEvent(
      { eventId: eventId(), retryNum: undefined },
      "mention",
      to("C0LATER"),
      TOKEN,
      () => message,
    );
    expect(ts).toBeUndefined();
    expect(posted("C0LATER")).toHaveLength(1);
    expect(slack.acceptedCallsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0LATER")).toEqual([]);
    expect(logged("request failed")).toEqual([expect.objectContaining({ kind: "mention", delivery: true })]);
    // still under its claim: not swept yet
    expect(await outbox.sweep()).toBe(0);
    expect(await sweepAfterLease()).toBe(1);
    expect(slack.acceptedCallsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0LATER")).toHaveLength(1);
    expect(logged("outbox reply sent")).toEqual([expect.objectContaining({ kind: "mention", attempts: 2 })]);
    expect(await metric("amiport_replies_reanswered_total", { by: "sweep" })).toBe(1);
    expect(await metric("amiport_reply_claims_total", { lease: "expired" })).toBe(1);
    expect(await metric("amiport_slack_api_errors_total", { method: "chat.postMessage" })).toBe(1);
    // sent: never again
    expect(await sweepAfterLease()).toBe(0);
  });

  it("settles a reply Slack refused for good (channel_not_found): logged, counted, never sent again", async () => {
    slack.failures.set("chat.postMessage", "channel_not_found");
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to("C0GONE"), TOKEN, () => message);
    expect(logged("reply refused for good; marked answered")).toEqual([expect.objectContaining({ kind: "mention" })]);
    expect(await metric("amiport_replies_confirmed_total", { outcome: "refused" })).toBe(1);
    expect(await metric("amiport_replies_confirmed_total", { outcome: "accepted" })).toBe(0);
    slack.failures.clear();
    expect(await sweepAfterLease()).toBe(0);
    expect(posted("C0GONE")).toHaveLength(1);
  });

  it("gives a reply up after three claims failed, and says so", async () => {
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 10 });
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "dm", to("D0NEVER"), TOKEN, () => message);
    expect(await sweepAfterLease()).toBe(1);
    expect(await sweepAfterLease()).toBe(1);
    expect(logged("outbox reply failed").map((l) => [l.attempts, l.refused])).toEqual([
      [2, false],
      [3, false],
    ]);
    expect(await sweepAfterLease()).toBe(1);
    expect(logged("outbox reply given up")).toEqual([expect.objectContaining({ kind: "dm", attempts: 4 })]);
    expect(posted("D0NEVER")).toHaveLength(3);
    expect(await sweepAfterLease()).toBe(0);
    // the first failure, two failed sweeps and the giving up
    expect(await metric("amiport_slack_api_errors_total", { method: "chat.postMessage" })).toBe(4);
  });

  it("keeps its claim while a slow reply is being sent, so another delivery of the event does not answer again", async () => {
    const id = eventId();
    // the stand-in answers CSLOW… after two and a half leases
    const slow = outbox.answerEvent({ eventId: id, retryNum: undefined }, "mention", to("CSLOW1"), TOKEN, () => message);
    await sleep(LEASE_MS * 2);
    const other = newOutbox();
    expect(await other.answerEvent({ eventId: id, retryNum: 1 }, "mention", to("CSLOW1"), TOKEN, () => message)).toBeUndefined();
    expect(await slow).toMatch(/^\d+\.\d+$/);
    expect(posted("CSLOW1")).toHaveLength(1);
  });

  it("a response_url reply is claimed anew each time; one never taken is kept and tried again by the sweep", async () => {
    const respond = outbox.responder("share", slack.responseUrl("outbox-ok"));
    await respond({ text: "one" });
    await respond({ text: "two" });
    expect(slack.callsTo("/respond/outbox-ok").map((c) => c.body.text)).toEqual(["one", "two"]);
    expect(await metric("amiport_reply_claims_total", { lease: "new" })).toBe(2);

    const broken = outbox.responder("share", slack.responseUrl("outbox-broken"));
    await expect(broken({ text: "lost?" })).rejects.toThrow();
    expect(await sweepAfterLease()).toBe(1);
    expect(slack.callsTo("/respond/outbox-broken")).toHaveLength(2);
    expect(logged("outbox reply failed")).toEqual([expect.objectContaining({ kind: "share", attempts: 2, refused: false })]);
  });

  it("sweeps by itself every sweepEveryMs once started, and not at all when that is 0", async () => {
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 1 });
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to("C0AUTO"), TOKEN, () => message);
    outbox.start();
    await sleep(LEASE_MS + 300);
    expect(logged("outbox reply sent")).toEqual([]);
    await outbox.stop();

    outbox = newOutbox(50);
    outbox.start();
    outbox.start();
    await expect.poll(() => logged("outbox reply sent").length, { timeout: 5_000 }).toBe(1);
    await outbox.stop();
    expect(slack.acceptedCallsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0AUTO")).toHaveLength(1);
  });

  it("a delivery Slack retries after the first one's claim expired unanswered answers it, counted as re-answered by a retry", async () => {
    const id = eventId();
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 1 });
    await outbox.answerEvent({ eventId: id, retryNum: undefined }, "mention", to("C0RETRY"), TOKEN, () => message);
    await sleep(LEASE_MS + 100);
    const ts = await outbox.answerEvent({ eventId: id, retryNum: 1 }, "mention", to("C0RETRY"), TOKEN, () => message);
    expect(ts).toMatch(/^\d+\.\d+$/);
    expect(await metric("amiport_reply_claims_total", { lease: "expired" })).toBe(1);
    expect(await metric("amiport_replies_reanswered_total", { by: "retry" })).toBe(1);
    expect(await metric("amiport_replies_reanswered_total", { by: "sweep" })).toBe(0);
    expect(await sweepAfterLease()).toBe(0);
  });

  it("works the same with no metrics to count in", async () => {
    outbox = newOutbox(0, { metrics: false });
    const id = eventId();
    expect(await outbox.answerEvent({ eventId: id, retryNum: undefined }, "dm", to("D0NOMETRICS"), TOKEN, () => message)).toMatch(
      /^\d+\.\d+$/,
    );
    expect(await outbox.answerEvent({ eventId: id, retryNum: 1 }, "dm", to("D0NOMETRICS"), TOKEN, () => message)).toBeUndefined();
    // the first answer and two sweeps fail; the third sweep gives up
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 3 });
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "dm", to("D0NOMETRICS"), TOKEN, () => message);
    expect(await sweepAfterLease()).toBe(1);
    expect(await sweepAfterLease()).toBe(1);
    expect(await sweepAfterLease()).toBe(1);
    expect(logged("outbox reply given up")).toHaveLength(1);
    slack.failures.set("chat.postMessage", "channel_not_found");
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "dm", to("D0NOMETRICS"), TOKEN, () => message);
    expect(logged("reply refused for good; marked answered")).toHaveLength(1);
    slack.failures.clear();
    const respond = outbox.responder("more", slack.responseUrl("outbox-nometrics"));
    await respond({ text: "fine" });
    expect(slack.callsTo("/respond/outbox-nometrics")).toHaveLength(1);
  });

  it("one sweep sends at most its batch (20 unless set), the oldest first; the next sweep the rest", async () => {
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 21 });
    for (let i = 0; i < 21; i++)
      await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to("C0BATCH"), TOKEN, () => message);
    expect(await sweepAfterLease()).toBe(20);
    expect(await outbox.sweep()).toBe(1);
    const small = newOutbox(0, { sweepBatch: 2 });
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 3 });
    for (let i = 0; i < 3; i++)
      await small.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to("C0BATCH2"), TOKEN, () => message);
    await sleep(LEASE_MS + 100);
    expect(await small.sweep()).toBe(2);
    expect(await small.sweep()).toBe(1);
  });

  it("the sweep timer goes on after each sweep, and stops with stop()", async () => {
    outbox = newOutbox(50);
    outbox.start();
    for (const channel of ["C0TIMER1", "C0TIMER2"]) {
      slack.httpErrors.set("chat.postMessage", { status: 503, times: 1 });
      await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to(channel), TOKEN, () => message);
      await expect
        .poll(() => slack.acceptedCallsTo("/api/chat.postMessage").filter((c) => c.body.channel === channel).length, {
          timeout: 5_000,
        })
        .toBe(1);
    }
    await outbox.stop();
    slack.httpErrors.set("chat.postMessage", { status: 503, times: 1 });
    await outbox.answerEvent({ eventId: eventId(), retryNum: undefined }, "mention", to("C0STOPPED"), TOKEN, () => message);
    await sleep(LEASE_MS + 300);
    expect(slack.acceptedCallsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0STOPPED")).toEqual([]);
  });
});
