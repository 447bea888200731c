/**
 * Reply claims: a request that needs a reply (an Events API delivery, a response_url reply) is
 * first claimed for a short lease, and marked answered only once Slack accepted the reply. A retry
 * that finds the claim expired (its replica died, or the reply never got through) answers; one
 * that finds a live claim or an answer does not. With a database, the computed reply is kept with
 * its claim (the outbox), so another replica can send it when the claim expires with no retry behind it.
 */

/** A claim held by this process: answer, then `settle` it. */
export interface Claim {
  readonly key: string;
  /** 1 for a new claim; more when earlier claims on the same key expired unanswered. */
  readonly attempts: number;
  /** Whether the claim is shared with other replicas (false: this process's memory only). */
  readonly shared: boolean;
}

/** A reply kept with its claim, as JSON the transport wrote (the store does not look inside). */
export type KeptReply = Readonly<Record<string, unknown>>;

export interface ReplyClaims {
  /** Claims `key` for the lease; undefined when a live claim or an answer holds it. */
  claim(key: string): Promise<Claim | undefined>;
  /**
   * Extends the lease of a claim still held (no one took it over since), while its reply is still
   * being sent: only a replica that stopped renewing loses its claim. False when it was lost.
   */
  renew(claim: Claim): Promise<boolean>;
  /** Keeps the computed reply with the claim until it is settled. */
  keep(claim: Claim, reply: KeptReply): Promise<void>;
  /** The reply was accepted (or refused for good): no retry or sweep sends it again. */
  settle(claim: Claim): Promise<void>;
  /** Up to `limit` kept replies whose claims expired, each claimed anew by this process. */
  takeExpired(limit: number): Promise<{ readonly claim: Claim; readonly reply: KeptReply }[]>;
  /** Replies kept and not yet settled (counted up to a bound). */
  depth(): Promise<number>;
}

/** How long an answered request is remembered: Slack retries within minutes. */
export const SEEN_EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * How long a claim holds by default. It must outlast the slowest reply the Web API policy allows:
 * the last attempt starts within 30 s of the first and may take 10 s, so 40 s, plus two database
 * round trips of at most 2 s. 45 s covers that and still runs out before Slack's retry a minute
 * later, so that retry answers when the first replica died. (A reply being sent also renews its
 * claim; the lease alone is what holds when renewals cannot reach the database.)
 */
export const REPLY_LEASE_MS = 45_000;

interface MemoryEntry {
  readonly expires: number;
  /** When the claim runs out; null once answered. */
  leaseUntil: number | null;
  readonly attempts: number;
}

/**
 * Claims in this process's memory, bounded in time and size. Nothing is kept for another process:
 * a reply lost when this process dies is lost.
 */
export class MemoryReplyClaims implements ReplyClaims {
  private readonly entries = new Map<string, MemoryEntry>();

  constructor(
    private readonly leaseMs = REPLY_LEASE_MS,
    private readonly ttlMs = SEEN_EVENT_TTL_MS,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string): Promise<Claim | undefined> {
    const time = this.now();
    const entry = this.entries.get(key);
    const live = entry !== undefined && entry.expires > time;
    if (live && (entry.leaseUntil === null || entry.leaseUntil > time)) return undefined;
    const attempts = live ? entry.attempts + 1 : 1;
    this.entries.delete(key);
    this.entries.set(key, { expires: live ? entry.expires : time + this.ttlMs, leaseUntil: time + this.leaseMs, attempts });
    // Stryker disable next-line ConditionalExpression,EqualityOperator: evicting sooner drops only expired entries, which claim() already treats as gone
    if (this.entries.size > this.maxEntries) this.evict(time);
    return { key, attempts, shared: false };
  }

  async renew(claim: Claim): Promise<boolean> {
    const entry = this.entries.get(claim.key);
    if (!entry || entry.leaseUntil === null || entry.attempts !== claim.attempts) return false;
    entry.leaseUntil = this.now() + this.leaseMs;
    return true;
  }

  async keep(_claim: Claim, _reply: KeptReply): Promise<void> {}

  async settle(claim: Claim): Promise<void> {
    const entry = this.entries.get(claim.key);
    if (entry) entry.leaseUntil = null;
  }

  /** Marks `key` answered without a claim: what another store already answered. */
  remember(key: string): void {
    this.entries.set(key, { expires: this.now() + this.ttlMs, leaseUntil: null, attempts: 1 });
    if (this.entries.size > this.maxEntries) this.evict(this.now());
  }

  async takeExpired(_limit: number): Promise<{ claim: Claim; reply: KeptReply }[]> {
    return [];
  }

  async depth(): Promise<number> {
    return 0;
  }

  private evict(time: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expires <= time || this.entries.size > this.maxEntries) this.entries.delete(key);
    }
  }
}
