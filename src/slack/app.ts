/**
 * Builds and runs the Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode (for
 * development), with /healthz and a graceful stop in both.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ErrorCode, HTTPReceiver, LogLevel } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import { AnswerCache, describeError } from "./answer.js";
import type { Config } from "./config.js";
import { registerListeners } from "./listeners/index.js";
import type { AppLogger } from "./logger.js";

export const EVENTS_PATH = "/slack/events";
const HEALTH_PATH = "/healthz";
/** How long a stop waits for work in flight; the whole stop stays within 5 s. */
const DRAIN_MS = 4000;

export interface RunningApp {
  readonly app: App;
  /** The port the HTTP server listens on (useful with PORT=0). */
  readonly port: number;
  /** Stops taking work, finishes what is in flight (up to 4 s) and closes the server. */
  stop(): Promise<void>;
}

export async function startSlackApp(config: Config, book: RuleBook, logger: AppLogger): Promise<RunningApp> {
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
        })
      : undefined;
  // amiport keeps no conversation state, so Bolt's conversation store would be work for nothing
  const common = { token: config.botToken, logger, clientOptions, convoStore: false } as const;
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
  registerListeners(app, { book, logger, answers: new AnswerCache() });
  app.error(async (error) => {
    logger.event(LogLevel.ERROR, "unhandled error", { error: describeError(error) });
  });

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const status = draining ? "stopping" : ready ? "ok" : "starting";
      return sendJson(res, status === "ok" ? 200 : 503, { status });
    }
    if (!receiver || path !== EVENTS_PATH) return sendJson(res, 404, { error: "not found" });
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

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      logger.event(LogLevel.INFO, "stopping", { inFlight: inFlight.size });
      if (!receiver)
        await app.stop().catch((error) => logger.event(LogLevel.WARN, "socket stop failed", { error: describeError(error) }));
      await Promise.race([Promise.allSettled([...inFlight]), delay(DRAIN_MS)]);
      await closeServer(server);
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
