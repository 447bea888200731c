import type { Database } from "./database.js";
import { SEEN_EVENT_TTL_MS, type SeenEventStore } from "./seen-events.js";

/** How many expired rows one cleanup removes at most, so it never holds locks for long. */
const CLEANUP_BATCH = 5000;

/** Seen events shared by every replica: one round trip per event. */
export class PostgresSeenEvents implements SeenEventStore {
  constructor(
    private readonly database: Database,
    private readonly ttlMs = SEEN_EVENT_TTL_MS,
  ) {}

  async firstTime(eventId: string): Promise<boolean> {
    // a row comes back when the id is new, or when its old row had expired and is renewed
    const result = await this.database.query(
      "seen_event",
      `INSERT INTO amiport_seen_events (event_id, expires_at)
       VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (event_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE amiport_seen_events.expires_at <= now()
       RETURNING 1`,
      [eventId, this.ttlMs],
    );
    return result.rowCount === 1;
  }

  /** Removes expired rows, a batch at a time; returns how many. */
  async removeExpired(): Promise<number> {
    const result = await this.database.query(
      "seen_event_cleanup",
      `DELETE FROM amiport_seen_events WHERE event_id IN (
         SELECT event_id FROM amiport_seen_events WHERE expires_at <= now() LIMIT ${CLEANUP_BATCH})`,
    );
    return result.rowCount ?? 0;
  }
}
