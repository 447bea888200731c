import type { App } from "@slack/bolt";
import { ask, type SlackDeps } from "../../answer.js";
import { workspaceOf } from "../../outbox.js";

/** Mentions are answered in the mention's thread; direct messages in the DM. */
export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, body, context }) => {
    const startedAt = performance.now();
    const thread_ts = event.thread_ts ?? event.ts;
    const to = { via: "chat.postMessage", channel: event.channel, thread_ts, workspace: workspaceOf(context) } as const;
    await deps.outbox.answerEvent({ eventId: body.event_id, retryNum: context.retryNum }, "mention", to, context.botToken, () =>
      ask(deps, "mention", event.text ?? "", { shareable: false }, startedAt),
    );
  });

  app.event("message", async ({ event, body, context }) => {
    const startedAt = performance.now();
    // only people's new messages in a DM: no edits, joins, bot posts (our own included)
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    const to = { via: "chat.postMessage", channel: event.channel, workspace: workspaceOf(context) } as const;
    await deps.outbox.answerEvent({ eventId: body.event_id, retryNum: context.retryNum }, "dm", to, context.botToken, () =>
      ask(deps, "dm", event.text ?? "", { shareable: false }, startedAt),
    );
  });
}
