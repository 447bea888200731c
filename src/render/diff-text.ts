/** A comparison of two Windows Server versions for a terminal: counts, then the differences by section. */
import { diffBySection, type Rule, type RuleBook, type VersionDiff } from "../core/index.js";
import {
  attributionLine,
  correctionNote,
  describeChange,
  diffCounts,
  diffTitle,
  noteText,
  trafficSummary,
  unstatedNote,
} from "./facts.js";
import type { Paint } from "./terminal.js";

function ruleLines(mark: string, rule: Rule, detail: string, paint: Paint): string[] {
  const correction = correctionNote(rule);
  return [
    `  ${mark} ${rule.rule}  ${paint("cyan", detail)}`,
    ...(correction ? [`      ${paint("yellow", `Corrected: ${correction}`)}`] : []),
    ...rule.notes.map((note) => `      Note: ${noteText(note)}`),
  ];
}

export function renderDiff(diff: VersionDiff, book: RuleBook, paint: Paint): string {
  const parts = [paint("bold", diffTitle(diff)), diffCounts(diff)];
  for (const group of diffBySection(book, diff)) {
    parts.push(
      [
        paint("bold", group.section),
        ...group.added.flatMap((r) => ruleLines("+", r, trafficSummary(r), paint)),
        ...group.removed.flatMap((r) => ruleLines("-", r, trafficSummary(r), paint)),
        ...group.changed.flatMap((c) => ruleLines("~", c.after, `${trafficSummary(c.after)} (${describeChange(c)})`, paint)),
      ].join("\n"),
    );
  }
  const unstated = unstatedNote(diff);
  if (unstated) parts.push(paint("dim", `${unstated}\n${diff.unstated.map((r) => `  ? ${r.rule}`).join("\n")}`));
  parts.push(paint("dim", attributionLine(book)));
  return `${parts.join("\n\n")}\n`;
}
