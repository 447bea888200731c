import { type Claim, type KeptReply, MemoryReplyClaims, type ReplyClaims } from "./reply-claims.js";

export type DedupeScope = "shared" | "memory";

/** While on memory, the database is tried again at most this often, so an outage costs no waits. */
const RETRY_SHARED_MS = 5000;
/** Answers confirmed while the database was away, settled there once it is back; bounded. */
const MAX_UNSETTLED = 10_000;

/**
 * Reply claims shared through the database, falling back to this process's memory while the
 * database cannot answer (and back again once it can), telling `onScopeChange` each time. An
 * answer that could not be recorded in the database is recorded there at the next sweep.
 */
export class SharedReplyClaims implements ReplyClaims {
  private scope: DedupeScope = "shared";
  private retryAt = 0;
  private readonly unsettled = new Map<string, Claim>();

  constructor(
    private readonly shared: ReplyClaims,
    private readonly onScopeChange: (scope: DedupeScope, error?: unknown) => void,
    private readonly memory = new MemoryReplyClaims(),
    private readonly now: () => number = Date.now,
  ) {}

  get currentScope(): DedupeScope {
    return this.scope;
  }

  async claim(key: string): Promise<Claim | undefined> {
    if (this.scope === "memory" && this.now() < this.retryAt) return this.memory.claim(key);
    try {
      const claim = await this.shared.claim(key);
      if (this.scope === "memory") this.change("shared");
      // remembered here too, so a repeat during a later outage is still caught by this replica
      if (claim) await this.memory.claim(key);
      else this.memory.remember(key);
      return claim;
    } catch (error) {
      this.fallBack(error);
      return this.memory.claim(key);
    }
  }

  async renew(claim: Claim): Promise<boolean> {
    return claim.shared ? this.shared.renew(claim) : this.memory.renew(claim);
  }

  async keep(claim: Claim, reply: KeptReply): Promise<void> {
    if (claim.shared) await this.shared.keep(claim, reply);
  }

  async settle(claim: Claim): Promise<void> {
    await this.memory.settle(claim);
    if (!claim.shared) return;
    try {
      await this.shared.settle(claim);
    } catch (error) {
      if (this.unsettled.size < MAX_UNSETTLED) this.unsettled.set(claim.key, claim);
      throw error;
    }
  }

  async takeExpired(limit: number): Promise<{ claim: Claim; reply: KeptReply }[]> {
    if (this.scope === "memory" && this.now() < this.retryAt) return [];
    // answers this replica confirmed first, so the sweep does not send them again
    for (const claim of [...this.unsettled.values()]) {
      await this.shared.settle(claim);
      this.unsettled.delete(claim.key);
    }
    return this.shared.takeExpired(limit);
  }

  depth(): Promise<number> {
    return this.shared.depth();
  }

  private fallBack(error: unknown): void {
    this.retryAt = this.now() + RETRY_SHARED_MS;
    if (this.scope === "shared") this.change("memory", error);
  }

  private change(scope: DedupeScope, error?: unknown): void {
    this.scope = scope;
    this.onScopeChange(scope, error);
  }
}
