/**
 * One app under load, in its own process: `amiport` (the real app) or `floor` (a Bolt app that
 * answers every command with a fixed card). Prints `listening <port>` when ready.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { loadRuleBook } from "../src/core/index.js";
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
if (kind === "amiport") {
  // as npm start does: with DATABASE_URL, the PostgreSQL store (and OAuth install with SLACK_CLIENT_ID)
  const metrics = new Metrics();
  const store = await openAppStore(config, quiet, metrics);
  const running = await startSlackApp(config, loadRuleBook(), quiet, { store, metrics });
  port = running.port;
  stop = running.stop;
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
// SIGUSR2: report the CPU time used so far, so the bench can count CPU per request
process.on("SIGUSR2", () => {
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${user + system}`);
});
console.log(`listening ${port}`);
