/**
 * 2000 signed slash commands, 16 at a time, against the running app on loopback: the latency of
 * Slack's acknowledgement, which carries the answer. The same load against a Bolt app that answers
 * every command with a fixed card is the floor. Each app runs in its own process.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { REQUEST_LIMITS } from "../src/slack/request-guard.js";
import { postSigned, slashCommandBody } from "../test/helpers/slack-stand-in.js";
import { questions } from "./core.js";
import { formatStats, type Stats, summarize } from "./stats.js";
import { target } from "./targets.js";

export const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-1-2-bench";
export const TOTAL = 2000;
export const CONCURRENCY = 16;
export const ROUNDS = 3;
const SLACK_DEADLINE_MS = 3000;
/** What an incident channel asks: a few questions, many times. */
export const INCIDENT_MIX = [
  "5985",
  "rdp 2019",
  "what does Windows 2019 need for telemetry",
  "inbound udp 2022",
  "135",
  "remot desktp",
  "8080",
  "smb on 2012 r2",
];
/** Generated questions, most of them asked once: the answer cache seldom helps. */
const VARIED_MIX = [...questions(TOTAL, 7)];

/** Web API stand-in: the apps only call auth.test (and chat.postMessage for events). */
export async function startStandIn(): Promise<{ server: Server; apiUrl: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` };
}

/** Starts `bench/serve.ts <kind>` in its own process and waits for its port. */
export interface Served {
  readonly url: string;
  /** CPU time the app's process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** The app's RSS and JavaScript heap after a full collection, in bytes, and the signatures its guard remembers. */
  memory(): Promise<{ readonly rss: number; readonly heap: number; readonly signatures: number }>;
  stop(): Promise<void>;
}

/** `env` adds to (or, set to "", removes from) the app's environment. */
export async function serve(kind: "amiport" | "floor", apiUrl: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      // `BENCH_CPU_PROFILE=<dir> npm run bench -- http`: a CPU profile of each app under load
      ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
      "--import",
      "tsx",
      fileURLToPath(new URL("./serve.ts", import.meta.url)),
      kind,
    ],
    {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        PORT: "0",
        SLACK_API_URL: apiUrl,
        LOG_LEVEL: "error",
        ...env,
      },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  const waitFor = async (pattern: RegExp): Promise<string> => {
    while (!pattern.test(out)) {
      if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const match = pattern.exec(out) as RegExpExecArray;
    out = out.slice(match.index + match[0].length);
    return match[1] as string;
  };
  const port = Number(await waitFor(/listening (\d+)\n/));
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    cpuMicros: async () => {
      child.stdin.write("cpu\n");
      return Number(await waitFor(/cpu (\d+)\n/));
    },
    memory: async () => {
      child.stdin.write("memory\n");
      const [rss, heap, signatures] = (await waitFor(/memory (\d+ \d+ \d+)\n/)).split(" ").map(Number) as [
        number,
        number,
        number,
      ];
      return { rss, heap, signatures };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function pooled(runs: readonly Stats[]): Stats {
  return summarize(
    runs.flatMap((r) => r.samplesMs),
    runs.reduce((sum, r) => sum + r.wallMs, 0),
  );
}

/**
 * Sends `count` requests, CONCURRENCY at a time, each made by `send(i)`; every answer must have
 * `status`. Returns the latencies.
 */
export async function loadConcurrently(count: number, status: number, send: (i: number) => Promise<Response>): Promise<Stats> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const res = await send(i);
      await res.arrayBuffer();
      if (res.status !== status) throw new Error(`HTTP ${res.status} from ${res.url}, expected ${status}`);
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return summarize(samples, performance.now() - started);
}

/** Slack gives every command its own trigger_id; without one, a question asked twice in a second is a replay. */
let triggers = 0;

export function load(eventsUrl: string, count: number, mix: readonly string[]): Promise<Stats> {
  return loadConcurrently(count, 200, (i) =>
    postSigned(
      eventsUrl,
      slashCommandBody(mix[i % mix.length] as string, "http://127.0.0.1:9/unused", {
        trigger_id: `${process.pid}.${++triggers}`,
      }),
      "application/x-www-form-urlencoded",
      {
        secret: SECRET,
      },
    ),
  );
}

const FORGED_TOTAL = 2000;
type ForgedAttack = { readonly headers: Record<string, string>; readonly body: string };
const FORGED_ATTACKS: readonly (readonly [string, ForgedAttack])[] = [
  ["unsigned 64 KB bodies", { headers: {}, body: "x".repeat(64 * 1024) }],
  [
    "forged signatures (fresh timestamp, wrong HMAC, 4 KB body)",
    {
      headers: { "X-Slack-Signature": `v0=${"0".repeat(64)}`, "X-Slack-Request-Timestamp": "" },
      body: "y".repeat(4 * 1024),
    },
  ],
];

/** Sends `count` requests that must be refused (401); returns their latencies. */
function loadForged(eventsUrl: string, count: number, attack: ForgedAttack): Promise<Stats> {
  return loadConcurrently(count, 401, () => {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...attack.headers };
    if ("X-Slack-Request-Timestamp" in headers) headers["X-Slack-Request-Timestamp"] = String(Math.floor(Date.now() / 1000));
    return fetch(eventsUrl, { method: "POST", headers, body: attack.body });
  });
}

/**
 * Runs `run` against amiport and the floor in turn, ROUNDS times each, so neither gets the quieter
 * moments of a shared machine; pools the samples and counts each app's CPU time.
 */
async function alternate(
  amiport: Served,
  floor: Served,
  run: (url: string) => Promise<Stats>,
): Promise<{ a: Stats; f: Stats; cpu: { amiport: number; floor: number } }> {
  const runs = { amiport: [] as Stats[], floor: [] as Stats[] };
  const cpu = { amiport: 0, floor: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, app] of [
      ["amiport", amiport],
      ["floor", floor],
    ] as const) {
      const before = await app.cpuMicros();
      runs[key].push(await run(app.url));
      cpu[key] += (await app.cpuMicros()) - before;
    }
  }
  return { a: pooled(runs.amiport), f: pooled(runs.floor), cpu };
}

export async function benchHttp(): Promise<string[]> {
  const standIn = await startStandIn();
  const amiport = await serve("amiport", standIn.apiUrl);
  const floor = await serve("floor", standIn.apiUrl);
  const floorTwin = await serve("floor", standIn.apiUrl);
  try {
    await load(amiport.url, 500, INCIDENT_MIX);
    await load(floor.url, 500, INCIDENT_MIX);
    await load(floorTwin.url, 500, INCIDENT_MIX);
    const lines = [
      `http: ${TOTAL} signed slash commands, ${CONCURRENCY} at a time, loopback, each app in its own process; ${ROUNDS} alternating runs each, percentiles over all ${ROUNDS * TOTAL} samples`,
    ];
    for (const [name, mix] of [
      ["incident mix (8 questions)", INCIDENT_MIX],
      ["varied mix (2000 generated questions)", VARIED_MIX],
    ] as const) {
      const { a, f, cpu } = await alternate(amiport, floor, (url) => load(url, TOTAL, mix));
      const perRequest = (micros: number) => (micros / (ROUNDS * TOTAL)).toFixed(0);
      lines.push(
        formatStats(`amiport ack, ${name}`, a),
        formatStats("floor ack (fixed card)", f),
        `http: ${name}: CPU per request in the app's process: amiport ${perRequest(cpu.amiport)} µs, floor ${perRequest(cpu.floor)} µs`,
        target(
          `HTTP ${name}, CPU per request / floor`,
          cpu.amiport / cpu.floor,
          1.3,
          "x",
          "CPU time of each app's process over the same load",
        ),
        `http: ${name}: amiport ack p99 / 3000 ms deadline = ${(a.p99Ms / SLACK_DEADLINE_MS).toFixed(4)}; p50 vs floor = ${(a.p50Ms / f.p50Ms).toFixed(2)}x`,
        target(`HTTP ${name}, ack p99 / floor`, a.p99Ms / f.p99Ms, 1.2, "x", `p99 over ${ROUNDS * TOTAL} acks each`),
      );
    }
    // forged traffic: amiport refuses on the headers; plain Bolt reads the body, then verifies it
    for (const [name, attack] of FORGED_ATTACKS) {
      const { a, f, cpu } = await alternate(amiport, floor, (url) => loadForged(url, FORGED_TOTAL, attack));
      const perRequest = (micros: number) => (micros / (ROUNDS * FORGED_TOTAL)).toFixed(0);
      lines.push(
        `http: ${FORGED_TOTAL} ${name}, ${CONCURRENCY} at a time, ${ROUNDS} runs: CPU per request amiport ${perRequest(cpu.amiport)} µs, plain Bolt ${perRequest(cpu.floor)} µs; p99 amiport ${a.p99Ms.toFixed(2)} ms, plain Bolt ${f.p99Ms.toFixed(2)} ms`,
      );
    }
    // the same floor app twice: how far apart two runs of one app land on this machine
    const twin = { a: [] as Stats[], b: [] as Stats[] };
    for (let round = 0; round < ROUNDS; round++) {
      twin.a.push(await load(floor.url, TOTAL, INCIDENT_MIX));
      twin.b.push(await load(floorTwin.url, TOTAL, INCIDENT_MIX));
    }
    const [ta, tb] = [pooled(twin.a), pooled(twin.b)];
    lines.push(
      `http: noise check, floor vs an identical floor: p99 ${(ta.p99Ms / tb.p99Ms).toFixed(2)}x, p50 ${(ta.p50Ms / tb.p50Ms).toFixed(2)}x`,
    );
    return lines;
  } finally {
    await amiport.stop();
    await floor.stop();
    await floorTwin.stop();
    standIn.server.close();
  }
}

