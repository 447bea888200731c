/**
 * createLogger (src/slack/logger.ts) on its own: which levels are written, Bolt's setLevel and
 * setName, and the masking of secrets and of anything shaped like a Slack token.
 */
import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/slack/logger.js";

function logged(level: LogLevel, secrets: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, secrets, sink: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("createLogger", () => {
  it("writes the configured level and those above it, nothing below", () => {
    const { logger, lines } = logged(LogLevel.WARN);
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    logger.event(LogLevel.INFO, "request", { kind: "mention" });
    logger.event(LogLevel.ERROR, "failed", { kind: "mention" });
    expect(lines.map((l) => `${l.level}:${l.msg}`)).toEqual(["warn:w", "error:e", "error:failed"]);
  });

  it("debug writes every level; setLevel and setName change what follows", () => {
    const { logger, lines } = logged(LogLevel.DEBUG);
    logger.debug("d", { a: 1 });
    logger.setLevel(LogLevel.ERROR);
    expect(logger.getLevel()).toBe(LogLevel.ERROR);
    logger.warn("hidden");
    logger.setName("bolt-app");
    logger.error("shown");
    expect(lines.map((l) => `${l.name}:${l.level}:${l.msg}`)).toEqual(["amiport:debug:d { a: 1 }", "bolt-app:error:shown"]);
  });

  it("masks every Slack token shape whole, and the configured secrets", () => {
    const { logger, lines } = logged(LogLevel.INFO, ["s3cr3t-signing", "short"]);
    logger.info("bot xoxb-1234-5678-abcDEF user xoxp-9-8-7 app xapp-1-A0B-42-ff refresh xoxe.xoxp-1-2 signing s3cr3t-signing");
    const msg = String(lines[0]?.msg);
    expect(msg).toBe(
      "bot xoxb-[redacted] user xoxp-[redacted] app xapp-[redacted] refresh xoxe.xoxp-[redacted] signing [redacted]",
    );
    // a secret shorter than six characters would mask ordinary words: it is not masked
    logger.info("a short word");
    expect(lines[1]?.msg).toBe("a short word");
    // a word that only starts like a token is left alone
    logger.info("xox-1 xoxbox xapp1-2");
    expect(lines[2]?.msg).toBe("xox-1 xoxbox xapp1-2");
  });
});
