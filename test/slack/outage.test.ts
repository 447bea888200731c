/**
 * The database goes away mid-run and comes back (pg_ctl stop, then start): nothing crashes,
 * single-workspace answers go on with reply claims in memory, as before claims: nothing kept for
 * other replicas (said in the log and the metrics),
 * distributed mode asks Slack to retry (503), and /readyz and /metrics tell the truth throughout.
 */

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOKUP_PORTS } from "../../src/slack/listeners/shortcuts/index.js";
import { Database } from "../../src/store/index.js";
import { PostgresInstallations } from "../../src/store/postgres-installations.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { eventBody, messageShortcutBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";
import { distributedEnv, startTestApp, type TestApp } from "../helpers/test-app.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const SECRET = "outage-signing-secret";
const KEY = "17".repeat(32);
const BOT = "xoxb-single-workspace-token";

describe.skipIf(!server)(`a database outage${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let slack: SlackStandIn;
  let single: TestApp;
  let distributed: TestApp;
  let seq = 0;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    const databaseUrl = { DATABASE_URL: server!.url };
    single = await startTestApp({ secret: SECRET, botToken: BOT, slack, env: databaseUrl });
    distributed = await startTestApp({
      secret: SECRET,
      slack,
      env: distributedEnv(server!.url, KEY, "outage"),
    });
    const database = new Database({ url: server!.url, poolSize: 1 });
    for (const team of ["T0009", "T0010"]) {
      await new PostgresInstallations(database, { current: Buffer.from(KEY, "hex"), old: [] }).storeInstallation({
        team: { id: team, name: team },
        user: { id: "U0INSTALLER" },
        bot: { id: "B9", userId: "UBOT0001", token: `xoxb-${team}-token`, scopes: ["chat:write"] },
        isEnterpriseInstall: false,
        authVersion: "v2",
      } as never);
    }
    await database.close();
  });

  afterAll(async () => {
    await Promise.all([single?.stop(), distributed?.stop()]);
    await slack?.stop();
    server?.stop();
  });

  const mention = (channel: string) => {
    const ts = `1700000000.${String(++seq).padStart(6, "0")}`;
    return { type: "app_mention", user: "U0ASKER", text: "<@UBOT0001> 5985", ts, channel, event_ts: ts };
  };
  // a retry (X-Slack-Retry-Num) is signed anew, as Slack does, so it is not taken for a replay of the same request
  const send = (app: TestApp, event: object, teamId: string, eventId = `EvOut${++seq}`, headers: Record<string, string> = {}) =>
    postSigned(app.eventsUrl, eventBody(eventId, event as never, { teamId }), "application/json", {
      secret: SECRET,
      headers,
      timestamp: Math.floor(Date.now() / 1000) + Number(headers["X-Slack-Retry-Num"] ?? 0),
    });
  const postsTo = (channel: string) => slack.callsTo("/api/chat.postMessage").filter((p) => p.body.channel === channel);
  const ready = async (app: TestApp) => {
    const res = await fetch(`${app.base}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it("is ready while the database answers", async () => {
    expect(await ready(single)).toEqual({ status: 200, body: { status: "ok", database: "ok", dedupe: "shared" } });
    expect(await single.metric("amiport_database_up")).toBe(1);
    expect(await single.metric("amiport_dedupe_shared")).toBe(1);
    await send(distributed, mention("C0BEFORE"), "T0009");
    await expect.poll(() => postsTo("C0BEFORE").length).toBe(1);
  });

  describe("while the database is down", () => {
    beforeAll(() => server!.pause());

    it("/healthz stays 200 (alive), /readyz says 503 and why, /metrics says the database is down", async () => {
      expect((await fetch(`${single.base}/healthz`)).status).toBe(200);
      expect(await ready(single)).toMatchObject({ status: 503, body: { status: "degraded", database: "unreachable" } });
      expect(await single.metric("amiport_database_up")).toBe(0);
    });

    it("single workspace: commands and events are still answered, a retry once only, and dedupe says it is in memory", async () => {
      const res = await postSigned(
        single.eventsUrl,
        slashCommandBody("5985", slack.responseUrl("outage")),
        "application/x-www-form-urlencoded",
        { secret: SECRET },
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toMatch(/^Windows Remote Management/);
      const event = mention("C0DURING");
      expect((await send(single, event, "T0001", "EvDuring")).status).toBe(200);
      await expect.poll(() => postsTo("C0DURING").length).toBe(1);
      expect((await send(single, event, "T0001", "EvDuring", { "X-Slack-Retry-Num": "1" })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(postsTo("C0DURING")).toHaveLength(1);
      expect(single.logged("dedupe falls back to memory")).toHaveLength(1);
      expect(await single.metric("amiport_dedupe_shared")).toBe(0);
      expect(await single.metric("amiport_repeat_deliveries_ignored_total")).toBe(1);
      expect((await ready(single)).body.dedupe).toBe("memory");
      expect(await single.metric('amiport_database_errors_total{operation="reply_claim"}')).toBeGreaterThanOrEqual(1);
    });

    it("single workspace: a response_url reply (the message shortcut) still goes out, its claim in memory", async () => {
      const body = messageShortcutBody(LOOKUP_PORTS, { text: "is 3389 open?" }, slack.responseUrl("outage-shortcut"));
      expect((await postSigned(single.eventsUrl, body, "application/x-www-form-urlencoded", { secret: SECRET })).status).toBe(
        200,
      );
      await expect.poll(() => slack.acceptedCallsTo("/respond/outage-shortcut").length).toBe(1);
      expect(slack.acceptedCallsTo("/respond/outage-shortcut")[0]?.body.text).toMatch(/Remote Desktop/);
      expect(single.logged("reply not kept")).toEqual([]);
    });

    it("distributed: a workspace whose token was loaded a moment ago is still answered", async () => {
      await send(distributed, mention("C0CACHED"), "T0009");
      await expect.poll(() => postsTo("C0CACHED").length).toBe(1);
    });

    it("distributed: an event whose token cannot be loaded gets 503 so Slack retries it; nothing is posted", async () => {
      const res = await send(distributed, mention("C0NOTOKEN"), "T0010");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      await new Promise((r) => setTimeout(r, 200));
      expect(postsTo("C0NOTOKEN")).toEqual([]);
      expect((await fetch(`${distributed.base}/healthz`)).status).toBe(200);
    });

    afterAll(() => server!.resume());
  });

  describe("after the database is back", () => {
    it("is ready again and answers distributed events", async () => {
      await expect.poll(async () => (await ready(single)).status, { timeout: 10_000 }).toBe(200);
      expect(await single.metric("amiport_database_up")).toBe(1);
      await expect.poll(async () => (await send(distributed, mention("C0AFTER"), "T0010")).status, { timeout: 10_000 }).toBe(200);
      await expect.poll(() => postsTo("C0AFTER").length).toBeGreaterThanOrEqual(1);
    });

    it("shares de-duplication through the database again, and says so", async () => {
      await expect
        .poll(
          async () => {
            await send(single, mention("C0SHARED"), "T0001");
            return single.metric("amiport_dedupe_shared");
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(1);
      expect(single.logged("dedupe shared again")).toHaveLength(1);
    });

    it("never crashed or logged a secret", () => {
      const all = [...single.logLines, ...distributed.logLines].join("\n");
      expect(all).not.toContain(BOT);
      expect(all).not.toMatch(/xoxb-T00(09|10)-token/);
      expect(all).not.toContain("outage-client-secret");
      expect(single.logged("stopped")).toEqual([]);
    });
  });
});

describe("starting while the database is away", () => {
  const closedPort = async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  };

  it("single workspace: starts anyway, answers, and says it is not ready", async () => {
    const url = `postgres://amiport@127.0.0.1:${await closedPort()}/amiport`;
    const app = await startTestApp({ secret: SECRET, botToken: BOT, env: { DATABASE_URL: url } });
    try {
      const res = await app.post(slashCommandBody("3389", app.slack.responseUrl("early")), "application/x-www-form-urlencoded");
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toMatch(/Remote Desktop/);
      expect((await fetch(`${app.base}/readyz`)).status).toBe(503);
      expect(app.logged("database problem")[0]).toMatchObject({ task: "migrate" });
      expect(await app.metric('amiport_database_errors_total{operation="migrate"}')).toBe(1);
      expect(await app.metric('amiport_database_errors_total{operation="connection"}')).toBeUndefined();
      expect(app.logLines.join("\n")).not.toContain(BOT);
    } finally {
      await app.stop();
    }
  });

  it("distributed: refuses to start, naming the database", async () => {
    const url = `postgres://amiport@127.0.0.1:${await closedPort()}/amiport`;
    const env = {
      DATABASE_URL: url,
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "never-started-secret",
      SLACK_STATE_SECRET: "never-started-state",
      TOKEN_ENCRYPTION_KEY: KEY,
    };
    const slack = await new SlackStandIn().start();
    await expect(startTestApp({ secret: SECRET, env, slack })).rejects.toThrow(/DATABASE_URL could not be reached/);
    await slack.stop();
  });
});
