/** Whether and where amiport answers an event: the pure rules behind the events listener. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MentionReplies, planDirectMessageReply, planMentionReply } from "../../src/slack/listeners/events/reply-plan.js";
import { slackFixture } from "../helpers/slack-fixtures.js";

const event = (file: string) => slackFixture(file).payload.event;
const inDm = (e: Record<string, unknown>) => ({ ...e, channel_type: "im" });

describe("planDirectMessageReply", () => {
  it("answers a DM in the DM, and a DM in a thread in that thread", () => {
    expect(planDirectMessageReply(inDm(event("message-channel.json")))).toEqual({
      answer: true,
      channel: "C111",
      text: "Hi there! Thanks for sharing the info!",
    });
    expect(planDirectMessageReply(event("message-im-thread.json"))).toEqual({
      answer: true,
      channel: "D111",
      threadTs: "1726133698.626339",
      text: "When Slack was released?",
    });
  });

  it("answers a file shared with words, and a thread reply sent to the conversation too", () => {
    expect(planDirectMessageReply(inDm(event("message-file-share.json")))).toMatchObject({ answer: true, text: "Hi there!" });
    expect(planDirectMessageReply(inDm(event("message-thread-broadcast.json")))).toMatchObject({
      answer: true,
      threadTs: "1633663824.000500",
    });
  });

  it("leaves a file dropped without a word alone", () => {
    expect(planDirectMessageReply(inDm({ ...event("message-file-share.json"), text: "" }))).toEqual({
      answer: false,
      why: "a file without words",
    });
  });

  it("never answers a bot, whatever else the message says", () => {
    for (const file of ["message-bot.json", "message-bot-classic.json"]) {
      expect(planDirectMessageReply(inDm(event(file)))).toEqual({ answer: false, why: "bot" });
    }
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(undefined, "file_share", "thread_broadcast"), (text, subtype) => {
        const message = { channel_type: "im", channel: "D1", bot_id: "B1", text, ...(subtype ? { subtype } : {}) };
        expect(planDirectMessageReply(message).answer).toBe(false);
      }),
    );
  });

  it("leaves channels to mentions, and edits, deletions and joins alone", () => {
    expect(planDirectMessageReply(event("message-channel.json"))).toEqual({ answer: false, why: "not a direct message" });
    for (const subtype of ["message_changed", "message_deleted", "channel_join", "me_message"]) {
      expect(planDirectMessageReply({ channel_type: "im", channel: "D1", subtype, text: "5985" })).toEqual({
        answer: false,
        why: "not a new message",
      });
    }
  });

  it("reads the text as people wrote it", () => {
    expect(planDirectMessageReply({ channel_type: "im", channel: "D1", text: "a &amp; b -&gt; <@U1> 5985" })).toMatchObject({
      text: "a & b ->   5985",
    });
  });
});

describe("planMentionReply", () => {
  const mention = event("app-mention.json");
  const edited = slackFixture("docs-message-edited.json").payload.edited;

  it("answers a mention in a thread under it, or in the thread it was written in", () => {
    expect(planMentionReply(mention)).toEqual({
      answer: true,
      channel: "C111",
      threadTs: "1595926230.009600",
      text: "  Hi there!",
    });
    expect(planMentionReply({ ...mention, thread_ts: "1.2" })).toMatchObject({ threadTs: "1.2" });
  });

  it("updates the reply to an edited mention, found by the mention's channel and ts", () => {
    expect(planMentionReply({ ...mention, edited })).toEqual({
      answer: "update",
      channel: "C111",
      ts: "1595926230.009600",
      text: "  Hi there!",
    });
  });

  it("never answers a bot's mention", () => {
    expect(planMentionReply({ ...mention, bot_id: "B999" })).toEqual({ answer: false, why: "bot" });
  });
});

describe("MentionReplies", () => {
  it("finds the reply to a mention by channel and ts", () => {
    const replies = new MentionReplies();
    replies.remember("C1", "1.1", "2.2");
    expect(replies.replyTo("C1", "1.1")).toBe("2.2");
    expect(replies.replyTo("C2", "1.1")).toBeUndefined();
  });

  it("holds at most its capacity, forgetting the oldest first", () => {
    const replies = new MentionReplies(3);
    for (let i = 0; i < 10; i++) replies.remember("C1", `${i}.0`, `${i}.1`);
    expect(replies.size).toBe(3);
    expect(replies.replyTo("C1", "6.0")).toBeUndefined();
    expect(replies.replyTo("C1", "9.0")).toBe("9.1");
  });
});
