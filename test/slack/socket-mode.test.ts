import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { ACTIONS, encodeButtonState, encodeCommandsRequest } from "../../src/render/blocks.js";
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { book } from "../helpers/book.js";
import { blockActionPayload, SlackStandIn } from "../helpers/slack-stand-in.js";

const APP_TOKEN = "xapp-1-A0AMIPORT-socketsecret";

/** Slack's side of a Socket Mode connection: says hello, sends envelopes, collects acks. */
describe("Socket Mode", () => {
  let slack: SlackStandIn;
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  const acks: Record<string, any>[] = [];
  const logLines: string[] = [];
  let running: RunningApp;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    slack.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
    wss.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (data) => acks.push(JSON.parse(String(data))));
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "stand-in" },
          connection_info: { app_id: "A0AMIPORT" },
        }),
      );
    });
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-socketbot",
      SLACK_APP_TOKEN: APP_TOKEN,
      PORT: "0",
      SLACK_API_URL: slack.apiUrl,
    });
    expect(config.mode).toBe("socket");
    running = await startSlackApp(
      config,
      book,
      createLogger({ level: config.logLevel as never, secrets: [], sink: (line) => logLines.push(line) }),
    );
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await slack.stop();
  });

  it("opens the connection with the app token through SLACK_API_URL", () => {
    const open = slack.callsTo("/api/apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
  });

  it("answers a slash command envelope in its acknowledgement", async () => {
    socket?.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "t",
          team_id: "T0001",
          channel_id: "C0INCIDENT",
          user_id: "U0ASKER",
          command: "/amiport",
          text: "5985",
          api_app_id: "A0AMIPORT",
          response_url: slack.responseUrl("socket-1"),
          trigger_id: "1.2.3",
        },
      }),
    );
    await expect.poll(() => acks.some((a) => a.envelope_id === "env-1")).toBe(true);
    const ack = acks.find((a) => a.envelope_id === "env-1");
    expect(ack?.payload.response_type).toBe("ephemeral");
    expect(ack?.payload.text).toMatch(/^Windows Remote Management \(HTTP-In\): TCP 5985 in/);
    // a later "Show more", answered through its response_url, marks the point by which a late reply would be in
    socket?.send(
      JSON.stringify({
        envelope_id: "env-marker",
        type: "interactive",
        accepts_response_payload: false,
        payload: blockActionPayload(
          ACTIONS.more,
          encodeButtonState({ q: "icmp", o: 10 }),
          slack.responseUrl("socket-marker"),
          true,
        ),
      }),
    );
    await slack.waitFor("/respond/socket-marker");
    expect(slack.callsTo("/respond/socket-1")).toEqual([]);
  });

  it("answers a Commands button delivered as an interactive envelope, privately", async () => {
    const rule = book.rules.find((r) => r.rule === "Windows Remote Management (HTTP-In)")!;
    socket?.send(
      JSON.stringify({
        envelope_id: "env-commands",
        type: "interactive",
        accepts_response_payload: false,
        payload: blockActionPayload(
          ACTIONS.commands,
          encodeCommandsRequest({ r: rule.id }),
          slack.responseUrl("socket-commands"),
          true,
          `rule:${rule.id}`,
        ),
      }),
    );
    const [reply] = await slack.waitFor("/respond/socket-commands");
    expect(acks.some((a) => a.envelope_id === "env-commands")).toBe(true);
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(reply?.body.blocks)).toContain("Test-NetConnection -ComputerName &lt;host&gt; -Port 5985");
  });

  it("answers a mention delivered as an events_api envelope", async () => {
    socket?.send(
      JSON.stringify({
        envelope_id: "env-2",
        type: "events_api",
        accepts_response_payload: false,
        payload: {
          team_id: "T0001",
          api_app_id: "A0AMIPORT",
          type: "event_callback",
          event_id: "EvSocket1",
          event_time: 1,
          authorizations: [{ team_id: "T0001", user_id: "UBOT0001", is_bot: true }],
          event: {
            type: "app_mention",
            user: "U0ASKER",
            text: "<@UBOT0001> 3389",
            ts: "1.000001",
            channel: "C0SOCKET",
            event_ts: "1.000001",
          },
        },
      }),
    );
    await expect.poll(() => acks.some((a) => a.envelope_id === "env-2")).toBe(true);
    await expect
      .poll(() => slack.callsTo("/api/chat.postMessage").find((c) => c.body.channel === "C0SOCKET")?.body.thread_ts)
      .toBe("1.000001");
  });

  it("drops malformed and oversized envelopes, logs them, and keeps answering", async () => {
    const mentionEnvelope = (id: string) =>
      JSON.stringify({
        envelope_id: id,
        type: "events_api",
        payload: {
          team_id: "T0001",
          api_app_id: "A0AMIPORT",
          type: "event_callback",
          event_id: `Ev${id}`,
          event_time: 1,
          authorizations: [{ team_id: "T0001", user_id: "UBOT0001", is_bot: true }],
          event: {
            type: "app_mention",
            user: "U0ASKER",
            text: "<@UBOT0001> 445",
            ts: "2.000001",
            channel: "C0AFTER",
            event_ts: "2.000001",
          },
        },
      });
    const hostile = [
      "null",
      "[]",
      '"text"',
      "{",
      '{"type":"events_api"}',
      '{"type":"events_api","envelope_id":"x","payload":{}}',
      '{"type":"slash_commands","envelope_id":"y"}',
      '{"type":42}',
      mentionEnvelope("env-huge").replace('> 445"', `> 445 ${"x".repeat(600 * 1024)}"`),
    ];
    for (const frame of hostile) socket?.send(frame);
    socket?.send(Buffer.from([0, 1, 2, 3]));
    // a positive marker: the next well-formed envelope is answered, and nothing before it was
    socket?.send(mentionEnvelope("env-after"));
    await expect.poll(() => slack.callsTo("/api/chat.postMessage").filter((c) => c.body.channel === "C0AFTER").length).toBe(1);
    expect(acks.some((a) => a.envelope_id === "env-huge" || a.envelope_id === "x" || a.envelope_id === "y")).toBe(false);
    const dropped = logLines.filter((l) => l.includes("socket envelope dropped"));
    expect(dropped).toHaveLength(hostile.length);
    expect(dropped.some((l) => l.includes("too large"))).toBe(true);
  });

  it("publishes the Home tab when it is opened", async () => {
    socket?.send(
      JSON.stringify({
        envelope_id: "env-home",
        type: "events_api",
        payload: {
          team_id: "T0001",
          api_app_id: "A0AMIPORT",
          type: "event_callback",
          event_id: "EvSocketHome",
          event_time: 1,
          authorizations: [{ team_id: "T0001", user_id: "UBOT0001", is_bot: true }],
          event: { type: "app_home_opened", user: "U0SOCKHOME", channel: "D0HOME", tab: "home", event_ts: "3.000001" },
        },
      }),
    );
    await expect
      .poll(() => slack.callsTo("/api/views.publish").find((c) => c.body.user_id === "U0SOCKHOME")?.body.view.type)
      .toBe("home");
  });

  it("serves /healthz beside the socket", async () => {
    expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${running.port}/slack/events`, { method: "POST" })).status).toBe(404);
  });
});
