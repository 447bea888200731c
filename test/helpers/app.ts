/** Starts the Slack app in this process the way `npm start` does (config, store, metrics), logging to an array. */
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { Metrics } from "../../src/slack/metrics.js";
import { openAppStore } from "../../src/slack/store.js";
import { book } from "./book.js";

export interface TestApp {
  readonly running: RunningApp;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly eventsUrl: string;
  readonly logs: string[];
  /** The parsed log lines with this `msg`. */
  logged(msg: string): Record<string, any>[];
  /** The value of one sample on /metrics, e.g. `amiport_database_up`, or undefined. */
  metric(sample: string): Promise<number | undefined>;
}

export async function startTestApp(env: Record<string, string>): Promise<TestApp> {
  const config = readConfig({ SLACK_MODE: "http", PORT: "0", LOG_LEVEL: "info", ...env });
  const logs: string[] = [];
  const logger = createLogger({ level: config.logLevel as never, secrets: secretsOf(config), sink: (line) => logs.push(line) });
  const metrics = new Metrics();
  const store = await openAppStore(config, logger, metrics);
  const running = await startSlackApp(config, book, logger, { store, metrics });
  const base = `http://127.0.0.1:${running.port}`;
  return {
    running,
    base,
    eventsUrl: `${base}/slack/events`,
    logs,
    logged: (msg) => logs.map((l) => JSON.parse(l)).filter((l) => l.msg === msg),
    metric: async (sample) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
      return line === undefined ? undefined : Number(line.slice(sample.length + 1));
    },
  };
}
