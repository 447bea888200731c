/** The sentences a check's answer shares across the terminal, Slack and JSON. */
import type { RuleBook } from "../core/index.js";
import type { CheckReport, LayerVerdict } from "../core/reachability/index.js";
import { describeVersions } from "./facts.js";

export const VERDICT_WORD: Readonly<Record<CheckReport["verdict"], string>> = {
  open: "OPEN",
  blocked: "BLOCKED",
  unknown: "UNKNOWN",
};

export const LAYER_MARK: Readonly<Record<LayerVerdict["verdict"], string>> = { pass: "✓", blocked: "✗", unknown: "?" };

export function checkHeadline(report: CheckReport): string {
  return `${report.instance} ${report.protocol} ${report.port} from ${report.from}: ${VERDICT_WORD[report.verdict]}`;
}

/** What a default Windows AMI does for this port, from amiport's data. */
export function defaultsLine(report: CheckReport, book: RuleBook): string {
  if (report.defaults.length === 0) return `No default rule of a Windows AMI opens ${report.protocol} ${report.port}.`;
  const rules = report.defaults.map(
    (d) => `${d.rule} opens ${report.protocol} ${d.ports} (${describeVersions(d.os, book.operatingSystems)})`,
  );
  return `On a default Windows AMI, ${[...new Set(rules)].join("; ")}.`;
}
