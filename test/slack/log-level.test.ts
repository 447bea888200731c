/** LOG_LEVEL decides what is written, for amiport's own lines and for Bolt's and the Web API client's. */
import { describe, expect, it } from "vitest";
import { startSlackApp } from "../../src/slack/app.js";
import { readConfig, secretsOf } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { book } from "../helpers/book.js";
import { eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";

const SECRET = "log-level-test-signing-secret";

async function linesAt(level: string): Promise<Record<string, unknown>[]> {
  const slack = await new SlackStandIn().start();
  const lines: string[] = [];
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-3-3-logleveltoken",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: level,
  });
  const logger = createLogger({ level: config.logLevel as never, secrets: secretsOf(config), sink: (l) => lines.push(l) });
  const running = await startSlackApp(config, book, logger);
  const url = `http://127.0.0.1:${running.port}/slack/events`;
  try {
    await postSigned(url, slashCommandBody("5985", slack.responseUrl("level")), "application/x-www-form-urlencoded", {
      secret: SECRET,
    });
    const event = { type: "app_mention", user: "U1", text: "<@UBOT0001> 3389", ts: "1.1", channel: "C0LEVEL", event_ts: "1.1" };
    await postSigned(url, eventBody("EvLevel", event), "application/json", { secret: SECRET });
    await slack.waitFor("/api/chat.postMessage");
    await expect.poll(() => lines.some((l) => l.includes('"kind":"mention"')) || level === "warn").toBe(true);
  } finally {
    await running.stop();
    await slack.stop();
  }
  return lines.map((l) => JSON.parse(l));
}

describe("LOG_LEVEL", () => {
  it("at warn writes no info or debug line, from amiport, Bolt or the Web API client", async () => {
    const lines = await linesAt("warn");
    expect(lines.filter((l) => l.level === "info" || l.level === "debug")).toEqual([]);
  });

  it("at debug also writes the Web API client's debug lines, with the token masked", async () => {
    const lines = await linesAt("debug");
    const debug = lines.filter((l) => l.level === "debug");
    expect(debug.some((l) => String(l.msg).includes("http request"))).toBe(true);
    expect(lines.some((l) => l.msg === "request" && l.level === "info")).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("logleveltoken");
  });
});
