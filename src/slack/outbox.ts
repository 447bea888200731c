/**
 * Replies that outlive the replica that computed them. Each reply is sent under a claim (see
 * store/reply-claims.ts): the reply is kept with the claim, sent, and the claim settled once Slack
 * accepted it (or refused it for good). When a replica dies between ack and acceptance, Slack's
 * retry of an event answers once the claim expired; where nothing will be retried, the sweep, on
 * any replica, sends the kept replies whose claims expired.
 */
import { randomUUID } from "node:crypto";
import { type Context, LogLevel, type webApi } from "@slack/bolt";
import { createRespond } from "@slack/bolt/dist/context/create-respond.js";
import type { SlackMessage } from "../render/blocks.js";
import type { Claim, KeptReply, ReplyClaims } from "../store/index.js";
import { describeError, guarded, type RequestKind, type SlackDeps } from "./answer.js";
import { isRefusedForGood } from "./web-api-policy.js";

/** The workspace (or org-wide install) a reply is posted in, to find its token again. */
export interface Workspace {
  readonly teamId?: string;
  readonly enterpriseId?: string;
  readonly isEnterpriseInstall: boolean;
}

export type Destination =
  | { readonly via: "chat.postMessage"; readonly channel: string; readonly thread_ts?: string; readonly workspace: Workspace }
  | { readonly via: "response_url"; readonly url: string };

/** Sends `message` to `to`, with `token` when the caller has it (the sweep looks it up). */
export type Send = (to: Destination, message: object, token?: string) => Promise<unknown>;

/** What is kept with a claim: enough to send the reply from any replica. */
interface Outgoing {
  readonly kind: RequestKind;
  readonly to: Destination;
  readonly message: object;
}

export interface OutboxOptions {
  /** The claims' lease: a claim whose reply is still being sent is renewed three times per lease. */
  readonly leaseMs: number;
  /** How often this replica sweeps; 0 or less: never (no database, nothing is kept). */
  readonly sweepEveryMs: number;
  /** Kept replies one sweep sends at most, all at once. */
  readonly sweepBatch?: number;
}

const SWEEP_BATCH = 20;
/** Claims of one request after which its kept reply is given up (and logged) instead of sent again. */
const MAX_ATTEMPTS = 3;

type Deps = Pick<SlackDeps, "logger" | "metrics">;

