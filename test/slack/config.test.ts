import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, secretsOf } from "../../src/slack/config.js";

const BOT = "xoxb-1-2-abcdefsecretbot";
const SIGNING = "signing-secret-value-123";
const APP = "xapp-1-A1-abcdefsecretapp";

describe("readConfig", () => {
  it("defaults to HTTP mode without an app token, port 3000, level info", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING })).toEqual({
      mode: "http",
      botToken: BOT,
      signingSecret: SIGNING,
      appToken: "",
      port: 3000,
      apiUrl: undefined,
      logLevel: "info",
      replies: { leaseMs: 45_000, sweepEveryMs: 10_000 },
    });
  });

  it("takes the reply lease and the outbox sweep interval, in bounds, as whole milliseconds", () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING };
    expect(readConfig({ ...base, REPLY_LEASE_MS: "2000", OUTBOX_SWEEP_MS: "250" }).replies).toEqual({
      leaseMs: 2000,
      sweepEveryMs: 250,
    });
    expect(() => readConfig({ ...base, REPLY_LEASE_MS: "999" })).toThrow(/^REPLY_LEASE_MS must be 1000-600000 ms/);
    expect(() => readConfig({ ...base, REPLY_LEASE_MS: "-45000" })).toThrow(/^REPLY_LEASE_MS must be 1000-600000 ms/);
    expect(() => readConfig({ ...base, REPLY_LEASE_MS: "45000.5" })).toThrow(/^REPLY_LEASE_MS must be a whole number/);
    expect(() => readConfig({ ...base, OUTBOX_SWEEP_MS: "soon" })).toThrow(/^OUTBOX_SWEEP_MS must be a number of milliseconds/);
    expect(() => readConfig({ ...base, OUTBOX_SWEEP_MS: "600001" })).toThrow(/^OUTBOX_SWEEP_MS must be 100-600000 ms/);
  });

  it("defaults to Socket Mode with an app token", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).mode).toBe("socket");
  });

  it("honours SLACK_MODE, PORT, SLACK_API_URL and LOG_LEVEL", () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_APP_TOKEN: APP,
      SLACK_MODE: "http",
      PORT: "8080",
      SLACK_API_URL: "http://127.0.0.1:9/api",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({ mode: "http", port: 8080, apiUrl: "http://127.0.0.1:9/api/", logLevel: "debug" });
  });

  it.each([
    [{}, /^SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: "abc" }, /SLACK_BOT_TOKEN should start with "xoxb-"/],
    [{ SLACK_BOT_TOKEN: BOT }, /SLACK_SIGNING_SECRET is missing; HTTP mode needs it/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_MODE: "socket" }, /SLACK_APP_TOKEN is missing; Socket Mode needs an app-level token/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xoxb-wrong" }, /SLACK_APP_TOKEN should start with "xapp-"/],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, SLACK_MODE: "carrier-pigeon" },
      /SLACK_MODE must be "socket" or "http"/,
    ],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: "70000" }, /PORT must be 0-65535/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: "http" }, /PORT must be a number/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: "-1" }, /PORT must be 0-65535/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: "80.5" }, /PORT must be a whole number/],
    [{ SLACK_BOT_TOKEN: "   ", SLACK_SIGNING_SECRET: SIGNING }, /SLACK_BOT_TOKEN is empty/],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: "ftp://slack.example/api/" },
      /must be an http\(s\) URL/,
    ],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: "not a url" }, /SLACK_API_URL must be a URL/],
    [
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, LOG_LEVEL: "loud" },
      /LOG_LEVEL must be one of debug, info, warn, error/,
    ],
  ])("names the variable: %j", (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(expect.objectContaining({ name: "ConfigError" }));
    expect(() => readConfig(env)).toThrow(message);
    expect(() => readConfig(env)).toThrow(/See "Configuration" in README\.md\.$/);
  });

  it("accepts the edges of the port range and keeps one slash at the end of SLACK_API_URL", () => {
    const env = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING };
    expect(readConfig({ ...env, PORT: "0" }).port).toBe(0);
    expect(readConfig({ ...env, PORT: "65535" }).port).toBe(65535);
    expect(readConfig({ ...env, SLACK_API_URL: "https://proxy.example/api/" }).apiUrl).toBe("https://proxy.example/api/");
  });

  it("treats an empty variable as unset", () => {
    const config = readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING, PORT: "", LOG_LEVEL: "", SLACK_MODE: "" });
    expect(config).toMatchObject({ mode: "http", port: 3000, logLevel: "info" });
  });

  it("names every problem at once", () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: "abc", SLACK_SIGNING_SECRET: SIGNING, PORT: "x" })).toThrow(
      /SLACK_BOT_TOKEN should start with "xoxb-"; PORT must be a number/,
    );
  });

  it("lists the secrets a configuration holds, without empty ones", () => {
    expect(secretsOf(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }))).toEqual([BOT, APP]);
    expect(secretsOf(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING }))).toEqual([BOT, SIGNING]);
  });

  describe("distributed mode", () => {
    const KEY = "a".repeat(64);
    const oauth = {
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret-value",
      SLACK_STATE_SECRET: "state-secret-value",
      DATABASE_URL: "postgres://amiport:db-password@db.internal:5432/amiport",
      TOKEN_ENCRYPTION_KEY: KEY,
    };

    it("reads OAuth, the database and the 32-byte key (hex or base64), with no bot token", () => {
      const config = readConfig(oauth);
      expect(config).toMatchObject({
        mode: "http",
        botToken: "",
        database: { url: oauth.DATABASE_URL, poolSize: 10 },
        oauth: { clientId: "1111.2222", clientSecret: "client-secret-value", stateSecret: "state-secret-value" },
      });
      expect(config.oauth?.tokenKey).toEqual(Buffer.alloc(32, 0xaa));
      const base64 = Buffer.alloc(32, 7).toString("base64");
      expect(readConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: base64 }).oauth?.tokenKey).toEqual(Buffer.alloc(32, 7));
      expect(secretsOf(config)).toEqual(expect.arrayContaining(["client-secret-value", "state-secret-value", "db-password"]));
      expect(config.oauth?.oldTokenKeys).toEqual([]);
      expect(config.metricsPort).toBeUndefined();
      expect(readConfig({ ...oauth, METRICS_PORT: "9090" }).metricsPort).toBe(9090);
    });

    it("reads TOKEN_ENCRYPTION_OLD_KEYS, comma-separated, hex or base64, and keeps them out of the log", () => {
      const old = Buffer.alloc(32, 5);
      const config = readConfig({
        ...oauth,
        TOKEN_ENCRYPTION_OLD_KEYS: ` ${old.toString("hex")} ,${Buffer.alloc(32, 6).toString("base64")}`,
      });
      expect(config.oauth?.oldTokenKeys).toEqual([old, Buffer.alloc(32, 6)]);
      expect(secretsOf(config)).toEqual(expect.arrayContaining([old.toString("hex"), Buffer.alloc(32, 6).toString("base64")]));
    });

    it("takes DATABASE_URL in single-workspace mode too, for shared de-duplication", () => {
      const config = readConfig({
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SIGNING,
        DATABASE_URL: oauth.DATABASE_URL,
        DATABASE_POOL_SIZE: "4",
      });
      expect(config).toMatchObject({ botToken: BOT, database: { poolSize: 4 }, oauth: undefined });
    });

    it.each([
      [{ ...oauth, SLACK_CLIENT_SECRET: undefined }, /^SLACK_CLIENT_SECRET is missing/],
      [{ ...oauth, SLACK_CLIENT_ID: undefined }, /^SLACK_CLIENT_ID is missing/],
      [{ ...oauth, SLACK_STATE_SECRET: undefined }, /^SLACK_STATE_SECRET is missing/],
      [{ ...oauth, DATABASE_URL: undefined }, /^DATABASE_URL is missing; OAuth install keeps installations in PostgreSQL/],
      [{ ...oauth, TOKEN_ENCRYPTION_KEY: undefined }, /^TOKEN_ENCRYPTION_KEY is missing/],
      [{ ...oauth, TOKEN_ENCRYPTION_KEY: "abc123" }, /^TOKEN_ENCRYPTION_KEY must be 32 bytes/],
      [{ ...oauth, TOKEN_ENCRYPTION_KEY: "a".repeat(62) }, /^TOKEN_ENCRYPTION_KEY must be 32 bytes/],
      [{ ...oauth, TOKEN_ENCRYPTION_OLD_KEYS: `${KEY},abc123` }, /^TOKEN_ENCRYPTION_OLD_KEYS must be keys of 32 bytes/],
      [{ ...oauth, TOKEN_ENCRYPTION_OLD_KEYS: `${KEY},,${KEY}` }, /^TOKEN_ENCRYPTION_OLD_KEYS must be keys of 32 bytes/],
      [{ ...oauth, DATABASE_URL: "mysql://db/amiport" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
      [{ ...oauth, DATABASE_URL: "not a url" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
      [{ ...oauth, DATABASE_POOL_SIZE: "0" }, /^DATABASE_POOL_SIZE must be 1-100/],
      [{ ...oauth, METRICS_PORT: "70000" }, /^METRICS_PORT must be 0-65535/],
      [{ ...oauth, METRICS_PORT: "metrics" }, /^METRICS_PORT must be a number/],
      [{ ...oauth, PORT: "3000", METRICS_PORT: "3000" }, /^METRICS_PORT must differ from PORT/],
      [{ ...oauth, SLACK_BOT_TOKEN: BOT }, /^SLACK_BOT_TOKEN must be unset with OAuth install/],
      [{ ...oauth, SLACK_MODE: "socket", SLACK_APP_TOKEN: APP }, /^SLACK_MODE must be "http" with OAuth install/],
    ])("names the variable: %j", (env, message) => {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    });

    it("never echoes the database password or the key", () => {
      const message = (() => {
        try {
          readConfig({
            ...oauth,
            TOKEN_ENCRYPTION_KEY: "secret-key-too-short",
            TOKEN_ENCRYPTION_OLD_KEYS: "old-secret-key-too-short",
            DATABASE_URL: "mysql://u:db-password@x/y",
          });
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).not.toMatch(/db-password|secret-key-too-short/);
      expect(message).toMatch(/TOKEN_ENCRYPTION_OLD_KEYS/);
    });
  });

  it("never echoes a secret in its message", () => {
    try {
      readConfig({ SLACK_BOT_TOKEN: "wrong-secret-bot-token", SLACK_APP_TOKEN: "wrong-secret-app-token", SLACK_MODE: "socket" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toMatch(/wrong-secret/);
    }
  });
});
