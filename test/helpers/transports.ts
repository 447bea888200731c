/**
 * The real app behind either of Slack's two ways in: HTTP (signed requests to /slack/events) and
 * Socket Mode (envelopes over a WebSocket), so one test can hold a behaviour to both.
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { book } from "./book.js";
import { SlackStandIn } from "./slack-stand-in.js";
import { startTestApp } from "./test-app.js";

export interface Transport {
  readonly name: "HTTP" | "Socket Mode";
  readonly slack: SlackStandIn;
  /** The parsed log lines with this `msg`. */
  logged(msg: string): Record<string, any>[];
  /** Delivers an Events API payload (`event_callback`); resolves once Slack has its acknowledgement. */
  event(payload: object): Promise<void>;
  /** Delivers an interactive payload (block_actions, shortcut, message_action); resolves with the acknowledgement's body. */
  interactive(payload: object): Promise<unknown>;
  /** Delivers a slash command's form body; resolves with the acknowledgement's body. */
  command(form: string): Promise<Record<string, any> | undefined>;
  stop(): Promise<void>;
}

const SECRET = "transport-signing-secret-0123456789";
const BOT_TOKEN = "xoxb-77-88-transportbottoken";
const FORM = "application/x-www-form-urlencoded";

export async function httpTransport(): Promise<Transport> {
  const app = await startTestApp({ secret: SECRET, botToken: BOT_TOKEN });
  const read = async (res: Response) => {
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    return text === "" ? undefined : JSON.parse(text);
  };
  return {
    name: "HTTP",
    slack: app.slack,
    logged: app.logged,
    event: async (payload) => {
      await read(await app.post(JSON.stringify(payload), "application/json"));
    },
    interactive: async (payload) =>
      read(await app.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM)),
    command: async (form) => read(await app.post(form, FORM)),
    stop: () => app.stop(),
  };
}

export async function socketTransport(): Promise<Transport> {
  const slack = await new SlackStandIn().start();
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  slack.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
  const acks = new Map<string, (ack: Record<string, any>) => void>();
  let socket: WebSocket | undefined;
  const connected = new Promise<void>((resolve) => {
    wss.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (data) => {
        const ack = JSON.parse(String(data));
        acks.get(ack.envelope_id)?.(ack);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0AMIPORT" } }));
      resolve();
    });
  });
  const logLines: string[] = [];
  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: "xapp-1-A0AMIPORT-transport",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
  });
  const running: RunningApp = await startSlackApp(
    config,
    book,
    createLogger({ level: config.logLevel as never, secrets: [], sink: (line) => logLines.push(line) }),
  );
  await connected;
  let seq = 0;
  const send = (type: string, payload: unknown, acceptsResponse: boolean) => {
    const envelope_id = `envelope-${++seq}`;
    const acked = new Promise<Record<string, any>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelope_id} within 5 s`)), 5000);
      acks.set(envelope_id, (ack) => {
        clearTimeout(timer);
        acks.delete(envelope_id);
        resolve(ack);
      });
    });
    socket?.send(JSON.stringify({ envelope_id, type, accepts_response_payload: acceptsResponse, payload }));
    return acked;
  };
  return {
    name: "Socket Mode",
    slack,
    logged: (msg) => logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg),
    event: async (payload) => {
      await send("events_api", payload, false);
    },
    interactive: async (payload) => (await send("interactive", payload, false)).payload,
    command: async (form) => (await send("slash_commands", Object.fromEntries(new URLSearchParams(form)), true)).payload,
    stop: async () => {
      await running.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await slack.stop();
    },
  };
}
