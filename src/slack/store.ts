/** Opens the store the configuration asks for, with its events in the log and the metrics. */
import { LogLevel } from "@slack/bolt";
import { openStore, type Store } from "../store/index.js";
import { describeError } from "./answer.js";
import type { Config } from "./config.js";
import type { AppLogger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export function openAppStore(config: Config, logger: AppLogger, metrics: Metrics): Promise<Store> {
  return openStore(
    {
      ...(config.database ? { database: config.database } : {}),
      ...(config.oauth ? { tokenKeys: { current: config.oauth.tokenKey, old: config.oauth.oldTokenKeys } } : {}),
      replyLeaseMs: config.replies.leaseMs,
    },
    {
      query: (operation, outcome) => metrics.databaseQuery(operation, outcome),
      dedupeScope: (scope, error) => {
        metrics.dedupeScope(scope);
        if (scope === "memory")
          logger.event(LogLevel.WARN, "dedupe falls back to memory", {
            reason: "the database is unreachable; retried deliveries to other replicas may be answered twice",
            error: describeError(error),
          });
        else logger.event(LogLevel.INFO, "dedupe shared again", { reason: "the database answers again" });
      },
      backgroundError: (task, error) => {
        // failed queries are counted where they run; these are the failures outside a query
        if (task !== "cleanup") metrics.databaseError(task === "migrate" ? "migrate" : "connection");
        logger.event(LogLevel.WARN, "database problem", { task, error: describeError(error) });
      },
      // the message names TOKEN_ENCRYPTION_KEY and the row, never a key
      tokenKeyFailed: (error) => logger.event(LogLevel.ERROR, "installation cannot be decrypted", { error: error.message }),
    },
  );
}
