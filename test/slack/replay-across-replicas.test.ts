/**
 * A captured request replayed to another replica within Slack's five minutes is not served again
 * (issue 14): with DATABASE_URL, the replicas share the signatures they served, in PostgreSQL.
 * Event de-duplication cannot cover this: slash commands and button clicks carry no event_id.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, encodeButtonState } from "../../src/render/blocks.js";
import { Database } from "../../src/store/index.js";
import { PostgresServedSignatures } from "../../src/store/postgres-served-signatures.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { blockActionBody, SlackStandIn, signature, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const SECRET = "replay-across-replicas-secret";
const FORM = "application/x-www-form-urlencoded";

describe.skipIf(!server)(`replays across replicas${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let slack: SlackStandIn;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    const options = { secret: SECRET, botToken: "xoxb-replay-bot-token", slack, env: { DATABASE_URL: server!.url } };
    a = await startTestApp(options);
    b = await startTestApp(options);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await slack?.stop();
    server?.stop();
  });

  /** The same bytes and headers, sent to `url`: what someone who captured the request would do. */
  const send = (url: string, body: string, headers: Record<string, string>) =>
    fetch(url, { method: "POST", headers: { "Content-Type": FORM, ...headers }, body });

  it("a slash command served by one replica is refused by the other", async () => {
    const body = slashCommandBody("5985", slack.responseUrl("replayed-command"));
    const headers = signature(SECRET, body, Math.floor(Date.now() / 1000));
    const first = await send(a.eventsUrl, body, headers);
    expect(JSON.stringify(await first.json())).toContain("Windows Remote Management");
    const replay = await send(b.eventsUrl, body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.text()).not.toContain("Windows Remote Management");
    expect(b.running.guard?.refused.replayed).toBe(1);
  });

  it("a button click served by one replica is not served again by the other", async () => {
    const id = "replayed-click";
    const body = blockActionBody(ACTIONS.share, encodeButtonState({ q: "3389", o: 0 }), slack.responseUrl(id), true);
    const headers = signature(SECRET, body, Math.floor(Date.now() / 1000));
    expect((await send(b.eventsUrl, body, headers)).status).toBe(200);
    // sharing posts the answer in the channel, then removes the private one
    const served = await slack.waitFor(`/respond/${id}`, 2);
    expect(served.map((c) => c.body.response_type ?? "delete")).toEqual(["in_channel", "delete"]);
    expect((await send(a.eventsUrl, body, headers)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.callsTo(`/respond/${id}`)).toHaveLength(2);
    expect(a.running.guard?.refused.replayed).toBe(1);
  });

  it("keeps each signature once, for the window only, in one round trip", async () => {
    const queries: string[] = [];
    const database = new Database({ url: server!.url, poolSize: 1, onQuery: (operation) => queries.push(operation) });
    const served = new PostgresServedSignatures(database, 200);
    const sig = `v0=${"ab".repeat(32)}`;
    expect(await served.firstServing(sig)).toBe(true);
    expect(await served.firstServing(sig)).toBe(false);
    expect(queries).toEqual(["served_signature", "served_signature"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // expired: the same signature is a new request again (Slack's timestamp check refuses it anyway)
    expect(await served.firstServing(sig)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await served.removeExpired()).toBeGreaterThanOrEqual(1);
    const admin = new pg.Client(server!.url);
    await admin.connect();
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM amiport_served_signatures WHERE signature = $1", [sig]);
    expect(rows[0].n).toBe(0);
    await admin.end();
    await database.close();
  });
});
