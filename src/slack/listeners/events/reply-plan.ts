/**
 * Whether, and where, amiport answers a message or mention event: a pure reading of the event as
 * Slack sent it, so every rule is one function call in a test.
 */
import { readSlackText } from "../../message-text.js";

/** Message subtypes that are a person's new words: a file with a comment, a thread reply sent to the channel too. */
const PEOPLE_SUBTYPES = new Set(["file_share", "thread_broadcast"]);

export type ReplyPlan =
  | { readonly answer: false; readonly why: "bot" | "not a direct message" | "not a new message" | "a file without words" }
  /** A new question: posted in `channel`, in the thread `threadTs` when there is one. */
  | { readonly answer: true; readonly channel: string; readonly threadTs?: string; readonly text: string }
  /** An edited mention: its first reply, found by `channel` and the mention's `ts`, is updated in place. */
  | { readonly answer: "update"; readonly channel: string; readonly ts: string; readonly text: string };

/** The fields of a message or mention event amiport reads; the rest of what Slack sends is ignored. */
export interface IncomingMessage {
  readonly channel?: string;
  readonly channel_type?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly edited?: unknown;
}

/** Another app's bot (or amiport itself): never answered, so two bots cannot answer each other forever. */
function fromBot(event: IncomingMessage): boolean {
  return event.bot_id !== undefined || event.subtype === "bot_message";
}

/** A mention is answered in its thread (a new one under the mention when it is in none). */
export function planMentionReply(event: IncomingMessage): ReplyPlan {
  if (fromBot(event)) return { answer: false, why: "bot" };
  const channel = event.channel ?? "";
  const ts = event.ts ?? "";
  const text = readSlackText(event.text ?? "");
  // Slack sends an edited mention again, same ts, new event_id: the edit is the same question asked better
  if (event.edited !== undefined) return { answer: "update", channel, ts, text };
  return { answer: true, channel, threadTs: event.thread_ts ?? ts, text };
}

/** A direct message is answered in the DM, inside its thread when it was written in one. */
export function planDirectMessageReply(event: IncomingMessage): ReplyPlan {
  if (fromBot(event)) return { answer: false, why: "bot" };
  if (event.channel_type !== "im") return { answer: false, why: "not a direct message" };
  if (event.subtype !== undefined && !PEOPLE_SUBTYPES.has(event.subtype)) return { answer: false, why: "not a new message" };
  const text = readSlackText(event.text ?? "");
  // a file dropped in the DM with no comment asks nothing; help would only be noise
  if (event.subtype === "file_share" && text.trim() === "") return { answer: false, why: "a file without words" };
  const thread = event.thread_ts ? { threadTs: event.thread_ts } : {};
  return { answer: true, channel: event.channel ?? "", ...thread, text };
}

/**
 * Which reply answered which mention (`channel ts` of the mention to the reply's ts), so an edit
 * updates the reply instead of answering twice. Least recently used first out, bounded; a mention
 * older than what it holds, or answered by another replica, is not found and its edit is ignored.
 */
export class MentionReplies {
  private readonly replies = new Map<string, string>();

  constructor(private readonly capacity = 2_000) {}

  remember(channel: string, mentionTs: string, replyTs: string): void {
    const key = `${channel} ${mentionTs}`;
    this.replies.delete(key);
    this.replies.set(key, replyTs);
    for (const oldest of this.replies.keys()) {
      if (this.replies.size <= this.capacity) break;
      this.replies.delete(oldest);
    }
  }

  replyTo(channel: string, mentionTs: string): string | undefined {
    return this.replies.get(`${channel} ${mentionTs}`);
  }

  get size(): number {
    return this.replies.size;
  }
}
