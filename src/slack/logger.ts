/**
 * JSON-lines logging for the Slack app, given to Bolt as its logger too. Secrets never reach a
 * log line: the configured ones and anything shaped like a Slack token are masked.
 */
import { inspect } from "node:util";
import { type Logger, LogLevel } from "@slack/bolt";

const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
const TOKEN_SHAPES = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

export type LogSink = (line: string) => void;

export interface AppLogger extends Logger {
  /** One structured line, e.g. the per-request line. */
  event(level: LogLevel, message: string, fields: Record<string, unknown>): void;
}

export function createLogger(options: { level: LogLevel; secrets: readonly string[]; sink?: LogSink }): AppLogger {
  let level = options.level;
  let name = "amiport";
  const sink = options.sink ?? ((line) => process.stdout.write(`${line}\n`));
  const secrets = options.secrets.filter((s) => s.length >= 6);

  const redact = (text: string) => {
    let clean = text.replace(TOKEN_SHAPES, (token) => `${token.slice(0, 5)}[redacted]`);
    for (const secret of secrets) clean = clean.split(secret).join("[redacted]");
    return clean;
  };
  const enabled = (at: LogLevel) => ORDER.indexOf(at) >= ORDER.indexOf(level);
  const write = (at: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (!enabled(at)) return;
    sink(redact(JSON.stringify({ time: new Date().toISOString(), level: at, name, msg: message, ...fields })));
  };
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === "string" ? p : inspect(p, { depth: 4, breakLength: Number.POSITIVE_INFINITY }))).join(" ");

  // format only what is written: Bolt logs whole payloads at debug level
  const log =
    (at: LogLevel) =>
    (...msg: unknown[]) => {
      if (enabled(at)) write(at, text(msg));
    };

  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    event: (at, message, fields) => write(at, message, fields),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
