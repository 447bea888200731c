/** LOG_LEVEL decides what is written, for amiport's own lines and for Bolt's and the Web API client's. */
import { describe, expect, it } from "vitest";
import { eventBody, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp } from "../helpers/test-app.js";

const SECRET = "log-level-test-signing-secret";

async function linesAt(level: string): Promise<Record<string, unknown>[]> {
  const app = await startTestApp({ secret: SECRET, botToken: "xoxb-3-3-logleveltoken", logLevel: level });
  try {
    await app.post(slashCommandBody("5985", app.slack.responseUrl("level")), "application/x-www-form-urlencoded");
    const event = { type: "app_mention", user: "U1", text: "<@UBOT0001> 3389", ts: "1.1", channel: "C0LEVEL", event_ts: "1.1" };
    await app.post(eventBody("EvLevel", event), "application/json");
    await app.slack.waitFor("/api/chat.postMessage");
    // the mention's own line comes after its reply is posted
    await expect.poll(() => level === "warn" || app.logLines.some((l) => l.includes('"kind":"mention"'))).toBe(true);
  } finally {
    await app.stop();
  }
  return app.logLines.map((l) => JSON.parse(l));
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
