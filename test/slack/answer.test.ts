/**
 * src/slack/answer.ts on its own, with real parts: the rule book, the logger (its lines captured),
 * prom-client metrics, the answer cache and an in-memory outbox. What a listener gets from `ask`
 * (help, cached answers, the check offer), the request line it logs, and what `guarded` does when
 * the work fails (apology, or none when Slack itself refused).
 */
import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { renderErrorMessage, renderHelpMessage, type SlackMessage } from "../../src/render/blocks.js";
import { CHECK_ACTION } from "../../src/render/verdict-blocks.js";
import { AnswerCache, ask, describeError, guarded, logRequest, type SlackDeps } from "../../src/slack/answer.js";
import type { SlackChecks } from "../../src/slack/check-command.js";
import { CheckGate, CheckRateLimiter } from "../../src/slack/check-gate.js";
import { createLogger } from "../../src/slack/logger.js";
import { Metrics } from "../../src/slack/metrics.js";
import { Outbox } from "../../src/slack/outbox.js";
import { MemoryReplyClaims } from "../../src/store/index.js";
import { book } from "../helpers/book.js";

const INSTANCE = "i-0123456789abcdef0";

/** Never called: an offer runs nothing until someone presses it. */
const checks: SlackChecks = {
  reader: {
    readNetwork: () => Promise.reject(new Error("an offer must not read the network")),
    readHost: () => Promise.reject(new Error("an offer must not read the host")),
  },
  gate: new CheckGate({ channels: ["C0INCIDENT"], perUserPerMinute: 2 }),
  limiter: new CheckRateLimiter(2),
};

function depsWith(extra: Partial<SlackDeps> = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: LogLevel.INFO, secrets: [], sink: (line) => lines.push(JSON.parse(line)) });
  const metrics = new Metrics();
  const outbox = new Outbox(new MemoryReplyClaims(), async () => undefined, { logger }, { leaseMs: 45_000, sweepEveryMs: 0 });
  const deps: SlackDeps = { book, logger, outbox, metrics, ...extra };
  return { deps, lines, metrics };
}

async function counter(metrics: Metrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const out: Record<string, number> = {};
  for (const value of (metric?.values ?? []) as {
    labels: Record<string, string | number>;
    value: number;
    metricName?: string;
  }[]) {
    if (value.metricName && value.metricName !== name && !value.metricName.endsWith("_sum")) continue;
    const key = Object.entries(value.labels)
      .filter(([label]) => label !== "le")
      .map(([label, v]) => `${label}=${v}`)
      .join(",");
    out[`${value.metricName ?? name}{${key}}`] = value.value;
  }
  return out;
}

function offerOf(message: SlackMessage): unknown {
  const block = message.blocks.find((b) => (b as { block_id?: string }).block_id === CHECK_ACTION);
  const button = (block as { elements?: { value?: string }[] } | undefined)?.elements?.[0];
  return button?.value === undefined ? undefined : JSON.parse(button.value);
}

describe("ask: help", () => {
  it.each(["", "help", "HELP", "?", "-h", "--help", "usage", "  usage  "])(
    "answers %j with the help text and logs it as help",
    (word) => {
      const { deps, lines } = depsWith();
      expect(ask(deps, "command", word, { shareable: false, command: "/ports" })).toEqual(renderHelpMessage("/ports"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: "request", kind: "command", results: "help" });
    },
  );

  it("never answers a whole message someone else wrote with help, even one that says 'help'", () => {
    const { deps } = depsWith();
    expect(ask(deps, "shortcut", "help", { shareable: false, fromMessage: true })).not.toEqual(renderHelpMessage());
  });

  it("answers a word that only contains a help word (helpdesk 3389) with rules", () => {
    const { deps, lines } = depsWith();
    const message = ask(deps, "command", "helpdesk 3389", { shareable: false });
    expect(message).not.toEqual(renderHelpMessage());
    expect(JSON.stringify(message)).toContain("3389");
    expect(lines[0]?.results).toBeGreaterThan(0);
  });
});

