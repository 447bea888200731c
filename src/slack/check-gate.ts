/**
 * Who may run `/amiport check`, and how often. Deny by default: a channel in
 * AMIPORT_CHECK_CHANNELS or membership of AMIPORT_CHECK_USERGROUP allows it; each person may run a
 * few a minute. Both tables are bounded.
 */
import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

export interface CheckPolicy {
  readonly channels: readonly string[];
  readonly usergroup?: string;
  readonly perUserPerMinute: number;
}

const MINUTE_MS = 60_000;
/** People tracked by the rate limit; the least recently seen are forgotten first. */
export const MAX_TRACKED_USERS = 10_000;
/** How long a user group's member list is trusted before Slack is asked again. */
export const MEMBERS_TTL_MS = 5 * MINUTE_MS;

export class CheckRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxUsers = MAX_TRACKED_USERS,
  ) {}

  /** Counts one check for `user`, or says how long until the next is allowed. */
  take(user: string): { readonly ok: true } | { readonly ok: false; readonly retryInSeconds: number } {
    const now = this.now();
    const times = (this.recent.get(user) ?? []).filter((t) => now - t < MINUTE_MS);
    this.recent.delete(user);
    if (times.length >= this.perMinute) {
      this.recent.set(user, times);
      return { ok: false, retryInSeconds: Math.max(1, Math.ceil((MINUTE_MS - (now - (times[0] as number))) / 1000)) };
    }
    times.push(now);
    this.recent.set(user, times);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= this.maxUsers) break;
      this.recent.delete(oldest);
    }
    return { ok: true };
  }
}

export type Permission = { readonly ok: true } | { readonly ok: false; readonly refusal: string };

export class CheckGate {
  private members: { readonly users: ReadonlySet<string>; readonly at: number } | undefined;

  constructor(
    private readonly policy: CheckPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async allows(user: string, channel: string, client: WebClient): Promise<Permission> {
    if (this.policy.channels.includes(channel)) return { ok: true };
    if (this.policy.usergroup && (await this.isMember(user, client))) return { ok: true };
    return { ok: false, refusal: this.whoMay() };
  }

  /** The polite refusal: where checks may be run, and by whom. */
  whoMay(): string {
    const places = this.policy.channels.map((id) => `<#${id}>`);
    const where = places.length > 0 ? `in ${places.join(", ")}` : "";
    const who = this.policy.usergroup ? `by members of <!subteam^${this.policy.usergroup}>` : "";
    return `Sorry, instance checks are not open to you here. They can be run ${[where, who].filter(Boolean).join(" or ")}.`;
  }

  private async isMember(user: string, client: WebClient): Promise<boolean> {
    const usergroup = this.policy.usergroup as string;
    if (!this.members || this.now() - this.members.at > MEMBERS_TTL_MS) {
      try {
        // the client's own deadline and bounded retry apply (web-api-policy.ts)
        const answer = await client.usergroups.users.list({ usergroup });
        this.members = { users: new Set(answer.users ?? []), at: this.now() };
      } catch {
        // Slack could not say: deny, and ask again next time
        return false;
      }
    }
    return this.members.users.has(user);
  }
}
