/**
 * Hostile traffic against the real process (dist/main.js, HTTP mode) on loopback: every attack is
 * bounded in count and time. After each, the process is still running, /healthz still answers,
 * and at the end memory and the log are bounded and no secret was written.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  post,
  rawRequest,
  rssMiB,
  settledRssMiB,
  signedHeaders,
  slowBody,
  statusOf,
  whileProbingHealth,
} from "../helpers/hostile-client.js";
import { mainCommand } from "../helpers/main-process.js";
import { eventBody, postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";

const BOT = "xoxb-7-7-hostiletestbottoken";
const SECRET = "hostile-test-signing-secret-0123";
const cwd = mkdtempSync(`${tmpdir()}/amiport-hostile-`);
/** The slowest /healthz answer allowed during an attack: far above normal (~1 ms), far below a blocked loop. */
const HEALTH_BOUND_MS = 1000;

let slack: SlackStandIn;
let child: ChildProcess;
let port = 0;
let output = "";
let exitCode: number | null | undefined;
let rssAtStart = 0;
const now = () => Math.floor(Date.now() / 1000);
const lines = () =>
  output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, any>);

beforeAll(async () => {
  slack = await new SlackStandIn().start();
  const main = mainCommand({
    PATH: process.env.PATH ?? "",
    SLACK_BOT_TOKEN: BOT,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_MODE: "http",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: "info",
  });
  child = spawn(process.execPath, main.args, { cwd, env: main.env });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  child.once("exit", (code) => (exitCode = code));
  const until = Date.now() + 10_000;
  while (!/"msg":"started".*"port":(\d+)/.test(output) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  port = Number(/"msg":"started".*"port":(\d+)/.exec(output)?.[1]);
  // warm up, so the first attack is not measured against a cold start
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer());
  rssAtStart = rssMiB(child.pid as number);
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await slack?.stop();
});

/** Runs an attack while probing /healthz, then checks the process is still up and answering. */
async function survive<T>(attack: () => Promise<T>): Promise<T> {
  const { result, statuses, slowestMs } = await whileProbingHealth(port, attack);
  expect(exitCode, `the process exited during the attack:\n${output.slice(-2000)}`).toBeUndefined();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(slowestMs).toBeLessThan(HEALTH_BOUND_MS);
  return result;
}

const eventsUrl = () => `http://127.0.0.1:${port}/slack/events`;

