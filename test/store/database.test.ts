/**
 * The PostgreSQL wrapper (one bounded pool, every round trip counted by operation and outcome), the
 * served signatures every replica shares, and the operation names /metrics shows, against a real
 * PostgreSQL.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, type QueryOutcome } from "../../src/store/database.js";
import type { AnyInstallation } from "../../src/store/installations.js";
import { PostgresInstallations } from "../../src/store/postgres-installations.js";
import { PostgresReplyClaims } from "../../src/store/postgres-reply-claims.js";
import { PostgresServedSignatures } from "../../src/store/postgres-served-signatures.js";
import { TokenKeyError } from "../../src/store/token-keys.js";
import { freePort, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Database without a server", () => {
  it("is not reachable, and counts the failed round trip", async () => {
    const counted: string[] = [];
    const database = new Database({
      url: `postgres://postgres@127.0.0.1:${await freePort()}/postgres`,
      poolSize: 1,
      onQuery: (operation, outcome) => counted.push(`${operation} ${outcome}`),
    });
    try {
      expect(await database.reachable()).toBe(false);
      expect(counted).toEqual(["ping error"]);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!server)(`Database on PostgreSQL${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  const counted: { operation: string; outcome: QueryOutcome }[] = [];
  let database: Database;

  beforeAll(async () => {
    database = new Database({
      url: server!.url,
      poolSize: 1,
      onQuery: (operation, outcome) => counted.push({ operation, outcome }),
      // the idle-connection test ends connections named amiport; this pool just opens another
      onIdleError: () => undefined,
    });
    await database.migrate();
  });

  afterAll(async () => {
    await database?.close();
    server?.stop();
  });

  const since = (mark: number) => counted.slice(mark).map((c) => `${c.operation} ${c.outcome}`);

  it("hands its one connection back after migrating, is reachable, and counts each round trip by outcome", async () => {
    const mine: string[] = [];
    // a pool of one: a connection kept by migrate() would leave the next query waiting until the connect timeout
    const own = new Database({
      url: server!.url,
      poolSize: 1,
      onQuery: (operation, outcome) => mine.push(`${operation} ${outcome}`),
    });
    try {
      expect(await own.migrate()).toEqual([]);
      expect(await own.reachable()).toBe(true);
      await expect(own.query("broken_query", "SELECT no_such_column FROM amiport_schema_migrations")).rejects.toThrow(
        /no_such_column/,
      );
      expect(mine).toEqual(["ping ok", "broken_query error"]);
    } finally {
      await own.close();
    }
    // told of nothing: a failed query still fails with the server's error
    const quiet = new Database({ url: server!.url, poolSize: 1 });
    try {
      await expect(quiet.query("broken_query", "SELECT no_such_column FROM amiport_schema_migrations")).rejects.toThrow(
        /no_such_column/,
      );
    } finally {
      await quiet.close();
    }
  });

  it("names itself to the server, and is told when the server ends an idle connection", async () => {
    const errors: Error[] = [];
    const own = new Database({ url: server!.url, poolSize: 1, onIdleError: (error) => errors.push(error) });
    const admin = new pg.Client(server!.url);
    await admin.connect();
    try {
      expect(await own.reachable()).toBe(true);
      const ended = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'amiport' AND pid <> pg_backend_pid()",
      );
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
      const until = Date.now() + 5000;
      while (errors.length === 0 && Date.now() < until) await sleep(20);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      // and the pool opens a new connection for the next query
      expect(await own.reachable()).toBe(true);
    } finally {
      await admin.end();
      await own.close();
    }
  });

  it("serves a signature once among replicas until it expires, and cleanup removes the expired rows", async () => {
    const other = new Database({ url: server!.url, poolSize: 1 });
    try {
      const here = new PostgresServedSignatures(database, 200);
      const there = new PostgresServedSignatures(other, 200);
      const mark = counted.length;
      expect(await here.firstServing("v0=sig-a")).toBe(true);
      expect(await there.firstServing("v0=sig-a")).toBe(false);
      expect(await here.firstServing("v0=sig-a")).toBe(false);
      expect(await there.firstServing("v0=sig-b")).toBe(true);
      expect(since(mark)).toEqual(["served_signature ok", "served_signature ok"]);
      await sleep(250);
      // expired: the same signature is new again (its row renewed), and then served
      expect(await there.firstServing("v0=sig-a")).toBe(true);
      expect(await here.firstServing("v0=sig-a")).toBe(false);
      await sleep(250);
      expect(await here.removeExpired()).toBeGreaterThanOrEqual(2);
      expect(await here.removeExpired()).toBe(0);
      const left = await database.query<{ n: string }>("test", "SELECT count(*) AS n FROM amiport_served_signatures");
      expect(Number(left.rows[0]?.n)).toBe(0);
      expect(counted.slice(mark).map((c) => c.operation)).toContain("served_signature_cleanup");
    } finally {
      await other.close();
    }
  });

  it("counts reply claims' round trips under their own operation names", async () => {
    const claims = new PostgresReplyClaims(database, 50);
    const mark = counted.length;
    const claim = (await claims.claim("EvNamed"))!;
    await claims.keep(claim, { text: "kept" });
    expect(await claims.renew(claim)).toBe(true);
    expect(await claims.depth()).toBeGreaterThanOrEqual(1);
    await sleep(80);
    expect((await claims.takeExpired(5)).map((t) => t.claim.key)).toContain("EvNamed");
    await claims.settle(claim);
    await claims.removeExpired();
    expect(since(mark)).toEqual([
      "reply_claim ok",
      "reply_keep ok",
      "reply_renew ok",
      "outbox_depth ok",
      "outbox_take ok",
      "reply_settle ok",
      "seen_event_cleanup ok",
    ]);
  });

  it("keeps installations' ids in plain columns and their tokens sealed, reports each opening, and re-seals with the current key", async () => {
    const KEY = Buffer.alloc(32, 1);
    const NEW_KEY = Buffer.alloc(32, 2);
    const org = {
      team: undefined,
      enterprise: { id: "EPLAIN", name: "Grid" },
      bot: { id: "BBOT", userId: "UBOT", token: "xoxb-org-secret", scopes: ["commands"] },
      user: { id: "UINSTALLER" },
      isEnterpriseInstall: true,
      appId: "A0AMIPORT",
    } as unknown as AnyInstallation;
    const team = {
      ...org,
      team: { id: "TPLAIN", name: "Team" },
      enterprise: undefined,
      isEnterpriseInstall: false,
    } as AnyInstallation;
    const opens: (string | undefined)[] = [];
    const old = new PostgresInstallations(database, { current: KEY, old: [] }, (error) => opens.push(error?.name));
    const mark = counted.length;
    await old.storeInstallation(org);
    await old.storeInstallation(team);
    const columns = await database.query<{
      install_key: string;
      enterprise_id: string | null;
      team_id: string | null;
      is_enterprise_install: boolean;
    }>(
      "test",
      "SELECT install_key, enterprise_id, team_id, is_enterprise_install FROM amiport_installations WHERE install_key IN ('enterprise:EPLAIN', 'team:TPLAIN') ORDER BY install_key",
    );
    expect(columns.rows).toEqual([
      { install_key: "enterprise:EPLAIN", enterprise_id: "EPLAIN", team_id: null, is_enterprise_install: true },
      { install_key: "team:TPLAIN", enterprise_id: null, team_id: "TPLAIN", is_enterprise_install: false },
    ]);
    const wrong = new PostgresInstallations(database, { current: NEW_KEY, old: [] }, (error) => opens.push(error?.name));
    await expect(wrong.fetchInstallation({ teamId: "TPLAIN", isEnterpriseInstall: false } as never)).rejects.toBeInstanceOf(
      TokenKeyError,
    );
    expect(opens).toEqual(["TokenKeyError"]);
    const rotated = new PostgresInstallations(database, { current: NEW_KEY, old: [KEY] }, (error) => opens.push(error?.name));
    expect((await rotated.fetchInstallation({ teamId: "TPLAIN", isEnterpriseInstall: false } as never)).bot?.token).toBe(
      "xoxb-org-secret",
    );
    expect(opens).toEqual(["TokenKeyError", undefined]);
    // re-sealed: the new key alone opens it now
    expect((await wrong.fetchInstallation({ teamId: "TPLAIN", isEnterpriseInstall: false } as never)).bot?.token).toBe(
      "xoxb-org-secret",
    );
    await wrong.deleteInstallation({ teamId: "TPLAIN", isEnterpriseInstall: false } as never);
    expect(since(mark).filter((c) => c.startsWith("installation"))).toEqual([
      "installation_store ok",
      "installation_store ok",
      "installation_fetch ok",
      "installation_fetch ok",
      "installation_reseal ok",
      "installation_fetch ok",
      "installation_delete ok",
    ]);
  });
});
