/** The port map (one line per protocol, port and direction) for a terminal and for Slack. */
import type { types } from "@slack/bolt";
import { type Answer, buildPortMap, type PortMapLine, protocolName, type Rule, type RuleBook } from "../core/index.js";
import { ACTIONS, encodeButtonState, escapeText, fallback, mrkdwn, type SlackMessage } from "./blocks.js";
import { attributionLine } from "./facts.js";
import { LIMITS, withinSlackLimits } from "./slack-limits.js";
import type { Paint } from "./terminal.js";

type KnownBlock = types.KnownBlock;

/** Room left in a section's text for the closing "…and N more" line. */
const SECTION_BUDGET = LIMITS.sectionText - 100;
/** Sections of port-map lines in one message; the rest is counted, and the cards button shows all. */
const MAX_MAP_SECTIONS = 8;

/** `TCP 3389 in`, `ICMPv6 Packet Too Big out`, `IGMP (protocol 2) in`. */
export function portMapKey(line: PortMapLine): string {
  return [protocolShort(line), portText(line), line.direction === "In" ? "in" : "out"].filter(Boolean).join(" ");
}

/** `3389`, or `RPC (49152-65535)` for a keyword. */
function portText(line: PortMapLine): string {
  return line.keywordPorts ? `${line.port} (${line.keywordPorts})` : line.port;
}

function protocolShort(line: PortMapLine): string {
  return line.protocol === "2" ? "IGMP" : line.protocol === "41" ? "IPv6/41" : protocolName(line.protocol);
}

/** The names of a line's rules, each once: one rule has a row per group of versions. */
function ruleNames(line: PortMapLine): string[] {
  return [...new Set(line.rules.map((r) => r.rule))];
}

/** A rule's name escaped for mrkdwn, worked out once per rule. */
const escapedNames = new WeakMap<Rule, string>();

/** The escaped names of a line's rules, each once, joined as the line shows them. */
function escapedRuleNames(line: PortMapLine): string {
  const names = new Set<string>();
  for (const rule of line.rules) {
    let name = escapedNames.get(rule);
    if (name === undefined) {
      name = escapeText(rule.rule);
      escapedNames.set(rule, name);
    }
    names.add(name);
  }
  return [...names].join(" · ");
}

/** An aligned table: protocol, port, direction, then the rules behind the line. */
export function renderPortMapTable(answer: Answer, book: RuleBook, paint: Paint): string {
  const lines = buildPortMap(answer.results.map((m) => m.rule));
  const rows = lines.map((l) => [protocolShort(l), portText(l) || "-", l.direction === "In" ? "in" : "out"] as const);
  // a few long cells (ICMP type names) may overflow their column rather than widen it for every line
  const width = (i: 0 | 1 | 2, cap: number) => Math.min(cap, Math.max(0, ...rows.map((r) => r[i].length)));
  const [w0, w1, w2] = [width(0, 6), width(1, 20), width(2, 3)];
  const table = lines.map((line, i) => {
    const [protocol, port, direction] = rows[i] as readonly [string, string, string];
    const names = ruleNames(line).join(" · ");
    return `${paint("cyan", `${protocol.padEnd(w0)}  ${port.padEnd(w1)}  ${direction.padEnd(w2)}`)}  ${names}`;
  });
  const parts = [paint("dim", `Understood: ${answer.understood.summary} · ${answer.total} rules on ${lines.length} lines`)];
  for (const notice of answer.notices) parts.push(paint("yellow", notice.text));
  parts.push(table.join("\n"));
  parts.push(paint("dim", "--cards shows the full rule cards."));
  parts.push(paint("dim", attributionLine(book)));
  return `${parts.join("\n\n")}\n`;
}