describe("ask: the answer cache", () => {
  it("serves the same rendered answer again from the cache, and computes it without one", () => {
    const answers = new AnswerCache();
    const { deps } = depsWith({ answers });
    const first = ask(deps, "command", "5985", { shareable: true });
    expect(ask(deps, "command", "5985", { shareable: true })).toBe(first);
    expect(answers.size.entries).toBe(1);
    const { deps: uncached } = depsWith();
    const alone = ask(uncached, "command", "5985", { shareable: true });
    expect(alone).toEqual(first);
    expect(ask(uncached, "command", "5985", { shareable: true })).not.toBe(alone);
  });

  it("keeps answers shared by different people apart", () => {
    const answers = new AnswerCache();
    const { deps } = depsWith({ answers });
    const byOne = JSON.stringify(ask(deps, "share", "5985", { shareable: false, sharedBy: "U0AAAAAAA" }));
    const byOther = JSON.stringify(ask(deps, "share", "5985", { shareable: false, sharedBy: "U0BBBBBBB" }));
    expect(byOne).toContain("U0AAAAAAA");
    expect(byOther).toContain("U0BBBBBBB");
    expect(byOther).not.toContain("U0AAAAAAA");
    expect(answers.size.entries).toBe(2);
  });
});

describe("ask: the offer to check an instance", () => {
  it.each([
    [`why can't I reach 5986 on ${INSTANCE}`, { i: INSTANCE, p: 5986, t: "tcp" }],
    [`snmp udp 161 on ${INSTANCE} is silent`, { i: INSTANCE, p: 161, t: "udp" }],
    [`${INSTANCE} 53 tcp udp`, { i: INSTANCE, p: 53, t: "tcp" }],
  ])("offers a check for one instance and one port: %s", (question, offer) => {
    const { deps } = depsWith({ checks });
    expect(offerOf(ask(deps, "mention", question, { shareable: true }))).toEqual(offer);
  });

  it.each([
    [`${INSTANCE} 5985 and 5986`, "two ports"],
    [`${INSTANCE} 5985-5986`, "a range"],
    [`${INSTANCE} winrm`, "no port written"],
    ["why can't I reach 5986", "no instance"],
  ])("offers none for %s (%s)", (question) => {
    const { deps } = depsWith({ checks });
    const message = ask(deps, "mention", question, { shareable: true });
    expect(offerOf(message)).toBeUndefined();
    expect(message.blocks.length).toBeGreaterThan(0);
  });

  it("offers none while checks are off", () => {
    const { deps } = depsWith();
    expect(offerOf(ask(deps, "mention", `why can't I reach 5986 on ${INSTANCE}`, { shareable: true }))).toBeUndefined();
  });
});

describe("logRequest", () => {
  it("logs the kind, the query cut to 200 characters, the results and the time in ms to two decimals", () => {
    const { deps, lines } = depsWith();
    const long = "x".repeat(300);
    logRequest(deps, "dm", long, 3, performance.now() - 1_500);
    logRequest(deps, "dm", "y".repeat(200), 0, performance.now());
    const [cut, whole] = lines;
    expect(cut).toMatchObject({ msg: "request", level: "info", kind: "dm", results: 3, query: `${"x".repeat(200)}…` });
    expect(whole?.query).toBe("y".repeat(200));
    const ms = cut?.ms as number;
    expect(ms).toBeGreaterThanOrEqual(1_500);
    expect(ms).toBeLessThan(60_000);
    expect(Math.abs(ms * 100 - Math.round(ms * 100))).toBeLessThan(1e-6);
  });

  it("counts each request by outcome and observes its time in seconds", async () => {
    const { deps, metrics } = depsWith();
    logRequest(deps, "command", "help", "help", performance.now());
    logRequest(deps, "command", "nothing", 0, performance.now());
    logRequest(deps, "mention", "5985", 2, performance.now() - 2_000);
    const requests = await counter(metrics, "amiport_requests_total");
    expect(requests).toEqual({
      "amiport_requests_total{kind=command,outcome=help}": 1,
      "amiport_requests_total{kind=command,outcome=no_match}": 1,
      "amiport_requests_total{kind=mention,outcome=answered}": 1,
    });
    const seconds = await counter(metrics, "amiport_answer_seconds");
    const mention = seconds["amiport_answer_seconds_sum{kind=mention}"] as number;
    expect(mention).toBeGreaterThanOrEqual(2);
    expect(mention).toBeLessThan(60);
  });
});

