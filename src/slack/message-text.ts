/**
 * Text as Slack sends it, made into text as people wrote it: the one place input text is prepared.
 * Slack writes mentions, channels, broadcasts and links as `<…>` markup and escapes the three
 * characters `&`, `<` and `>` of what people typed as `&amp;`, `&lt;` and `&gt;`. Both are undone
 * here, once, on input; the renderers escape once, on output.
 */
import { MAX_PASTE_LENGTH } from "../core/index.js";

/** Keys whose string values people read; ids, urls, styles and the like are skipped. */
const TEXT_KEYS = new Set(["text", "fallback", "pretext", "title", "value", "footer", "author_name", "alt_text"]);
/** Nodes visited at most: a message has blocks and attachments, not millions of nodes. */
const MAX_NODES = 20_000;
const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * The words of a message or command as its author wrote them: mentions (`<@U123>`), channels
 * (`<#C1|incident>`) and broadcasts (`<!here>`) become a space, a link becomes its label (or its
 * address when it has none), then Slack's three entities are decoded. One pass: a literal `<` in
 * Slack's text always opens markup (typed ones arrive as `&lt;`), and the next `>` is found once and
 * reused, so text full of unclosed `<` costs no more than any other text.
 */
export function readSlackText(slackText: string): string {
  // cut to size first: the core reads no more than Slack's own cap on a message
  const text = slackText.slice(0, MAX_PASTE_LENGTH);
  let out = "";
  let from = 0;
  let close = -1;
  for (let at = text.indexOf("<"); at !== -1; at = text.indexOf("<", at + 1)) {
    if (close < at) close = text.indexOf(">", at);
    if (close === -1) break;
    const inner = text.slice(at + 1, close);
    const kind = inner.charCodeAt(0);
    const bar = inner.indexOf("|");
    const shown = kind === 64 || kind === 35 || kind === 33 ? " " : bar === -1 ? inner : inner.slice(bar + 1); // @ # !
    out += text.slice(from, at) + shown;
    from = close + 1;
    at = close;
  }
  return decodeEntities(out + text.slice(from));
}

/** Slack's three entities, decoded once: `&amp;lt;` is the text `&lt;`, as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The readable text of a Slack message, for the "Look up ports" shortcut: its `text`, then the text
 * of its blocks and of its attachments (where alerting tools put what matters), each read with
 * readSlackText. Interactive elements (anything with an `action_id`: buttons, selects) are skipped:
 * their values are data for an app, not words for people. Walks the message without recursion and
 * stops once it has MAX_PASTE_LENGTH characters, so a hostile message costs no more than a long one.
 */
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
      if ("action_id" in node) continue;
      // reversed, so the message's own text comes before its blocks and attachments
      const entries = Object.entries(node as Record<string, unknown>).reverse();
      for (const [key, value] of entries) {
        if (typeof value === "string") {
          if (TEXT_KEYS.has(key)) stack.push(value);
        } else if (typeof value === "object" && value !== null) stack.push(value);
      }
    } else if (typeof node === "string" && node.trim() !== "") {
      const text = readSlackText(node);
      parts.push(text);
      length += text.length + 1;
    }
  }
  return parts.join("\n").slice(0, MAX_PASTE_LENGTH);
}
