/**
 * Each kind of request through the real app over signed HTTP: the kind it is logged and counted
 * under (what an operator filters the log and /metrics by), what an expired or forged button gets,
 * how Share in channel and Show more reply, and where a reply Slack never took is counted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, encodeButtonState, encodeCommandsRequest, renderHelpMessage } from "../../src/render/blocks.js";
import { encodeHomeState, HOME_ACTIONS } from "../../src/render/home-view.js";
import { LOOKUP_PORTS } from "../../src/slack/listeners/shortcuts/index.js";
import { book } from "../helpers/book.js";
import {
  blockActionBody,
  blockActionPayload,
  eventBody,
  homeActionBody,
  messageShortcutBody,
  slashCommandBody,
} from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const FORM = "application/x-www-form-urlencoded";
const EXPIRED_TEXT = "That button no longer works; ask again with /amiport.";

let app: TestApp;
let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  app = await startTestApp({ secret: "request-kinds-signing-secret-0123456789", botToken: "xoxb-55-66-kindsbottoken" });
});
afterAll(async () => {
  await app?.stop();
});

/** Sends `body` and waits for the request line it causes; returns that line. */
async function requestLine(send: () => Promise<Response>): Promise<Record<string, any>> {
  const before = app.logged("request").length;
  const res = await send();
  expect(res.status).toBe(200);
  await expect.poll(() => app.logged("request").length).toBeGreaterThan(before);
  return app.logged("request")[before] as Record<string, any>;
}

const press = (actionId: string, value: string, url: string, ephemeral = true) =>
  app.post(blockActionBody(actionId, value, url, ephemeral), FORM);

async function replyAt(url: string, count = 1): Promise<Record<string, any>[]> {
  const calls = await app.slack.waitFor(new URL(url).pathname, count);
  return calls.map((c) => c.body as Record<string, any>);
}

const buttonIds = (message: Record<string, any>) =>
  (message.blocks ?? []).flatMap((b: any) => (b.type === "actions" ? b.elements.map((e: any) => e.action_id) : []));

describe("each kind of request is logged under its own kind", () => {
  it("slash command, Show more, Share, Commands, Look up ports, Home, mention and DM", async () => {
    const state = encodeButtonState({ q: "5985", o: 0 });
    const kinds: [string, () => Promise<Response>][] = [
      ["command", () => app.post(slashCommandBody("5985", app.slack.responseUrl(nextId("cmd"))), FORM)],
      ["more", () => press(ACTIONS.more, state, app.slack.responseUrl(nextId("more")))],
      ["share", () => press(ACTIONS.share, state, app.slack.responseUrl(nextId("share")))],
      [
        "commands",
        () => press(ACTIONS.commands, encodeCommandsRequest({ p: 5985, t: ["tcp"] }), app.slack.responseUrl(nextId("c"))),
      ],
      [
        "shortcut",
        () =>
          app.post(messageShortcutBody(LOOKUP_PORTS, { text: "rdp 3389 refused" }, app.slack.responseUrl(nextId("sc"))), FORM),
      ],
      [
        "home",
        () =>
          app.post(
            homeActionBody(
              { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: "rdp" },
              encodeHomeState({ q: "", v: null, s: null, p: 0, m: "map" }),
              "U0KINDS",
            ),
            FORM,
          ),
      ],
      [
        "mention",
        () =>
          app.post(
            eventBody(nextId("EvKind"), {
              type: "app_mention",
              user: "U0ASKER",
              text: "<@UBOT0001> 3389",
              ts: "1700000100.000100",
              channel: "C0KINDS",
              event_ts: "1700000100.000100",
            }),
            "application/json",
          ),
      ],
      [
        "dm",
        () =>
          app.post(
            eventBody(nextId("EvKind"), {
              type: "message",
              user: "U0ASKER",
              text: "445",
              ts: "1700000200.000100",
              channel: "D0KINDS",
              channel_type: "im",
              event_ts: "1700000200.000100",
            }),
            "application/json",
          ),
      ],
    ];
    for (const [kind, send] of kinds) {
      const answered = `amiport_requests_total{kind="${kind}",outcome="answered"}`;
      const before = (await app.metric(answered)) ?? 0;
      const line = await requestLine(send);
      expect(line.kind, kind).toBe(kind);
      expect(line.results, kind).toBeGreaterThan(0);
      expect(await app.metric(answered), kind).toBe(before + 1);
    }
  });
});

