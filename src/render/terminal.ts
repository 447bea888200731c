/** Rule cards for a terminal: colour on a TTY, plain text otherwise. */
import { styleText } from "node:util";
import {
  type Answer,
  BOTH_LAYERS,
  commandsForPort,
  commandsForRule,
  type NextCommand,
  openingNote,
  type PortAnswer,
  type Rule,
  type RuleBook,
  type RuleMatch,
} from "../core/index.js";
import {
  attributionLine,
  correctionNote,
  describeMatch,
  describePort,
  describeVersions,
  directionWord,
  foundLine,
  keyFact,
  noteText,
  portHeading,
  portsLeftOutLine,
  sourceLabel,
  trafficSummary,
  unopenedFacts,
} from "./facts.js";

/** Rules listed under each port of pasted text that names several. */
export const RULES_PER_PORT = 5;

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

export const plain: Paint = (_style, text) => text;
// The caller decides when to colour (TTY, NO_COLOR, --no-color), so styleText must not second-guess it.
export const colour: Paint = (style, text) => styleText(style, text, { validateStream: false });

export interface TerminalOptions {
  /** Show the commands to run next under each card (`--commands`). */
  readonly commands?: boolean;
}

const PURPOSE_LABELS: Readonly<Record<NextCommand["purpose"], string>> = { check: "check", test: "test", open: "open" };

function commandLines(commands: readonly NextCommand[], paint: Paint): string[] {
  return commands.map((c) => `    ${paint("dim", `${PURPOSE_LABELS[c.purpose]} (${c.shell}):`)} ${c.command}`);
}

export function renderRuleCard(match: RuleMatch, book: RuleBook, paint: Paint = plain, options: TerminalOptions = {}): string {
  const { rule } = match;
  const lines = [
    paint("bold", rule.rule),
    `  ${keyFact(rule, book).replace(trafficSummary(rule), paint("cyan", trafficSummary(rule)))}`,
    `  local ${describePort(rule.local.text)} · remote ${describePort(rule.remote.text)} · ${rule.protocol} · ${directionWord(rule.direction)}`,
  ];
  if (rule.definition) lines.push(`  ${rule.definition}`);
  const correction = correctionNote(rule);
  if (correction) lines.push(`  ${paint("yellow", `Corrected: ${correction}`)}`);
  for (const note of rule.notes) lines.push(`  Note: ${noteText(note)}`);
  lines.push(paint("dim", `  ${rule.section} · ${sourceLabel(rule.source)} · ${rule.url}`));
  const reasons = match.matched.filter((m) => m.by !== "filters").map(describeMatch);
  lines.push(paint("dim", `  id ${rule.id}${reasons.length ? ` · matched ${reasons.join("; ")}` : ""}`));
  if (options.commands) {
    lines.push("  Commands:", ...commandLines(commandsForRule(rule), paint));
    const note = openingNote(rule);
    if (note) lines.push(`    ${note}`);
  }
  return lines.join("\n");
}

export function renderAnswer(answer: Answer, book: RuleBook, paint: Paint = plain, options: TerminalOptions = {}): string {
  const parts = [paint("dim", `Understood: ${answer.understood.summary}`)];
  const found = foundLine(answer.found);
  if (found) parts.push(found);
  for (const fact of unopenedFacts(answer.unopened, answer.registered)) {
    const lines = [fact.text];
    if (options.commands) {
      lines.push(
        ...commandLines(
          fact.protocols.flatMap((protocol) => commandsForPort(fact.port, protocol)),
          paint,
        ),
        `    ${BOTH_LAYERS}`,
      );
    }
    parts.push(lines.join("\n"));
  }
  if (answer.byPort.length > 0) return renderByPort(answer, book, paint, parts);
  for (const notice of answer.notices) {
    const offer = notice.offer ? `\n${paint("dim", `Try: amiport ${notice.offer.question}`)}` : "";
    parts.push(`${paint(answer.results.length ? "yellow" : "red", notice.text)}${offer}`);
  }
  if (answer.results.length > 0) {
    parts.push(answer.results.map((r) => renderRuleCard(r, book, paint, options)).join("\n\n"));
    const shown = answer.results.length;
    if (shown < answer.total)
      parts.push(paint("dim", `${shown} of ${answer.total} rules shown; --limit ${answer.total} shows them all.`));
    parts.push(paint("dim", attributionLine(book)));
  }
  return `${parts.join("\n\n")}\n`;
}

/** Pasted text naming several ports: each port with its rules in one line each. */
function renderByPort(answer: Answer, book: RuleBook, paint: Paint, parts: string[]): string {
  for (const notice of answer.notices) parts.push(paint("yellow", notice.text));
  for (const group of answer.byPort) parts.push(renderPortGroup(group, book, paint));
  const leftOut = portsLeftOutLine(answer);
  if (leftOut) parts.push(paint("dim", leftOut));
  parts.push(paint("dim", attributionLine(book)));
  return `${parts.join("\n\n")}\n`;
}

function renderPortGroup(group: PortAnswer, book: RuleBook, paint: Paint): string {
  const lines = [paint("bold", portHeading(group))];
  for (const notice of group.notices) lines.push(`  ${paint(group.results.length ? "yellow" : "red", notice.text)}`);
  for (const { rule } of group.results.slice(0, RULES_PER_PORT)) {
    lines.push(`  • ${rule.rule}: ${paint("cyan", trafficSummary(rule))} · ${describeVersions(rule.os, book.operatingSystems)}`);
  }
  if (group.results.length > RULES_PER_PORT) {
    lines.push(paint("dim", `  …and ${group.results.length - RULES_PER_PORT} more; amiport ${group.port} shows them all.`));
  }
  return lines.join("\n");
}

export function renderRuleList(
  rules: readonly Rule[],
  book: RuleBook,
  paint: Paint = plain,
  options: TerminalOptions = {},
): string {
  const cards = rules.map((rule) => renderRuleCard({ rule, matched: [{ by: "filters" }] }, book, paint, options));
  return `${cards.join("\n\n")}\n\n${paint("dim", attributionLine(book))}\n`;
}
