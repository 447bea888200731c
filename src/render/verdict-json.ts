/** A check as one JSON object for scripts; the README documents these fields. */
import type { CheckReport } from "../core/reachability/index.js";

export interface VerdictJson {
  readonly instance: string;
  readonly port: number;
  readonly protocol: string;
  readonly from: string;
  readonly verdict: "open" | "blocked" | "unknown";
  readonly layers: readonly { layer: string; verdict: string; cite: string; reason: string; fix?: string }[];
  readonly defaults: readonly { rule: string; ports: string; os: readonly string[] }[];
  readonly fix: string | null;
}

export function verdictToJson(report: CheckReport): VerdictJson {
  return {
    instance: report.instance,
    port: report.port,
    protocol: report.protocol,
    from: report.from,
    verdict: report.verdict,
    layers: report.layers.map(({ layer, verdict, cite, reason, fix }) => ({
      layer,
      verdict,
      cite,
      reason,
      ...(fix ? { fix } : {}),
    })),
    defaults: report.defaults.map(({ rule, ports, os }) => ({ rule, ports, os })),
    fix: report.fix ?? null,
  };
}
