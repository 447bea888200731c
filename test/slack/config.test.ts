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
    });
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
    expect(() => readConfig(env)).toThrow(message);
    expect(() => readConfig(env)).toThrow(/See "Configuration" in README\.md\.$/);
  });

  it("accepts the edges of the port range and keeps one slash at the end of SLACK_API_URL", () => {
    const env = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING };
    expect(readConfig({ ...env, PORT: "0" }).port).toBe(0);
    expect(readConfig({ ...env, PORT: "65535" }).port).toBe(65535);
    expect(readConfig({ ...env, SLACK_API_URL: "https://proxy.example/api/" }).apiUrl).toBe("https://proxy.example/api/");
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

  it("never echoes a secret in its message", () => {
    try {
      readConfig({ SLACK_BOT_TOKEN: "wrong-secret-bot-token", SLACK_APP_TOKEN: "wrong-secret-app-token", SLACK_MODE: "socket" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toMatch(/wrong-secret/);
    }
  });
});
