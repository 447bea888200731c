/**
 * What Slack really sends: payloads Slack published (test/fixtures/slack/, each with its source),
 * delivered to the real app over HTTP (signed) and over Socket Mode. Each test changes only what it
 * must and says why: event ids (each delivery is a new event, or the app rightly drops it as a
 * repeat), channel ids (so each test reads only its own replies), and where a case needs it, the
 * one field the case is about.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, encodeButtonState } from "../../src/render/blocks.js";
import { encodeHomeState, HOME_ACTIONS } from "../../src/render/home-view.js";
import { LOOKUP_PORTS } from "../../src/slack/listeners/shortcuts/index.js";
import { book } from "../helpers/book.js";
import { slackFixture, substituted } from "../helpers/slack-fixtures.js";
import { blockActionPayload } from "../helpers/slack-stand-in.js";
import { httpTransport, socketTransport, type Transport } from "../helpers/transports.js";

const mention = slackFixture("app-mention.json");
const edited = slackFixture("docs-message-edited.json");
const imThread = slackFixture("message-im-thread.json");
const person = slackFixture("message-channel.json");
const bot = slackFixture("message-bot.json");
const classicBot = slackFixture("message-bot-classic.json");
const fileShare = slackFixture("message-file-share.json");
const broadcast = slackFixture("message-thread-broadcast.json");
const button = slackFixture("block-actions-button.json");
const globalShortcut = slackFixture("shortcut-global.json");
const messageShortcut = slackFixture("shortcut-message.json");
const slashCommand = slackFixture<string>("slash-command.json");

/** The one rule for TCP 23555: its answer is told apart from any other. */
const MARKER_ANSWER = /^Cast to Device Streaming Server \(RTSP-Streaming-In\)/;
const WINRM = "Windows Remote Management (HTTP-In)";