/** One mrkdwn line per port-map line: the key in code, then the rules. */
export function portMapTextLines(answer: Answer): string[] {
  const rules = answer.results.map((m) => m.rule);
  const key = rules.map(serialOf).join(",");
  let lines = writtenMaps.get(key);
  if (!lines) {
    lines = buildPortMap(rules).map((line) => `\`${escapeText(portMapKey(line))}\` ${escapedRuleNames(line)}`);
    if (writtenMaps.size >= MAX_MAPS_KEPT) writtenMaps.delete(writtenMaps.keys().next().value as string);
    writtenMaps.set(key, lines);
  }
  return [...lines];
}

/**
 * Port maps already written, by the rules they map: a map depends on its rules alone, and the
 * questions of filters alone (protocol, direction, version) ask for few different sets of rules.
 */
const writtenMaps = new Map<string, readonly string[]>();
const MAX_MAPS_KEPT = 256;
/** A number for each rule object, so that rules of two books never share a key. */
const serials = new WeakMap<Rule, number>();
let lastSerial = 0;

function serialOf(rule: Rule): number {
  let serial = serials.get(rule);
  if (serial === undefined) {
    serial = ++lastSerial;
    serials.set(rule, serial);
  }
  return serial;
}

/** Splits lines into section blocks within Slack's text limit, at most `maxSections` of them. */
export function linesToSections(lines: readonly string[], maxSections: number): KnownBlock[] {
  const sections: string[][] = [[]];
  let size = 0;
  let shown = 0;
  for (const line of lines) {
    const cut = line.length > SECTION_BUDGET ? `${line.slice(0, SECTION_BUDGET - 1)}…` : line;
    if (size + cut.length + 1 > SECTION_BUDGET && (sections.at(-1)?.length ?? 0) > 0) {
      if (sections.length === maxSections) break;
      sections.push([]);
      size = 0;
    }
    sections.at(-1)?.push(cut);
    size += cut.length + 1;
    shown += 1;
  }
  if (shown < lines.length) sections.at(-1)?.push(`…and ${lines.length - shown} more`);
  return sections.filter((s) => s.length > 0).map((s): KnownBlock => ({ type: "section", text: mrkdwn(s.join("\n")) }));
}

export interface PortMapMessageOptions {
  readonly shareable: boolean;
  readonly sharedBy?: string;
}

/** The Slack message for a filters-only question: the port map, with a button for the full cards. */
export function renderPortMapMessage(answer: Answer, book: RuleBook, options: PortMapMessageOptions): SlackMessage {
  const lines = portMapTextLines(answer);
  const blocks: KnownBlock[] = [];
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy)) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`Shared by <@${options.sharedBy}>: “${escapeText(answer.query.slice(0, 200))}”`)],
    });
  }
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        `*Understood:* ${escapeText(answer.understood.summary)} · port map of ${answer.total} ${answer.total === 1 ? "rule" : "rules"}`,
      ),
    ],
  });
  for (const notice of answer.notices) {
    blocks.push({ type: "context", elements: [mrkdwn(`:information_source: ${escapeText(notice.text)}`)] });
  }
  blocks.push(...linesToSections(lines, MAX_MAP_SECTIONS));
  const buttons: types.Button[] = [
    {
      type: "button",
      action_id: ACTIONS.cards,
      text: { type: "plain_text", text: "Show rule cards" },
      value: encodeButtonState({ q: answer.query, o: 0, c: true }),
    },
  ];
  if (options.shareable) {
    buttons.push({
      type: "button",
      action_id: ACTIONS.share,
      text: { type: "plain_text", text: "Share in channel" },
      style: "primary",
      value: encodeButtonState({ q: answer.query, o: 0 }),
    });
  }
  blocks.push({ type: "actions", block_id: "amiport_actions", elements: buttons });
  const { title, url } = book.attribution;
  blocks.push({
    type: "context",
    elements: [mrkdwn(`Source: <${url}|${escapeText(title)}>, AWS, CC BY-SA 4.0`)],
  });
  const first = lines[0]?.replace(/`/g, "") ?? "";
  const text = `Port map: ${answer.total} rules on ${lines.length} lines (${answer.understood.summary}). ${first}`;
  return withinSlackLimits({ text: fallback(text), blocks });
}