export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    private readonly claims: ReplyClaims,
    private readonly send: Send,
    private readonly deps: Deps,
    private readonly options: OutboxOptions,
  ) {}

  /**
   * Answers an Events API event unless another delivery of it holds a live claim or has answered.
   * `compute` runs only for the delivery that answers; its errors get the usual apology.
   */
  async answerEvent(
    event: { readonly eventId: string | undefined; readonly retryNum: number | undefined },
    kind: RequestKind,
    to: Destination,
    token: string | undefined,
    compute: () => SlackMessage,
  ): Promise<string | undefined> {
    const claim = await this.claims.claim(event.eventId ?? `event:${randomUUID()}`);
    if (!claim) {
      this.deps.logger.event(LogLevel.INFO, "repeat delivery ignored", { eventId: event.eventId, retryNum: event.retryNum });
      this.deps.metrics?.repeatIgnored();
      return undefined;
    }
    this.deps.metrics?.claimTaken(claim.attempts > 1 ? "expired" : "new");
    let sent: unknown;
    const reply = async (message: object) => {
      sent = await this.deliver(claim, { kind, to, message }, "retry", token);
    };
    await guarded(this.deps, kind, reply, () => reply(compute()));
    // the posted message's ts, so that an edit of the question can update its answer
    const ts = (sent as { ts?: unknown } | undefined)?.ts;
    return typeof ts === "string" ? ts : undefined;
  }

  /** `respond` for a response_url: every message sent through it is kept until Slack accepts it. */
  responder(kind: RequestKind, url: string): (message: object) => Promise<void> {
    return async (message) => {
      const claim = await this.claims.claim(`response_url:${randomUUID()}`);
      // a new random key is never held by anyone; the check only satisfies the type
      if (!claim) throw new Error("a fresh reply claim was refused");
      this.deps.metrics?.claimTaken("new");
      await this.deliver(claim, { kind, to: { via: "response_url", url }, message }, "retry");
    };
  }

  /** Sends the kept replies whose claims expired (a bounded batch, each once); returns how many. */
  async sweep(): Promise<number> {
    const due = await this.claims.takeExpired(this.options.sweepBatch ?? SWEEP_BATCH);
    await Promise.all(due.map(({ claim, reply }) => this.resend(claim, reply)));
    return due.length;
  }

  start(): void {
    if (this.options.sweepEveryMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((error: unknown) => {
          // the failed query is counted where it ran (amiport_database_errors_total)
          this.deps.logger.event(LogLevel.WARN, "outbox sweep failed", { error: describeError(error) });
        })
        .finally(() => {
          this.sweeping = undefined;
        });
    }, this.options.sweepEveryMs);
    this.timer.unref();
  }

  /** Stops sweeping; resolves when the sweep under way (if any) is done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async resend(claim: Claim, reply: KeptReply): Promise<void> {
    const out = reply as unknown as Outgoing;
    if (claim.attempts > MAX_ATTEMPTS) {
      this.deps.logger.event(LogLevel.ERROR, "outbox reply given up", { kind: out.kind, attempts: claim.attempts });
      this.deps.metrics?.replyFailed(out.kind);
      await this.settle(claim, out.kind);
      return;
    }
    this.deps.metrics?.claimTaken("expired");
    try {
      await this.deliver(claim, out, "sweep", undefined, true);
      this.deps.logger.event(LogLevel.INFO, "outbox reply sent", { kind: out.kind, attempts: claim.attempts });
    } catch (error) {
      this.deps.metrics?.replyFailed(out.kind);
      this.deps.logger.event(LogLevel.ERROR, "outbox reply failed", {
        kind: out.kind,
        attempts: claim.attempts,
        refused: isRefusedForGood(error),
        error: describeError(error),
      });
    }
  }

  /** Keeps `out` with its claim, sends it, and settles the claim once Slack accepted or refused it for good. */
  /** Sends `out` under `claim` and settles the claim; returns what Slack answered. */
  private async deliver(claim: Claim, out: Outgoing, by: "retry" | "sweep", token?: string, kept = false): Promise<unknown> {
    if (!kept) {
      // without it the reply is sent all the same, as it was before the outbox; only a crash now loses it
      await this.claims.keep(claim, out as unknown as KeptReply).catch((error: unknown) => {
        this.deps.logger.event(LogLevel.WARN, "reply not kept", { kind: out.kind, error: describeError(error) });
      });
    }
    let answered: unknown;
    try {
      answered = await this.whileHeld(claim, out.kind, () => this.send(out.to, out.message, token));
    } catch (error) {
      if (isRefusedForGood(error)) {
        this.deps.metrics?.replySettled("refused");
        this.deps.logger.event(LogLevel.WARN, "reply refused for good; marked answered", { kind: out.kind });
        await this.settle(claim, out.kind);
      }
      throw error;
    }
    this.deps.metrics?.replySettled("accepted");
    if (claim.attempts > 1) this.deps.metrics?.replyReanswered(by);
    await this.settle(claim, out.kind);
    return answered;
  }

  /** Runs `work`, renewing the claim meanwhile, so a slow reply (a 429's wait) is not taken for a dead one. */
  private async whileHeld(claim: Claim, kind: RequestKind, work: () => Promise<unknown>): Promise<unknown> {
    const renewal = setInterval(() => {
      this.claims.renew(claim).then(
        (held) => {
          if (!held) this.deps.logger.event(LogLevel.WARN, "claim lost while replying", { kind, attempts: claim.attempts });
        },
        // the lease runs out unrenewed: the reply may be sent twice (see the README)
        () => undefined,
      );
    }, this.options.leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
    }
  }

  private async settle(claim: Claim, kind: RequestKind): Promise<void> {
    await this.claims.settle(claim).catch((error: unknown) => {
      this.deps.logger.event(LogLevel.WARN, "answer not recorded", {
        kind,
        reason: "the database did not answer; recorded at this replica's next sweep",
        error: describeError(error),
      });
    });
  }
}

/** The workspace Bolt authorized a request for. */
export function workspaceOf(context: Context): Workspace {
  return {
    ...(context.teamId ? { teamId: context.teamId } : {}),
    ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

/**
 * Sends through the Web API client (with the request's token, or the workspace's looked up) or to a
 * response_url the way Bolt's own `respond()` does.
 */
export function slackSend(
  client: webApi.WebClient,
  fetchFn: webApi.FetchFunction,
  tokenOf: (workspace: Workspace) => Promise<string>,
): Send {
  return async (to, message, token) => {
    if (to.via === "response_url") return createRespond(fetchFn, to.url)(message as never);
    const thread = to.thread_ts ? { thread_ts: to.thread_ts } : {};
    return client.chat.postMessage({
      ...message,
      channel: to.channel,
      ...thread,
      token: token ?? (await tokenOf(to.workspace)),
    } as never);
  };
}