describe.each([
  ["HTTP", httpTransport],
  ["Socket Mode", socketTransport],
] as const)("Slack's own payloads over %s", (_name, start) => {
  let t: Transport;
  let seq = 0;
  const id = (prefix: string) => `${prefix}${_name === "HTTP" ? "H" : "S"}${++seq}`;

  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const postsTo = (channel: string) => t.slack.callsTo("/api/chat.postMessage").filter((c) => c.body.channel === channel);
  const headersOf = (blocks: any[] | undefined) => (blocks ?? []).filter((b) => b.type === "header").map((b) => b.text.text);
  /**
   * A DM asking for 23555 in `channel`, answered: deliveries sent before it have been handled by
   * then. Returns the replies in `channel` before the marker's own.
   */
  const afterMarker = async (channel: string) => {
    // a person's DM: the bolt-python user message, in a DM, asking for the marker port
    await t.event(
      substituted(person.payload, {
        event_id: id("EvMarker"),
        "event.channel": channel,
        "event.channel_type": "im",
        "event.text": "23555",
        "event.blocks": undefined,
      }),
    );
    await expect.poll(() => postsTo(channel).some((p) => MARKER_ANSWER.test(p.body.text)), { timeout: 10_000 }).toBe(true);
    return postsTo(channel).filter((p) => !MARKER_ANSWER.test(p.body.text));
  };

  it("updates its first reply when a mention is edited, instead of answering twice", async () => {
    const channel = id("CEDIT");
    // the mention as published; a channel and event id of its own
    const first = substituted(mention.payload, { event_id: id("Ev"), "event.channel": channel });
    await t.event(first);
    await expect.poll(() => postsTo(channel).length).toBe(1);
    const [reply] = postsTo(channel);
    expect(reply?.body.thread_ts).toBe(first.event.ts);
    // Slack's edit: the same message (same ts), a new event id, an `edited` field as Slack's docs
    // print it, and the new text the person wrote
    await t.event(
      substituted(first, { event_id: id("Ev"), "event.edited": edited.payload.edited, "event.text": "<@W111> 5985 on 2019" }),
    );
    await expect.poll(() => t.slack.callsTo("/api/chat.update").filter((c) => c.body.channel === channel).length).toBe(1);
    const [update] = t.slack.callsTo("/api/chat.update").filter((c) => c.body.channel === channel);
    expect(update?.body.ts).toBe(reply?.reply?.ts);
    expect(update?.body.ts).toMatch(/^\d+\.\d+$/);
    expect(update?.body.text).toMatch(/^Windows Remote Management \(HTTP-In\): TCP 5985 in/);
    expect(postsTo(channel)).toHaveLength(1);
    // edited again: the same reply is updated again
    await t.event(
      substituted(first, { event_id: id("Ev"), "event.edited": edited.payload.edited, "event.text": "<@W111> 3389 on 2019" }),
    );
    await expect.poll(() => t.slack.callsTo("/api/chat.update").filter((c) => c.body.channel === channel).length).toBe(2);
    const second = t.slack.callsTo("/api/chat.update").filter((c) => c.body.channel === channel)[1];
    expect(second?.body.ts).toBe(reply?.reply?.ts);
    expect(second?.body.text).toMatch(/^Remote Desktop/);
    expect(postsTo(channel)).toHaveLength(1);
    // a mention is answered privately to no one: its reply (and the update) carries no Share button
    expect(JSON.stringify(reply?.body.blocks)).not.toContain(ACTIONS.share);
    expect(JSON.stringify(second?.body.blocks)).not.toContain(ACTIONS.share);
  });

  it("ignores the edit of a mention it never answered", async () => {
    const channel = id("CEDITNEW");
    // an edit of a mention from before this process started: nothing to update, and no second answer
    await t.event(
      substituted(mention.payload, { event_id: id("Ev"), "event.channel": channel, "event.edited": edited.payload.edited }),
    );
    await expect.poll(() => t.logged("edited mention ignored").some((l) => l.channel === channel)).toBe(true);
    expect(postsTo(channel)).toEqual([]);
  });

  it("answers a DM inside a thread in that thread, and answers small talk with what it can look up", async () => {
    const channel = id("DTHREAD");
    const event = substituted(imThread.payload, { event_id: id("Ev"), "event.channel": channel });
    await t.event(event);
    await expect.poll(() => postsTo(channel).length).toBe(1);
    const [reply] = postsTo(channel);
    expect(reply?.body.thread_ts).toBe(imThread.payload.event.thread_ts);
    // "When Slack was released?" asks nothing amiport knows: no rule cards, and what to ask instead
    expect(headersOf(reply?.body.blocks)).toEqual([]);
    expect(reply?.body.text).toContain("Try a port (5985)");
  });

  it("answers a person's DM of thanks briefly, and other apps' bots not at all", async () => {
    const channel = id("DBOTS");
    // the three bolt-python messages say the same words; only a DM is answered, so each is moved into one
    const inDm = { "event.channel": channel, "event.channel_type": "im" };
    await t.event(substituted(bot.payload, { event_id: id("Ev"), ...inDm }));
    await t.event(substituted(classicBot.payload, { event_id: id("Ev"), ...inDm }));
    await t.event(substituted(person.payload, { event_id: id("Ev"), ...inDm }));
    const replies = await afterMarker(channel);
    expect(replies).toHaveLength(1);
    expect(headersOf(replies[0]?.body.blocks)).toEqual([]);
    expect(replies[0]?.body.text).toMatch(/^Nothing on the AWS page matches/);
    expect(replies[0]?.body.text).toContain("Try a port (5985)");
  });

  // each moved into a DM, and its words made a question (both published texts are "Hi there!")
  it.each([
    ["a file attached (file_share)", fileShare, "what does 5985 need?", /^Windows Remote Management \(HTTP-In\): TCP 5985 in/],
    ["a thread reply also sent to the conversation (thread_broadcast)", broadcast, "rdp on 2019?", /^Remote Desktop/],
  ] as const)("answers a DM with %s once, in its thread if any", async (_kind, fixture, question, answer) => {
    const channel = id("DSUBTYPE");
    const changes = { event_id: id("Ev"), "event.channel": channel, "event.channel_type": "im", "event.text": question };
    await t.event(substituted(fixture.payload, changes));
    const replies = await afterMarker(channel);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.text).toMatch(answer);
    expect(replies[0]?.body.thread_ts).toBe(fixture.payload.event.thread_ts);
  });

  it("acknowledges an action, shortcut and command it does not know, and logs each once with its id", async () => {
    // all three as published: bolt-python's `a`, `test-shortcut` (global and message) and /hello-world
    await t.interactive(button.payload);
    await t.interactive(globalShortcut.payload);
    await t.interactive(messageShortcut.payload);
    const ack = await t.command(slashCommand.payload);
    expect(ack?.text).toBe("amiport does not answer /hello-world; ask with /amiport.");
    const unknown = t.logged("unknown request").map((l) => `${l.kind} ${l.id}`);
    expect(unknown).toEqual(["action a", "shortcut test-shortcut", "shortcut test-shortcut", "command /hello-world"]);
  });

  it("reads a message's words for Look up ports, not its links or button values", async () => {
    const respond = (name: string) => t.slack.responseUrl(id(name));
    // bolt-python's message shortcut, pointed at amiport's shortcut and at the stand-in's response_url
    const click = async (message: Record<string, unknown>) => {
      const url = respond("lookup");
      await t.interactive(substituted(messageShortcut.payload, { callback_id: LOOKUP_PORTS, response_url: url, message }));
      const [reply] = await t.slack.waitFor(new URL(url).pathname);
      return reply?.body as Record<string, any>;
    };
    // as published: "<@W222> test" names no port
    const plain = await click(messageShortcut.payload.message);
    expect(headersOf(plain.blocks)).toEqual([]);

    // amiport's own answer for 5985, shared in the channel, as Slack shows it in a message
    const shareUrl = respond("share");
    await t.interactive(blockActionPayload(ACTIONS.share, encodeButtonState({ q: "5985", o: 0 }), shareUrl, true));
    const [shared] = await t.slack.waitFor(new URL(shareUrl).pathname);
    const card = shared?.body as Record<string, any>;
    expect(headersOf(card.blocks)).toEqual([WINRM, WINRM]);
    const again = await click({ ...messageShortcut.payload.message, text: card.text, blocks: card.blocks });
    expect(headersOf(again.blocks)).toEqual([WINRM, WINRM]);

    // a link is its label: the address's scheme is not the service "https"
    const link = await click({ ...messageShortcut.payload.message, text: "see <https://docs.aws.amazon.com/x|the AWS page>" });
    expect(JSON.stringify(link.blocks)).not.toContain("443");
  });

  it("decodes Slack's entities once on input and escapes once on output: a shared `a & b` never shows &amp;amp;", async () => {
    // bolt-python's slash command, for /amiport, with text as Slack sends what people type: `&` as `&amp;`
    const form = new URLSearchParams(slashCommand.payload);
    form.set("command", "/amiport");
    form.set("text", "rdp &amp; smb");
    const answer = await t.command(form.toString());
    const share = ((answer?.blocks ?? []) as any[])
      .find((b) => b.type === "actions")
      ?.elements.find((e: any) => e.action_id === ACTIONS.share);
    expect(JSON.parse(share.value).q).toBe("rdp & smb");
    const shareUrl = t.slack.responseUrl(id("share-amp"));
    await t.interactive(blockActionPayload(ACTIONS.share, share.value, shareUrl, true));
    const [shared] = await t.slack.waitFor(new URL(shareUrl).pathname);
    const said = JSON.stringify(shared?.body.blocks);
    expect(said).toContain("“rdp &amp; smb”");
    expect(said).not.toContain("&amp;amp;");
  });

  it("hands pasted `->` to the core as `->`", async () => {
    const channel = id("DARROW");
    // a person's DM whose text is a pasted line, as Slack escapes it
    const text = "10.0.0.5:51234 -&gt; 10.0.0.9:5986 refused";
    await t.event(
      substituted(person.payload, {
        event_id: id("Ev"),
        "event.channel": channel,
        "event.channel_type": "im",
        "event.text": text,
      }),
    );
    await expect.poll(() => postsTo(channel).length).toBe(1);
    const logged = t.logged("request").find((l) => l.kind === "dm" && String(l.query).includes("10.0.0.9:5986"));
    expect(logged?.query).toBe("10.0.0.5:51234 -> 10.0.0.9:5986 refused");
  });

  it("takes every field Slack may send (java-slack-sdk's samples, values left empty) without a crash, and answers on", async () => {
    // as published: empty ids, types and texts; nothing here is a question to answer
    const java = (file: string) => slackFixture(`java-slack-sdk/${file}`).payload;
    const events = ["app-mention", "message", "message-file-share", "message-thread-broadcast", "message-bot"];
    for (const file of [...events, "message-changed", "message-replied", "message-deleted"]) await t.event(java(`${file}.json`));
    await t.interactive(java("block-actions.json"));
    await t.interactive(java("message-shortcut.json"));
    const sample = Object.entries(java("slash-command.json")).map(([key, value]) => [key, String(value)]);
    expect((await t.command(new URLSearchParams(sample).toString()))?.response_type).toBe("ephemeral");
    expect(await afterMarker(id("DJAVA"))).toEqual([]);
    expect(postsTo("")).toEqual([]);
    expect(t.logged("unhandled error")).toEqual([]);
    expect(t.logged("request failed")).toEqual([]);
  });

  it("clears only the emptied pick of the Home tab (Slack's deselect), with no notice", async () => {
    const user = id("UHOME");
    const before = {
      q: "rdp",
      v: book.operatingSystems.at(-1) ?? null,
      s: book.sections[0]?.name ?? null,
      p: 0,
      m: "cards" as const,
    };
    // bolt-python's block_actions, from the Home tab: Slack sends `selected_option: null` once a select is emptied
    const deselect = substituted(button.payload, {
      "user.id": user,
      container: { type: "view", view_id: "V0HOME" },
      view: {
        id: "V0HOME",
        type: "home",
        private_metadata: encodeHomeState(before),
        hash: "1.home",
        state: { values: {} },
        blocks: [],
      },
      "actions.0": {
        type: "static_select",
        action_id: HOME_ACTIONS.version,
        block_id: "b",
        selected_option: null,
        action_ts: "1.2",
      },
    });
    await t.interactive(deselect);
    await expect.poll(() => t.slack.callsTo("/api/views.publish").some((c) => c.body.user_id === user)).toBe(true);
    const view = t.slack.callsTo("/api/views.publish").find((c) => c.body.user_id === user)?.body.view;
    const after = JSON.parse(view.private_metadata);
    expect(after).toEqual({ ...before, v: null });
    expect(JSON.stringify(view.blocks)).not.toContain("old or altered view");
  });
});
