import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const configSource = readFileSync(new URL("../../src/slack/config.ts", import.meta.url), "utf8");

describe(".env.example and the README's table", () => {
  const variables = [...configSource.matchAll(/^ {4}([A-Z_]+): /gm)].map((m) => m[1]);

  const named = [
    "AMIPORT_CHECKS",
    "AMIPORT_CHECK_CHANNELS",
    "AMIPORT_CHECK_RATE_PER_MINUTE",
    "AMIPORT_CHECK_ROLE_ARNS",
    "AMIPORT_CHECK_USERGROUP",
    "AMIPORT_SSM_DOCUMENT",
    "AWS_REGION",
    "DATABASE_POOL_SIZE",
    "DATABASE_URL",
    "LOG_LEVEL",
    "METRICS_PORT",
    "OUTBOX_SWEEP_MS",
    "PORT",
    "REPLY_LEASE_MS",
    "SLACK_API_URL",
    "SLACK_APP_TOKEN",
    "SLACK_BOT_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_MODE",
    "SLACK_SIGNING_SECRET",
    "SLACK_STATE_SECRET",
    "TOKEN_ENCRYPTION_KEY",
    "TOKEN_ENCRYPTION_OLD_KEYS",
  ];

  it("the config reads the variables the issues name", () => {
    expect(variables.sort()).toEqual(named);
  });

  it.each(named)("%s is in both, with a comment", (name) => {
    expect(example).toMatch(new RegExp(`^#[^\\n]*\\n(#?\\s?)${name}=`, "m"));
    expect(readme).toMatch(new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, "m"));
  });

  it("holds no secret values", () => {
    expect(example).not.toMatch(/xox[a-z]-\w|xapp-\w/);
  });
});
