/**
 * The real Bolt app in HTTP mode on 127.0.0.1, wired as `npm start` wires it (config, store,
 * metrics), against a Slack stand-in: a fresh one, or one shared by several replicas.
 */
import { type AppOptions, type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { Metrics } from "../../src/slack/metrics.js";
import { openAppStore } from "../../src/slack/store.js";
import { book } from "./book.js";
import { postSigned, SlackStandIn } from "./slack-stand-in.js";

export interface TestApp {
  readonly slack: SlackStandIn;
  readonly running: RunningApp;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly eventsUrl: string;
  /** Every log line the app wrote, as written. */
  readonly logLines: string[];
  /** The parsed log lines with this `msg`. */
  logged(msg: string): Record<string, any>[];
  /** The value of one sample on /metrics, e.g. `amiport_database_up`, or undefined. */
  metric(sample: string): Promise<number | undefined>;
  /** POSTs a correctly signed body to the app's events endpoint. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  /** Stops the app, and the stand-in when this helper started it. */
  stop(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  readonly secret: string;
  /** Single-workspace mode's token; leave it out for OAuth install (set SLACK_CLIENT_ID and the rest in `env`). */
  readonly botToken?: string;
  readonly logLevel?: string;
  /** More of the environment, e.g. DATABASE_URL. */
  readonly env?: Record<string, string>;
  /** A stand-in shared with other replicas; otherwise the helper starts (and stops) its own. */
  readonly slack?: SlackStandIn;
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const slack = options.slack ?? (await new SlackStandIn().start());
  const config = readConfig({
    ...(options.botToken ? { SLACK_BOT_TOKEN: options.botToken } : {}),
    SLACK_SIGNING_SECRET: options.secret,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: options.logLevel ?? "info",
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = createLogger({ level: config.logLevel as never, secrets: secretsOf(config), sink: (l) => logLines.push(l) });
  const metrics = new Metrics();
  const store = await openAppStore(config, logger, metrics);
  const running = await startSlackApp(config, book, logger, { ...options, store, metrics });
  const base = `http://127.0.0.1:${running.port}`;
  const eventsUrl = `${base}/slack/events`;
  return {
    slack,
    running,
    base,
    eventsUrl,
    logLines,
    logged: (msg) => logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg),
    metric: async (sample) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
      return line === undefined ? undefined : Number(line.slice(sample.length + 1));
    },
    post: (body, contentType, headers = {}) => postSigned(eventsUrl, body, contentType, { secret: options.secret, headers }),
    stop: async () => {
      await running.stop();
      if (!options.slack) await slack.stop();
    },
  };
}

/** The environment of distributed mode (OAuth install, installations in PostgreSQL at `databaseUrl`), secrets named after `name`. */
export function distributedEnv(databaseUrl: string, tokenKeyHex: string, name: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SLACK_CLIENT_ID: "1.2",
    SLACK_CLIENT_SECRET: `${name}-client-secret`,
    SLACK_STATE_SECRET: `${name}-state-secret`,
    TOKEN_ENCRYPTION_KEY: tokenKeyHex,
  };
}
