/**
 * One app under load, in its own process: `amiport` (the real app) or `floor` (a Bolt app that
 * answers every command with a fixed card). Prints `listening <port>` when ready.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { loadRuleBook, prepareSearch } from "../src/core/index.js";
import { startSlackApp } from "../src/slack/app.js";
import { readConfig } from "../src/slack/config.js";
import { createLogger } from "../src/slack/logger.js";
import { Metrics } from "../src/slack/metrics.js";
import { openAppStore } from "../src/slack/store.js";

const kind = process.argv[2];
const quiet = createLogger({ level: LogLevel.ERROR, secrets: [], sink: () => {} });
const config = readConfig(process.env);

let port: number;
let stop: () => Promise<unknown>;
/** Signatures amiport's request guard remembers against replays; the floor has no guard. */
let remembered = () => 0;
if (kind === "amiport") {
  // as npm start does: the word index and IANA's table ready before the first question; with DATABASE_URL, the PostgreSQL store (and OAuth install with SLACK_CLIENT_ID)
  const metrics = new Metrics();
  const store = await openAppStore(config, quiet, metrics);
  const book = loadRuleBook();
  prepareSearch(book);
  const running = await startSlackApp(config, book, quiet, { store, metrics });
  port = running.port;
  stop = running.stop;
  remembered = () => running.guard?.rememberedSignatures ?? 0;
} else {
  const floor = new App({
    token: config.botToken,
    signingSecret: config.signingSecret,
    logger: quiet,
    clientOptions: { slackApiUrl: config.apiUrl },
  });
  // the same way amiport answers: the card is the acknowledgement
  floor.command("/amiport", async ({ ack }) => {
    await ack({
      response_type: "ephemeral",
      text: "fixed",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*fixed card*" } }],
    });
  });
  const server = (await floor.start(0)) as Server;
  port = (server.address() as AddressInfo).port;
  stop = () => floor.stop();
}
process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
// The bench asks on standard input: `cpu` for the CPU time used so far, to count CPU per request;
// `memory` for RSS and the heap after a full collection, to tell growth from garbage.
process.stdin.setEncoding("utf8").on("data", (text: string) => {
  for (const command of text.split("\n")) {
    if (command === "cpu") {
      const { user, system } = process.cpuUsage();
      console.log(`cpu ${user + system}`);
    } else if (command === "memory") {
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      console.log(`memory ${rss} ${heapUsed} ${remembered()}`);
    }
  }
});
console.log(`listening ${port}`);
