/**
 * How amiport talks to Slack's Web API and response_url: every call has a deadline and a bounded
 * retry. In an incident a late answer is noise, so a reply gets at most three attempts within about
 * 30 seconds, and a 429 is retried only after its Retry-After (the SDK waits for it).
 */
import { ErrorCode, webApi } from "@slack/bolt";

export interface WebApiPolicy {
  /** Deadline of one HTTP attempt. */
  readonly timeoutMs: number;
  /** Attempts after the first (so attempts = retries + 1). */
  readonly retries: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** No new attempt starts once this much time has passed since the first. */
  readonly maxRetryTimeMs: number;
}

export const WEB_API_POLICY: WebApiPolicy = {
  timeoutMs: 10_000,
  retries: 2,
  minBackoffMs: 1_000,
  maxBackoffMs: 8_000,
  maxRetryTimeMs: 30_000,
};

/** Options for Bolt's WebClient; `fetch` is also what Bolt's `respond()` uses for response_url. */
export function webClientOptions(policy: WebApiPolicy, apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    timeout: policy.timeoutMs,
    retryConfig: {
      retries: policy.retries,
      factor: 2,
      minTimeout: policy.minBackoffMs,
      maxTimeout: policy.maxBackoffMs,
      maxRetryTime: policy.maxRetryTimeMs,
      randomize: true,
    },
    fetch: fetchWithDeadline(policy.timeoutMs),
  };
}

/** `fetch` that gives up after `timeoutMs` unless the caller already set a deadline of its own. */
function fetchWithDeadline(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

/** Whether `error` says the message could not be delivered to Slack (as opposed to a fault of ours). */
export function isDeliveryError(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return (
    (typeof code === "string" && code.startsWith("slack_webapi_")) ||
    code === ErrorCode.RespondError ||
    name === "TimeoutError" ||
    name === "AbortError" ||
    isNetworkFailure(error)
  );
}

/**
 * Node's fetch (what respond() uses for a response_url) rejects a connection refused, reset or not
 * resolved with `TypeError("fetch failed")` and the socket's error as its cause: no code of its own.
 */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === "fetch failed" && error.cause instanceof Error;
}

/**
 * Whether Slack refused the reply for good: the Web API answered `ok: false` (not_in_channel,
 * channel_not_found, invalid_auth…), or response_url answered 4xx other than 429 (expired, used).
 * Sending it again would be refused again; anything else (timeouts, 5xx, 429) may get through later.
 */
export function isRefusedForGood(error: unknown): boolean {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (code === webApi.ErrorCode.PlatformError) return true;
  return (
    code === ErrorCode.RespondError &&
    typeof statusCode === "number" &&
    statusCode >= 400 &&
    statusCode < 500 &&
    statusCode !== 429
  );
}
