/** The Slack app's configuration, from the environment only, checked with zod at start. */
import { z } from "zod";
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
    const database = env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE } : undefined;
    const oauth = distributed
      ? {
          clientId: env.SLACK_CLIENT_ID as string,
          clientSecret: env.SLACK_CLIENT_SECRET as string,
          stateSecret: env.SLACK_STATE_SECRET as string,
          tokenKey: encryptionKey(env.TOKEN_ENCRYPTION_KEY as string) as Buffer,
        }
      : undefined;
    return {
      mode,
      botToken: env.SLACK_BOT_TOKEN ?? "",
      signingSecret: env.SLACK_SIGNING_SECRET ?? "",
      appToken: env.SLACK_APP_TOKEN ?? "",
      port: env.PORT,
      // the Web API client joins method names onto this, so it must end with a slash
      apiUrl: env.SLACK_API_URL?.replace(/\/?$/, "/"),
      logLevel: env.LOG_LEVEL,
      /** Set with DATABASE_URL: event de-duplication (and, with OAuth, installations) in PostgreSQL. */
      database,
      /** Set in distributed mode: installs by OAuth, one token per workspace. */
      oauth,
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
        config.oauth.tokenKey.toString("hex"),
        config.oauth.tokenKey.toString("base64"),
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
