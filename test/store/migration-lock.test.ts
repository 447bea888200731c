/**
 * The migration lock against a real PostgreSQL: a replica that gives up waiting for it must leave
 * nothing behind, so the next replica migrates (issue 14, defect 3).
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { Database, MIGRATION_LOCK } from "../../src/store/database.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;

/** Advisory locks held (granted) by connections named `amiport`. */
async function amiportAdvisoryLocks(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'amiport'`,
  );
  return Number(rows[0]?.n);
}

describe.skipIf(!server)(`the migration lock${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  afterAll(() => server?.stop());

  it("a replica that times out waiting leaves no lock in its pool, and a third replica then migrates", async () => {
    const admin = new pg.Client(server!.url);
    await admin.connect();
    await admin.query("CREATE DATABASE lockleak");
    const url = server!.url.replace(/\/postgres$/, "/lockleak");
    // session 1: another replica (or an operator) holding the lock past every timeout
    const holder = new pg.Client({ connectionString: url, application_name: "other-replica" });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    // session 2: a replica starting meanwhile gives up, told so by the server (lock_not_available)
    const waiting = new Database({ url, poolSize: 2 });
    await expect(waiting.migrate()).rejects.toMatchObject({ code: "55P03" });
    // the holder lets go well after the waiting replica's client-side deadline
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    await holder.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await amiportAdvisoryLocks(admin)).toBe(0);
    // the waiting replica's pool still works, and a third replica migrates
    expect(await waiting.reachable()).toBe(true);
    const third = new Database({ url, poolSize: 1 });
    expect(await third.migrate()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await waiting.migrate()).toEqual([]);
    expect(await amiportAdvisoryLocks(admin)).toBe(0);
    await Promise.all([waiting.close(), third.close()]);
    await admin.end();
  }, 20_000);
});
