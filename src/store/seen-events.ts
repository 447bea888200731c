/**
 * "Seen events": the Events API deliveries already handled, so a delivery Slack retries
 * (X-Slack-Retry-Num), to this replica or another, gets no second reply.
 */
export interface SeenEventStore {
  /** True the first time `eventId` is offered; false for every repeat within the TTL. */
  firstTime(eventId: string): Promise<boolean>;
}

/** How long a delivery is remembered: Slack retries within minutes. */
export const SEEN_EVENT_TTL_MS = 60 * 60 * 1000;

/** One process's memory of seen events, bounded in time and size. */
export class MemorySeenEvents implements SeenEventStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = SEEN_EVENT_TTL_MS,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async firstTime(eventId: string): Promise<boolean> {
    const time = this.now();
    const expires = this.seen.get(eventId);
    if (expires !== undefined && expires > time) return false;
    this.seen.set(eventId, time + this.ttlMs);
    if (this.seen.size > this.maxEntries) this.evict(time);
    return true;
  }

  private evict(time: number): void {
    for (const [id, expires] of this.seen) {
      if (expires <= time || this.seen.size > this.maxEntries) this.seen.delete(id);
    }
  }
}
