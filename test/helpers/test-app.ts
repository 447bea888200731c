/** The real Bolt app in HTTP mode on 127.0.0.1, against a fresh Slack stand-in: what most Slack tests start from. */
import { type AppOptions, type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { book } from "./book.js";
import { postSigned, SlackStandIn } from "./slack-stand-in.js";

export interface TestApp {
  readonly slack: SlackStandIn;
  readonly running: RunningApp;
  readonly eventsUrl: string;
  /** Every log line the app wrote, as written. */
  readonly logLines: string[];
  /** POSTs a correctly signed body to the app's events endpoint. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  readonly secret: string;
  readonly botToken: string;
  readonly logLevel?: string;
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const slack = await new SlackStandIn().start();
  const config = readConfig({
    SLACK_BOT_TOKEN: options.botToken,
    SLACK_SIGNING_SECRET: options.secret,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: options.logLevel ?? "info",
  });
  const logLines: string[] = [];
  const logger = createLogger({ level: config.logLevel as never, secrets: secretsOf(config), sink: (l) => logLines.push(l) });
  const running = await startSlackApp(config, book, logger, options);
  const eventsUrl = `http://127.0.0.1:${running.port}/slack/events`;
  return {
    slack,
    running,
    eventsUrl,
    logLines,
    post: (body, contentType, headers = {}) => postSigned(eventsUrl, body, contentType, { secret: options.secret, headers }),
    stop: async () => {
      await running.stop();
      await slack.stop();
    },
  };
}
