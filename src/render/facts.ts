/** Plain-text phrasing of a rule's facts, shared by the terminal, JSON and Slack renderers. */
import {
  type Answer,
  FOUND_PREFIX,
  type MatchReason,
  type PortAnswer,
  protocolName,
  type Registration,
  type Rule,
  type RuleBook,
  type RuleChange,
  type RuleNote,
  type Source,
  type UnopenedPort,
  type VersionDiff,
} from "../core/index.js";

const SOURCE_LABELS: Readonly<Record<Source, string>> = {
  "aws-current": "AWS page",
  "aws-2022-04": "AWS page, April 2022 version",
  "windows-predefined": "Windows predefined rule (AWS's table for this section could not be recovered)",
};

export function sourceLabel(source: Source): string {
  return SOURCE_LABELS[source];
}

/** A note as plain text, naming the page it comes from when that is not the rule's own AWS page. */
export function noteText(note: RuleNote): string {
  return note.source ? `${note.text} (Source: ${note.source.publisher}, "${note.source.title}", ${note.source.url})` : note.text;
}

/** `Windows Server 2012 to 2022`, `Windows Server 2019 and 2022`, or a plain list where versions skip. */
export function describeVersions(os: readonly string[], known: readonly string[]): string {
  if (os.length === 0) return "Windows Server versions not stated by AWS";
  const short = os.map((name) => name.replace(/^Windows Server /, ""));
  if (short.length === 1) return `Windows Server ${short[0]}`;
  const positions = os.map((name) => known.indexOf(name));
  const contiguous = positions.every((p, i) => i === 0 || p === (positions[i - 1] as number) + 1);
  if (contiguous && short.length > 2) return `Windows Server ${short[0]} to ${short[short.length - 1]}`;
  return `Windows Server ${short.slice(0, -1).join(", ")} and ${short[short.length - 1]}`;
}

export function describePort(text: string | null): string {
  if (text === null) return "n/a";
  return text === "Any" ? "any" : text;
}

export function directionWord(direction: Rule["direction"]): "inbound" | "outbound" {
  return direction === "In" ? "inbound" : "outbound";
}

/** `TCP 5985 in`, `UDP 68 in (remote 67)`, `TCP 443 out`, `ICMPv6 in`: the port that matters first. */
export function trafficSummary(rule: Rule): string {
  const inbound = rule.direction === "In";
  const [main, other] = inbound ? [rule.local.text, rule.remote.text] : [rule.remote.text, rule.local.text];
  const portText = main === null ? "" : main === "Any" ? " any port" : ` ${main}`;
  const otherText = other !== null && other !== "Any" ? ` (${inbound ? "remote" : "local"} ${other})` : "";
  return `${protocolName(rule.protocol)}${portText} ${inbound ? "in" : "out"}${otherText}`;
}

/** The key fact of a rule on one line, as cards lead with it: `TCP 5985 in · Windows Server 2012 to 2022`. */
export function keyFact(rule: Rule, book: RuleBook): string {
  return `${trafficSummary(rule)} · ${describeVersions(rule.os, book.operatingSystems)}`;
}

/** The gist of a rule on one line: `Windows Remote Management (HTTP-In): TCP 5985 in, Windows Server 2012 to 2022`. */
export function ruleGist(rule: Rule, book: RuleBook): string {
  return `${rule.rule}: ${trafficSummary(rule)}, ${describeVersions(rule.os, book.operatingSystems)}`;
}

/** What the AWS page prints where amiport shows another value, or null where nothing is corrected. */
export function correctionNote(rule: Rule): string | null {
  if (!rule.published || !rule.correction) return null;
  const printed = [
    "local" in rule.published ? `local ${rule.published.local ?? "(empty)"}` : null,
    "remote" in rule.published ? `remote ${rule.published.remote ?? "(empty)"}` : null,
    rule.published.direction ? `direction ${rule.published.direction}` : null,
  ].filter(Boolean);
  // most reasons already quote what the page prints; saying it again reads as a stutter
  const quoted = Object.values(rule.published).every((value) => rule.correction?.includes(String(value ?? "")));
  const printedText = printed.length > 0 && !quoted ? `The AWS page prints ${printed.join(", ")}. ` : "";
  return `${printedText}${rule.correction}`;
}

/** One port no default rule uses, with what IANA registers it as. */
export interface UnopenedFact {
  readonly port: number;
  readonly protocols: readonly UnopenedPort["protocol"][];
  readonly text: string;
}

/**
 * `No default Windows Firewall rule on AWS Windows AMIs opens TCP 5986. IANA registers it as
 * wsmans (WBEM WS-Management HTTP over TLS/SSL).`: the two sources in two sentences, one per port.
 */
export function unopenedFacts(unopened: readonly UnopenedPort[], registered: readonly Registration[]): UnopenedFact[] {
  const ports = [...new Set(unopened.map((u) => u.port))];
  return ports.map((port) => {
    const protocols = unopened.filter((u) => u.port === port).map((u) => u.protocol);
    const asked = protocols.map((p) => p.toUpperCase()).join(" or ");
    const own = registered.filter((r) => r.port === port);
    const sameProtocols = own.every((r) => protocols.includes(r.protocol)) && new Set(own.map((r) => r.service)).size === 1;
    const iana =
      own.length === 0
        ? "IANA has no registration for it."
        : sameProtocols
          ? `IANA registers it as ${describeRegistration(own[0] as Registration)}.`
          : `IANA registers ${own.map((r) => `${r.protocol.toUpperCase()} ${port} as ${describeRegistration(r)}`).join(" and ")}.`;
    return { port, protocols, text: `No default Windows Firewall rule on AWS Windows AMIs opens ${asked} ${port}. ${iana}` };
  });
}

