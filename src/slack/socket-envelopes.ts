/**
 * Socket Mode's counterpart of the HTTP request guard. The SDK parses every WebSocket message and
 * reads `event.type` and `event.payload.event.type` unchecked, inside an async listener: a frame of
 * `null` or an events_api envelope without a payload becomes an unhandled rejection. Envelopes are
 * checked here first (size, then shape) and anything else is counted and dropped.
 */
import { LogLevel, type SocketModeReceiver } from "@slack/bolt";
import type { AppLogger } from "./logger.js";

/** Far above any envelope Slack sends; the same cap as an HTTP body. */
export const MAX_ENVELOPE_BYTES = 512 * 1024;

type SocketModeClient = SocketModeReceiver["client"];
type MessageListener = (data: unknown, isBinary: boolean) => unknown;

export function guardSocketEnvelopes(client: SocketModeClient, logger: AppLogger): void {
  const listeners = client.listeners("ws_message") as MessageListener[];
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    const problem = isBinary ? undefined : envelopeProblem(data);
    if (problem) {
      logger.event(LogLevel.WARN, "socket envelope dropped", { problem });
      return;
    }
    for (const listener of listeners) {
      Promise.resolve()
        .then(() => listener.call(client, data, isBinary))
        .catch((error: unknown) =>
          logger.event(LogLevel.ERROR, "socket envelope failed", {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
    }
  });
}

/** Why a text frame is not an envelope amiport can hand to the SDK, or undefined if it is one. */
export function envelopeProblem(data: unknown): string | undefined {
  const size =
    typeof data === "string" ? utf8Length(data) : data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : -1;
  if (size < 0) return "not text";
  if (size > MAX_ENVELOPE_BYTES) return "too large";
  let envelope: unknown;
  try {
    envelope = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer));
  } catch {
    return "not JSON";
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) return "not an object";
  const { type, payload } = envelope as { type?: unknown; payload?: unknown };
  if (typeof type !== "string") return "no type";
  if (type === "hello" || type === "disconnect") return undefined;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "no payload";
  if (type === "events_api") {
    const event = (payload as { event?: unknown }).event;
    if (typeof event !== "object" || event === null || typeof (event as { type?: unknown }).type !== "string") return "no event";
  }
  return undefined;
}

/** A text frame's size as sent, in UTF-8 bytes (a character of `Ā` or `端` is two or three); never less than its length. */
function utf8Length(text: string): number {
  return text.length > MAX_ENVELOPE_BYTES ? text.length : Buffer.byteLength(text, "utf8");
}
