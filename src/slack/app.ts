/**
 * Builds and runs the Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode (for
 * development), with /healthz and a graceful stop in both.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ErrorCode, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import { AnswerCache, describeError } from "./answer.js";
import type { Config } from "./config.js";
import { registerListeners } from "./listeners/index.js";
import type { AppLogger } from "./logger.js";
import { REQUEST_LIMITS, RequestGuard, type RequestGuardOptions } from "./request-guard.js";
import { guardSocketEnvelopes } from "./socket-envelopes.js";
import { WEB_API_POLICY, type WebApiPolicy, webClientOptions } from "./web-api-policy.js";

export const EVENTS_PATH = "/slack/events";
const HEALTH_PATH = "/healthz";
/** How long a stop waits for work in flight; the whole stop stays within 5 s. */
const DRAIN_MS = 4000;

/** Limits of the HTTP server itself: slow senders are cut, connections are bounded. */
export const SERVER_LIMITS = {
  headersTimeoutMs: 5_000,
  /** The whole request, headers and body; the guard's own body deadline is shorter. */
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  maxHeadersCount: 100,
} as const;

/** What tests and the benchmark may tune; production uses the defaults. */
export interface AppOptions {
  readonly webApi?: WebApiPolicy;
  readonly guard?: Pick<RequestGuardOptions, "summaryIntervalMs" | "bodyTimeoutMs">;
}

export interface RunningApp {
  readonly app: App;
  /** The port the HTTP server listens on (useful with PORT=0). */
  readonly port: number;
  /** Stops taking work, finishes what is in flight (up to 4 s) and closes the server. */
  stop(): Promise<void>;
  /** Requests refused before Bolt saw them, by reason (HTTP mode). */
  readonly guard: RequestGuard | undefined;
}

export async function startSlackApp(
  config: Config,
  book: RuleBook,
  logger: AppLogger,
  options: AppOptions = {},
): Promise<RunningApp> {
  let draining = false;
  let ready = false;
  const inFlight = new Set<Promise<unknown>>();
  const clientOptions = webClientOptions(options.webApi ?? WEB_API_POLICY, config.apiUrl);

  const guard =
    config.mode === "http" ? new RequestGuard({ signingSecret: config.signingSecret, logger, ...options.guard }) : undefined;
  const receiver =
    config.mode === "http"
      ? new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: EVENTS_PATH,
          logger,
          // the guard has verified the request already; Bolt checks it again, which costs one HMAC
          signatureVerification: true,
          bodyLimit: REQUEST_LIMITS.maxBodyBytes,
        })
      : undefined;
  // amiport keeps no conversation state, so Bolt's conversation store would be work for nothing.
  // logLevel: Bolt sets its logger to this level (INFO when not given), over LOG_LEVEL.
  const logLevel = config.logLevel as LogLevel;
  const common = { token: config.botToken, logger, logLevel, clientOptions, convoStore: false } as const;
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, appToken: config.appToken, socketMode: true });
  const socketReceiver = (app as unknown as { receiver: unknown }).receiver;
  if (socketReceiver instanceof SocketModeReceiver) guardSocketEnvelopes(socketReceiver.client, logger);

  // Track every listener run, so a stop can wait for answers still being sent.
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerListeners(app, { book, logger, answers: new AnswerCache() });
  app.error(async (error) => {
    logger.event(LogLevel.ERROR, "unhandled error", { error: describeError(error) });
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req.url);
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const status = draining ? "stopping" : ready ? "ok" : "starting";
      return sendJson(res, status === "ok" ? 200 : 503, { status });
    }
    if (!receiver || !guard || path !== EVENTS_PATH) return sendJson(res, 404, { error: "not found" }, CLOSE);
    if (req.method !== "POST") return sendJson(res, 405, { error: "method not allowed" }, { Allow: "POST", ...CLOSE });
    if (draining) return sendJson(res, 503, { error: "stopping" }, { "Retry-After": "5", ...CLOSE });
    const admission = await guard.admit(req, res);
    if (!admission.ok) return;
    try {
      receiver.requestListener(req, res);
    } catch (error) {
      const code = (error as { code?: string }).code;
      sendJson(res, code === ErrorCode.HTTPReceiverDeferredRequestError ? 404 : 500, { error: "not handled" });
    }
  };
  const server = createServer(
    {
      headersTimeout: SERVER_LIMITS.headersTimeoutMs,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs,
      keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default)
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        logger.event(LogLevel.ERROR, "request failed", { error: describeError(error) });
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" }, CLOSE);
        else res.destroy();
      });
    },
  );
  server.maxConnections = SERVER_LIMITS.maxConnections;
  server.maxHeadersCount = SERVER_LIMITS.maxHeadersCount;
  // a malformed request line or header is answered 400 by Node; nothing reaches the app
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  if (!receiver) await app.start();
  ready = true;
  logger.event(LogLevel.INFO, "started", { mode: config.mode, port });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      logger.event(LogLevel.INFO, "stopping", { inFlight: inFlight.size });
      if (!receiver)
        await app.stop().catch((error) => logger.event(LogLevel.WARN, "socket stop failed", { error: describeError(error) }));
      await Promise.race([Promise.allSettled([...inFlight]), delay(DRAIN_MS)]);
      await closeServer(server);
      guard?.flush();
      logger.event(LogLevel.INFO, "stopped", { unfinished: inFlight.size });
    })();
    return stopping;
  };
  return { app, port, stop, guard };
}

const CLOSE = { Connection: "close" } as const;

/** The path of a request target, without parsing it as a URL: a target like `//%` is no URL at all. */
function pathOf(target: string | undefined): string {
  const url = target ?? "/";
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // connections still open after a second are cut: the stop must end within 5 s
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
