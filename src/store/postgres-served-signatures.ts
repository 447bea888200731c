import type { Database } from "./database.js";
import { SERVED_SIGNATURE_TTL_MS, type ServedSignatureStore } from "./served-signatures.js";

/** How many expired rows one cleanup removes at most, so it never holds locks for long. */
const CLEANUP_BATCH = 5000;

/**
 * Served signatures shared by every replica: one round trip per request. Rows expire after the
 * window and the store's cleanup removes them, so the table holds at most the window's requests.
 */
export class PostgresServedSignatures implements ServedSignatureStore {
  constructor(
    private readonly database: Database,
    private readonly ttlMs = SERVED_SIGNATURE_TTL_MS,
  ) {}

  async firstServing(signature: string): Promise<boolean> {
    // a row comes back when the signature is new, or when its old row had expired and is renewed
    const result = await this.database.query(
      "served_signature",
      `INSERT INTO amiport_served_signatures (signature, expires_at)
       VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (signature) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE amiport_served_signatures.expires_at <= now()
       RETURNING 1`,
      [signature, this.ttlMs],
    );
    return result.rowCount === 1;
  }

  /** Removes expired rows, a batch at a time; returns how many. */
  async removeExpired(): Promise<number> {
    const result = await this.database.query(
      "served_signature_cleanup",
      `DELETE FROM amiport_served_signatures WHERE signature IN (
         SELECT signature FROM amiport_served_signatures WHERE expires_at <= now() LIMIT ${CLEANUP_BATCH})`,
    );
    return result.rowCount ?? 0;
  }
}
