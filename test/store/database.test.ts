/**
 * The PostgreSQL wrapper (one bounded pool, every round trip counted by operation and outcome), the
 * served signatures every replica shares, and the operation names /metrics shows, against a real
 * PostgreSQL.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, type QueryOutcome } from "../../src/store/database.js";
import { PostgresReplyClaims } from "../../src/store/postgres-reply-claims.js";
import { PostgresServedSignatures } from "../../src/store/postgres-served-signatures.js";
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
  const idleErrors: Error[] = [];
  let database: Database;

  beforeAll(async () => {
    database = new Database({
      url: server!.url,
      poolSize: 1,
      onQuery: (operation, outcome) => counted.push({ operation, outcome }),
      onIdleError: (error) => idleErrors.push(error),
    });
    await database.migrate();
  });

  afterAll(async () => {
    await database?.close();
    server?.stop();
  });

  const since = (mark: number) => counted.slice(mark).map((c) => `${c.operation} ${c.outcome}`);

  it("hands its one connection back after migrating, is reachable, and counts each round trip by outcome", async () => {
    const mark = counted.length;
    // a pool of one: a connection kept by migrate() would leave this waiting until the connect timeout
    expect(await database.reachable()).toBe(true);
    await expect(database.query("broken_query", "SELECT no_such_column FROM amiport_schema_migrations")).rejects.toThrow(
      /no_such_column/,
    );
    expect(since(mark)).toEqual(["ping ok", "broken_query error"]);
  });

  it("names itself to the server, and is told when the server ends an idle connection", async () => {
    expect(await database.reachable()).toBe(true);
    const admin = new pg.Client(server!.url);
    await admin.connect();
    try {
      const ended = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'amiport' AND pid <> pg_backend_pid()",
      );
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
    }
    const until = Date.now() + 5000;
    while (idleErrors.length === 0 && Date.now() < until) await sleep(20);
    expect(idleErrors.length).toBeGreaterThanOrEqual(1);
    // and the pool opens a new connection for the next query
    expect(await database.reachable()).toBe(true);
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
});
