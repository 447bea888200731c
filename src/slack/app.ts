/**
 * Builds and runs the Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode (for
 * development), with /healthz, /readyz, /metrics and a graceful stop in both; in distributed mode
 * also the OAuth install routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ErrorCode, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import type { InstanceReader } from "../core/reachability/index.js";
import { memoryStore, type Store } from "../store/index.js";
import { AnswerCache, describeError } from "./answer.js";
import { CheckGate, type CheckPolicy, CheckRateLimiter } from "./check-gate.js";
import type { Config } from "./config.js";
import { registerListeners } from "./listeners/index.js";
import type { AppLogger } from "./logger.js";
import { Metrics } from "./metrics.js";
import { INSTALL_PATH, isAuthorizationError, oauthReceiverOptions, REDIRECT_PATH } from "./oauth.js";
import { Outbox, slackSend, type Workspace } from "./outbox.js";
import { REQUEST_LIMITS, RequestGuard, type RequestGuardOptions } from "./request-guard.js";
import { guardSocketEnvelopes } from "./socket-envelopes.js";
import { WEB_API_POLICY, type WebApiPolicy, webClientOptions } from "./web-api-policy.js";

export const EVENTS_PATH = "/slack/events";
const HEALTH_PATH = "/healthz";
const READY_PATH = "/readyz";
const METRICS_PATH = "/metrics";
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

/** A scraper or two, not the public: the metrics port takes few connections. */
const METRICS_MAX_CONNECTIONS = 20;

/** What tests and the benchmark may tune; production uses the defaults. */
export interface AppOptions {
  readonly webApi?: WebApiPolicy;
  readonly guard?: Pick<RequestGuardOptions, "summaryIntervalMs" | "bodyTimeoutMs">;
  /** Seen events and installations; the app closes it on stop. Default: memory only. */
  readonly store?: Store;
  readonly metrics?: Metrics;
  /** `/amiport check`: what reads the instances (AWS, or moto in tests) and who may ask. */
  readonly checks?: { readonly reader: InstanceReader; readonly policy: CheckPolicy };
}

export interface RunningApp {
  readonly app: App;
  /** The port the HTTP server listens on (useful with PORT=0). */
  readonly port: number;
  /** The port /metrics is served on: METRICS_PORT's when set, else `port`. */
  readonly metricsPort: number;
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
  const store = options.store ?? memoryStore(config.replies.leaseMs);
  const metrics = options.metrics ?? new Metrics();
  const { database } = store;
  if (database) metrics.watchDatabase(() => database.reachable());
  let draining = false;
  let ready = false;
  const inFlight = new Set<Promise<unknown>>();
  const clientOptions = webClientOptions(options.webApi ?? WEB_API_POLICY, config.apiUrl);

