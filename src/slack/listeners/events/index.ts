import { type App, LogLevel } from "@slack/bolt";
import { MemorySeenEvents } from "../../../store/index.js";
import { ask, guarded, type SlackDeps } from "../../answer.js";

/** Mentions are answered in the mention's thread; direct messages in the DM. */
export function register(app: App, deps: SlackDeps): void {
  const seen = deps.seenEvents ?? new MemorySeenEvents();
  const isRepeat = async (eventId: string | undefined, retryNum: number | undefined) => {
    if (!eventId || (await seen.firstTime(eventId))) return false;
    deps.logger.event(LogLevel.INFO, "repeat delivery ignored", { eventId, retryNum });
    deps.metrics?.repeatIgnored();
    return true;
  };

  app.event("app_mention", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    if (await isRepeat(body.event_id, context.retryNum)) return;
    const thread_ts = event.thread_ts ?? event.ts;
    const reply = (message: object) => client.chat.postMessage({ channel: event.channel, thread_ts, ...message } as never);
    await guarded(deps, "mention", reply, () => reply(ask(deps, "mention", event.text ?? "", { shareable: false }, startedAt)));
  });

  app.event("message", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    // only people's new messages in a DM: no edits, joins, bot posts (our own included)
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    if (await isRepeat(body.event_id, context.retryNum)) return;
    const reply = (message: object) => client.chat.postMessage({ channel: event.channel, ...message } as never);
    await guarded(deps, "dm", reply, () => reply(ask(deps, "dm", event.text ?? "", { shareable: false }, startedAt)));
  });
}
