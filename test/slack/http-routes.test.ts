/**
 * The HTTP server's own routes in-process (src/slack/app.ts's route()): which method each path
 * takes, what everything else gets, and the OAuth install paths only in distributed mode. The
 * hostile suite holds the same against the built process; this file lets mutation testing count it.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";
import { distributedEnv, startTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "http-routes-signing-secret-0123456789";

/** Sends raw bytes and returns the first line of the answer (the status line). */
function rawStatusLine(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      data += chunk;
      if (data.includes("\r\n")) {
        socket.destroy();
        resolve(data.slice(0, data.indexOf("\r\n")));
      }
    });
    socket.on("error", reject);
    socket.setTimeout(5_000, () => reject(new Error("no answer")));
  });
}

/** Sends raw bytes and returns everything the server wrote until it closed the connection. */
function rawResponse(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    socket.setTimeout(5_000, () => reject(new Error("the connection stayed open")));
  });
}

describe("routes in single-workspace mode", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ secret: SECRET, botToken: "xoxb-routes-1-bottoken" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("/healthz and /readyz answer GET and HEAD; other methods there are not found", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const got = await fetch(`${app.base}${path}`);
      expect(got.status, path).toBe(200);
      expect((await got.json()).status, path).toBe("ok");
      const head = await fetch(`${app.base}${path}`, { method: "HEAD" });
      expect(head.status, path).toBe(200);
      expect(head.headers.get("content-type"), path).toBe("application/json");
      const posted = await fetch(`${app.base}${path}?x=1`, { method: "POST", body: "{}" });
      expect(posted.status, path).toBe(404);
    }
  });

  it("/metrics answers GET with Prometheus text, and nothing else", async () => {
    const got = await fetch(`${app.base}/metrics`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await got.text()).toContain("amiport_requests_total");
    expect((await fetch(`${app.base}/metrics`, { method: "POST", body: "" })).status).toBe(404);
  });

  it("/slack/events takes POST only: another method gets 405 naming POST, and the connection is closed", async () => {
    const res = await fetch(`${app.base}/slack/events`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("connection")).toBe("close");
    expect(await res.json()).toEqual({ error: "method not allowed" });
  });

  it("any other path, and the install paths without OAuth install, get 404 with the connection closed", async () => {
    for (const path of ["/", "/nope", "/slack/install", "/slack/oauth_redirect", "/slack/events/x", "//%"]) {
      const res = await fetch(`${app.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("connection"), path).toBe("close");
      expect(await res.json(), path).toEqual({ error: "not found" });
    }
  });

  it("a query string does not change the path: /slack/events?x=1 is the events path", async () => {
    const res = await fetch(`${app.base}/slack/events?retry=1#frag`, { method: "GET" });
    expect(res.status).toBe(405);
  });

  it("a malformed request line is answered 400 by the server itself, and the app stays up", async () => {
    expect(await rawStatusLine(app.running.port, "NOT A REQUEST\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
    // amiport's own answer, not Node's default: an empty body said to be empty, and the connection closed
    const whole = await rawResponse(app.running.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(whole).toBe("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });
});

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;

describe.skipIf(!server)("routes in distributed mode (OAuth install)", () => {
  let slack: SlackStandIn;
  let app: TestApp;
  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    app = await startTestApp({
      secret: SECRET,
      slack,
      env: distributedEnv(server!.url, "31".repeat(32), "routes"),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    server?.stop();
  });

  it("serves the install page on GET, unsigned, and refuses other methods there", async () => {
    const page = await fetch(`${app.base}/slack/install`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("slack.com/oauth/v2/authorize");
    expect((await fetch(`${app.base}/slack/install`, { method: "POST", body: "" })).status).toBe(404);
  });

  it("an unsigned POST to the events path is refused before Bolt sees it", async () => {
    const res = await fetch(`${app.base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: slashCommandBody("5985", slack.responseUrl("unsigned")),
    });
    expect(res.status).toBe(401);
    expect(slack.callsTo("/respond/unsigned")).toEqual([]);
  });
});