  const guard =
    config.mode === "http"
      ? new RequestGuard({
          signingSecret: config.signingSecret,
          logger,
          ...(store.servedSignatures ? { served: store.servedSignatures } : {}),
          ...options.guard,
        })
      : undefined;
  if (guard) metrics.watchRefusals(guard.refused);
  const receiver =
    config.mode === "http"
      ? new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: EVENTS_PATH,
          logger,
          // The guard is the one door to this receiver's event handling (route() below hands it only
          // admitted requests, and GETs of the install paths, which Bolt's installer serves unsigned
          // anyway): it has checked the signature, the timestamp, replays and the body's shape. A
          // second check in Bolt cost every request another HMAC and another parse of the body.
          signatureVerification: false,
          bodyLimit: REQUEST_LIMITS.maxBodyBytes,
          ...oauthReceiverOptions(config, store.installations),
        })
      : undefined;
  // amiport keeps no conversation state, so Bolt's conversation store would be work for nothing.
  // logLevel: Bolt sets its logger to this level (INFO when not given), over LOG_LEVEL.
  const logLevel = config.logLevel as LogLevel;
  // with OAuth install there is no one token: Bolt loads each workspace's own from the store
  const token = config.oauth ? {} : { token: config.botToken };
  const common = { ...token, logger, logLevel, clientOptions, convoStore: false } as const;
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
  const send = slackSend(app.client, clientOptions.fetch ?? fetch, (workspace) => tokenOf(config, store, workspace));
  // without a database nothing is kept for another replica, so there is nothing to sweep
  const outbox = new Outbox(
    store.replyClaims,
    send,
    { logger, metrics },
    { leaseMs: config.replies.leaseMs, sweepEveryMs: database ? config.replies.sweepEveryMs : 0 },
  );
  if (database) metrics.watchOutbox(() => store.replyClaims.depth());
  registerListeners(app, {
    book,
    logger,
    answers: new AnswerCache(),
    outbox,
    ...(store.installations ? { installations: store.installations } : {}),
    metrics,
    ...(options.checks
      ? {
          checks: {
            reader: options.checks.reader,
            gate: new CheckGate(options.checks.policy),
            limiter: new CheckRateLimiter(options.checks.policy.perUserPerMinute),
          },
        }
      : {}),
  });
  app.error(async (error) => {
    if (config.oauth && isAuthorizationError(error)) {
      logger.event(LogLevel.WARN, "no installation loaded", { error: error.message });
      // the receiver answers it: 401 for no installation, 503 when the store cannot answer
      throw error;
    }
    logger.event(LogLevel.ERROR, "unhandled error", { error: describeError(error) });
  });
  // a browser's GETs of the OAuth install: unsigned by nature, so Bolt's installer takes them, not the guard
  const installPaths = new Set(config.oauth ? [INSTALL_PATH, REDIRECT_PATH] : []);

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req.url);
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const status = draining ? "stopping" : ready ? "ok" : "starting";
      return sendJson(res, status === "ok" ? 200 : 503, { status });
    }
    if (path === READY_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const { code, body } = await readiness();
      return sendJson(res, code, body);
    }
    if (path === METRICS_PATH && req.method === "GET" && config.metricsPort === undefined) return serveMetrics(res);
    if (receiver && installPaths.has(path) && req.method === "GET") {
      if (draining) return sendJson(res, 503, { error: "stopping" }, { "Retry-After": "5", ...CLOSE });
      return receiver.requestListener(req, res);
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
  // a metrics port taken by another process fails the start, and leaves nothing listening behind it
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(config.metricsPort).catch(async (error: unknown) => {
          await closeServer(server);
          throw error;
        });
  const metricsPort = metricsServer ? (metricsServer.address() as AddressInfo).port : port;
  if (!receiver) await app.start();
  ready = true;
  outbox.start();
  logger.event(LogLevel.INFO, "started", { mode: config.mode, port, metricsPort });

  async function serveMetrics(res: ServerResponse): Promise<void> {
    res.writeHead(200, { "Content-Type": metrics.contentType }).end(await metrics.text());
  }

  /** /metrics on its own port, and nothing else there. */
  async function startMetricsServer(listenOn: number): Promise<Server> {
    const metricsOnly = createServer({ headersTimeout: SERVER_LIMITS.headersTimeoutMs }, (req, res) => {
      const served =
        pathOf(req.url) === METRICS_PATH && req.method === "GET"
          ? serveMetrics(res)
          : sendJson(res, 404, { error: "not found" }, CLOSE);
      Promise.resolve(served).catch(() => res.destroy());
    });
    metricsOnly.maxConnections = METRICS_MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      metricsOnly.once("error", reject);
      metricsOnly.listen(listenOn, resolve);
    });
    return metricsOnly;
  }

  /**
   * Ready to take traffic: started, not draining, the installations read last could be decrypted,
   * and the database (if any) answers.
   */
  async function readiness(): Promise<{ code: number; body: object }> {
    if (draining) return { code: 503, body: { status: "stopping" } };
    if (!ready) return { code: 503, body: { status: "starting" } };
    if (store.tokenKeyProblem()) {
      return { code: 503, body: { status: "degraded", installations: "cannot be decrypted: check TOKEN_ENCRYPTION_KEY" } };
    }
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
      await Promise.race([Promise.allSettled([...inFlight, outbox.stop()]), delay(DRAIN_MS)]);
      await Promise.all([closeServer(server), ...(metricsServer ? [closeServer(metricsServer)] : [])]);
      guard?.flush();
      await store.close().catch((error) => logger.event(LogLevel.WARN, "store close failed", { error: describeError(error) }));
      logger.event(LogLevel.INFO, "stopped", { unfinished: inFlight.size });
    })();
    return stopping;
  };
  return { app, port, metricsPort, stop, guard };
}

const CLOSE = { Connection: "close" } as const;

/** The bot token for `workspace`: the one token, or (OAuth install) the workspace's installation's. */
async function tokenOf(config: Config, store: Store, workspace: Workspace): Promise<string> {
  if (!store.installations) return config.botToken;
  const installation = await store.installations.fetchInstallation({
    teamId: workspace.teamId,
    enterpriseId: workspace.enterpriseId,
    isEnterpriseInstall: workspace.isEnterpriseInstall,
  });
  if (!installation.bot?.token) throw new Error("the installation has no bot token");
  return installation.bot.token;
}

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
