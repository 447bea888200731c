/**
 * The request guard on its own (src/slack/request-guard.ts), in front of a plain HTTP server on
 * loopback: each refusal by its headers and at its boundaries, the SSL check probe, a body that
 * stalls or is cut off, the summary log, and a shared memory of served signatures that fails. The
 * hostile suite holds the same against the built process; this file lets mutation testing count it
 * quickly.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/slack/logger.js";
import { type Admission, REQUEST_LIMITS, RequestGuard, type RequestGuardOptions } from "../../src/slack/request-guard.js";
import { signature } from "../helpers/slack-stand-in.js";

const SECRET = "request-guard-test-secret";
const NOW_MS = 1_800_000_000_000;
const NOW_S = NOW_MS / 1000;
const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";

interface Sent {
  readonly status: number;
  readonly connection: string | undefined;
}

/** A guard in front of a server on 127.0.0.1; each request's admission is kept in order. */
class GuardedServer {
  readonly admissions: Admission[] = [];
  readonly logLines: string[] = [];
  readonly guard: RequestGuard;
  private server: Server | undefined;
  port = 0;
  now = NOW_MS;

  constructor(options: Partial<RequestGuardOptions> = {}) {
    this.guard = new RequestGuard({
      signingSecret: SECRET,
      logger: createLogger({ level: "info" as never, secrets: [], sink: (line) => this.logLines.push(line) }),
      now: () => this.now,
      ...options,
    });
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.guard.admit(req, res).then((admission) => {
        this.admissions.push(admission);
        if (admission.ok) res.writeHead(200).end(`read ${admission.rawBody.length}`);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Sends `body` with `headers` (a Content-Length is added unless given). */
  send(body: string, headers: Record<string, string>): Promise<Sent> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: this.port,
          method: "POST",
          path: "/slack/events",
          headers: { "Content-Length": String(Buffer.byteLength(body)), ...headers },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** A correctly signed JSON body at `timestamp` (seconds). */
  signed(body: string, timestamp = NOW_S, contentType = JSON_TYPE): Promise<Sent> {
    return this.send(body, { "Content-Type": contentType, ...signature(SECRET, body, timestamp) });
  }

  logged(msg: string): Record<string, unknown>[] {
    return this.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === msg);
  }
}

const EVENT = JSON.stringify({ type: "event_callback", event_id: "Ev1" });

describe("RequestGuard", () => {
  let server: GuardedServer;
  beforeEach(async () => {
    server = await new GuardedServer({ summaryIntervalMs: 60_000 }).start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("admits a signed object body and gives the verified bytes on", async () => {
    expect(await server.signed(EVENT)).toEqual({ status: 200, connection: "keep-alive" });
    expect(server.admissions).toEqual([{ ok: true, rawBody: Buffer.from(EVENT) }]);
    expect(server.guard.rememberedSignatures).toBe(1);
  });

  it("refuses on its headers alone, closing the connection: none, one of the two, a malformed signature", async () => {
    const valid = signature(SECRET, EVENT, NOW_S);
    const cases: [Record<string, string>, string][] = [
      [{}, "unsigned"],
      [{ "X-Slack-Signature": valid["X-Slack-Signature"] as string }, "malformed-signature"],
      [{ "X-Slack-Request-Timestamp": String(NOW_S) }, "malformed-signature"],
      [{ ...valid, "X-Slack-Signature": `${valid["X-Slack-Signature"]}0` }, "malformed-signature"],
      [{ ...valid, "X-Slack-Signature": `x${valid["X-Slack-Signature"]}` }, "malformed-signature"],
      [{ ...valid, "X-Slack-Request-Timestamp": `${NOW_S}.5` }, "malformed-signature"],
    ];
    for (const [headers, refusal] of cases) {
      const sent = await server.send(EVENT, { "Content-Type": JSON_TYPE, ...headers });
      expect(sent, refusal).toEqual({ status: 401, connection: "close" });
      expect(server.admissions.at(-1), JSON.stringify(headers)).toEqual({ ok: false, refusal });
    }
    expect(server.guard.refused).toMatchObject({ unsigned: 1, "malformed-signature": 5, forged: 0 });
  });

  it("takes a timestamp up to five minutes either way, and not a second more", async () => {
    const skew = REQUEST_LIMITS.timestampSkewSeconds;
    expect((await server.signed(JSON.stringify({ n: 1 }), NOW_S - skew)).status).toBe(200);
    expect((await server.signed(JSON.stringify({ n: 2 }), NOW_S + skew)).status).toBe(200);
    expect((await server.signed(JSON.stringify({ n: 3 }), NOW_S - skew - 1)).status).toBe(401);
    expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "stale-timestamp" });
    expect((await server.signed(JSON.stringify({ n: 4 }), NOW_S + skew + 1)).status).toBe(401);
    expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "future-timestamp" });
  });

  it("refuses a declared length over the limit before reading it; a wrong signature after reading it", async () => {
    const big = "x".repeat(REQUEST_LIMITS.maxBodyBytes + 1);
    expect(await server.send(big, { "Content-Type": JSON_TYPE, ...signature(SECRET, big, NOW_S) })).toEqual({
      status: 413,
      connection: "close",
    });
    expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "too-large" });
    const forged = await server.send(EVENT, { "Content-Type": JSON_TYPE, ...signature("another-secret", EVENT, NOW_S) });
    // the body was read: the connection may stay, as Slack's own do
    expect(forged).toEqual({ status: 401, connection: "keep-alive" });
    expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "forged" });
  });

  it("refuses a signed body that is no JSON object with 400", async () => {
    for (const body of ["not json", "[1,2]", "null"]) {
      expect((await server.signed(body)).status, body).toBe(400);
      expect(server.admissions.at(-1), body).toEqual({ ok: false, refusal: "bad-body" });
    }
  });

  it("serves a signature once: its replay gets an empty 200 and goes no further", async () => {
    const body = JSON.stringify({ type: "event_callback", event_id: "EvReplay" });
    expect((await server.signed(body)).status).toBe(200);
    expect((await server.signed(body)).status).toBe(200);
    expect(server.admissions.map((a) => a.ok || a.refusal)).toEqual([true, "replayed"]);
  });

  it("lets Slack's unsigned SSL check through, and nothing else unsigned", async () => {
    expect((await server.send("ssl_check=1&token=abc", { "Content-Type": FORM })).status).toBe(200);
    expect(server.admissions.at(-1)).toEqual({ ok: true, rawBody: Buffer.from("ssl_check=1") });
    // a small unsigned form that is no probe: its body was read, so the connection may stay
    expect(await server.send("ssl_check=0&token=abc", { "Content-Type": FORM })).toEqual({
      status: 401,
      connection: "keep-alive",
    });
    // an empty one is refused on its headers, the connection closed
    expect(await server.send("", { "Content-Type": FORM })).toEqual({ status: 401, connection: "close" });
    expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "unsigned" });
  });

  it("sums refusals up in one log line per interval, and at flush", async () => {
    await server.send(EVENT, {});
    await server.send(EVENT, {});
    await server.send(EVENT, { "X-Slack-Request-Timestamp": String(NOW_S) });
    expect(server.logged("requests refused")).toEqual([]);
    server.guard.flush();
    expect(server.logged("requests refused")).toEqual([
      expect.objectContaining({ level: "warn", counts: { unsigned: 2, "malformed-signature": 1 } }),
    ]);
    // nothing new since: no second line
    server.guard.flush();
    expect(server.logged("requests refused")).toHaveLength(1);
  });
});

