import { BatchedCalls } from "./batched-calls.js";
import type { Database } from "./database.js";
import { type Claim, type KeptReply, REPLY_LEASE_MS, type ReplyClaims, SEEN_EVENT_TTL_MS } from "./reply-claims.js";

/** How many expired rows one cleanup removes at most, so it never holds locks for long. */
const CLEANUP_BATCH = 5000;
/** The outbox depth is counted up to this, so a scrape stays cheap however deep it gets. */
const DEPTH_BOUND = 10_000;

/**
 * Reply claims shared by every replica, in the seen events table: a row per request, with its
 * lease (NULL once answered) and, while unanswered, the reply computed for it (the outbox).
 * Claims, kept replies and answers arriving together go to the database together.
 */
export class PostgresReplyClaims implements ReplyClaims {
  private readonly claims = new BatchedCalls((keys: string[]) => this.claimAll(keys));
  private readonly keeps = new BatchedCalls((kept: { key: string; reply: string }[]) => this.keepAll(kept));
  private readonly settles = new BatchedCalls((keys: string[]) => this.settleAll(keys));

  constructor(
    private readonly database: Database,
    private readonly leaseMs = REPLY_LEASE_MS,
    private readonly ttlMs = SEEN_EVENT_TTL_MS,
  ) {}

  async claim(key: string): Promise<Claim | undefined> {
    const attempts = await this.claims.call(key);
    return attempts === undefined ? undefined : { key, attempts, shared: true };
  }

  async keep(claim: Claim, reply: KeptReply): Promise<void> {
    await this.keeps.call({ key: claim.key, reply: JSON.stringify(reply) });
  }

  async settle(claim: Claim): Promise<void> {
    await this.settles.call(claim.key);
  }

  /** Claims each key in one round trip: its attempt count, or undefined where a live claim or an answer holds it. */
  private async claimAll(keys: string[]): Promise<(number | undefined)[]> {
    // one row may be claimed once per statement: a key asked for twice at once is claimed for the first ask only
    const unique = [...new Set(keys)];
    // a row comes back when the key is new, its row had expired, or its claim ran out unanswered
    const result = await this.database.query<{ event_id: string; attempts: number }>(
      "reply_claim",
      `INSERT INTO amiport_seen_events AS seen (event_id, expires_at, lease_until)
       SELECT key, now() + $2 * interval '1 millisecond', now() + $3 * interval '1 millisecond'
       FROM unnest($1::text[]) AS key
       ON CONFLICT (event_id) DO UPDATE SET
         lease_until = EXCLUDED.lease_until,
         expires_at = GREATEST(seen.expires_at, EXCLUDED.expires_at),
         attempts = CASE WHEN seen.expires_at <= now() THEN 1 ELSE seen.attempts + 1 END,
         reply = CASE WHEN seen.expires_at <= now() THEN NULL ELSE seen.reply END
       WHERE seen.expires_at <= now() OR seen.lease_until <= now()
       RETURNING event_id, attempts`,
      [unique, this.ttlMs, this.leaseMs],
    );
    const claimed = new Map(result.rows.map((row) => [row.event_id, row.attempts]));
    return keys.map((key) => {
      const attempts = claimed.get(key);
      claimed.delete(key);
      return attempts;
    });
  }

  private async keepAll(kept: { key: string; reply: string }[]): Promise<undefined[]> {
    await this.database.query(
      "reply_keep",
      `UPDATE amiport_seen_events AS seen SET reply = kept.reply
       FROM unnest($1::text[], $2::jsonb[]) AS kept (event_id, reply)
       WHERE seen.event_id = kept.event_id AND seen.lease_until IS NOT NULL`,
      [kept.map((k) => k.key), kept.map((k) => k.reply)],
    );
    return kept.map(() => undefined);
  }

  private async settleAll(keys: string[]): Promise<undefined[]> {
    await this.database.query(
      "reply_settle",
      "UPDATE amiport_seen_events SET lease_until = NULL, reply = NULL WHERE event_id = ANY($1::text[])",
      [keys],
    );
    return keys.map(() => undefined);
  }

  async renew(claim: Claim): Promise<boolean> {
    // attempts fences the claim: a replica that took it over has counted one more
    const result = await this.database.query(
      "reply_renew",
      `UPDATE amiport_seen_events SET lease_until = now() + $3 * interval '1 millisecond'
       WHERE event_id = $1 AND attempts = $2 AND lease_until IS NOT NULL`,
      [claim.key, claim.attempts, this.leaseMs],
    );
    return result.rowCount === 1;
  }

  async takeExpired(limit: number): Promise<{ claim: Claim; reply: KeptReply }[]> {
    // SKIP LOCKED: replicas sweeping at once take different rows; a retry claiming the same row wins or waits
    const result = await this.database.query<{ event_id: string; attempts: number; reply: KeptReply }>(
      "outbox_take",
      `UPDATE amiport_seen_events AS seen
       SET lease_until = now() + $2 * interval '1 millisecond', attempts = seen.attempts + 1
       FROM (SELECT event_id FROM amiport_seen_events
             WHERE reply IS NOT NULL AND lease_until <= now() AND expires_at > now()
             ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
       WHERE seen.event_id = due.event_id
       RETURNING seen.event_id, seen.attempts, seen.reply`,
      [limit, this.leaseMs],
    );
    return result.rows.map((row) => ({ claim: { key: row.event_id, attempts: row.attempts, shared: true }, reply: row.reply }));
  }

  async depth(): Promise<number> {
    const result = await this.database.query<{ n: string }>(
      "outbox_depth",
      `SELECT count(*) AS n FROM (SELECT 1 FROM amiport_seen_events WHERE reply IS NOT NULL LIMIT ${DEPTH_BOUND}) AS kept`,
    );
    return Number(result.rows[0]?.n ?? 0);
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
