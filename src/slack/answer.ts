/** The one path from a Slack question to a Slack message: core search, then Block Kit rendering. */
import { performance } from "node:perf_hooks";
import { LogLevel } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import { renderErrorMessage, renderHelpMessage, type SlackMessage } from "../render/blocks.js";
import { composeReply } from "./compose.js";
import type { AppLogger } from "./logger.js";

export interface SlackDeps {
  readonly book: RuleBook;
  readonly logger: AppLogger;
  /** Answers already rendered; during an incident many people ask the same thing. */
  readonly answers?: AnswerCache;
}

interface CachedAnswer {
  readonly message: SlackMessage;
  readonly total: number;
  readonly query: string;
}

/** A small least-recently-used cache of rendered answers. The data never changes while running. */
export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  constructor(private readonly capacity = 500) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedAnswer): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export type RequestKind = "command" | "mention" | "dm" | "share" | "more" | "home";

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
  // Slack's markup for mentions (<@U123>), channels (<#C123|name>) and broadcasts (<!here>) is not part of a question
  const cleaned = question.replace(/<[@#!][^>]*>/g, " ").trim();
  if (HELP_WORDS.has(cleaned.toLowerCase())) {
    logRequest(deps, kind, cleaned, "help", startedAt);
    return renderHelpMessage(options.command);
  }
  const offset = options.offset ?? 0;
  const { shareable, sharedBy, cards, group } = options;
  const key = JSON.stringify([cleaned, offset, shareable, sharedBy ?? "", cards === true, group ?? null]);
  let entry = deps.answers?.get(key);
  if (!entry) {
    entry = composeReply(deps.book, cleaned, { offset, shareable, ...(sharedBy ? { sharedBy } : {}), cards, group });
    deps.answers?.set(key, entry);
  }
  logRequest(deps, kind, entry.query, entry.total, startedAt);
  return entry.message;
}

function logRequest(deps: SlackDeps, kind: RequestKind, query: string, results: number | "help", startedAt: number) {
  deps.logger.event(LogLevel.INFO, "request", {
    kind,
    query: query.length > 200 ? `${query.slice(0, 200)}…` : query,
    results,
    ms: Math.round((performance.now() - startedAt) * 100) / 100,
  });
}

/**
 * Runs a listener's work; on any error the user gets a short apology and the log the details,
 * and the process stays up.
 */
export async function guarded(
  deps: SlackDeps,
  kind: RequestKind,
  reply: (message: SlackMessage) => Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.event(LogLevel.ERROR, "request failed", { kind, error: describeError(error) });
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