const MIB = 1024 * 1024;
const MEMORY_QUESTIONS = 10_000;

/**
 * The Slack app's memory in a fresh process: after start, after 10,000 varied questions (the answer
 * cache and the typed-word cache full by then), and after 10,000 other varied questions, each read
 * after a full collection. Growth between the last two would be a leak: every cache has a bound.
 */
export async function benchMemory(): Promise<string[]> {
  const standIn = await startStandIn();
  const app = await serve("amiport", standIn.apiUrl);
  try {
    const started = await app.memory();
    await load(app.url, MEMORY_QUESTIONS, [...questions(MEMORY_QUESTIONS, 11)]);
    const full = await app.memory();
    await load(app.url, MEMORY_QUESTIONS, [...questions(MEMORY_QUESTIONS, 13)]);
    const after = await app.memory();
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
    return [
      `memory: the Slack app (single workspace), after a full collection each time: RSS ${mib(started.rss)} after start, ` +
        `${mib(full.rss)} after ${MEMORY_QUESTIONS} varied questions, ${mib(after.rss)} after ${MEMORY_QUESTIONS} more; ` +
        `heap ${mib(started.heap)}, ${mib(full.heap)}, ${mib(after.heap)}; the request guard remembers ${full.signatures}, then ${after.signatures} ` +
        `signatures against replays (one per request served in the last ten minutes, at most ${REQUEST_LIMITS.replayMemory}): that table is still filling`,
      target(
        "memory, heap growth over the second 10,000 questions",
        Math.max(0, (after.heap - full.heap) / MIB),
        1,
        "MiB",
        `caches full after the first 10,000; RSS ${after.rss >= full.rss ? "+" : ""}${((after.rss - full.rss) / MIB).toFixed(1)} MiB`,
      ),
    ];
  } finally {
    await app.stop();
    standIn.server.close();
  }
}
