import { MemorySeenEvents, type SeenEventStore } from "./seen-events.js";

export type DedupeScope = "shared" | "memory";

/** While on memory, the database is tried again at most this often, so an outage costs no waits. */
const RETRY_SHARED_MS = 5000;

/**
 * Seen events shared through the database, falling back to this process's memory while the
 * database cannot answer (and back again once it can), telling `onScopeChange` each time.
 */
export class SharedSeenEvents implements SeenEventStore {
  private scope: DedupeScope = "shared";
  private retryAt = 0;

  constructor(
    private readonly shared: SeenEventStore,
    private readonly onScopeChange: (scope: DedupeScope, error?: unknown) => void,
    private readonly memory: SeenEventStore = new MemorySeenEvents(),
    private readonly now: () => number = Date.now,
  ) {}

  get currentScope(): DedupeScope {
    return this.scope;
  }

  async firstTime(eventId: string): Promise<boolean> {
    if (this.scope === "memory" && this.now() < this.retryAt) return this.memory.firstTime(eventId);
    try {
      const first = await this.shared.firstTime(eventId);
      if (this.scope === "memory") this.change("shared");
      // remembered here too, so a repeat during a later outage is still caught by this replica
      await this.memory.firstTime(eventId);
      return first;
    } catch (error) {
      this.retryAt = this.now() + RETRY_SHARED_MS;
      if (this.scope === "shared") this.change("memory", error);
      return this.memory.firstTime(eventId);
    }
  }

  private change(scope: DedupeScope, error?: unknown): void {
    this.scope = scope;
    this.onScopeChange(scope, error);
  }
}
