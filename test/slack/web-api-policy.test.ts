/**
 * Which failures to reach Slack are Slack's (delivery errors), which of those are refusals for good
 * (never sent again), and the deadline on every outbound call. The errors come from the SDK's own
 * code paths (WebClient, Bolt's respond()) against servers on 127.0.0.1, not from hand-made objects.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { RespondError, webApi } from "@slack/bolt";
import { createRespond } from "@slack/bolt/dist/context/create-respond.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeliveryError, isRefusedForGood, type WebApiPolicy, webClientOptions } from "../../src/slack/web-api-policy.js";
import { SlackStandIn } from "../helpers/slack-stand-in.js";

const POLICY: WebApiPolicy = { timeoutMs: 200, retries: 0, minBackoffMs: 10, maxBackoffMs: 20, maxRetryTimeMs: 1_000 };

/** A response_url: `/status/N` answers HTTP N, `/hang` never answers, `/echo` answers 200. */
let responseUrls: Server;
let base = "";
const received: { path: string; method: string; body: string }[] = [];

beforeAll(async () => {
  responseUrls = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, method: req.method ?? "", body });
      if (path === "/hang") return;
      const status = path.startsWith("/status/") ? Number(path.slice("/status/".length)) : 200;
      res.writeHead(status, { "Content-Type": "text/plain" }).end("answered");
    });
  });
  await new Promise<void>((resolve) => responseUrls.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(responseUrls.address() as AddressInfo).port}`;
});

afterAll(async () => {
  responseUrls.closeAllConnections();
  await new Promise<void>((resolve) => responseUrls.close(() => resolve()));
});

/** What Bolt's respond() throws when the response_url answers `status`. */
async function respondFailure(status: number): Promise<unknown> {
  const respond = createRespond(webClientOptions(POLICY, undefined).fetch as typeof fetch, `${base}/status/${status}`);
  return respond("5985").then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("a response_url that answers with an HTTP error", () => {
  // read from the rule, not from a run: a 4xx other than 429 means expired/used/invalid, and sending
  // again is refused again; a 3xx, a 429 (rate limit) or a 5xx may get through later
  it.each([
    [304, false],
    [399, false],
    [400, true],
    [403, true],
    [404, true],
    [410, true],
    [428, true],
    [429, false],
    [430, true],
    [499, true],
    [500, false],
    [503, false],
  ])("HTTP %i: refused for good: %s; a delivery error either way", async (status, refused) => {
    const error = await respondFailure(status);
    expect(error).toBeInstanceOf(RespondError);
    expect((error as RespondError).statusCode).toBe(status);
    expect(isRefusedForGood(error)).toBe(refused);
    expect(isDeliveryError(error)).toBe(true);
  });

  it("trusts only a numeric status", () => {
    // RespondError's statusCode is typed as a number; a string that looks like a 4xx is not one
    const error = Object.assign(new RespondError("Failed to respond to the response_url", 404), { statusCode: "404" });
    expect(isRefusedForGood(error)).toBe(false);
  });
});

describe("the Web API's failures, from the SDK's WebClient", () => {
  let slack: SlackStandIn;
  let client: webApi.WebClient;
  const post = () =>
    client.chat.postMessage({ channel: "C0POLICY", text: "5985" }).then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    // the SDK warns of each failed call; these failures are the point of the test
    client = new webApi.WebClient("xoxb-1-2-policytoken", {
      ...webClientOptions(POLICY, slack.apiUrl),
      logLevel: webApi.LogLevel.ERROR,
    });
  });

  afterAll(async () => {
    await slack?.stop();
  });

  it("ok: false is a refusal for good (not_in_channel would be refused again)", async () => {
    slack.failures.set("chat.postMessage", "not_in_channel");
    const error = await post();
    slack.failures.clear();
    expect((error as { code?: unknown }).code).toBe(webApi.ErrorCode.PlatformError);
    expect(isDeliveryError(error)).toBe(true);
    expect(isRefusedForGood(error)).toBe(true);
  });

  it.each([400, 404, 500])(
    "an HTTP %i from the Web API may get through later: only response_url's 4xx is final",
    async (status) => {
      slack.httpErrors.set("chat.postMessage", { status });
      const error = await post();
      slack.httpErrors.clear();
      expect((error as { code?: unknown }).code).toBe(webApi.ErrorCode.HTTPError);
      expect((error as { statusCode?: unknown }).statusCode).toBe(status);
      expect(isDeliveryError(error)).toBe(true);
      expect(isRefusedForGood(error)).toBe(false);
    },
  );

  it("a call past its deadline is a delivery error that may get through later", async () => {
    slack.hanging.add("chat.postMessage");
    const error = await post();
    slack.hanging.clear();
    expect((error as { code?: unknown }).code).toBe(webApi.ErrorCode.RequestError);
    expect(isDeliveryError(error)).toBe(true);
    expect(isRefusedForGood(error)).toBe(false);
  });
});

describe("a response_url that cannot be reached", () => {
  /** A port that was just free: nothing listens on it. */
  async function closedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  /** A server that drops every connection as soon as it is made. */
  async function droppingServer(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reply`;
    return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const respondTo = (url: string) =>
    createRespond(
      webClientOptions(POLICY, undefined).fetch as typeof fetch,
      url,
    )("5985").then(
      () => undefined,
      (error: unknown) => error,
    );

  it("connection refused: a delivery error (no apology by the same way) that may get through later", async () => {
    const error = await respondTo(`http://127.0.0.1:${await closedPort()}/reply`);
    expect(error).toBeInstanceOf(TypeError);
    expect(isDeliveryError(error)).toBe(true);
    expect(isRefusedForGood(error)).toBe(false);
  });

  it("connection reset before an answer: a delivery error that may get through later", async () => {
    const dropping = await droppingServer();
    try {
      const error = await respondTo(dropping.url);
      expect(error).toBeInstanceOf(TypeError);
      expect(isDeliveryError(error)).toBe(true);
      expect(isRefusedForGood(error)).toBe(false);
    } finally {
      await dropping.close();
    }
  });

  it("a TypeError of our own is not one", () => {
    const ours = thrownByOwnCode();
    expect(ours).toBeInstanceOf(TypeError);
    expect(isDeliveryError(ours)).toBe(false);
    // the same words without a socket's error behind them are not a network failure either
    expect(isDeliveryError(new TypeError("fetch failed"))).toBe(false);
  });
});