describe("RequestGuard's timers and failures", () => {
  let server: GuardedServer;
  afterEach(async () => {
    await server?.stop();
  });

  it("writes the summary on its own once the interval has passed", async () => {
    server = await new GuardedServer({ summaryIntervalMs: 50 }).start();
    await server.send(EVENT, {});
    await expect.poll(() => server.logged("requests refused").length).toBe(1);
    expect(server.logged("requests refused")[0]).toMatchObject({ counts: { unsigned: 1 } });
  });

  it("refuses a body that stalls with 408 once the body's time is up", async () => {
    server = await new GuardedServer({ bodyTimeoutMs: 200 }).start();
    for (const headers of [signature(SECRET, EVENT, NOW_S), {}]) {
      const contentType = Object.keys(headers).length > 0 ? JSON_TYPE : FORM;
      const sent = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: server.port,
            method: "POST",
            headers: { "Content-Type": contentType, "Content-Length": "100", ...headers },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        // ten of the hundred bytes announced, then nothing
        req.write("ssl_check=");
      });
      expect(sent).toBe(408);
      expect(server.admissions.at(-1)).toEqual({ ok: false, refusal: "slow-body" });
    }
  });

  it("a body cut off by the client ends its read at once, not at the body's deadline", async () => {
    server = await new GuardedServer({ bodyTimeoutMs: 60_000 }).start();
    const socketClosed = new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        headers: { "Content-Type": JSON_TYPE, "Content-Length": "1000", ...signature(SECRET, EVENT, NOW_S) },
      });
      req.on("error", () => resolve());
      req.write("{", () => setTimeout(() => req.destroy(), 50));
    });
    await socketClosed;
    await expect.poll(() => server.admissions.length, { timeout: 5_000 }).toBe(1);
    expect(server.admissions[0]).toEqual({ ok: false, refusal: "slow-body" });
  });

  it("serves on when the shared memory of signatures fails, and leaves it alone for five seconds", async () => {
    let asked = 0;
    server = await new GuardedServer({
      served: {
        firstServing: async () => {
          asked += 1;
          throw new Error("the database is away");
        },
      },
    }).start();
    expect((await server.signed(JSON.stringify({ n: 1 }))).status).toBe(200);
    expect(asked).toBe(1);
    server.now += 4_999;
    expect(await server.signed(JSON.stringify({ n: 2 }), NOW_S + 4)).toMatchObject({ status: 200 });
    expect(asked).toBe(1);
    server.now += 2;
    expect(await server.signed(JSON.stringify({ n: 3 }), NOW_S + 5)).toMatchObject({ status: 200 });
    expect(asked).toBe(2);
  });

  it("refuses a replay another replica served, by the shared memory's word", async () => {
    const seen = new Set<string>();
    server = await new GuardedServer({
      served: {
        firstServing: async (signature) => {
          if (seen.has(signature)) return false;
          seen.add(signature);
          return true;
        },
      },
    }).start();
    const body = JSON.stringify({ n: 1 });
    seen.add(signature(SECRET, body, NOW_S)["X-Slack-Signature"] as string);
    expect((await server.signed(body)).status).toBe(200);
    expect(server.admissions).toEqual([{ ok: false, refusal: "replayed" }]);
  });
});
