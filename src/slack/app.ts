/**
 * Builds and runs the Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode (for
 * development), with /healthz and a graceful stop in both.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ErrorCode, HTTPReceiver, LogLevel } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import { memoryStore, type Store } from "../store/index.js";
import { AnswerCache, describeError } from "./answer.js";
import type { Config } from "./config.js";
import { registerListeners } from "./listeners/index.js";
import type { AppLogger } from "./logger.js";
import { Metrics } from "./metrics.js";
import { INSTALL_PATH, isAuthorizationError, oauthReceiverOptions, REDIRECT_PATH } from "./oauth.js";

export const EVENTS_PATH = "/slack/events";
const HEALTH_PATH = "/healthz";
const READY_PATH = "/readyz";
const METRICS_PATH = "/metrics";
/** How long a stop waits for work in flight; the whole stop stays within 5 s. */
const DRAIN_MS = 4000;

export interface RunningApp {
  readonly app: App;
  /** The port the HTTP server listens on (useful with PORT=0). */
  readonly port: number;
  /** Stops taking work, finishes what is in flight (up to 4 s) and closes the server. */
  stop(): Promise<void>;
}

export interface AppParts {
  /** Seen events and installations; the app closes it on stop. Default: memory only. */
  readonly store?: Store;
  readonly metrics?: Metrics;
}

export async function startSlackApp(
  config: Config,
  book: RuleBook,
  logger: AppLogger,
  parts: AppParts = {},
): Promise<RunningApp> {
  const store = parts.store ?? memoryStore();
  const metrics = parts.metrics ?? new Metrics();
  const { database } = store;
  if (database) metrics.watchDatabase(() => database.reachable());
  let draining = false;
  let ready = false;
  const inFlight = new Set<Promise<unknown>>();
  const clientOptions = config.apiUrl ? { slackApiUrl: config.apiUrl } : {};

  const receiver =
    config.mode === "http"
      ? new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: EVENTS_PATH,
          logger,
          // a request with a bad signature or an old timestamp is refused with 401 by Bolt
          signatureVerification: true,
          ...oauthReceiverOptions(config, store.installations),
        })
      : undefined;
  // amiport keeps no conversation state, so Bolt's conversation store would be work for nothing
  // with OAuth install there is no one token: Bolt loads each workspace's own from the store
  const token = config.oauth ? {} : { token: config.botToken };
  const common = { ...token, logger, clientOptions, convoStore: false } as const;
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, appToken: config.appToken, socketMode: true });

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
  registerListeners(app, {
    book,
    logger,
    answers: new AnswerCache(),
    seenEvents: store.seenEvents,
    ...(store.installations ? { installations: store.installations } : {}),
    metrics,
  });
  app.error(async (error) => {
    if (config.oauth && isAuthorizationError(error)) {
      logger.event(LogLevel.WARN, "no installation loaded", { error: error.message });
      // the receiver answers it: 401 for no installation, 503 when the store cannot answer
      throw error;
    }
    logger.event(LogLevel.ERROR, "unhandled error", { error: describeError(error) });
  });
  const receiverPaths = new Set([EVENTS_PATH, ...(config.oauth ? [INSTALL_PATH, REDIRECT_PATH] : [])]);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const status = draining ? "stopping" : ready ? "ok" : "starting";
      return sendJson(res, status === "ok" ? 200 : 503, { status });
    }
    if (path === READY_PATH && (req.method === "GET" || req.method === "HEAD")) {
      return void readiness().then(({ code, body }) => sendJson(res, code, body));
    }
    if (path === METRICS_PATH && req.method === "GET") {
      return void metrics.text().then(
        (text) => res.writeHead(200, { "Content-Type": metrics.contentType }).end(text),
        () => sendJson(res, 500, { error: "metrics unavailable" }),
      );
    }
    if (!receiver || !receiverPaths.has(path)) return sendJson(res, 404, { error: "not found" });
    if (draining) return sendJson(res, 503, { error: "stopping" }, { "Retry-After": "5" });
    try {
      receiver.requestListener(req as IncomingMessage, res as ServerResponse);
    } catch (error) {
      const code = (error as { code?: string }).code;
      sendJson(res, code === ErrorCode.HTTPReceiverDeferredRequestError ? 404 : 500, { error: "not handled" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  if (!receiver) await app.start();
  ready = true;
  logger.event(LogLevel.INFO, "started", { mode: config.mode, port });

  /** Ready to take traffic: started, not draining, and the database (if any) answers. */
  async function readiness(): Promise<{ code: number; body: object }> {
    if (draining) return { code: 503, body: { status: "stopping" } };
    if (!ready) return { code: 503, body: { status: "starting" } };
    if (database && !(await database.reachable())) {
      return { code: 503, body: { status: "degraded", database: "unreachable", dedupe: store.dedupeScope() } };
    }
    return { code: 200, body: { status: "ok", database: database ? "ok" : "none", dedupe: store.dedupeScope() } };
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      logger.event(LogLevel.INFO, "stopping", { inFlight: inFlight.size });
      if (!receiver)
        await app.stop().catch((error) => logger.event(LogLevel.WARN, "socket stop failed", { error: describeError(error) }));
      await Promise.race([Promise.allSettled([...inFlight]), delay(DRAIN_MS)]);
      await closeServer(server);
      await store.close().catch((error) => logger.event(LogLevel.WARN, "store close failed", { error: describeError(error) }));
      logger.event(LogLevel.INFO, "stopped", { unfinished: inFlight.size });
    })();
    return stopping;
  };
  return { app, port, stop };
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
