/** The Slack app's configuration, from the environment only, checked with zod at start. */
import { z } from "zod";
import { readRoleArns } from "../core/reachability/role-arns.js";
import { REPLY_LEASE_MS } from "../store/reply-claims.js";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

const secret = (name: string, prefix?: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .min(1, `${name} is empty`)
    .refine((v) => !prefix || v.startsWith(prefix), `${name} should start with "${prefix}"`);

/** Connections each replica keeps to PostgreSQL, unless DATABASE_POOL_SIZE says otherwise. */
const DEFAULT_POOL_SIZE = 10;
/** Checks one person may run a minute, unless AMIPORT_CHECK_RATE_PER_MINUTE says otherwise. */
const DEFAULT_CHECK_RATE = 5;
const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const USERGROUP_ID = /^S[A-Z0-9]{6,}$/;
const SSM_DOCUMENT_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;
/** How often each replica sweeps the outbox (with a database), unless OUTBOX_SWEEP_MS says otherwise. */
const DEFAULT_SWEEP_MS = 10_000;

const milliseconds = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be ${min}-${max} ms`)
    .max(max, `${name} must be ${min}-${max} ms`)
    .default(fallback);

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: secret("SLACK_BOT_TOKEN", "xoxb-").optional(),
    SLACK_SIGNING_SECRET: z.string().trim().optional(),
    SLACK_APP_TOKEN: z.string().trim().optional(),
    SLACK_MODE: z.enum(["socket", "http"], { error: 'SLACK_MODE must be "socket" or "http"' }).optional(),
    PORT: z.coerce
      .number({ error: "PORT must be a number" })
      .int("PORT must be a whole number")
      .min(0, "PORT must be 0-65535")
      .max(65535, "PORT must be 0-65535")
      .default(3000),
    METRICS_PORT: z.coerce
      .number({ error: "METRICS_PORT must be a number" })
      .int("METRICS_PORT must be a whole number")
      .min(0, "METRICS_PORT must be 0-65535")
      .max(65535, "METRICS_PORT must be 0-65535")
      .optional(),
    SLACK_API_URL: z
      .url({ error: "SLACK_API_URL must be a URL such as https://slack.com/api/" })
      .refine((u) => /^https?:\/\//.test(u), "SLACK_API_URL must be an http(s) URL")
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    SLACK_CLIENT_ID: z.string().trim().optional(),
    SLACK_CLIENT_SECRET: z.string().trim().optional(),
    SLACK_STATE_SECRET: z.string().trim().optional(),
    DATABASE_URL: z
      .string()
      .trim()
      .refine(isPostgresUrl, "DATABASE_URL must be a postgres:// URL such as postgres://amiport@db:5432/amiport")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: "DATABASE_POOL_SIZE must be a number" })
      .int("DATABASE_POOL_SIZE must be a whole number")
      .min(1, "DATABASE_POOL_SIZE must be 1-100")
      .max(100, "DATABASE_POOL_SIZE must be 1-100")
      .default(DEFAULT_POOL_SIZE),
    REPLY_LEASE_MS: milliseconds("REPLY_LEASE_MS", 1000, 600_000, REPLY_LEASE_MS),
    OUTBOX_SWEEP_MS: milliseconds("OUTBOX_SWEEP_MS", 100, 600_000, DEFAULT_SWEEP_MS),
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .trim()
      .refine(
        (v) => encryptionKey(v) !== undefined,
        "TOKEN_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or 44 base64 characters",
      )
      .optional(),
    TOKEN_ENCRYPTION_OLD_KEYS: z
      .string()
      .trim()
      .transform((v) => v.split(",").map((k) => k.trim()))
      .refine(
        (keys) => keys.every((k) => encryptionKey(k) !== undefined),
        "TOKEN_ENCRYPTION_OLD_KEYS must be keys of 32 bytes (64 hex digits or 44 base64 characters), separated by commas",
      )
      .optional(),
    AMIPORT_CHECKS: z.enum(["on", "off"], { error: 'AMIPORT_CHECKS must be "on" or "off"' }).default("off"),
    AWS_REGION: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "AWS_REGION must be a region such as eu-west-1")
      .optional(),
    AMIPORT_CHECK_CHANNELS: z
      .string()
      .trim()
      .refine(
        (v) => v.split(",").every((id) => CHANNEL_ID.test(id.trim())),
        "AMIPORT_CHECK_CHANNELS must be channel ids separated by commas, such as C0123ABCDEF,C0456GHIJKL",
      )
      .optional(),
    AMIPORT_CHECK_USERGROUP: z
      .string()
      .trim()
      .regex(USERGROUP_ID, "AMIPORT_CHECK_USERGROUP must be a user group id such as S0123ABCDEF")
      .optional(),
    AMIPORT_CHECK_RATE_PER_MINUTE: z.coerce
      .number({ error: "AMIPORT_CHECK_RATE_PER_MINUTE must be a number" })
      .int("AMIPORT_CHECK_RATE_PER_MINUTE must be a whole number")
      .min(1, "AMIPORT_CHECK_RATE_PER_MINUTE must be 1-60")
      .max(60, "AMIPORT_CHECK_RATE_PER_MINUTE must be 1-60")
      .default(DEFAULT_CHECK_RATE),
    AMIPORT_CHECK_ROLE_ARNS: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        const read = readRoleArns(value);
        if (!read.ok) ctx.addIssue({ code: "custom", message: read.problem });
      })
      .optional(),
    AMIPORT_SSM_DOCUMENT: z
      .string()
      .trim()
      .regex(SSM_DOCUMENT_NAME, "AMIPORT_SSM_DOCUMENT must be an SSM document name (letters, digits, _ . -)")
      .default("amiport-WindowsFirewallState"),
  })
  .transform((env, ctx) => {
    const fail = (variable: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [variable], message });
      return z.NEVER;
    };
    const oauthVariables = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
    const distributed = oauthVariables.some((v) => v !== undefined);
    if (distributed) {
      if (!env.SLACK_CLIENT_ID) return fail("SLACK_CLIENT_ID", "SLACK_CLIENT_ID is missing; OAuth install needs it");
      if (!env.SLACK_CLIENT_SECRET) return fail("SLACK_CLIENT_SECRET", "SLACK_CLIENT_SECRET is missing; OAuth install needs it");
      if (!env.SLACK_STATE_SECRET) return fail("SLACK_STATE_SECRET", "SLACK_STATE_SECRET is missing; OAuth install needs it");
      if (!env.DATABASE_URL)
        return fail("DATABASE_URL", "DATABASE_URL is missing; OAuth install keeps installations in PostgreSQL");
      if (!env.TOKEN_ENCRYPTION_KEY)
        return fail("TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_KEY is missing; OAuth install encrypts the tokens it stores");
      if (env.SLACK_BOT_TOKEN)
        return fail("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN must be unset with OAuth install: each workspace has its own");
      if (env.SLACK_MODE === "socket" || (!env.SLACK_MODE && env.SLACK_APP_TOKEN))
        return fail(
          "SLACK_MODE",
          'SLACK_MODE must be "http" with OAuth install: Slack redirects browsers to /slack/oauth_redirect',
        );
    } else if (!env.SLACK_BOT_TOKEN) {
      return fail("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN is missing");
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT)
      return fail("METRICS_PORT", "METRICS_PORT must differ from PORT: it serves /metrics apart from Slack's requests");
    const mode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? "socket" : "http");
    if (mode === "http" && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "SLACK_SIGNING_SECRET is missing; HTTP mode needs it to verify Slack's requests",
      });
      return z.NEVER;
    }
    if (mode === "socket" && !env.SLACK_APP_TOKEN?.startsWith("xapp-")) {
      const problem = env.SLACK_APP_TOKEN ? 'should start with "xapp-"' : "is missing; Socket Mode needs an app-level token";
      ctx.addIssue({ code: "custom", path: ["SLACK_APP_TOKEN"], message: `SLACK_APP_TOKEN ${problem}` });
      return z.NEVER;
    }
    if (env.AMIPORT_CHECKS === "on" && !env.AWS_REGION) {
      return fail("AWS_REGION", "AWS_REGION is missing; AMIPORT_CHECKS=on reads the instances of one region");
    }
    if (env.AMIPORT_CHECKS === "on" && !env.AMIPORT_CHECK_CHANNELS && !env.AMIPORT_CHECK_USERGROUP) {
      return fail(
        "AMIPORT_CHECK_CHANNELS",
        "AMIPORT_CHECK_CHANNELS or AMIPORT_CHECK_USERGROUP is missing; checks are denied to everyone until one says who may run them",
      );
    }
    const checks =
      env.AMIPORT_CHECKS === "on"
        ? {
            region: env.AWS_REGION as string,
            channels: (env.AMIPORT_CHECK_CHANNELS ?? "")
              .split(",")
              .map((id) => id.trim())
              .filter(Boolean),
            ...(env.AMIPORT_CHECK_USERGROUP ? { usergroup: env.AMIPORT_CHECK_USERGROUP } : {}),
            perUserPerMinute: env.AMIPORT_CHECK_RATE_PER_MINUTE,
            ssmDocument: env.AMIPORT_SSM_DOCUMENT,
            roleArns: env.AMIPORT_CHECK_ROLE_ARNS
              ? (readRoleArns(env.AMIPORT_CHECK_ROLE_ARNS) as { arns: readonly string[] }).arns
              : [],
          }
        : undefined;
    const database = env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE } : undefined;
    const oauth = distributed
      ? {
          clientId: env.SLACK_CLIENT_ID as string,
          clientSecret: env.SLACK_CLIENT_SECRET as string,
          stateSecret: env.SLACK_STATE_SECRET as string,
          tokenKey: encryptionKey(env.TOKEN_ENCRYPTION_KEY as string) as Buffer,
          /** Keys rotated out: they still open installations, which are then sealed with tokenKey. */
          oldTokenKeys: (env.TOKEN_ENCRYPTION_OLD_KEYS ?? []).map((k) => encryptionKey(k) as Buffer),
        }
      : undefined;
    return {
      mode,
      botToken: env.SLACK_BOT_TOKEN ?? "",
      signingSecret: env.SLACK_SIGNING_SECRET ?? "",
      appToken: env.SLACK_APP_TOKEN ?? "",
      port: env.PORT,
      /** Set: /metrics is served on this port only, apart from Slack's requests (a NetworkPolicy can tell ports apart, not paths). */
      metricsPort: env.METRICS_PORT,
      // the Web API client joins method names onto this, so it must end with a slash
      apiUrl: env.SLACK_API_URL?.replace(/\/?$/, "/"),
      logLevel: env.LOG_LEVEL,
      /** Set with DATABASE_URL: event de-duplication (and, with OAuth, installations) in PostgreSQL. */
      database,
      /** Set in distributed mode: installs by OAuth, one token per workspace. */
      oauth,
      /** Set with AMIPORT_CHECKS=on: `/amiport check`, who may run it, and how often. */
      checks,
      /** How long a reply claim holds, and how often the outbox is swept (with a database). */
      replies: { leaseMs: env.REPLY_LEASE_MS, sweepEveryMs: env.OUTBOX_SWEEP_MS },
    } as const;
  });

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration; a missing or malformed value throws one message naming the variable. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  // zod's messages name the variable and never include its value
  const problems = result.error.issues.map((issue) => issue.message);
  throw new ConfigError(`${problems.join("; ")}. See "Configuration" in README.md.`);
}

/** Every secret value of a configuration, for the log's redaction. */
export function secretsOf(config: Config): string[] {
  const databasePassword = config.database ? decodeURIComponent(new URL(config.database.url).password) : "";
  const oauth = config.oauth
    ? [
        config.oauth.clientSecret,
        config.oauth.stateSecret,
        ...[config.oauth.tokenKey, ...config.oauth.oldTokenKeys].flatMap((key) => [key.toString("hex"), key.toString("base64")]),
      ]
    : [];
  return [config.botToken, config.signingSecret, config.appToken, databasePassword, ...oauth].filter((s) => s.length > 0);
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The 32-byte AES-256 key from 64 hex digits or base64; undefined when it is not 32 bytes. */
function encryptionKey(text: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  return key.length === 32 && (key.toString("base64") === text || key.toString("hex") === text.toLowerCase()) ? key : undefined;
}