describe("buttons", () => {
  it.each([
    [ACTIONS.more, "{not json"],
    [ACTIONS.cards, "[]"],
    [ACTIONS.share, '{"q":7}'],
    [ACTIONS.commands, '{"p":70000,"t":["TCP"]}'],
  ])("%s with a value amiport never wrote gets a private note that the button no longer works", async (actionId, value) => {
    const url = app.slack.responseUrl(nextId("expired"));
    expect((await press(actionId, value, url)).status).toBe(200);
    const [reply] = await replyAt(url);
    expect(reply).toEqual({ response_type: "ephemeral", replace_original: false, text: EXPIRED_TEXT });
  });

  it("Share in channel posts the answer for everyone beside the private one, then removes the private one", async () => {
    const url = app.slack.responseUrl(nextId("share"));
    await press(ACTIONS.share, encodeButtonState({ q: "5985", o: 0 }), url);
    const [shared, removal] = await replyAt(url, 2);
    expect(shared).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(shared?.text).toMatch(/^Windows Remote Management \(HTTP-In\)/);
    expect(JSON.stringify(shared?.blocks)).toContain("<@U0ASKER>");
    expect(buttonIds(shared as Record<string, any>)).not.toContain(ACTIONS.share);
    expect(removal).toEqual({ delete_original: true });
  });

  it("Show more redraws in place; only a private answer keeps its Share button", async () => {
    const state = encodeButtonState({ q: "2022 inbound", o: 10, c: true });
    const privateUrl = app.slack.responseUrl(nextId("more"));
    await press(ACTIONS.more, state, privateUrl, true);
    const [privately] = await replyAt(privateUrl);
    expect(privately?.replace_original).toBe(true);
    expect(buttonIds(privately as Record<string, any>)).toContain(ACTIONS.share);

    const sharedUrl = app.slack.responseUrl(nextId("more"));
    await press(ACTIONS.more, state, sharedUrl, false);
    const [inChannel] = await replyAt(sharedUrl);
    expect(inChannel?.replace_original).toBe(true);
    expect(buttonIds(inChannel as Record<string, any>)).not.toContain(ACTIONS.share);
    expect(inChannel?.blocks.length).toBeGreaterThan(0);

    // a press Slack sent without its container (no message to say private or not): read as not private
    const bareUrl = app.slack.responseUrl(nextId("more"));
    const payload: Record<string, unknown> = blockActionPayload(ACTIONS.more, state, bareUrl, true);
    delete payload.container;
    await app.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    const [bare] = await replyAt(bareUrl);
    expect(bare?.text).not.toMatch(/^Sorry/);
    expect(buttonIds(bare as Record<string, any>)).not.toContain(ACTIONS.share);
  });

  it("Commands logs what it shows: the rule's id, or the ports and protocols", async () => {
    const byPort = await requestLine(() =>
      press(ACTIONS.commands, encodeCommandsRequest({ p: 3389, t: ["tcp", "udp"] }), app.slack.responseUrl(nextId("c"))),
    );
    expect(byPort).toMatchObject({ kind: "commands", query: "tcp+udp/3389", results: 1 });
    const rule = book.rules[0];
    const byRule = await requestLine(() =>
      press(ACTIONS.commands, encodeCommandsRequest({ r: rule?.id as string }), app.slack.responseUrl(nextId("c"))),
    );
    expect(byRule).toMatchObject({ kind: "commands", query: rule?.id, results: 1 });
  });
});

describe("a reply Slack never took", () => {
  // the stand-in answers a response_url with "broken" in it with HTTP 500, every time
  it.each([
    ["more", () => press(ACTIONS.more, encodeButtonState({ q: "5985", o: 0 }), app.slack.responseUrl(nextId("broken")))],
    ["share", () => press(ACTIONS.share, encodeButtonState({ q: "5985", o: 0 }), app.slack.responseUrl(nextId("broken")))],
    [
      "commands",
      () => press(ACTIONS.commands, encodeCommandsRequest({ p: 5985, t: ["tcp"] }), app.slack.responseUrl(nextId("broken"))),
    ],
    [
      "shortcut",
      () => app.post(messageShortcutBody(LOOKUP_PORTS, { text: "rdp 3389" }, app.slack.responseUrl(nextId("broken"))), FORM),
    ],
  ] as const)("%s: counted as a failed request and a response_url error, logged once, no apology", async (kind, send) => {
    const errors = async () => (await app.metric('amiport_slack_api_errors_total{method="response_url"}')) ?? 0;
    const failed = async () => (await app.metric(`amiport_requests_total{kind="${kind}",outcome="failed"}`)) ?? 0;
    const [errorsBefore, failedBefore] = [await errors(), await failed()];
    const linesBefore = app.logged("request failed").length;
    expect((await send()).status).toBe(200);
    await expect.poll(() => app.logged("request failed").length, { timeout: 15_000 }).toBe(linesBefore + 1);
    expect(app.logged("request failed")[linesBefore]).toMatchObject({ kind, delivery: true });
    expect(await errors()).toBe(errorsBefore + 1);
    expect(await failed()).toBe(failedBefore + 1);
  });
});

describe("/amiport with no words", () => {
  it("a command form with no text field at all gets the help, privately", async () => {
    const form = new URLSearchParams(slashCommandBody("x", app.slack.responseUrl(nextId("notext"))));
    form.delete("text");
    const res = await app.post(form.toString(), FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", ...renderHelpMessage("/amiport") });
  });
});

describe("what amiport does not answer", () => {
  it("a command it does not know is named back, cut to 100 characters, and logged once", async () => {
    const name = `/${"x".repeat(150)}`;
    const res = await app.post(slashCommandBody("5985", app.slack.responseUrl(nextId("unknown")), { command: name }), FORM);
    expect(res.status).toBe(200);
    const ack = await res.json();
    expect(ack).toEqual({
      response_type: "ephemeral",
      text: `amiport does not answer ${name.slice(0, 100)}; ask with /amiport.`,
    });
    expect(app.logged("unknown request").filter((l) => l.id === name)).toEqual([
      expect.objectContaining({ level: "warn", kind: "command", id: name }),
    ]);
  });
});
