import { type App, type Context, LogLevel } from "@slack/bolt";
import { ask, guarded, type SlackDeps } from "../../answer.js";
import { workspaceOf } from "../../outbox.js";
import { MentionReplies, planDirectMessageReply, planMentionReply, type ReplyPlan } from "./reply-plan.js";

type Client = Parameters<Parameters<App["event"]>[1]>[0]["client"];

/** Mentions are answered in the mention's thread; direct messages in the DM (in its thread, if any). */
export function register(app: App, deps: SlackDeps): void {
  const mentionReplies = new MentionReplies();

  /**
   * Carries out `plan`: a new reply goes through the outbox (claimed, kept until Slack accepts it,
   * once per event across replicas); an edited mention updates the reply it got. Returns the ts of
   * a new reply.
   */
  const carryOut = async (
    client: Client,
    context: Context,
    kind: "mention" | "dm",
    plan: ReplyPlan,
    eventId: string | undefined,
    startedAt: number,
  ): Promise<string | undefined> => {
    if (plan.answer === false) return undefined;
    if (plan.answer === "update") {
      const replyTs = mentionReplies.replyTo(plan.channel, plan.ts);
      if (replyTs === undefined) {
        deps.logger.event(LogLevel.INFO, "edited mention ignored", { channel: plan.channel, ts: plan.ts });
        return undefined;
      }
      const update = (message: object) => client.chat.update({ channel: plan.channel, ts: replyTs, ...message } as never);
      await guarded(deps, kind, update, () => update(ask(deps, kind, plan.text, { shareable: false }, startedAt)));
      return undefined;
    }
    const thread = plan.threadTs ? { thread_ts: plan.threadTs } : {};
    const to = { via: "chat.postMessage", channel: plan.channel, ...thread, workspace: workspaceOf(context) } as const;
    return deps.outbox.answerEvent({ eventId, retryNum: context.retryNum }, kind, to, context.botToken, () =>
      ask(deps, kind, plan.text, { shareable: false }, startedAt),
    );
  };

  app.event("app_mention", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    const plan = planMentionReply(event);
    const replyTs = await carryOut(client, context, "mention", plan, body.event_id, startedAt);
    if (replyTs && event.ts && plan.answer !== false) mentionReplies.remember(plan.channel, event.ts, replyTs);
  });

  app.event("message", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    await carryOut(client, context, "dm", planDirectMessageReply(event), body.event_id, startedAt);
  });
}
