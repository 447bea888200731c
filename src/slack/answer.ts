/** The one path from a Slack question to a Slack message: core search, then Block Kit rendering. */
import { performance } from "node:perf_hooks";
import { LogLevel } from "@slack/bolt";
import { MAX_PASTE_LENGTH, parseQuery, type RuleBook } from "../core/index.js";
import { instanceIdIn } from "../core/reachability/index.js";
import { LIMITS, renderErrorMessage, renderHelpMessage, type SlackMessage } from "../render/blocks.js";
import { checkOfferBlock } from "../render/verdict-blocks.js";
import type { InstallationRecords } from "../store/index.js";
import type { SlackChecks } from "./check-command.js";
import { composeReply } from "./compose.js";
import type { AppLogger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { Outbox } from "./outbox.js";
import { isDeliveryError } from "./web-api-policy.js";

export interface SlackDeps {
  readonly book: RuleBook;
  readonly logger: AppLogger;
  /** Answers already rendered; during an incident many people ask the same thing. */
  readonly answers?: AnswerCache;
  /** Replies sent under claims, once per event, kept until Slack accepts them (with a database, by any replica). */
  readonly outbox: Outbox;
  /** Distributed mode's installations. */
  readonly installations?: InstallationRecords;
  readonly metrics?: Metrics;
  /** `/amiport check`: set when AMIPORT_CHECKS=on. */
  readonly checks?: SlackChecks;
}

interface CachedAnswer {
  readonly message: SlackMessage;
  readonly total: number;
  readonly query: string;
}

/**
 * A least-recently-used cache of rendered answers, bounded by entries and by an estimate of the
 * bytes it holds (keys and rendered messages, two bytes a character). The data never changes while
 * running, so entries never go stale.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { readonly value: CachedAnswer; readonly bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly capacity = 500,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get size(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit?.value;
  }

  set(key: string, value: CachedAnswer): void {
    const bytes = 2 * (key.length + value.query.length + jsonLength(value.message));
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.capacity && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}

/**
 * About how many characters `value` takes as JSON (its strings, keys and punctuation; escapes not
 * counted), found without writing the JSON: the cache sizes every new answer, and writing it out
 * cost five times as much.
 */
export function jsonLength(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (Array.isArray(value)) {
    let length = 2;
    for (const item of value) length += jsonLength(item) + 1;
    return length;
  }
  if (typeof value === "object" && value !== null) {
    let length = 2;
    for (const [key, item] of Object.entries(value)) length += key.length + 4 + jsonLength(item);
    return length;
  }
  return String(value).length;
}

export type RequestKind = "command" | "mention" | "dm" | "share" | "more" | "shortcut" | "commands" | "home" | "check";

export interface AskOptions {
  readonly offset?: number;
  readonly shareable: boolean;
  readonly sharedBy?: string;
  /** The slash command as the workspace named it, for help text. */
  readonly command?: string;
  /** Rule cards even where a port map would answer. */
  readonly cards?: boolean;
  /** The section of a comparison to expand. */
  readonly group?: string;
  /** The text is a whole message someone else wrote (the shortcut): never answered with help. */
  readonly fromMessage?: boolean;
}

const HELP_WORDS = new Set(["", "help", "?", "-h", "--help", "usage"]);

/** Answers `question`, or gives help where it asks for none. Logs one line for the request. */
export function ask(
  deps: SlackDeps,
  kind: RequestKind,
  question: string,
  options: AskOptions,
  startedAt = performance.now(),
): SlackMessage {
  // Slack's own cap on a message; the core reads no more, so nothing longer is looked at.
  // Text from Slack arrives here already read (readSlackText): decoding again would decode twice.
  const cleaned = question.slice(0, MAX_PASTE_LENGTH).trim();
  if (!options.fromMessage && HELP_WORDS.has(cleaned.toLowerCase())) {
    logRequest(deps, kind, cleaned, "help", startedAt);
    return renderHelpMessage(options.command);
  }
  const offset = options.offset ?? 0;
  const { shareable, sharedBy, cards, group } = options;
  const fromMessage = options.fromMessage === true;
  const key = JSON.stringify([cleaned, offset, shareable, sharedBy ?? "", fromMessage, cards === true, group ?? null]);
  let entry = deps.answers?.get(key);
  if (!entry) {
    entry = composeReply(deps.book, cleaned, {
      offset,
      shareable,
      ...(sharedBy ? { sharedBy } : {}),
      ...(fromMessage ? { fromMessage } : {}),
      cards,
      group,
    });
    deps.answers?.set(key, entry);
  }
  logRequest(deps, kind, entry.query, entry.total, startedAt);
  return withCheckOffer(deps, cleaned, entry.message);
}

/**
 * With checks on, an answer whose question names an instance and one port ("why can't I reach
 * 5986 on i-0abc…") gets a "Check this instance" button; nothing runs until someone presses it.
 */
function withCheckOffer(deps: SlackDeps, question: string, message: SlackMessage): SlackMessage {
  if (!deps.checks || message.blocks.length >= LIMITS.blocks) return message;
  const instance = instanceIdIn(question);
  if (!instance) return message;
  const { ports, protocols } = parseQuery(deps.book, question);
  const [only] = ports;
  if (ports.length !== 1 || !only || only.from !== only.to) return message;
  const protocol = protocols.length === 1 && protocols[0] === "UDP" ? "udp" : "tcp";
  return { ...message, blocks: [...message.blocks, checkOfferBlock({ instance, port: only.from, protocol })] };
}

export function logRequest(deps: SlackDeps, kind: RequestKind, query: string, results: number | "help", startedAt: number) {
  const ms = performance.now() - startedAt;
  deps.logger.event(LogLevel.INFO, "request", {
    kind,
    query: query.length > 200 ? `${query.slice(0, 200)}…` : query,
    results,
    ms: Math.round(ms * 100) / 100,
  });
  deps.metrics?.request(kind, results === "help" ? "help" : results === 0 ? "no_match" : "answered", ms / 1000);
}

/**
 * Runs a listener's work; on any error the user gets a short apology and the log the details,
 * and the process stays up.
 */
export async function guarded(
  deps: Pick<SlackDeps, "logger" | "metrics">,
  kind: RequestKind,
  reply: (message: SlackMessage) => Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const delivery = isDeliveryError(error);
    deps.logger.event(LogLevel.ERROR, "request failed", { kind, delivery, error: describeError(error) });
    deps.metrics?.request(kind, "failed");
    // when Slack refused or never took the answer, an apology by the same way would fail the same way
    if (delivery) {
      deps.metrics?.replyFailed(kind);
      return;
    }
    try {
      await reply(renderErrorMessage());
    } catch (replyError) {
      deps.logger.event(LogLevel.ERROR, "apology failed", { kind, error: describeError(replyError) });
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ""}`;
  return String(error);
}
