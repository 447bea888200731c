import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startSlackApp } from "../../src/slack/app.js";
import { readConfig } from "../../src/slack/config.js";
import { createLogger } from "../../src/slack/logger.js";
import { book } from "../helpers/book.js";
import { eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";

const SECRET = "shutdown-test-signing-secret";

describe("graceful stop", () => {
  let slack: SlackStandIn;
  let running: RunningApp;
  const lines: string[] = [];

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-shutdown",
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: slack.apiUrl,
    });
    running = await startSlackApp(
      config,
      book,
      createLogger({ level: config.logLevel as never, secrets: [], sink: (l) => lines.push(l) }),
    );
  });

  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  it("answers 503 on /healthz and to new requests while it finishes the answer in flight", async () => {
    const base = `http://127.0.0.1:${running.port}`;
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: "<@UBOT0001> 5985",
      ts: "1.000001",
      channel: "CSLOW1",
      event_ts: "1.000001",
    };
    const ack = await postSigned(`${base}/slack/events`, eventBody("EvSlow1", mention), "application/json", { secret: SECRET });
    expect(ack.status).toBe(200);
    // the answer is now on its way to a chat.postMessage that takes 800 ms
    await expect.poll(() => slack.calls.some((c) => c.path === "/api/chat.postMessage")).toBe(true);
    const stopped = running.stop();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "stopping" });
    const refused = await postSigned(
      `${base}/slack/events`,
      slashCommandBody("3389", slack.responseUrl("late")),
      "application/x-www-form-urlencoded",
      { secret: SECRET },
    );
    expect(refused.status).toBe(503);
    // a load balancer is told to come back later, and not to keep this connection
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.headers.get("connection")).toBe("close");
    expect(await refused.json()).toEqual({ error: "stopping" });
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: "stopping" });
    await stopped;
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.find((l) => l.msg === "stopping")).toMatchObject({ inFlight: 1 });
    const stoppedLine = logged.find((l) => l.msg === "stopped");
    expect(stoppedLine).toMatchObject({ unfinished: 0 });
    expect(slack.calls.some((c) => c.path === "/respond/late")).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
