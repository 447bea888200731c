/** Rule cards for a terminal: colour on a TTY, plain text otherwise. */
import { styleText } from "node:util";
import type { Answer, Rule, RuleBook, RuleMatch } from "../core/index.js";
import {
  attributionLine,
  correctionNote,
  describeMatch,
  describePort,
  describeVersions,
  directionWord,
  sourceLabel,
  trafficSummary,
} from "./facts.js";

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

export const plain: Paint = (_style, text) => text;
// The caller decides when to colour (TTY, NO_COLOR, --no-color), so styleText must not second-guess it.
export const colour: Paint = (style, text) => styleText(style, text, { validateStream: false });

export function renderRuleCard(match: RuleMatch, book: RuleBook, paint: Paint = plain): string {
  const { rule } = match;
  const lines = [
    paint("bold", rule.rule),
    `  ${paint("cyan", trafficSummary(rule))} · ${describeVersions(rule.os, book.operatingSystems)}`,
    `  local ${describePort(rule.local.text)} · remote ${describePort(rule.remote.text)} · ${rule.protocol} · ${directionWord(rule.direction)}`,
  ];
  if (rule.definition) lines.push(`  ${rule.definition}`);
  const correction = correctionNote(rule);
  if (correction) lines.push(`  ${paint("yellow", `Corrected: ${correction}`)}`);
  for (const note of rule.notes) lines.push(`  Note: ${note}`);
  lines.push(paint("dim", `  ${rule.section} · ${sourceLabel(rule.source)} · ${rule.url}`));
  const reasons = match.matched.filter((m) => m.by !== "filters").map(describeMatch);
  lines.push(paint("dim", `  id ${rule.id}${reasons.length ? ` · matched ${reasons.join("; ")}` : ""}`));
  return lines.join("\n");
}

export function renderAnswer(answer: Answer, book: RuleBook, paint: Paint = plain): string {
  const parts = [paint("dim", `Understood: ${answer.understood.summary}`)];
  for (const notice of answer.notices) parts.push(paint(answer.results.length ? "yellow" : "red", notice.text));
  if (answer.results.length > 0) {
    parts.push(answer.results.map((r) => renderRuleCard(r, book, paint)).join("\n\n"));
    const shown = answer.results.length;
    if (shown < answer.total)
      parts.push(paint("dim", `${shown} of ${answer.total} rules shown; --limit ${answer.total} shows them all.`));
    parts.push(paint("dim", attributionLine(book)));
  }
  return `${parts.join("\n\n")}\n`;
}

export function renderRuleList(rules: readonly Rule[], book: RuleBook, paint: Paint = plain): string {
  const cards = rules.map((rule) => renderRuleCard({ rule, matched: [{ by: "filters" }] }, book, paint));
  return `${cards.join("\n\n")}\n\n${paint("dim", attributionLine(book))}\n`;
}
