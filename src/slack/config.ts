/** The Slack app's configuration, from the environment only, checked with zod at start. */
import { z } from "zod";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

const secret = (name: string, prefix?: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .min(1, `${name} is empty`)
    .refine((v) => !prefix || v.startsWith(prefix), `${name} should start with "${prefix}"`);

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: secret("SLACK_BOT_TOKEN", "xoxb-"),
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
  })
  .transform((env, ctx) => {
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
    return {
      mode,
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET ?? "",
      appToken: env.SLACK_APP_TOKEN ?? "",
      port: env.PORT,
      // the Web API client joins method names onto this, so it must end with a slash
      apiUrl: env.SLACK_API_URL?.replace(/\/?$/, "/"),
      logLevel: env.LOG_LEVEL,
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
  return [config.botToken, config.signingSecret, config.appToken].filter((s) => s.length > 0);
}
