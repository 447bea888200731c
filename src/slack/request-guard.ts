/**
 * The door in front of Bolt's HTTP receiver. Every byte from the network is hostile until its
 * signature is checked, so a request is refused on its headers alone when they cannot be Slack's
 * (no well-formed signature, a timestamp outside Slack's five minutes either way, a body larger than
 * Slack sends), its body is read with a size cap and a deadline, and only then is the signature
 * verified and the body's shape checked. Bolt receives the verified bytes and never reads the socket.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuerystring } from "node:querystring";
import { HTTPModuleFunctions, LogLevel } from "@slack/bolt";
import type { ServedSignatureStore } from "../store/index.js";
import type { AppLogger } from "./logger.js";

export const REQUEST_LIMITS = {
  /** Slack's payloads stay far below this; a view or a message with 50 full blocks is ~200 KB. */
  maxBodyBytes: 512 * 1024,
  /** From the end of the headers to the last byte of the body. */
  bodyTimeoutMs: 5_000,
  /** Slack's rule: |now - X-Slack-Request-Timestamp| <= 5 minutes. */
  timestampSkewSeconds: 5 * 60,
  /** An `ssl_check=1&token=…` probe is the only request Slack may send unsigned; it is tiny. */
  maxUnsignedBodyBytes: 256,
  /** Signatures already served, kept for the timestamp window so a replayed request is not served twice. */
  replayMemory: 50_000,
} as const;

export type Refusal =
  | "unsigned"
  | "malformed-signature"
  | "stale-timestamp"
  | "future-timestamp"
  | "too-large"
  | "slow-body"
  | "forged"
  | "bad-body"
  | "replayed";

/** What the guard says of one request: go on with the verified body, or it has answered already. */
export type Admission = { readonly ok: true; readonly rawBody: Buffer } | { readonly ok: false; readonly refusal: Refusal };

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const SUMMARY_INTERVAL_MS = 10_000;
const BODY_READ = true;
/** After the shared memory of served signatures failed, how long requests go without asking it. */
const SHARED_RETRY_MS = 5000;

export interface RequestGuardOptions {
  readonly signingSecret: string;
  readonly logger: AppLogger;
  readonly now?: () => number;
  /** How often at most refused requests are summed up in one log line. */
  readonly summaryIntervalMs?: number;
  readonly bodyTimeoutMs?: number;
  /** With a database: the signatures every replica has served, so a replay to another replica is refused too. */
  readonly served?: ServedSignatureStore;
}

export class RequestGuard {
  /** Refused requests since start, by reason: for metrics and tests. */
  readonly refused: Record<Refusal, number> = {
    unsigned: 0,
    "malformed-signature": 0,
    "stale-timestamp": 0,
    "future-timestamp": 0,
    "too-large": 0,
    "slow-body": 0,
    forged: 0,
    "bad-body": 0,
    replayed: 0,
  };
  private readonly sinceSummary = new Map<Refusal, number>();
  private summaryTimer: NodeJS.Timeout | undefined;
  private readonly served = new Map<string, number>();
  /** While the shared memory cannot answer, it is not asked before this time. */
  private sharedRetryAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: RequestGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Reads and verifies one request to the events endpoint. When it refuses, it has already
   * answered (401, 400, 408 or 413) and, where the body was not read, closed the connection.
   */
  async admit(req: IncomingMessage, res: ServerResponse): Promise<Admission> {
    const early = this.checkHeaders(req);
    if (early === "unsigned" && this.mayBeSslCheck(req)) {
      const body = await this.readBody(req, REQUEST_LIMITS.maxUnsignedBodyBytes);
      if (!body.ok) return this.refuse(res, body.refusal);
      if (parseQuerystring(body.rawBody.toString("latin1")).ssl_check !== "1") return this.refuse(res, "unsigned", BODY_READ);
      // Bolt answers the probe; nothing else of an unsigned body goes further
      const probe = Buffer.from("ssl_check=1");
      Object.assign(req, { rawBody: probe });
      return { ok: true, rawBody: probe };
    }
    if (early) return this.refuse(res, early);

    const read = await this.readBody(req, REQUEST_LIMITS.maxBodyBytes);
    if (!read.ok) return this.refuse(res, read.refusal);
    const signature = req.headers["x-slack-signature"] as string;
    const timestamp = req.headers["x-slack-request-timestamp"] as string;
    if (!this.signatureMatches(signature, timestamp, read.rawBody)) return this.refuse(res, "forged", BODY_READ);
    if (!hasObjectBody(req, read.rawBody)) return this.refuse(res, "bad-body", BODY_READ);
    if (!(await this.firstServing(signature))) return this.refuse(res, "replayed", BODY_READ);
    return read;
  }

  /** Signatures remembered against replays (one per request served in the last ten minutes, at most REQUEST_LIMITS.replayMemory). */
  get rememberedSignatures(): number {
    return this.served.size;
  }

  /** Writes the last summary, e.g. on stop. */
  flush(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    this.writeSummary();
  }

