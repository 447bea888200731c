/**
 * Two replicas of the app in distributed mode (OAuth install) sharing one real PostgreSQL, against
 * the Web API stand-in: the OAuth flow end to end, each workspace answered with its own token,
 * a retried event answered once across replicas, many commands spread over both, uninstalls.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { type EventSource, eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const SECRET = "replicas-signing-secret";
const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";
const COMMANDS = 2000;
const MENTIONS = 300;

const T1 = { teamId: "T0001", botToken: "xoxb-T0001-bot-token", userToken: "xoxp-T0001-user-token" };
const T2 = { teamId: "T0002", botToken: "xoxb-T0002-bot-token", userToken: "xoxp-T0002-user-token" };
const GRID = {
  enterpriseId: "E0001",
  isEnterpriseInstall: true,
  botToken: "xoxb-E0001-org-token",
  userToken: "xoxp-E0001-user-token",
};

describe.skipIf(!server)(
  `two replicas over one PostgreSQL${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`,
  () => {
    let slack: SlackStandIn;
    let a: TestApp;
    let b: TestApp;
    let seq = 0;

    beforeAll(async () => {
      slack = await new SlackStandIn().start();
      const env = {
        SLACK_CLIENT_ID: slack.oauthClient.id,
        SLACK_CLIENT_SECRET: slack.oauthClient.secret,
        SLACK_STATE_SECRET: "replicas-state-secret",
        DATABASE_URL: server!.url,
        DATABASE_POOL_SIZE: "5",
        TOKEN_ENCRYPTION_KEY: "42".repeat(32),
      };
      [a, b] = await Promise.all([startTestApp({ secret: SECRET, slack, env }), startTestApp({ secret: SECRET, slack, env })]);
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await slack?.stop();
      server?.stop();
    });

    /** "Add to Slack" on `replica`, approved in "Slack", then the redirect back with a code. */
    async function install(replica: TestApp, workspace: typeof T1 | typeof GRID) {
      const page = await fetch(`${replica.base}/slack/install`);
      expect(page.status).toBe(200);
      const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
      const link = /<a href="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll("&amp;", "&") ?? "";
      const authorize = new URL(link);
      expect(authorize.searchParams.get("client_id")).toBe(slack.oauthClient.id);
      expect(authorize.searchParams.get("scope")).toBe("commands,app_mentions:read,chat:write,im:history");
      const state = authorize.searchParams.get("state") ?? "";
      expect(state.length).toBeGreaterThan(20);
      const code = `code-${++seq}`;
      slack.grants.set(code, workspace);
      return fetch(`${replica.base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
        redirect: "manual",
      });
    }

    const mention = (channel: string, text: string) => {
      const ts = `1700000000.${String(++seq).padStart(6, "0")}`;
      return { type: "app_mention", user: "U0ASKER", text: `<@UBOT0001> ${text}`, ts, channel, event_ts: ts };
    };
    const send = (
      replica: TestApp,
      event: object,
      source: EventSource,
      eventId = `Ev${++seq}`,
      headers = {},
      timestamp?: number,
    ) =>
      postSigned(replica.eventsUrl, eventBody(eventId, event as never, source), JSON_TYPE, {
        secret: SECRET,
        headers,
        ...(timestamp ? { timestamp } : {}),
      });
    /** Error lines, less Bolt's own for the forged OAuth state below. */
    const unexpectedErrors = () =>
      [...a.logLines, ...b.logLines].filter((l) => l.includes('"level":"error"') && !l.includes("slack_oauth_invalid_state"));
    const postsTo = (channel: string) => slack.callsTo("/api/chat.postMessage").filter((p) => p.body.channel === channel);

    it("installs by OAuth on one replica; the other answers that workspace with its own token", async () => {
      const done = await install(a, T1);
      expect(done.status).toBe(200);
      expect(await done.text()).toMatch(/Thank you!|success/i);
      const [access] = slack.callsTo("/api/oauth.v2.access");
      expect(access?.body.code).toMatch(/^code-/);
      expect((await send(b, mention("C0T1", "5985"), { teamId: "T0001" })).status).toBe(200);
      await expect.poll(() => postsTo("C0T1").length).toBe(1);
      expect(postsTo("C0T1")[0]?.headers.authorization).toBe(`Bearer ${T1.botToken}`);
      expect(postsTo("C0T1")[0]?.body.text).toMatch(/^Windows Remote Management \(HTTP-In\)/);
    });

    it("refuses a redirect with a forged state and stores nothing", async () => {
      slack.grants.set("code-forged", T2);
      const res = await fetch(`${b.base}/slack/oauth_redirect?code=code-forged&state=forged`, { redirect: "manual" });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(slack.grants.has("code-forged")).toBe(true);
      expect((await send(a, mention("C0FORGED", "5985"), { teamId: "T0002" })).status).toBe(401);
      slack.grants.delete("code-forged");
    });

    it("answers each workspace and an org-wide Enterprise Grid install with its own token", async () => {
      expect((await install(b, T2)).status).toBe(200);
      expect((await install(a, GRID)).status).toBe(200);
      await send(a, mention("C0T2", "3389"), { teamId: "T0002" });
      await send(b, mention("C0GRID", "445"), { teamId: "T0777", enterpriseId: "E0001", isEnterpriseInstall: true });
      await expect.poll(() => postsTo("C0T2").length + postsTo("C0GRID").length).toBe(2);
      expect(postsTo("C0T2")[0]?.headers.authorization).toBe(`Bearer ${T2.botToken}`);
      expect(postsTo("C0GRID")[0]?.headers.authorization).toBe(`Bearer ${GRID.botToken}`);
    });

    it("answers an event delivered to both replicas (Slack's retry) exactly once", async () => {
      const event = mention("C0RETRY", "rdp");
      const [first, retry] = await Promise.all([
        send(a, event, { teamId: "T0001" }, "EvBoth"),
        // a retry is a new request, signed anew (a copy with the same signature is a replay, refused by the guard)
        send(
          b,
          event,
          { teamId: "T0001" },
          "EvBoth",
          { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" },
          Math.floor(Date.now() / 1000) + 1,
        ),
      ]);
      expect([first.status, retry.status]).toEqual([200, 200]);
      await expect.poll(() => postsTo("C0RETRY").length).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(postsTo("C0RETRY")).toHaveLength(1);
      const ignored =
        (await a.metric("amiport_repeat_deliveries_ignored_total"))! +
        (await b.metric("amiport_repeat_deliveries_ignored_total"))!;
      expect(ignored).toBe(1);
    });

    it(`answers ${COMMANDS} commands from two workspaces spread across both replicas, with no errors`, async () => {
      const questions = ["5985", "rdp 2019", "smb on 2012 r2", "8080", "inbound udp 2022"];
      let next = 0;
      const failures: string[] = [];
      const worker = async () => {
        while (next < COMMANDS) {
          const i = next++;
          const replica = i % 2 === 0 ? a : b;
          const team = i % 3 === 0 ? "T0002" : "T0001";
          const body = slashCommandBody(questions[i % questions.length]!, slack.responseUrl(`bulk${i}`), { team_id: team });
          const res = await postSigned(replica.eventsUrl, body, FORM, { secret: SECRET });
          const reply = (await res.json().catch(() => ({}))) as { response_type?: string };
          if (res.status !== 200 || reply.response_type !== "ephemeral") failures.push(`${i}: ${res.status}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(failures).toEqual([]);
      const answered = async (app: TestApp) =>
        ((await app.metric('amiport_requests_total{kind="command",outcome="answered"}')) ?? 0) +
        ((await app.metric('amiport_requests_total{kind="command",outcome="no_match"}')) ?? 0);
      expect((await answered(a)) + (await answered(b))).toBe(COMMANDS);
      expect(unexpectedErrors()).toEqual([]);
    }, 180_000);

    it(`answers ${MENTIONS} mentions, each delivered to both replicas at once (Slack's retry), exactly once each`, async () => {
      const before = postsTo("C0LOAD").length;
      let next = 0;
      const worker = async () => {
        while (next < MENTIONS) {
          const i = next++;
          const event = {
            ...mention("C0LOAD", i % 2 === 0 ? "5985" : "rdp"),
            thread_ts: `1700000100.${String(i).padStart(6, "0")}`,
          };
          const [first, retry] = i % 2 === 0 ? [a, b] : [b, a];
          const responses = await Promise.all([
            send(first, event, { teamId: "T0001" }, `EvLoad${i}`),
            send(retry, event, { teamId: "T0001" }, `EvLoad${i}`, {
              "X-Slack-Retry-Num": "1",
              "X-Slack-Retry-Reason": "http_timeout",
            }),
          ]);
          expect(responses.map((r) => r.status)).toEqual([200, 200]);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await expect.poll(() => postsTo("C0LOAD").length - before, { timeout: 20_000 }).toBe(MENTIONS);
      await new Promise((r) => setTimeout(r, 300));
      const threads = postsTo("C0LOAD")
        .slice(before)
        .map((p) => p.body.thread_ts);
      expect(new Set(threads).size).toBe(MENTIONS);
      expect(threads).toHaveLength(MENTIONS);
      expect(unexpectedErrors()).toEqual([]);
    }, 120_000);

    it("keeps tokens encrypted at rest: the installations table holds no xoxb- or xoxp-", async () => {
      const client = new pg.Client(server!.url);
      await client.connect();
      const rows = (await client.query("SELECT install_key, team_id, enterprise_id, sealed FROM amiport_installations")).rows;
      await client.end();
      expect(rows.map((r) => r.install_key).sort()).toEqual(["enterprise:E0001", "team:T0001", "team:T0002"]);
      const raw = rows
        .map((r) => `${r.install_key} ${r.team_id} ${r.enterprise_id} ${Buffer.from(r.sealed).toString("latin1")}`)
        .join("\n");
      expect(raw).not.toMatch(/xox[bp]-/);
    });

    it("app_uninstalled removes the workspace: its next event is refused cleanly, others still answered", async () => {
      const uninstalled = { type: "app_uninstalled", event_ts: "1700000001.000001" };
      expect((await send(b, uninstalled, { teamId: "T0002" })).status).toBe(200);
      await expect.poll(() => a.logged("uninstalled").length + b.logged("uninstalled").length).toBe(1);
      // the replica that handled the uninstall forgets at once; others within INSTALLATION_CACHE_TTL_MS
      const refused = await send(b, mention("C0GONE", "5985"), { teamId: "T0002" });
      expect(refused.status).toBe(401);
      await send(a, mention("C0STILL", "5985"), { teamId: "T0001" });
      await expect.poll(() => postsTo("C0STILL").length).toBe(1);
      expect(postsTo("C0GONE")).toEqual([]);
      expect(unexpectedErrors()).toEqual([]);
    });

    it("tokens_revoked for the bot removes the installation", async () => {
      const revoked = { type: "tokens_revoked", tokens: { bot: ["UBOT0001"] }, event_ts: "1700000002.000001" };
      expect((await send(a, revoked, { teamId: "T0777", enterpriseId: "E0001", isEnterpriseInstall: true })).status).toBe(200);
      await expect.poll(() => a.logged("tokens revoked").length).toBe(1);
      const refused = await send(a, mention("C0GRIDGONE", "5985"), {
        teamId: "T0777",
        enterpriseId: "E0001",
        isEnterpriseInstall: true,
      });
      expect(refused.status).toBe(401);
    });

    it("never logs a token or secret", () => {
      const all = [...a.logLines, ...b.logLines].join("\n");
      for (const secret of [
        T1.botToken,
        T2.botToken,
        GRID.botToken,
        T1.userToken,
        slack.oauthClient.secret,
        "replicas-state-secret",
      ]) {
        expect(all).not.toContain(secret);
      }
    });
  },
);
