#!/usr/bin/env node
import { LogLevel } from "@slack/bolt";
/** `npm start`: the Slack app. Configuration from the environment (a local .env is read too). */
import { config as loadDotenv } from "dotenv";
import { DataError, loadRuleBook, prepareSearch } from "./core/index.js";
import { describeError } from "./slack/answer.js";
import { startSlackApp } from "./slack/app.js";
import { ConfigError, readConfig, secretsOf } from "./slack/config.js";
import { createLogger } from "./slack/logger.js";
import { Metrics } from "./slack/metrics.js";
import { openAppStore } from "./slack/store.js";

const HARD_STOP_MS = 5000;

function fail(message: string): never {
  process.stderr.write(`amiport: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel as LogLevel, secrets: secretsOf(config) });
  let book: ReturnType<typeof loadRuleBook>;
  try {
    book = loadRuleBook();
    prepareSearch(book);
  } catch (error) {
    if (error instanceof DataError) fail(`the rule data is broken: ${error.message}`);
    throw error;
  }

  // The last line of defence: a rejection nobody handled (in Bolt or the SDK) is logged, and the
  // process keeps serving everyone else.
  process.on("unhandledRejection", (reason) => {
    logger.event(LogLevel.ERROR, "unhandled rejection", { error: describeError(reason) });
  });
  const metrics = new Metrics();
  const store = await openAppStore(config, logger, metrics);
  const checks = config.checks ? await checkReader(config.checks) : undefined;
  const running = await startSlackApp(config, book, logger, { store, metrics, ...(checks ? { checks } : {}) });
  const shutdown = (signal: string) => {
    logger.event(LogLevel.INFO, "signal", { signal });
    setTimeout(() => process.exit(0), HARD_STOP_MS - 250).unref();
    running.stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/** `/amiport check`'s AWS reader; the SDK is loaded only when checks are on. */
async function checkReader(checks: NonNullable<ReturnType<typeof readConfig>["checks"]>) {
  const { createAwsReader } = await import("./aws/index.js");
  const reader = createAwsReader({ region: checks.region, ssmDocument: checks.ssmDocument, roleArns: checks.roleArns });
  return { reader, policy: checks };
}

main().catch((error: unknown) => {
  // the message only: a stack trace helps nobody who is starting the app
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
});