describe("guarded", () => {
  const slackRefused = Object.assign(new Error("An API error occurred: channel_not_found"), {
    code: "slack_webapi_platform_error",
  });

  it("runs the work and sends nothing more when it succeeds", async () => {
    const { deps, lines } = depsWith();
    const replies: SlackMessage[] = [];
    let ran = false;
    await guarded(
      deps,
      "mention",
      async (m) => replies.push(m),
      async () => {
        ran = true;
      },
    );
    expect(ran).toBe(true);
    expect(replies).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("apologises once when the work fails, logs the error and counts the failure", async () => {
    const { deps, lines, metrics } = depsWith();
    const replies: SlackMessage[] = [];
    await guarded(
      deps,
      "mention",
      async (m) => replies.push(m),
      async () => {
        throw new TypeError("boom");
      },
    );
    expect(replies).toEqual([renderErrorMessage()]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", msg: "request failed", kind: "mention", delivery: false });
    expect(String(lines[0]?.error)).toMatch(/^TypeError: boom\n/);
    expect(await counter(metrics, "amiport_requests_total")).toEqual({
      "amiport_requests_total{kind=mention,outcome=failed}": 1,
    });
    expect(await counter(metrics, "amiport_slack_api_errors_total")).toEqual({});
  });

  it("sends no apology when Slack refused the answer, and counts the refusal by the reply's method", async () => {
    const { deps, lines, metrics } = depsWith();
    const replies: SlackMessage[] = [];
    await guarded(
      deps,
      "dm",
      async (m) => replies.push(m),
      async () => {
        throw slackRefused;
      },
    );
    expect(replies).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "request failed", kind: "dm", delivery: true });
    expect(await counter(metrics, "amiport_slack_api_errors_total")).toEqual({
      "amiport_slack_api_errors_total{method=chat.postMessage}": 1,
    });
    expect(await counter(metrics, "amiport_requests_total")).toEqual({ "amiport_requests_total{kind=dm,outcome=failed}": 1 });
  });

  it("logs an apology that failed too, and still returns", async () => {
    const { deps, lines } = depsWith();
    await guarded(
      deps,
      "share",
      async () => {
        throw new RangeError("response_url expired");
      },
      async () => {
        throw new Error("first");
      },
    );
    expect(lines.map((l) => l.msg)).toEqual(["request failed", "apology failed"]);
    expect(lines[1]).toMatchObject({ level: "error", kind: "share" });
    expect(String(lines[1]?.error)).toMatch(/^RangeError: response_url expired\n/);
  });

  it("works without metrics", async () => {
    const { deps } = depsWith({ metrics: undefined });
    const replies: SlackMessage[] = [];
    await guarded(
      deps,
      "command",
      async (m) => replies.push(m),
      async () => {
        throw slackRefused;
      },
    );
    await guarded(
      deps,
      "command",
      async (m) => replies.push(m),
      async () => {
        throw new Error("x");
      },
    );
    expect(replies).toEqual([renderErrorMessage()]);
  });
});

describe("describeError", () => {
  it("gives an Error's name, message and stack, and anything else as a string", () => {
    const error = new SyntaxError("bad");
    expect(describeError(error)).toBe(`SyntaxError: bad\n${error.stack}`);
    const bare = new Error("no stack");
    bare.stack = undefined;
    expect(describeError(bare)).toBe("Error: no stack");
    expect(describeError("a string")).toBe("a string");
    expect(describeError({ code: 7 })).toBe("[object Object]");
    expect(describeError(undefined)).toBe("undefined");
  });
});

describe("AnswerCache: the budget's edges", () => {
  const entry = (query: string, size: number) => ({ message: { text: "x".repeat(size), blocks: [] }, total: 1, query });
  it("counts the key, the query and the message's JSON, two bytes a character", () => {
    const cache = new AnswerCache();
    const value = entry("q".repeat(50), 10);
    cache.set("k", value);
    // the message's JSON, {"text":"xxxxxxxxxx","blocks":[]}, is 33 characters; sized without writing
    // it, a separator counted for each key, 34: 2 × (1 + 50 + 34)
    expect(cache.size).toEqual({ entries: 1, bytes: 170 });
  });

  it("keeps an entry exactly the budget's size, and two that fill it exactly", () => {
    const value = entry("a", 100);
    // key "a", query "a" and {"text":"x…x","blocks":[]}, 123 characters (124 as sized): 2 × (1 + 1 + 124)
    const exact = 252;
    const one = new AnswerCache(10, exact);
    one.set("a", value);
    expect(one.get("a")).toBe(value);
    const two = new AnswerCache(10, 2 * exact);
    two.set("a", value);
    const other = entry("b", 100);
    two.set("b", other);
    expect(two.get("a")).toBe(value);
    expect(two.get("b")).toBe(other);
  });

  it("an entry too large to keep leaves the entries already kept in place", () => {
    const cache = new AnswerCache(10, 2_000);
    const small = entry("s", 10);
    cache.set("s", small);
    cache.set("big", entry("big", 5_000));
    expect(cache.get("s")).toBe(small);
    expect(cache.size.entries).toBe(1);
  });
});
