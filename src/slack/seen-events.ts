/**
 * Remembers the Events API deliveries already handled, so a delivery Slack retries
 * (X-Slack-Retry-Num) gets no second reply. Bounded in time and size.
 */
export class SeenEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `eventId` is offered; false for every repeat within the TTL. */
  firstTime(eventId: string): boolean {
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
