/**
 * A local stand-in for Slack's side: the Web API (auth.test, chat.postMessage, chat.update, views.publish,
 * apps.connections.open, oauth.v2.access), response_url endpoints, and signed requests to the app.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { refusalOf } from "./block-kit.js";

export interface RecordedCall {
  readonly path: string;
  readonly body: Record<string, any>;
  readonly headers: Record<string, string | string[] | undefined>;
  /** When the call arrived (ms since the epoch). */
  readonly at: number;
  /** What the stand-in answered a Web API call that succeeded. */
  reply?: Record<string, any>;
}

/** A workspace (or, org-wide, an Enterprise Grid organisation) that installs the app by OAuth. */
export interface StandInWorkspace {
  readonly teamId?: string;
  readonly enterpriseId?: string;
  readonly isEnterpriseInstall?: boolean;
  readonly botToken: string;
  readonly userToken: string;
}

export class SlackStandIn {
  /** The OAuth app's credentials oauth.v2.access accepts. */
  oauthClient = { id: "1111.2222", secret: "stand-in-client-secret" };
  /** OAuth codes handed out by "Slack" after someone approves an install, and the workspace each is for. */
  readonly grants = new Map<string, StandInWorkspace>();
  /** Bot tokens Slack knows; once any is known, a Web API call with another token gets `invalid_auth`. */
  readonly tokens = new Map<string, StandInWorkspace>();
  readonly calls: RecordedCall[] = [];
  /** Messages refused as Slack refuses them (`invalid_blocks`): blocks beyond Slack's limits. */
  readonly refused: (RecordedCall & { readonly reason: string })[] = [];
  /** The calls answered with success: the messages Slack accepted. */
  private readonly accepted = new WeakSet<RecordedCall>();
  /** Web API methods to fail, with Slack's error code (e.g. `chat.postMessage` → `not_in_channel`). */
  readonly failures = new Map<string, string>();
  /** How long a slow answer (a response_url with "slow" in it, a post to a channel CSLOW…) takes. */
  slowMs = 800;
  /**
   * Web API methods that never answer (the connection stays open until the stand-in stops or the
   * caller goes away); "response_url" makes response_url requests hang the same way.
   */
  readonly hanging = new Set<string>();
  /** Web API methods answered with an HTTP error, e.g. 500, or 429 with Retry-After, `times` times (default: always). */
  readonly httpErrors = new Map<string, { status: number; retryAfter?: number; times?: number }>();
  /** User groups and their members, for usergroups.users.list. */
  readonly usergroups = new Map<string, string[]>();
  /** The URL apps.connections.open hands out, for Socket Mode tests. */
  socketUrl = "";
  private server: Server | undefined;
  baseUrl = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const body = parseBody(raw, String(req.headers["content-type"] ?? ""));
        const call: RecordedCall = { path, body, headers: req.headers, at: Date.now() };
        this.calls.push(call);
        res.setHeader("Content-Type", "application/json");
        const refusal = path.startsWith("/respond/") || path === "/api/chat.postMessage" ? refusalOf(body) : undefined;
        if (refusal !== undefined) {
          this.refused.push({ ...(this.calls.at(-1) as RecordedCall), reason: refusal });
          // response_url answers 400; the Web API answers 200 with ok: false
          res.writeHead(path.startsWith("/respond/") ? 400 : 200).end(JSON.stringify({ ok: false, error: "invalid_blocks" }));
          return;
        }
        if (path.startsWith("/respond/")) {
          if (this.hanging.has("response_url")) return;
          if (path.includes("slow")) {
            this.accepted.add(call);
            setTimeout(() => res.end(JSON.stringify({ ok: true })), this.slowMs);
            return;
          }
          if (path.includes("broken")) {
            res.writeHead(500).end(JSON.stringify({ ok: false }));
            return;
          }
          this.accepted.add(call);
          res.end(JSON.stringify({ ok: true }));
          return;
        }
        const method = path.replace(/^\/api\//, "");
        if (method === "chat.postMessage" && String(body.channel).startsWith("CSLOW")) {
          this.accepted.add(call);
          setTimeout(() => res.end(JSON.stringify(this.answer(method, body))), this.slowMs);
          return;
        }
        if (this.hanging.has(method)) return;
        const httpError = this.httpErrors.get(method);
        if (httpError && (httpError.times ?? 1) > 0) {
          if (httpError.times !== undefined) httpError.times -= 1;
          const headers = httpError.retryAfter === undefined ? {} : { "Retry-After": String(httpError.retryAfter) };
          res.writeHead(httpError.status, headers).end(JSON.stringify({ ok: false }));
          return;
        }
        const failure = this.failures.get(method) ?? this.authFailure(method, req.headers.authorization);
        if (failure) {
          res.end(JSON.stringify({ ok: false, error: failure }));
          return;
        }
        call.reply = this.answer(method, body);
        if ((call.reply as { ok?: boolean }).ok) this.accepted.add(call);
        res.end(JSON.stringify(call.reply));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** The calls to `path` that were answered with success (not hung, failed or refused). */
  acceptedCallsTo(path: string): RecordedCall[] {
    return this.callsTo(path).filter((c) => this.accepted.has(c));
  }

  /** Waits until `count` calls have reached `path`, or fails after `timeoutMs`. */
  async waitFor(path: string, count = 1, timeoutMs = 5000): Promise<RecordedCall[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.callsTo(path);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(
      `waited ${timeoutMs} ms for ${count} call(s) to ${path}; saw ${this.calls.map((c) => c.path).join(", ") || "none"}`,
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A Web API method with a token Slack does not know (or has revoked) fails as Slack's would. */
  private authFailure(method: string, authorization: string | undefined): string | undefined {
    if (this.tokens.size === 0 || method === "oauth.v2.access" || method === "apps.connections.open") return undefined;
    const token = authorization?.replace(/^Bearer /, "") ?? "";
    return this.tokens.has(token) ? undefined : "invalid_auth";
  }

  /** The workspace whose token made `call`. */
  workspaceOf(call: RecordedCall): StandInWorkspace | undefined {
    return this.tokens.get(String(call.headers.authorization ?? "").replace(/^Bearer /, ""));
  }

  private oauthAccess(body: Record<string, any>): object {
    if (body.client_id !== this.oauthClient.id) return { ok: false, error: "invalid_client_id" };
    if (body.client_secret !== this.oauthClient.secret) return { ok: false, error: "bad_client_secret" };
    const workspace = this.grants.get(String(body.code));
    if (!workspace) return { ok: false, error: "invalid_code" };
    this.grants.delete(String(body.code));
    this.tokens.set(workspace.botToken, workspace);
    return {
      ok: true,
      app_id: "A0AMIPORT",
      authed_user: { id: "U0INSTALLER", scope: "identify", access_token: workspace.userToken, token_type: "user" },
      scope: "commands,app_mentions:read,chat:write,im:history",
      token_type: "bot",
      access_token: workspace.botToken,
      bot_user_id: "UBOT0001",
      team: workspace.isEnterpriseInstall ? null : { id: workspace.teamId, name: "Example" },
      enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: "Grid" } : null,
      is_enterprise_install: workspace.isEnterpriseInstall === true,
    };
  }

  private answer(method: string, body: Record<string, any>): object {
    switch (method) {
      case "oauth.v2.access":
        return this.oauthAccess(body);
      case "auth.test":
        return {
          ok: true,
          url: "https://example.slack.com/",
          team: "Example",
          user: "amiport",
          team_id: "T0001",
          user_id: "UBOT0001",
          bot_id: "BBOT0001",
        };
      case "chat.postMessage":
        return { ok: true, channel: body.channel, ts: `${Date.now() / 1000}`, message: { text: body.text } };
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case "views.publish": {
        const view = typeof body.view === "string" ? JSON.parse(body.view) : body.view;
        if (typeof body.user_id !== "string" || !view || view.type !== "home") return { ok: false, error: "invalid_arguments" };
        return { ok: true, view: { id: "V0HOME", hash: `${Date.now()}.home`, ...view } };
      }
      case "apps.connections.open":
        return { ok: true, url: this.socketUrl };
      case "usergroups.users.list": {
        const users = this.usergroups.get(String(body.usergroup));
        return users ? { ok: true, users } : { ok: false, error: "no_such_subteam" };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, any> {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw);
  const form = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ["blocks", "attachments", "view"]) if (typeof form[key] === "string") form[key] = JSON.parse(form[key]);
  return form;
}

/** Slack's signature headers for `body`; `timestamp` may be any text, as a forger could send. */
export function signature(secret: string, body: string, timestamp: number | string): Record<string, string> {
  const hmac = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": `v0=${hmac}` };
}

export interface PostOptions {
  readonly secret: string;
  readonly timestamp?: number;
  readonly headers?: Record<string, string>;
}

/** POSTs a correctly signed request, as Slack does. */
export async function postSigned(url: string, body: string, contentType: string, options: PostOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": contentType, ...signature(options.secret, body, timestamp), ...options.headers },
    body,
  });
}

export function slashCommandBody(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0001",
    team_domain: "example",
    channel_id: "C0INCIDENT",
    channel_name: "incident",
    user_id: "U0ASKER",
    user_name: "asker",
    command: "/amiport",
    text,
    api_app_id: "A0AMIPORT",
    response_url: responseUrl,
    trigger_id: "1.2.3",
    ...extra,
  }).toString();
}

