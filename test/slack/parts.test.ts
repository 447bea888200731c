import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { AnswerCache } from "../../src/slack/answer.js";
import { createLogger } from "../../src/slack/logger.js";

describe("AnswerCache", () => {
  const entry = (query: string) => ({ message: { text: query, blocks: [] }, total: 1, query });

  it("keeps the most recently used answers", () => {
    const cache = new AnswerCache(2);
    cache.set("a", entry("a"));
    cache.set("b", entry("b"));
    expect(cache.get("a")?.query).toBe("a");
    cache.set("c", entry("c"));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.query).toBe("a");
    expect(cache.get("c")?.query).toBe("c");
  });
});

describe("createLogger", () => {
  it("masks configured secrets and anything shaped like a Slack token", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: LogLevel.DEBUG, secrets: ["signing-secret-xyz"], sink: (l) => lines.push(l) });
    logger.debug("sent", { token: "xoxb-123-456-abcdef", secret: "signing-secret-xyz", app: "xapp-1-A1-zzz" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xoxb-123|signing-secret-xyz|xapp-1-A1/);
    expect(lines[0]).toContain("[redacted]");
  });

  it("writes only at or above its level", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: LogLevel.WARN, secrets: [], sink: (l) => lines.push(l) });
    logger.info("quiet");
    logger.error("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });
});
