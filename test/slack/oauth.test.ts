/**
 * OAuth install's receiver options (src/slack/oauth.ts) on their own: what Bolt is given, and how an
 * event whose installation cannot be loaded is answered, through a real HTTP response. The whole
 * install flow runs in distributed-mode tests (http-routes, installations, outage).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthorizationError, ErrorCode, HTTPModuleFunctions } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/slack/config.js";
import { BOT_SCOPES, INSTALL_PATH, isAuthorizationError, oauthReceiverOptions, REDIRECT_PATH } from "../../src/slack/oauth.js";
import { InstallationNotFoundError, MemoryInstallations } from "../../src/store/installations.js";

const API_URL = "http://127.0.0.1:9/api/";
const single = readConfig({ SLACK_SIGNING_SECRET: "oauth-test-signing-secret", SLACK_BOT_TOKEN: "xoxb-oauth-test", PORT: "0" });
const distributed = readConfig({
  SLACK_SIGNING_SECRET: "oauth-test-signing-secret",
  SLACK_MODE: "http",
  SLACK_CLIENT_ID: "1.2",
  SLACK_CLIENT_SECRET: "oauth-test-client-secret",
  SLACK_STATE_SECRET: "oauth-test-state-secret",
  DATABASE_URL: "postgres://amiport@127.0.0.1:1/amiport",
  TOKEN_ENCRYPTION_KEY: "41".repeat(32),
  SLACK_API_URL: API_URL,
});

/** Bolt's logger interface, saying nothing: the handler's own logging is not what these tests look at. */
const QUIET = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel() {}, setName() {} };

/** Bolt's error for an installation it could not load, wrapping `original` as Bolt does. */
function authorizationError(original?: unknown): Error {
  return new AuthorizationError("Failed to authorize", original as Error);
}

/** Runs the receiver's event error handler for `error` against a real response; its status and headers. */
async function handled(error: unknown): Promise<{ status: number; retryAfter: string | null; handledAs: boolean }> {
  const { processEventErrorHandler } = oauthReceiverOptions(distributed, new MemoryInstallations());
  let handledAs = false;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const args = { error, logger: QUIET, request, response, storedResponse: undefined } as never;
    void (processEventErrorHandler as (a: unknown) => Promise<boolean>)(args).then((result) => {
      handledAs = result;
      if (!response.writableEnded) response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, { method: "POST" });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get("retry-after"), handledAs };
  } finally {
    server.close();
  }
}

describe("oauthReceiverOptions", () => {
  it("gives nothing in single-workspace mode", () => {
    expect(oauthReceiverOptions(single, undefined)).toEqual({});
  });

  it("refuses OAuth install without an installation store, saying what is missing", () => {
    expect(() => oauthReceiverOptions(distributed, undefined)).toThrow("OAuth install needs an installation store");
  });

  it("gives Bolt the app's credentials, the bot scopes, the store, and the install paths on the same Web API as every call", () => {
    const installations = new MemoryInstallations();
    const options = oauthReceiverOptions(distributed, installations);
    expect(options).toMatchObject({
      clientId: "1.2",
      clientSecret: "oauth-test-client-secret",
      stateSecret: "oauth-test-state-secret",
      scopes: ["commands", "app_mentions:read", "chat:write", "im:history"],
      installerOptions: { installPath: INSTALL_PATH, redirectUriPath: REDIRECT_PATH, clientOptions: { slackApiUrl: API_URL } },
    });
    expect(options.installationStore).toBe(installations);
    // a copy: Bolt may sort or extend its list without touching ours
    expect(options.scopes).not.toBe(BOT_SCOPES);
  });
});

describe("an event whose installation cannot be loaded", () => {
  it("is refused with 401 and no retry when the workspace has no installation", async () => {
    const got = await handled(authorizationError(authorizationError(new InstallationNotFoundError("no installation"))));
    expect(got.status).toBe(401);
    expect(got.retryAfter).toBeNull();
  });

  it("gets 503 with Retry-After when the store could not answer, and counts as handled", async () => {
    const got = await handled(authorizationError(new Error("connect ECONNREFUSED 127.0.0.1:5432")));
    expect(got).toEqual({ status: 503, retryAfter: "30", handledAs: true });
  });

  it("looks five errors deep for the missing installation, and stops on a chain that loops", async () => {
    const deep = authorizationError(
      authorizationError(authorizationError(authorizationError(new InstallationNotFoundError("no installation")))),
    );
    expect((await handled(deep)).status).toBe(401);
    const tooDeep = authorizationError(deep);
    expect((await handled(tooDeep)).status).toBe(503);
    const looped = authorizationError();
    (looped as { original?: unknown }).original = looped;
    expect((await handled(looped)).status).toBe(503);
  });

  it("leaves any other error to Bolt's own handling", async () => {
    const other = Object.assign(new Error("listener failed"), { code: ErrorCode.UnknownError });
    const ours = await handled(other);
    const bolts = await new Promise<number>((resolve) => {
      const server = createServer((request, response) => {
        void HTTPModuleFunctions.defaultProcessEventErrorHandler({
          error: other,
          logger: QUIET,
          request,
          response,
        } as never).then(() => {
          if (!response.writableEnded) response.end();
        });
      });
      server.listen(0, "127.0.0.1", async () => {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: "POST" });
        server.close();
        resolve(res.status);
      });
    });
    expect(ours.status).toBe(bolts);
    expect(ours.status).not.toBe(503);
  });
});

describe("isAuthorizationError", () => {
  it("is true only for Bolt's authorization error code", () => {
    expect(isAuthorizationError(authorizationError())).toBe(true);
    expect(isAuthorizationError(new Error("other"))).toBe(false);
    expect(isAuthorizationError(undefined)).toBe(false);
    expect(isAuthorizationError(null)).toBe(false);
  });
});
