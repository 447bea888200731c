/**
 * The readable text of a Slack message, for the "Look up ports" shortcut: its `text`, then the text
 * of its blocks and of its attachments (where alerting tools put what matters). Walks the message
 * without recursion and stops once it has MAX_PASTE_LENGTH characters, so a hostile message costs
 * no more than a long one.
 */
import { MAX_PASTE_LENGTH } from "../core/index.js";

/** Keys whose string values people read; ids, urls, styles and the like are skipped. */
const TEXT_KEYS = new Set(["text", "fallback", "pretext", "title", "value", "footer", "author_name", "alt_text"]);
/** Nodes visited at most: a message has blocks and attachments, not millions of nodes. */
const MAX_NODES = 20_000;

export function messageText(message: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const stack: unknown[] = [message];
  let visited = 0;
  while (stack.length > 0 && length < MAX_PASTE_LENGTH && visited < MAX_NODES) {
    const node = stack.pop();
    visited += 1;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node !== null && typeof node === "object") {
      // reversed, so the message's own text comes before its blocks and attachments
      const entries = Object.entries(node as Record<string, unknown>).reverse();
      for (const [key, value] of entries) {
        if (typeof value === "string") {
          if (TEXT_KEYS.has(key)) stack.push(value);
        } else if (typeof value === "object" && value !== null) stack.push(value);
      }
    } else if (typeof node === "string" && node.trim() !== "") {
      parts.push(node);
      length += node.length + 1;
    }
  }
  return parts.join("\n").slice(0, MAX_PASTE_LENGTH);
}
