/**
 * amiport's PostgreSQL: one bounded pool, every query with a timeout, counted by operation and
 * outcome, and the schema migrated at start under an advisory lock so replicas starting together
 * take turns (and a second start finds nothing to do).
 */
import pg from "pg";
import { MIGRATIONS } from "./migrations.js";

/** A query that has not answered by then fails, so a stalled database never holds an answer up for long. */
const QUERY_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;
/** Any 64-bit number of our own: the lock replicas take while migrating. */
export const MIGRATION_LOCK = 0x616d69706f7274;
/** How long the server lets a replica wait for that lock: less than QUERY_TIMEOUT_MS, so the server gives up first. */
const MIGRATION_LOCK_WAIT_MS = QUERY_TIMEOUT_MS - 500;

export type QueryOutcome = "ok" | "error";

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize: number;
  /** Told about every round trip; the operation names are a fixed, small set. */
  readonly onQuery?: (operation: string, outcome: QueryOutcome) => void;
  /** Told about errors of idle connections, e.g. when the server goes away. */
  readonly onIdleError?: (error: Error) => void;
}

export class Database {
  private readonly pool: pg.Pool;

  constructor(private readonly options: DatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: "amiport",
    });
    // without a listener, an idle connection that the server closes would end the process
    this.pool.on("error", (error) => options.onIdleError?.(error));
  }

  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<Row>> {
    try {
      const result = await this.pool.query<Row>(text, values);
      this.options.onQuery?.(operation, "ok");
      return result;
    } catch (error) {
      this.options.onQuery?.(operation, "error");
      throw error;
    }
  }

  /** True when a trivial query answers in time. */
  async reachable(): Promise<boolean> {
    return this.query("ping", "SELECT 1").then(
      () => true,
      () => false,
    );
  }

  /**
   * Applies the migrations not applied yet, one replica at a time: in one transaction under a
   * transaction-level advisory lock, so the lock ends with the transaction whatever happens. The
   * wait for it is cut by the server (`lock_timeout`), before the client's own deadline: a wait cut
   * only on the client goes on in the server, and the lock would later be granted to a connection
   * idle in the pool. A connection whose work failed is destroyed, never handed back.
   */
  async migrate(): Promise<number[]> {
    const client = await this.pool.connect();
    const applied: number[] = [];
    try {
      await client.query("BEGIN");
      await client.query(`SET LOCAL lock_timeout = ${MIGRATION_LOCK_WAIT_MS}`);
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS amiport_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = new Set(
        (await client.query<{ version: number }>("SELECT version FROM amiport_schema_migrations")).rows.map((r) => r.version),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query("INSERT INTO amiport_schema_migrations (version) VALUES ($1)", [migration.version]);
        applied.push(migration.version);
      }
      await client.query("COMMIT");
    } catch (error) {
      // destroying the connection ends its transaction, and with it the lock, on the server
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    client.release();
    return applied;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