describe("malformed requests", () => {
  it.each([
    "GET //% HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET //[ HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET http://[/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET //a:b@/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST //%/slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    "GET /slack/events HTTP/1.1\r\nHost: [\r\n\r\n",
    "POST /slack/events?%zz HTTP/1.1\r\nHost: \u0000\r\nContent-Length: 0\r\n\r\n",
  ])("answers %j without stopping", async (request) => {
    const answer = await survive(() => rawRequest(port, request));
    expect([400, 401, 404, 405]).toContain(statusOf(answer));
  });

  it.each([
    ["binary", Buffer.from([0, 1, 2, 3, 255, 254, 13, 10, 13, 10]), [400]],
    ["blank lines", "\r\n\r\n\r\n", [0, 400]],
    ["a 100 KB path", `GET /${"a".repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, [0, 400, 431]],
    ["2,000 headers", `POST /slack/events HTTP/1.1\r\nHost: x\r\n${"X-A: b\r\n".repeat(2000)}\r\n`, [0, 400, 401, 431]],
    ["a negative length", "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", [400]],
    [
      "chunked with a length",
      "POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
      [400],
    ],
  ])("answers %s with 4xx or a closed connection", async (_name, attack, expected) => {
    const answer = await survive(() => rawRequest(port, attack));
    expect(expected).toContain(statusOf(answer));
  });
});

describe("signed bodies of odd shapes", () => {
  const signedPost = (body: string, type: string) =>
    rawRequest(port, post("/slack/events", signedHeaders(SECRET, body, String(now())), body, type));

  it.each([
    ["null", "application/json"],
    ["[]", "application/json"],
    ['"text"', "application/json"],
    ["42", "application/json"],
    ["{", "application/json"],
    ["", "application/json"],
    ["payload=null", "application/x-www-form-urlencoded"],
    ["payload=%5B%5D", "application/x-www-form-urlencoded"],
    ["payload=%7B", "application/x-www-form-urlencoded"],
    ["payload=%22x%22", "application/x-www-form-urlencoded"],
  ])("answers %j (%s) with 400", async (body, type) => {
    const answer = await survive(() => signedPost(body, type));
    expect(statusOf(answer)).toBe(400);
  });

  it("passes an empty object to Bolt, which finds no listener for it, without stopping", async () => {
    const body = "{}";
    const answer = await survive(() =>
      rawRequest(port, post("/slack/events", signedHeaders(SECRET, body, String(now())), body, "application/json"), 5000),
    );
    expect(statusOf(answer)).toBe(404);
  });
});

describe("timestamps", () => {
  const command = (text: string, id: string) => slashCommandBody(text, slack.responseUrl(id));
  it.each([
    ["10 minutes ahead", () => String(now() + 600)],
    ["a year ahead", () => String(now() + 365 * 86400)],
    ["10 minutes old", () => String(now() - 600)],
    ["hexadecimal", () => `0x${now().toString(16)}`],
    ["exponent", () => `${now() / 1e9}e9`],
    ["fraction", () => `${now()}.5`],
    ["leading space", () => ` ${now()}`],
    ["negative", () => `-${now()}`],
    ["empty", () => ""],
  ])("refuses a signed request stamped %s with 401 and never answers it", async (_name, stamp) => {
    const id = `stamp-${Math.random().toString(36).slice(2)}`;
    const body = command("5985", id);
    const answer = await survive(() =>
      rawRequest(port, post("/slack/events", signedHeaders(SECRET, body, stamp()), body, "application/x-www-form-urlencoded")),
    );
    expect(statusOf(answer)).toBe(401);
    // a positive marker: a later, valid command is answered, and still nothing reached the forged one's response_url
    const marker = await postSigned(eventsUrl(), command("3389", `${id}-marker`), "application/x-www-form-urlencoded", {
      secret: SECRET,
    });
    expect(marker.status).toBe(200);
    expect(slack.callsTo(`/respond/${id}`)).toEqual([]);
  });

  it("answers a request stamped now", async () => {
    const res = await postSigned(eventsUrl(), command("5985", "fresh"), "application/x-www-form-urlencoded", { secret: SECRET });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/^Windows Remote Management/);
  });
});

describe("Slack markup floods", () => {
  it("answers a mention of 200,000 characters of `<@` in linear time", async () => {
    const text = `<@UBOT0001> 3389 ${"<@".repeat(100_000)}`;
    const event = { type: "app_mention", user: "U0FLOOD", text, ts: "1.000001", channel: "C0FLOOD", event_ts: "1.000001" };
    await survive(async () => {
      const res = await postSigned(eventsUrl(), eventBody("EvFlood1", event), "application/json", { secret: SECRET });
      expect(res.status).toBe(200);
      await slack.waitFor("/api/chat.postMessage", 1, 10_000);
    });
    const post = slack.callsTo("/api/chat.postMessage").find((c) => c.body.channel === "C0FLOOD");
    expect(post?.body.text).toMatch(/^Remote Desktop/);
  });

  it("answers a DM of 40,000 letters (issue 14, defect 1) while /healthz answers", async () => {
    const before = slack.callsTo("/api/chat.postMessage").length;
    const event = {
      type: "message",
      channel_type: "im",
      user: "U0LETTERS",
      text: "a".repeat(40_000),
      ts: "2.000001",
      channel: "D0LETTERS",
      event_ts: "2.000001",
    };
    await survive(async () => {
      const res = await postSigned(eventsUrl(), eventBody("EvLetters1", event), "application/json", { secret: SECRET });
      expect(res.status).toBe(200);
      await slack.waitFor("/api/chat.postMessage", before + 1, 10_000);
    });
    expect(slack.callsTo("/api/chat.postMessage").some((c) => c.body.channel === "D0LETTERS")).toBe(true);
  });

  it("answers a slash command of 100,000 characters of `<#` and `<!`", async () => {
    const text = `rdp ${"<#<!".repeat(25_000)}`;
    const res = await survive(() =>
      postSigned(eventsUrl(), slashCommandBody(text, slack.responseUrl("flood")), "application/x-www-form-urlencoded", {
        secret: SECRET,
      }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { response_type: string }).response_type).toBe("ephemeral");
  });
});

describe("bodies", () => {
  it("refuses a body over the cap with 413, signed or not, before reading it", async () => {
    const head = (signed: boolean) =>
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n${
        signed ? signedHeaders(SECRET, "", String(now())) : ""
      }\r\n`;
    const [signed, unsigned] = await survive(() => Promise.all([rawRequest(port, head(true)), rawRequest(port, head(false))]));
    expect(statusOf(signed)).toBe(413);
    expect(statusOf(unsigned)).toBe(401);
  });

  it("refuses a chunked body that grows past the cap with 413", async () => {
    const chunk = "x".repeat(64 * 1024);
    const chunks = Array.from({ length: 12 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
    const request = `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${signedHeaders(
      SECRET,
      "",
      String(now()),
    )}\r\n${chunks}0\r\n\r\n`;
    expect(statusOf(await survive(() => rawRequest(port, request)))).toBe(413);
  });

  it("cuts slow senders of signed headers after a few seconds, and refuses slow unsigned ones at once", async () => {
    const head = (signed: boolean) =>
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400000\r\n${
        signed ? signedHeaders(SECRET, "", String(now())) : ""
      }\r\n`;
    const results = await survive(() =>
      Promise.all([
        ...Array.from({ length: 20 }, () => slowBody(port, head(true), 15_000)),
        ...Array.from({ length: 20 }, () => slowBody(port, head(false), 15_000)),
      ]),
    );
    const signed = results.slice(0, 20);
    const unsigned = results.slice(20);
    for (const r of signed) {
      expect(statusOf(r.answer)).toBe(408);
      expect(r.ms).toBeLessThan(12_000);
    }
    for (const r of unsigned) expect(statusOf(r.answer)).toBe(401);
  }, 30_000);

  it("keeps memory bounded under 100 slow unsigned 4 MB bodies", async () => {
    const before = rssMiB(child.pid as number);
    const head = `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`;
    // each sender starts its 4 MB and then goes slow; the server must not wait for the rest
    const start = Buffer.concat([Buffer.from(head), Buffer.alloc(256 * 1024, 120)]);
    const answers = await survive(() => Promise.all(Array.from({ length: 100 }, () => rawRequest(port, start, 3000))));
    for (const answer of answers) expect(statusOf(answer)).toBe(401);
    const growth = rssMiB(child.pid as number) - before;
    console.log(`RSS growth under 100 slow unsigned 4 MB bodies: ${growth.toFixed(1)} MiB`);
    expect(growth).toBeLessThan(50);
  });
});

describe("floods", () => {
  it("sums up 3,000 unsigned requests in a bounded number of log lines", async () => {
    const linesBefore = output.split("\n").length;
    const refused = await survive(async () => {
      let sent = 0;
      let unauthorized = 0;
      const request = post("/slack/events", "", "{}");
      const worker = async () => {
        while (sent < 3000) {
          sent += 1;
          if (statusOf(await rawRequest(port, request)) === 401) unauthorized += 1;
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      return unauthorized;
    });
    expect(refused).toBeGreaterThanOrEqual(3000);
    // a summary at most every 10 s: this flood takes a few seconds, so at most two lines
    const added = output
      .split("\n")
      .slice(linesBefore)
      .filter((l) => l.includes('"level":"warn"'));
    expect(added.length).toBeLessThanOrEqual(2);
  }, 60_000);

  it("does not serve a replayed signed request twice", async () => {
    const body = slashCommandBody("5985", slack.responseUrl("replay"));
    const headers = signedHeaders(SECRET, body, String(now()));
    const first = await rawRequest(port, post("/slack/events", headers, body, "application/x-www-form-urlencoded"));
    const replay = await rawRequest(port, post("/slack/events", headers, body, "application/x-www-form-urlencoded"));
    expect(statusOf(first)).toBe(200);
    expect(first).toContain("Windows Remote Management");
    expect(statusOf(replay)).toBe(200);
    expect(replay).not.toContain("Windows Remote Management");
  });

  it("keeps memory bounded under five batches of 60 signed questions of 400 KB each", async () => {
    const batch = async (round: number) => {
      for (let i = 0; i < 60; i++) {
        const text = `${round}-${i} ${"rdp winrm smb dns ".repeat(22_000)}`.slice(0, 400_000);
        const res = await postSigned(
          eventsUrl(),
          slashCommandBody(text, slack.responseUrl(`big-${round}-${i}`)),
          "application/x-www-form-urlencoded",
          { secret: SECRET },
        );
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      return settledRssMiB(child.pid as number);
    };
    const before = await settledRssMiB(child.pid as number);
    const first = await batch(1);
    for (let round = 2; round <= 4; round++) await batch(round);
    const last = await batch(5);
    console.log(
      `RSS under 400 KB questions: +${(first - before).toFixed(1)} MiB after 60, +${(last - first).toFixed(1)} MiB over the next 240`,
    );
    // The first batch grows V8's heap spaces (in process, the heap after a full GC grows 14 MiB and
    // then stays flat); answers keyed on whole questions would keep ~48 MiB more with every batch,
    // about 190 MiB over the next four. Without such a leak the RSS over two batches moved from -37
    // to +99 MiB under the full suite (when the collector runs is not ours to choose), so each
    // reading is the least over two seconds, four batches are measured, and the bound sits between.
    expect(first - before).toBeLessThan(150);
    expect(last - first).toBeLessThan(140);
  }, 120_000);
});

describe("after every attack", () => {
  it("is still running, logged no secret, and its memory stayed bounded", async () => {
    expect(exitCode).toBeUndefined();
    // the least of readings over two seconds, as under the 400 KB questions: one reading taken
    // before a pending collection ran measured 160 MiB on a machine at load 26, the next run 53
    let rss = await settledRssMiB(child.pid as number);
    // over the bound, read for ten seconds more: V8 gives back garbage's pages some seconds after the
    // last request (two CI runs on a fresh clone read +149 and +156 MiB at two seconds); a leak stays
    if (rss - rssAtStart >= 150) rss = Math.min(rss, await settledRssMiB(child.pid as number, 50));
    console.log(`RSS at start ${rssAtStart.toFixed(1)} MiB, after the hostile suite ${rss.toFixed(1)} MiB`);
    expect(rss - rssAtStart).toBeLessThan(150);
    expect(output).not.toContain(BOT);
    expect(output).not.toContain(SECRET);
    expect(lines().every((l) => typeof l.level === "string")).toBe(true);
  });

  it("stops on SIGTERM with exit 0 and a summary of what it refused", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const summaries = lines().filter((l) => l.msg === "requests refused");
    const total = (key: string) => summaries.reduce((sum, l) => sum + (l.counts?.[key] ?? 0), 0);
    expect(total("unsigned")).toBeGreaterThanOrEqual(3000);
    expect(total("future-timestamp")).toBeGreaterThanOrEqual(2);
    expect(total("malformed-signature")).toBeGreaterThanOrEqual(5);
    expect(total("bad-body")).toBeGreaterThanOrEqual(10);
    expect(total("replayed")).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThan(20);
  });
});