/** Where an event comes from: a workspace, or a workspace of an organisation that installed org-wide. */
export interface EventSource {
  readonly teamId: string;
  readonly enterpriseId?: string;
  readonly isEnterpriseInstall?: boolean;
}

export function eventBody(eventId: string, event: Record<string, unknown>, source: EventSource = { teamId: "T0001" }): string {
  const enterprise = source.enterpriseId ? { enterprise_id: source.enterpriseId } : {};
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: source.teamId,
    ...enterprise,
    api_app_id: "A0AMIPORT",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        team_id: source.teamId,
        ...enterprise,
        user_id: "UBOT0001",
        is_bot: true,
        is_enterprise_install: source.isEnterpriseInstall === true,
      },
    ],
    is_ext_shared_channel: false,
    event,
  });
}

/** A button press as Slack sends it: the form body of an HTTP request. */
export function blockActionBody(
  actionId: string,
  value: string,
  responseUrl: string,
  isEphemeral: boolean,
  blockId = "amiport_actions",
): string {
  return new URLSearchParams({
    payload: JSON.stringify(blockActionPayload(actionId, value, responseUrl, isEphemeral, blockId)),
  }).toString();
}

/** A button press as Slack describes it: the payload of a form body or of a Socket Mode envelope. */
export function blockActionPayload(
  actionId: string,
  value: string,
  responseUrl: string,
  isEphemeral: boolean,
  blockId = "amiport_actions",
) {
  return {
    type: "block_actions",
    team: { id: "T0001", domain: "example" },
    user: { id: "U0ASKER", username: "asker", team_id: "T0001" },
    api_app_id: "A0AMIPORT",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0INCIDENT", is_ephemeral: isEphemeral },
    trigger_id: "1.2.3",
    channel: { id: "C0INCIDENT", name: "incident" },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: blockId,
        value,
        action_ts: "1700000001.000200",
        text: { type: "plain_text", text: "x" },
      },
    ],
  };
}

