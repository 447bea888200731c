/** Clients that send what a browser or fetch would refuse to: raw bytes, slow bodies, odd signatures. */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { signature } from "./slack-stand-in.js";

/** Sends raw bytes and collects whatever comes back until the server closes or `waitMs` passes. */
export function rawRequest(port: number, bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, waitMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      answer += chunk;
      if (isComplete(answer)) done();
    });
    socket.on("end", done);
    socket.on("close", done);
    socket.on("error", done);
  });
}

/** Whether a raw HTTP answer with a Content-Length has all its body. */
function isComplete(answer: string): boolean {
  const end = answer.indexOf("\r\n\r\n");
  const length = /\r\ncontent-length: *(\d+)/i.exec(answer.slice(0, end))?.[1];
  return end !== -1 && length !== undefined && answer.length - end - 4 >= Number(length);
}

/** The status code of a raw HTTP answer, or 0 when none came. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** Slack's signature headers as raw header lines, with any timestamp text. */
export function signedHeaders(secret: string, body: string, timestamp: string): string {
  return Object.entries(signature(secret, body, timestamp))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
}

export function post(path: string, headers: string, body: string | Buffer, contentType = "application/json"): Buffer {
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

/**
 * Opens a connection that announces `contentLength` bytes and then sends one byte a second.
 * Resolves with how long the server let it live and what it answered.
 */
export function slowBody(port: number, head: string, maxMs: number): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = "";
    let drip: NodeJS.Timeout | undefined;
    const socket: Socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      drip = setInterval(() => socket.writable && socket.write("x"), 1000);
    });
    const done = () => {
      clearInterval(drip);
      clearTimeout(limit);
      socket.destroy();
      resolve({ ms: Date.now() - started, answer });
    };
    const limit = setTimeout(done, maxMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("close", done);
    socket.on("error", done);
  });
}

/** Resident memory of a process, in MiB (Linux). */
export function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

/**
 * The process's resident memory once it has settled: the least of `samples` readings a fifth of a
 * second apart. A collection that has not run yet lifts one reading, not the least; memory a leak
 * keeps lifts them all.
 */
export async function settledRssMiB(pid: number, samples = 10): Promise<number> {
  let least = rssMiB(pid);
  for (let i = 1; i < samples; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    least = Math.min(least, rssMiB(pid));
  }
  return least;
}

/** Runs `work` while polling `/healthz`; resolves with every poll's status and the slowest poll's time. */
export async function whileProbingHealth<T>(
  port: number,
  work: () => Promise<T>,
): Promise<{ result: T; statuses: number[]; slowestMs: number }> {
  const statuses: number[] = [];
  let slowestMs = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
        statuses.push(res.status);
        await res.arrayBuffer();
      } catch {
        statuses.push(0);
      }
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  try {
    const result = await work();
    // one more probe after the work, so even a short attack is probed while it is handled
    await new Promise((r) => setTimeout(r, 50));
    running = false;
    await probe;
    return { result, statuses, slowestMs };
  } finally {
    running = false;
  }
}
