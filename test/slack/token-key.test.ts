/**
 * A changed, lost or rotated TOKEN_ENCRYPTION_KEY against a real PostgreSQL (issue 14, defect 4):
 * a start whose key opens no stored installation stops with one line naming the key; a row no key
 * opens at run time is an error in the log and a failing /readyz; old keys still read, and a row
 * one of them read is sealed again with the current key.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/store/index.js";
import { PostgresInstallations } from "../../src/store/postgres-installations.js";
import { mainCommand } from "../helpers/main-process.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const SECRET = "token-key-signing-secret";
const FORM = "application/x-www-form-urlencoded";
const OLD = "a1".repeat(32);
const NEW = "b2".repeat(32);
const OTHER = "c3".repeat(32);

const keys = (current: string) => ({ current: Buffer.from(current, "hex"), old: [] });
const installation = (team: string) =>
  ({
    team: { id: team, name: team },
    user: { id: "U0INSTALLER" },
    bot: { id: "B9", userId: "UBOT0001", token: `xoxb-${team}-token`, scopes: ["chat:write"] },
    isEnterpriseInstall: false,
    authVersion: "v2",
  }) as never;
const teamQuery = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }) as never;

describe.skipIf(!server)(`TOKEN_ENCRYPTION_KEY${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let database: Database;
  let slack: SlackStandIn;
  const apps: TestApp[] = [];
  const oauthEnv = (key: string, extra: Record<string, string> = {}) => ({
    SLACK_CLIENT_ID: "1.2",
    SLACK_CLIENT_SECRET: "token-key-client-secret",
    SLACK_STATE_SECRET: "token-key-state-secret",
    DATABASE_URL: server!.url,
    TOKEN_ENCRYPTION_KEY: key,
    ...extra,
  });
  const start = async (env: Record<string, string>) => {
    const app = await startTestApp({ secret: SECRET, slack, env });
    apps.push(app);
    return app;
  };
  let seq = 0;
  const command = (app: TestApp, team: string) =>
    app.post(slashCommandBody("5985", slack.responseUrl(`key${++seq}`), { team_id: team }), FORM);

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    database = new Database({ url: server!.url, poolSize: 2 });
    await database.migrate();
    // installed while the old key was current
    for (const team of ["T0001", "T0002"])
      await new PostgresInstallations(database, keys(OLD)).storeInstallation(installation(team));
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await database?.close();
    await slack?.stop();
    server?.stop();
  });

  it("refuses to start when TOKEN_ENCRYPTION_KEY opens no stored installation: one line naming it, no key", () => {
    const cwd = mkdtempSync(`${tmpdir()}/amiport-key-`);
    const env = { PATH: process.env.PATH ?? "", SLACK_SIGNING_SECRET: SECRET, PORT: "0", LOG_LEVEL: "error", ...oauthEnv(NEW) };
    const main = mainCommand(env);
    const result = spawnSync(process.execPath, main.args, { cwd, env: main.env, encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^amiport: could not start: .*TOKEN_ENCRYPTION_KEY/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(NEW);
    expect(`${result.stdout}${result.stderr}`).not.toContain(OLD);
  });

  it("rotates: with the old key in TOKEN_ENCRYPTION_OLD_KEYS it starts, answers, and re-seals each row it reads", async () => {
    const app = await start(oauthEnv(NEW, { TOKEN_ENCRYPTION_OLD_KEYS: `${OTHER}, ${OLD}` }));
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
    for (const team of ["T0001", "T0002"]) {
      const res = await command(app, team);
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain("Windows Remote Management");
    }
    // the new key alone now opens both rows
    for (const team of ["T0001", "T0002"]) {
      const opened = await new PostgresInstallations(database, keys(NEW)).fetchInstallation(teamQuery(team));
      expect(opened.bot?.token).toBe(`xoxb-${team}-token`);
    }
    expect(app.logLines.join("\n")).not.toMatch(/"level":"error"/);
  });

  it("a row no key opens at run time is an error log naming the key, and /readyz fails", async () => {
    const app = await start(oauthEnv(NEW));
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
    // another replica, deployed with a different key, installs a workspace
    await new PostgresInstallations(database, keys(OTHER)).storeInstallation(installation("T0003"));
    const res = await command(app, "T0003");
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [logged] = app.logged("installation cannot be decrypted");
    expect(logged?.level).toBe("error");
    expect(logged?.error).toContain("TOKEN_ENCRYPTION_KEY");
    const ready = await fetch(`${app.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain("TOKEN_ENCRYPTION_KEY");
    expect(app.logLines.join("\n")).not.toContain(NEW);
    expect(app.logLines.join("\n")).not.toContain(OTHER);
  });
});