function thrownByOwnCode(): unknown {
  try {
    (undefined as unknown as { text: () => void }).text();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("errors of our own", () => {
  const thrownBy = (work: () => unknown): unknown => {
    try {
      return work();
    } catch (error) {
      return error;
    }
  };

  it.each([
    ["a plain Error", () => new Error("listener bug")],
    ["a SyntaxError from bad JSON", () => thrownBy(() => JSON.parse("{"))],
    ["a Node error with a code of its own", () => readFile("/nonexistent/amiport-rules.json").catch((e: unknown) => e)],
    ["an error whose code only contains the SDK's prefix", () => Object.assign(new Error("x"), { code: "not_slack_webapi_x" })],
    ["an error with a numeric code", () => Object.assign(new Error("x"), { code: 404 })],
    ["a thrown string", () => "boom"],
    ["undefined", () => undefined],
    ["null", () => null],
  ])("%s is neither a delivery error nor a refusal", async (_label, make) => {
    const error = await make();
    expect(isDeliveryError(error)).toBe(false);
    expect(isRefusedForGood(error)).toBe(false);
  });

  it("the Node error above does carry a code (so the prefix, not the presence of a code, decides)", async () => {
    const error = await readFile("/nonexistent/amiport-rules.json").catch((e: unknown) => e);
    expect((error as { code?: unknown }).code).toBe("ENOENT");
  });
});

describe("the deadline of the fetch given to Bolt (respond() passes no signal of its own)", () => {
  it("respond() to a response_url that never answers gives up with a TimeoutError, a delivery error", async () => {
    const respond = createRespond(webClientOptions(POLICY, undefined).fetch as typeof fetch, `${base}/hang`);
    const error = await respond("5985").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe("TimeoutError");
    expect(isDeliveryError(error)).toBe(true);
    expect(isRefusedForGood(error)).toBe(false);
  });

  it("a call with no init at all gets the deadline too", async () => {
    const deadlineFetch = webClientOptions(POLICY, undefined).fetch as typeof fetch;
    await expect(deadlineFetch(`${base}/hang`)).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("keeps a caller's own signal: the caller's abort is what ends the call, not the policy's deadline", async () => {
    // a 1 ms policy deadline would end the call with a TimeoutError at once if it replaced the caller's signal
    const deadlineFetch = webClientOptions({ ...POLICY, timeoutMs: 1 }, undefined).fetch as typeof fetch;
    const caller = new AbortController();
    const before = received.filter((r) => r.path === "/hang").length;
    const call = deadlineFetch(`${base}/hang`, { method: "POST", body: "held", signal: caller.signal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await expect
      .poll(() => received.filter((r) => r.path === "/hang").length, {
        message: "the request reaches the server: the policy's 1 ms deadline did not replace the caller's signal",
      })
      .toBe(before + 1);
    caller.abort();
    const error = await call;
    expect((error as Error).name).toBe("AbortError");
    expect(isDeliveryError(error)).toBe(true);
    expect(isRefusedForGood(error)).toBe(false);
  });

  it("passes the request through unchanged", async () => {
    const deadlineFetch = webClientOptions(POLICY, undefined).fetch as typeof fetch;
    const response = await deadlineFetch(`${base}/echo`, { method: "POST", body: '{"text":"5985"}' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("answered");
    expect(received.at(-1)).toEqual({ path: "/echo", method: "POST", body: '{"text":"5985"}' });
  });
});