  private checkHeaders(req: IncomingMessage): Refusal | undefined {
    const signature = req.headers["x-slack-signature"];
    const timestamp = req.headers["x-slack-request-timestamp"];
    if (signature === undefined && timestamp === undefined) return "unsigned";
    if (typeof signature !== "string" || typeof timestamp !== "string") return "malformed-signature";
    if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return "malformed-signature";
    const skew = Number(timestamp) - Math.floor(this.now() / 1000);
    if (skew < -REQUEST_LIMITS.timestampSkewSeconds) return "stale-timestamp";
    if (skew > REQUEST_LIMITS.timestampSkewSeconds) return "future-timestamp";
    const length = req.headers["content-length"];
    if (length !== undefined && !(Number(length) <= REQUEST_LIMITS.maxBodyBytes)) return "too-large";
    return undefined;
  }

  private mayBeSslCheck(req: IncomingMessage): boolean {
    const length = Number(req.headers["content-length"]);
    return (
      req.headers["content-type"] === "application/x-www-form-urlencoded" &&
      length > 0 &&
      length <= REQUEST_LIMITS.maxUnsignedBodyBytes
    );
  }

  private readBody(req: IncomingMessage, limit: number): Promise<Admission> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (result: Admission) => {
        clearTimeout(timer);
        req.removeListener("data", onData);
        req.removeListener("end", onEnd);
        req.removeListener("error", onError);
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          req.pause();
          finish({ ok: false, refusal: "too-large" });
        } else chunks.push(chunk);
      };
      const onEnd = () => finish({ ok: true, rawBody: Buffer.concat(chunks, size) });
      const onError = () => finish({ ok: false, refusal: "slow-body" });
      const timer = setTimeout(() => {
        req.pause();
        finish({ ok: false, refusal: "slow-body" });
      }, this.options.bodyTimeoutMs ?? REQUEST_LIMITS.bodyTimeoutMs);
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
    });
  }

  private signatureMatches(signature: string, timestamp: string, body: Buffer): boolean {
    const expected = createHmac("sha256", this.options.signingSecret).update(`v0:${timestamp}:`).update(body).digest();
    return timingSafeEqual(expected, Buffer.from(signature.slice(3), "hex"));
  }

  /**
   * True the first time a signature is served, by this replica and (with a database) by any; a
   * replay within Slack's five minutes is not served again. A database that cannot answer leaves
   * this replica's own memory, and is asked again only after a pause, so an outage costs no waits.
   */
  private async firstServing(signature: string): Promise<boolean> {
    if (!this.firstServingHere(signature)) return false;
    if (!this.options.served || this.now() < this.sharedRetryAt) return true;
    try {
      return await this.options.served.firstServing(signature);
    } catch {
      this.sharedRetryAt = this.now() + SHARED_RETRY_MS;
      return true;
    }
  }

  private firstServingHere(signature: string): boolean {
    const time = this.now();
    const expires = this.served.get(signature);
    if (expires !== undefined && expires > time) return false;
    this.served.set(signature, time + 2 * REQUEST_LIMITS.timestampSkewSeconds * 1000);
    if (this.served.size > REQUEST_LIMITS.replayMemory) {
      for (const [key, until] of this.served) {
        if (until <= time || this.served.size > REQUEST_LIMITS.replayMemory) this.served.delete(key);
        else break;
      }
    }
    return true;
  }

  private refuse(res: ServerResponse, refusal: Refusal, bodyRead = false): Admission {
    this.refused[refusal] += 1;
    this.sinceSummary.set(refusal, (this.sinceSummary.get(refusal) ?? 0) + 1);
    this.summaryTimer ??= setTimeout(() => {
      this.summaryTimer = undefined;
      this.writeSummary();
    }, this.options.summaryIntervalMs ?? SUMMARY_INTERVAL_MS).unref();
    // A body that was not read is not drained: that connection goes with the answer. One whose body
    // was read may stay open, as Slack's own connections do (a reconnect costs more than the refusal).
    res.writeHead(STATUS[refusal], bodyRead ? {} : { Connection: "close" });
    res.end();
    return { ok: false, refusal };
  }

  private writeSummary(): void {
    if (this.sinceSummary.size === 0) return;
    const counts = Object.fromEntries(this.sinceSummary);
    this.sinceSummary.clear();
    this.options.logger.event(LogLevel.WARN, "requests refused", { counts });
  }
}

const STATUS: Readonly<Record<Refusal, number>> = {
  unsigned: 401,
  "malformed-signature": 401,
  "stale-timestamp": 401,
  "future-timestamp": 401,
  forged: 401,
  "too-large": 413,
  "slow-body": 408,
  "bad-body": 400,
  // a replay was served once already; the copy gets an empty success so nobody retries it
  replayed: 200,
};

/** Slack's bodies are JSON objects, or forms whose `payload` (if any) is a JSON object. */
function hasObjectBody(req: IncomingMessage, rawBody: Buffer): boolean {
  try {
    const parsed: unknown = HTTPModuleFunctions.parseHTTPRequestBody(Object.assign(req, { rawBody }));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
