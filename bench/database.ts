import { Database } from "../src/store/index.js";
import { PostgresInstallations } from "../src/store/postgres-installations.js";
import { startPostgres } from "../test/helpers/postgres.js";
import { eventBody, postSigned } from "../test/helpers/slack-stand-in.js";
import { INCIDENT_MIX, load, loadConcurrently, pooled, ROUNDS, SECRET, type Served, serve, startStandIn, TOTAL } from "./http.js";
import { formatStats, type Stats } from "./stats.js";

const KEY = "5a".repeat(32);
const EVENTS = 1000;
const TARGET = 1.3;

/** Sends `count` distinct app_mention events, CONCURRENCY at a time; the latency of Slack's 200. */
function loadEvents(eventsUrl: string, count: number, prefix: string): Promise<Stats> {
  return loadConcurrently(count, 200, (i) => {
    const ts = `1700000000.${String(i).padStart(6, "0")}`;
    const event = {
      type: "app_mention",
      user: "U1",
      text: `<@UBOT> ${INCIDENT_MIX[i % INCIDENT_MIX.length]}`,
      ts,
      channel: "C1",
      event_ts: ts,
    };
    return postSigned(eventsUrl, eventBody(`${prefix}-${i}`, event), "application/json", { secret: SECRET });
  });
}

/** Database round trips the app has made so far for requests, from its /metrics (less the scrapes' own pings). */
async function roundTrips(app: Served): Promise<number> {
  const text = await (await fetch(app.url.replace(/\/slack\/events$/, "/metrics"))).text();
  return [...text.matchAll(/^amiport_database_queries_total\{operation="(\w+)"[^}]*\} (\d+)/gm)]
    .filter((m) => m[1] !== "ping")
    .reduce((sum, m) => sum + Number(m[2]), 0);
}

/** The count once the app has finished its work: claims and replies run after Slack's 200, and lag under load. */
async function settledRoundTrips(app: Served): Promise<number> {
  let last = await roundTrips(app);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await roundTrips(app);
    if (now === last) return now;
    last = now;
  }
  return last;
}

export async function benchDatabase(): Promise<string[]> {
  let url = process.env.DATABASE_URL;
  let stopServer = () => {};
  if (!url) {
    const started = await startPostgres();
    if ("skip" in started) return [`database: skipped: ${started.skip}`];
    url = started.server.url;
    stopServer = started.server.stop;
  }
  const database = new Database({ url, poolSize: 1 });
  await database.migrate();
  await new PostgresInstallations(database, { current: Buffer.from(KEY, "hex"), old: [] }).storeInstallation({
    team: { id: "T0001", name: "Bench" },
    user: { id: "U1" },
    bot: { id: "BBOT", userId: "UBOT", token: "xoxb-bench-installed", scopes: ["chat:write"] },
    isEnterpriseInstall: false,
    authVersion: "v2",
  } as never);
  await database.close();

  const standIn = await startStandIn();
  const single = await serve("amiport", standIn.apiUrl);
  const distributed = await serve("amiport", standIn.apiUrl, {
    SLACK_BOT_TOKEN: "",
    SLACK_CLIENT_ID: "1.2",
    SLACK_CLIENT_SECRET: "bench-client-secret",
    SLACK_STATE_SECRET: "bench-state-secret",
    DATABASE_URL: url,
    TOKEN_ENCRYPTION_KEY: KEY,
  });
  try {
    await load(single.url, 500, INCIDENT_MIX);
    await load(distributed.url, 500, INCIDENT_MIX);
    const lines = [
      `database: single-workspace (no database) vs distributed (OAuth, PostgreSQL on loopback), each in its own process; ${ROUNDS} alternating runs each`,
    ];
    const commands = { single: [] as Stats[], distributed: [] as Stats[] };
    const events = { single: [] as Stats[], distributed: [] as Stats[] };
    const trips = { commands: 0, events: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      commands.single.push(await load(single.url, TOTAL, INCIDENT_MIX));
      let before = await roundTrips(distributed);
      commands.distributed.push(await load(distributed.url, TOTAL, INCIDENT_MIX));
      trips.commands += (await roundTrips(distributed)) - before;
      events.single.push(await loadEvents(single.url, EVENTS, `s${round}`));
      before = await roundTrips(distributed);
      events.distributed.push(await loadEvents(distributed.url, EVENTS, `d${round}`));
      trips.events += (await settledRoundTrips(distributed)) - before;
    }
    for (const [name, runs, count, total] of [
      ["slash commands", commands, TOTAL, trips.commands],
      ["events (app_mention)", events, EVENTS, trips.events],
    ] as const) {
      const s = pooled(runs.single);
      const d = pooled(runs.distributed);
      lines.push(
        formatStats(`single-workspace ack, ${name}`, s),
        formatStats(`distributed ack, ${name}`, d),
        `database: ${name}: distributed ack p99 / single-workspace p99 = ${(d.p99Ms / s.p99Ms).toFixed(2)}x (target within ${TARGET}x); p50 ${(d.p50Ms / s.p50Ms).toFixed(2)}x; database round trips per request ${(total / (ROUNDS * count)).toFixed(3)} (events: at most 3, to claim, keep the reply and confirm it, fewer when batched under load; commands: 0)`,
      );
    }
    return lines;
  } finally {
    await single.stop();
    await distributed.stop();
    standIn.server.close();
    stopServer();
  }
}
