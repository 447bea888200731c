/**
 * Prometheus metrics, served at GET /metrics. Every name starts with `amiport_`; labels take only
 * values from small fixed sets (request kinds, outcomes, method and operation names), never user
 * text or secrets.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DedupeScope } from "../store/index.js";

export type RequestOutcome = "answered" | "no_match" | "help" | "failed";

/** How a `/amiport check` ended: its verdict, or why it did not run. */
export type CheckOutcomeLabel =
  | "open"
  | "blocked"
  | "unknown"
  | "not_found"
  | "failed"
  | "refused"
  | "rate_limited"
  | "invalid"
  | "off";

/** The Slack call each kind of request replies with, for counting Slack's errors by method. */
const REPLY_METHOD: Readonly<Record<string, string>> = {
  command: "ack",
  mention: "chat.postMessage",
  dm: "chat.postMessage",
  more: "response_url",
  share: "response_url",
  shortcut: "response_url",
  commands: "response_url",
  check: "response_url",
  home: "views.publish",
};

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "amiport_requests_total",
    help: "Requests answered, by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly answerSeconds = new Histogram({
    name: "amiport_answer_seconds",
    help: "Time from a request reaching its listener to its answer being ready",
    labelNames: ["kind"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly slackErrors = new Counter({
    name: "amiport_slack_api_errors_total",
    help: "Replies Slack refused or that failed on the way, by method",
    labelNames: ["method"] as const,
    registers: [this.registry],
  });
  private readonly repeats = new Counter({
    name: "amiport_repeat_deliveries_ignored_total",
    help: "Events API deliveries already handled (Slack's retries), not answered again",
    registers: [this.registry],
  });
  private readonly claims = new Counter({
    name: "amiport_reply_claims_total",
    help: "Reply claims taken, by lease: new, or taken over after an earlier claim expired unanswered",
    labelNames: ["lease"] as const,
    registers: [this.registry],
  });
  private readonly confirmed = new Counter({
    name: "amiport_replies_confirmed_total",
    help: "Replies settled, by outcome: accepted by Slack, or refused for good (not sent again)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  private readonly reanswered = new Counter({
    name: "amiport_replies_reanswered_total",
    help: "Requests whose claim had expired unanswered, then answered, by who answered: a retry or the outbox sweep",
    labelNames: ["by"] as const,
    registers: [this.registry],
  });
  private readonly databaseQueries = new Counter({
    name: "amiport_database_queries_total",
    help: "Database round trips, by operation and outcome",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly databaseErrors = new Counter({
    name: "amiport_database_errors_total",
    help: "Database errors, by operation (queries, migrations, cleanup, idle connections)",
    labelNames: ["operation"] as const,
    registers: [this.registry],
  });
  private readonly dedupeShared = new Gauge({
    name: "amiport_dedupe_shared",
    help: "1 while event de-duplication is shared through the database, 0 while it falls back to this process's memory",
    registers: [this.registry],
  });
  private readonly checks = new Counter({
    name: "amiport_checks_total",
    help: "Instance checks (/amiport check), by outcome: the verdict, or why none was given",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  private readonly checkSeconds = new Histogram({
    name: "amiport_check_seconds",
    help: "Time from a check's command to its last answer (VPC and host layers)",
    buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 45],
    registers: [this.registry],
  });
  private readonly installationEvents = new Counter({
    name: "amiport_installation_changes_total",
    help: "Installations stored or removed, by change",
    labelNames: ["change"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "amiport_" });
  }

  /** Adds amiport_database_up, asked of the database at each scrape. */
  watchDatabase(databaseUp: () => Promise<boolean>): void {
    new Gauge({
      name: "amiport_database_up",
      help: "1 when the database answers a trivial query, else 0 (checked at each scrape)",
      registers: [this.registry],
      async collect() {
        this.set((await databaseUp()) ? 1 : 0);
      },
    });
    this.dedupeShared.set(1);
  }

  /** Adds amiport_outbox_depth, asked of the store at each scrape. */
  watchOutbox(depth: () => Promise<number>): void {
    new Gauge({
      name: "amiport_outbox_depth",
      help: "Replies computed and kept in the outbox, not yet accepted by Slack (checked at each scrape)",
      registers: [this.registry],
      async collect() {
        // while the database is away the last value stays; amiport_database_up says why
        await depth().then(
          (n) => this.set(n),
          () => undefined,
        );
      },
    });
  }

  /** Adds amiport_requests_refused_total{reason}: requests the guard refused before Bolt saw them. */
  watchRefusals(refused: Readonly<Record<string, number>>): void {
    new Counter({
      name: "amiport_requests_refused_total",
      help: "Requests refused before Bolt saw them (unsigned, forged, stale, too large, slow, replayed), by reason",
      labelNames: ["reason"] as const,
      registers: [this.registry],
      // the guard keeps the counts; each scrape copies them
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(refused)) this.labels({ reason }).inc(count);
      },
    });
  }

  request(kind: string, outcome: RequestOutcome, seconds?: number): void {
    this.requests.inc({ kind, outcome });
    if (seconds !== undefined) this.answerSeconds.observe({ kind }, seconds);
  }

  check(outcome: CheckOutcomeLabel, seconds?: number): void {
    this.checks.inc({ outcome });
    if (seconds !== undefined) this.checkSeconds.observe(seconds);
  }

  replyFailed(kind: string): void {
    this.slackErrors.inc({ method: REPLY_METHOD[kind] ?? "other" });
  }

  repeatIgnored(): void {
    this.repeats.inc();
  }

  claimTaken(lease: "new" | "expired"): void {
    this.claims.inc({ lease });
  }

  replySettled(outcome: "accepted" | "refused"): void {
    this.confirmed.inc({ outcome });
  }

  replyReanswered(by: "retry" | "sweep"): void {
    this.reanswered.inc({ by });
  }

  databaseQuery(operation: string, outcome: "ok" | "error"): void {
    this.databaseQueries.inc({ operation, outcome });
    if (outcome === "error") this.databaseErrors.inc({ operation });
  }

  databaseError(operation: string): void {
    this.databaseErrors.inc({ operation });
  }

  dedupeScope(scope: DedupeScope): void {
    this.dedupeShared.set(scope === "shared" ? 1 : 0);
  }

  installationChanged(change: "stored" | "uninstalled" | "tokens_revoked"): void {
    this.installationEvents.inc({ change });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
