import { type App, LogLevel } from "@slack/bolt";
import { MemorySeenEvents } from "../../../store/index.js";
import { ask, guarded, type SlackDeps } from "../../answer.js";
import { MentionReplies, planDirectMessageReply, planMentionReply, type ReplyPlan } from "./reply-plan.js";

type Client = Parameters<Parameters<App["event"]>[1]>[0]["client"];

/** Mentions are answered in the mention's thread; direct messages in the DM (in its thread, if any). */
export function register(app: App, deps: SlackDeps): void {
  const seen = deps.seenEvents ?? new MemorySeenEvents();
  const mentionReplies = new MentionReplies();
  const isRepeat = async (eventId: string | undefined, retryNum: number | undefined) => {
    if (!eventId || (await seen.firstTime(eventId))) return false;
    deps.logger.event(LogLevel.INFO, "repeat delivery ignored", { eventId, retryNum });
    deps.metrics?.repeatIgnored();
    return true;
  };

  /** Carries out `plan`; returns the ts of a new reply. */
  const carryOut = async (client: Client, kind: "mention" | "dm", plan: ReplyPlan, startedAt: number) => {
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
    const post = (message: object) => client.chat.postMessage({ channel: plan.channel, ...thread, ...message } as never);
    let replyTs: string | undefined;
    await guarded(deps, kind, post, async () => {
      replyTs = (await post(ask(deps, kind, plan.text, { shareable: false }, startedAt)))?.ts;
    });
    return replyTs;
  };

  app.event("app_mention", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    const plan = planMentionReply(event);
    if (plan.answer === false || (await isRepeat(body.event_id, context.retryNum))) return;
    const replyTs = await carryOut(client, "mention", plan, startedAt);
    if (replyTs && event.ts) mentionReplies.remember(plan.channel, event.ts, replyTs);
  });

  app.event("message", async ({ event, body, client, context }) => {
    const startedAt = performance.now();
    const plan = planDirectMessageReply(event);
    if (plan.answer === false || (await isRepeat(body.event_id, context.retryNum))) return;
    await carryOut(client, "dm", plan, startedAt);
  });
}