function describeRegistration(registration: Registration): string {
  const { service, description } = registration;
  return description && description.toLowerCase() !== service.toLowerCase() ? `${service} (${description})` : service;
}

export function describeMatch(reason: MatchReason): string {
  switch (reason.by) {
    case "port":
      return `port ${reason.port} (${reason.field})`;
    case "keyword":
      return `port ${reason.port} through the ${reason.keyword} keyword (${reason.field})`;
    case "words":
      return `words: ${reason.words.join(", ")}`;
    case "filters":
      return "filters";
  }
}

export function attributionLine(book: RuleBook): string {
  const { title, publisher, url, license } = book.attribution;
  return `Source: “${title}”, ${publisher}, ${url}. License: ${license.split(";")[0]}.`;
}

/** `2012 R2` for `Windows Server 2012 R2`. */
export function shortVersion(name: string): string {
  return name.replace(/^Windows Server /, "");
}

/** `remote any → 443`: the port fields that differ between two versions of a rule. */
export function describeChange(change: RuleChange): string {
  return change.fields
    .map((field) => `${field} ${describePort(change.before[field].text)} → ${describePort(change.after[field].text)}`)
    .join(", ");
}

/** `Windows Server 2016 → 2022`, with what narrows it: `Windows Server 2016 → 2022 · inbound · UDP`. */
export function diffTitle(diff: VersionDiff): string {
  const narrowed = [
    diff.filter.directions.map((d) => directionWord(d)).join(" or "),
    diff.filter.protocols.map(protocolName).join(" or "),
  ].filter(Boolean);
  return [`Windows Server ${shortVersion(diff.from)} → ${shortVersion(diff.to)}`, ...narrowed].join(" · ");
}

/** `29 only on 2022 · 22 only on 2012 R2 · 0 changed · 44 the same`. */
export function diffCounts(diff: VersionDiff): string {
  return [
    `${diff.added.length} only on ${shortVersion(diff.to)}`,
    `${diff.removed.length} only on ${shortVersion(diff.from)}`,
    `${diff.changed.length} changed`,
    `${diff.same.length} the same`,
  ].join(" · ");
}

/** Why the rules whose versions AWS does not state are not counted, or null where there are none. */
export function unstatedNote(diff: VersionDiff): string | null {
  if (diff.unstated.length === 0) return null;
  const sections = [...new Set(diff.unstated.map((r) => r.section))].join(", ");
  return `Not counted: ${diff.unstated.length} ${diff.unstated.length === 1 ? "rule" : "rules"} (${sections}) for which AWS does not say which Windows Server versions apply.`;
}

/** Snippets shown in "Found in the message: …" before "and N more". */
export const MAX_FOUND_SHOWN = 10;

/** `Found in the message: 10.0.1.25:5986, port 3389`, or null for a question. */
export function foundLine(found: Answer["found"]): string | null {
  if (found.length === 0) return null;
  const snippets = [...new Set(found.map((f) => f.snippet))];
  const shown = snippets.slice(0, MAX_FOUND_SHOWN).join(", ");
  const more = snippets.length > MAX_FOUND_SHOWN ? ` and ${snippets.length - MAX_FOUND_SHOWN} more` : "";
  return `${FOUND_PREFIX} ${shown}${more}`;
}

/**
 * A question that asks again what the answer found, short enough for a button: the found line
 * of the ports shown, which amiport reads as pasted text again. Null for a question.
 */
export function replayQuestion(answer: Answer, maxLength: number): string | null {
  const found =
    answer.byPort.length > 0 ? answer.byPort.map((g) => ({ snippet: g.snippets[0] ?? String(g.port) })) : answer.found;
  if (found.length === 0) return null;
  const snippets = [...new Set(found.map((f) => f.snippet))];
  let line = FOUND_PREFIX;
  for (const [i, snippet] of snippets.entries()) {
    const next = `${line}${i === 0 ? " " : ", "}${snippet}`;
    if (next.length > maxLength) break;
    line = next;
  }
  return line === FOUND_PREFIX ? null : line;
}

/** `Port 5986 · TCP · 10.0.1.25:5986`: the heading of one port's answer. */
export function portHeading(group: PortAnswer): string {
  const protocol = group.protocol ? ` · ${group.protocol}` : "";
  const count = group.results.length;
  const rules = count === 0 ? "no rule" : count === 1 ? "1 rule" : `${count} rules`;
  return `Port ${group.port}${protocol} · ${rules} · found as ${group.snippets.join(", ")}`;
}

/** `and 4 more ports` after the capped list of ports, or null. */
export function portsLeftOutLine(answer: Answer): string | null {
  if (answer.portsLeftOut === 0) return null;
  return `…and ${answer.portsLeftOut} more ${answer.portsLeftOut === 1 ? "port" : "ports"} found in the message; ask about one to see its rules.`;
}
