/** The plain-text report of `npm run data:refresh`: what a saved copy of the AWS page changes in data/. */
import type { RefreshDiff, RuleFieldChange, RuleSummary } from "../core/page-refresh.js";

function shortVersions(os: readonly string[]): string {
  return os.length === 0 ? "versions not stated" : os.map((name) => name.replace(/^Windows Server /, "")).join(", ");
}

function ruleLine(mark: string, rule: RuleSummary): string {
  const ports = `local ${rule.local ?? "-"}, remote ${rule.remote ?? "-"}`;
  return `  ${mark} ${rule.id}: ${rule.section} · ${rule.rule} · ${rule.protocol} ${rule.direction} · ${ports} · ${shortVersions(rule.os)}`;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${shortVersions(value as string[])}]`;
  return value === null || value === undefined ? "(empty)" : JSON.stringify(value);
}

function changeLine(change: RuleFieldChange): string {
  const parts = change.fields.map((f) => `${f} ${shown(change.before[f])} -> ${shown(change.after[f])}`);
  return `  ~ ${change.id}: ${parts.join("; ")}`;
}

function listBlock(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`${title} (${lines.length}):`, ...lines];
}

export function renderRefreshText(diff: RefreshDiff, differs: boolean): string {
  const counts = new Map<string, string[]>();
  for (const c of diff.corrections) counts.set(c.status, [...(counts.get(c.status) ?? []), c.id]);
  const lines = [
    ...listBlock(
      "Rules added",
      diff.rules.added.map((r) => ruleLine("+", r)),
    ),
    ...listBlock(
      "Rules removed",
      diff.rules.removed.map((r) => ruleLine("-", r)),
    ),
    ...listBlock("Rules changed", diff.rules.changed.map(changeLine)),
    ...listBlock(
      "Sections added",
      diff.sections.added.map((s) => `  + ${s}`),
    ),
    ...listBlock(
      "Sections removed",
      diff.sections.removed.map((s) => `  - ${s}`),
    ),
    ...listBlock(
      "Windows Server versions added",
      diff.versions.added.map((v) => `  + ${v}`),
    ),
    ...listBlock(
      "Windows Server versions removed",
      diff.versions.removed.map((v) => `  - ${v}`),
    ),
    ...listBlock(
      "Corrections AWS has fixed (dropped on --write)",
      (counts.get("fixed-upstream") ?? []).map((id) => `  ${id}`),
    ),
    ...listBlock(
      "Corrections whose AWS value changed (review them)",
      (counts.get("source-changed") ?? []).map((id) => `  ${id}`),
    ),
    ...(diff.order.rules ? ["Rules stand in another order on the page (--write takes the page's order)."] : []),
    ...(diff.order.sections
      ? ["Sections stand in another order, or have other anchors, on the page (--write takes the page's)."]
      : []),
    ...listBlock(
      "Lines that look like rules but cannot be read",
      diff.unreadable.map((l) => `  ${l}`),
    ),
  ];
  const stillNeeded = counts.get("still-needed")?.length ?? 0;
  const summary = [
    `${stillNeeded} of amiport's corrections still needed.`,
    ...(diff.notCompared.sections.length > 0
      ? [
          `Not compared: this copy of the page does not carry the tables of ${diff.notCompared.sections.join(", ")}; ` +
            `${diff.notCompared.rules} rules of those sections are left as they are.`,
        ]
      : []),
  ];
  const head = differs
    ? "The page differs from data/ (+ on the page only, - in data/ only, ~ data/ -> page):"
    : "No differences between the page and data/.";
  return `${[head, ...lines, ...summary].join("\n")}\n`;
}
