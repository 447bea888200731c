/**
 * The installation events in distributed mode (OAuth install, installations in a real PostgreSQL):
 * `app_uninstalled` removes the workspace (or the organisation's org-wide install) it names,
 * `tokens_revoked` removes the installation when the bot's token is revoked and only the named
 * people's tokens otherwise; each is logged and counted. In-process, so mutation testing runs it
 * for every mutant of the listener (the replicas suite holds the same over separate processes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/store/index.js";
import { PostgresInstallations } from "../../src/store/postgres-installations.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { eventBody, postSigned, SlackStandIn } from "../helpers/slack-stand-in.js";
import { distributedEnv, startTestApp, type TestApp } from "../helpers/test-app.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const SECRET = "installations-signing-secret";
const KEY = "29".repeat(32);

type Source = { teamId: string; enterpriseId?: string; isEnterpriseInstall?: boolean };

function installation(teamId: string, users: string[] = [], enterpriseId?: string) {
  const org = enterpriseId !== undefined;
  return {
    ...(org ? { team: undefined, enterprise: { id: enterpriseId, name: enterpriseId } } : { team: { id: teamId, name: teamId } }),
    user: {
      id: users[0] ?? "U0INSTALLER",
      ...(users[0] ? { token: `xoxp-${teamId}-${users[0]}-user`, scopes: ["identify"] } : {}),
    },
    bot: { id: "B9", userId: "UBOT0001", token: `xoxb-${teamId}-token`, scopes: ["chat:write"] },
    isEnterpriseInstall: org,
    authVersion: "v2",
  } as never;
}

describe.skipIf(!server)(`installation events${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let slack: SlackStandIn;
  let app: TestApp;
  let database: Database;
  let installations: PostgresInstallations;
  let seq = 0;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    database = new Database({ url: server!.url, poolSize: 1 });
    app = await startTestApp({
      secret: SECRET,
      slack,
      env: distributedEnv(server!.url, KEY, "installations"),
    });
    installations = new PostgresInstallations(database, { current: Buffer.from(KEY, "hex"), old: [] });
    for (const team of ["T0201", "T0202", "T0203"]) await installations.storeInstallation(installation(team));
    await installations.storeInstallation(installation("T0204", ["U0PERSON"]));
    await installations.storeInstallation(installation("T0205", [], "E0205"));
  });

  afterAll(async () => {
    await app?.stop();
    await database?.close();
    await slack?.stop();
    server?.stop();
  });

  const send = (event: Record<string, unknown>, source: Source) =>
    postSigned(app.eventsUrl, eventBody(`EvInst${++seq}`, event, source), "application/json", { secret: SECRET });
  const stored = (query: Source) =>
    installations
      .fetchInstallation({ isEnterpriseInstall: query.isEnterpriseInstall === true, ...query } as never)
      .then((found) => found as Record<string, any>)
      .catch(() => undefined);
  const changes = (change: string) => app.metric(`amiport_installation_changes_total{change="${change}"}`);

  // each test counts from its own start and reads only the lines about its own workspace: mutation
  // testing runs a test on its own, without the tests before it
  const linesAbout = (msg: string, key: "teamId" | "enterpriseId", id: string) => app.logged(msg).filter((l) => l[key] === id);
  const counted = async (change: string) => (await changes(change)) ?? 0;

  it("app_uninstalled removes the workspace it names, logs it and counts it; other workspaces stay", async () => {
    const before = await counted("uninstalled");
    expect((await send({ type: "app_uninstalled", event_ts: "1700000001.000001" }, { teamId: "T0201" })).status).toBe(200);
    await expect.poll(() => linesAbout("uninstalled", "teamId", "T0201").length).toBe(1);
    expect(linesAbout("uninstalled", "teamId", "T0201")[0]).toMatchObject({ level: "info" });
    expect(await stored({ teamId: "T0201" })).toBeUndefined();
    expect((await stored({ teamId: "T0202" }))?.team?.id).toBe("T0202");
    expect(await counted("uninstalled")).toBe(before + 1);
  });

  it("tokens_revoked for the bot removes the installation", async () => {
    const before = await counted("tokens_revoked");
    const revoked = { type: "tokens_revoked", tokens: { bot: ["UBOT0001"] }, event_ts: "1700000002.000001" };
    expect((await send(revoked, { teamId: "T0202" })).status).toBe(200);
    await expect.poll(() => linesAbout("tokens revoked", "teamId", "T0202").length).toBe(1);
    expect(linesAbout("tokens revoked", "teamId", "T0202")[0]).toMatchObject({ users: 0, bot: true });
    expect(await stored({ teamId: "T0202" })).toBeUndefined();
    expect((await stored({ teamId: "T0203" }))?.team?.id).toBe("T0203");
    expect(await counted("tokens_revoked")).toBe(before + 1);
  });

  it("tokens_revoked for people only removes their tokens and keeps the bot's", async () => {
    const before = await counted("tokens_revoked");
    expect((await stored({ teamId: "T0204" }))?.user?.token).toBe("xoxp-T0204-U0PERSON-user");
    const revoked = { type: "tokens_revoked", tokens: { oauth: ["U0PERSON"] }, event_ts: "1700000003.000001" };
    expect((await send(revoked, { teamId: "T0204" })).status).toBe(200);
    await expect.poll(() => linesAbout("tokens revoked", "teamId", "T0204").length).toBe(1);
    expect(linesAbout("tokens revoked", "teamId", "T0204")[0]).toMatchObject({ users: 1, bot: false });
    const kept = await stored({ teamId: "T0204" });
    expect(kept?.bot?.token).toBe("xoxb-T0204-token");
    expect(kept?.user?.token).toBeUndefined();
    expect(await counted("tokens_revoked")).toBe(before + 1);
  });

  it("an org-wide installation is removed by its organisation", async () => {
    const before = await counted("uninstalled");
    const org = { teamId: "T0205", enterpriseId: "E0205", isEnterpriseInstall: true };
    expect((await stored(org))?.enterprise?.id).toBe("E0205");
    expect((await send({ type: "app_uninstalled", event_ts: "1700000004.000001" }, org)).status).toBe(200);
    await expect.poll(() => linesAbout("uninstalled", "enterpriseId", "E0205").length).toBe(1);
    expect(await stored(org)).toBeUndefined();
    expect(await counted("uninstalled")).toBe(before + 1);
  });

  it("an event of a workspace with no installation is refused with 401 and answered nowhere", async () => {
    const before = app.logged("no installation loaded").length;
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: "<@UBOT0001> 5985",
      ts: "1.000100",
      channel: "C0NOINST",
      event_ts: "1.000100",
    };
    const res = await send(mention, { teamId: "T0999" });
    expect(res.status).toBe(401);
    expect(res.headers.get("retry-after")).toBeNull();
    const logged = app.logged("no installation loaded");
    expect(logged.length).toBe(before + 1);
    // Bolt's own words for what it could not find, so an operator can tell a missing row from an outage
    expect(logged.at(-1)?.error).toMatch(/\S/);
    expect(slack.callsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0NOINST")).toEqual([]);
  });
});