/** A `block_actions` payload from the Home tab: one action, and the view it came from. */
export function homeActionBody(action: Record<string, unknown>, privateMetadata: string, userId = "U0ASKER"): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "example" },
    user: { id: userId, username: "asker", team_id: "T0001" },
    api_app_id: "A0AMIPORT",
    token: "legacy-verification-token",
    container: { type: "view", view_id: "V0HOME" },
    trigger_id: "1.2.3",
    view: {
      id: "V0HOME",
      type: "home",
      callback_id: "amiport_home",
      private_metadata: privateMetadata,
      hash: "1.home",
      state: { values: {} },
      blocks: [],
    },
    actions: [{ block_id: "amiport_home_filters", action_ts: "1700000001.000200", ...action }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A message shortcut ("Look up ports") clicked on `message` in channel C0INCIDENT. */
export function messageShortcutBody(callbackId: string, message: Record<string, unknown>, responseUrl: string): string {
  const payload = {
    type: "message_action",
    callback_id: callbackId,
    trigger_id: "1.2.3",
    message_ts: String(message.ts ?? "1700000000.000100"),
    response_url: responseUrl,
    team: { id: "T0001", domain: "example" },
    channel: { id: "C0INCIDENT", name: "incident" },
    user: { id: "U0CLICKER", username: "clicker", team_id: "T0001" },
    message: { type: "message", ts: "1700000000.000100", ...message },
    token: "legacy-verification-token",
    action_ts: "1700000001.000200",
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
