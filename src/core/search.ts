/** Finds the rules a parsed query asks for, ranks them and says why each one matched. */
import { formatRange, type PortRange, rangesOverlap } from "./ports.js";
import { fillerWords, type Notice, type ParsedQuery, parseQuery } from "./query.js";
import { type Registration, servicePorts } from "./registrations.js";
import type { PortCell, Rule, RuleBook } from "./rule-book.js";
import type { Direction, Protocol } from "./schema.js";
import { buildTextIndex, type TextIndex } from "./text-index.js";
import { MAX_RANGE_WIDTH, type UnopenedPort, unopenedPorts } from "./unopened.js";

/** Ranking tiers: exact ports, ports through a keyword, words, filters alone. */
const EXACT_PORT_TIER = 0;
const KEYWORD_PORT_TIER = 1;
const TEXT_TIER = 2;
const FILTER_TIER = 3;

/** Text matches scoring below this share of the best one are noise next to it. */
const RELATIVE_TEXT_CUTOFF = 0.4;

export type MatchReason =
  | { readonly by: "port"; readonly port: string; readonly field: "local" | "remote" }
  | { readonly by: "keyword"; readonly keyword: string; readonly port: string; readonly field: "local" | "remote" }
  | { readonly by: "words"; readonly words: readonly string[] }
  | { readonly by: "filters" };

export interface RuleMatch {
  readonly rule: Rule;
  readonly matched: readonly MatchReason[];
}

export interface Understood {
  readonly ports: readonly string[];
  readonly protocols: readonly Protocol[];
  readonly directions: readonly Direction[];
  readonly versions: readonly string[];
  /** Each typed word with the index words it was read as (`telemtry` as `telemetry`). */
  readonly words: readonly { readonly typed: string; readonly as: readonly string[] }[];
  /** Words no rule mentions, read as IANA's service names (`kerberos` as port 88). */
  readonly services: readonly ServiceWord[];
  /** For people: `port 5985 · TCP · Windows Server 2019`. */
  readonly summary: string;
}

export interface ServiceWord {
  readonly typed: string;
  /** IANA's name for it, e.g. `ms-sql-s` for `mssql`. */
  readonly service: string;
  readonly ports: readonly string[];
}

export interface Answer {
  readonly query: string;
  readonly understood: Understood;
  /** In rank order, after `offset` and `limit`. */
  readonly results: readonly RuleMatch[];
  /** How many rules matched in all. */
  readonly total: number;
  readonly notices: readonly Notice[];
  /** Ports the question names that no default rule uses (capped), with the protocol to open each with. */
  readonly unopened: readonly UnopenedPort[];
  /** IANA's registrations of those ports: what they are assigned to, never a rule. */
  readonly registered: readonly Registration[];
}

export interface SearchOptions {
  /** How many results to return at most (default: all). */
  readonly limit?: number;
  /** How many of the ranked results to skip, for paging. */
  readonly offset?: number;
}

interface Ranked {
  readonly rule: Rule;
  readonly tier: number;
  readonly textScore: number;
  readonly matched: readonly MatchReason[];
}

interface SearchIndex {
  readonly text: TextIndex;
  /** Every single port number the data names, sorted, for "ports near it" suggestions. */
  readonly knownPorts: readonly number[];
}

const indexes = new WeakMap<RuleBook, SearchIndex>();

function indexOf(book: RuleBook): SearchIndex {
  let index = indexes.get(book);
  if (!index) {
    const ports = new Set<number>();
    for (const rule of book.rules) {
      for (const cell of [rule.local, rule.remote]) {
        for (const range of cell.ranges)
          if (range.to - range.from < 20) for (let p = range.from; p <= range.to; p++) ports.add(p);
      }
    }
    index = { text: buildTextIndex(book.rules, fillerWords(book)), knownPorts: [...ports].sort((a, b) => a - b) };
    indexes.set(book, index);
  }
  return index;
}

/** Parses `query` (unless it is parsed already) and answers it from `book`. */
export function searchRules(book: RuleBook, query: string | ParsedQuery, options: SearchOptions = {}): Answer {
  const typed = typeof query === "string" ? parseQuery(book, query) : query;
  const index = indexOf(book);
  const notices: Notice[] = [...typed.notices];
  const resolved = typed.words.map((word) => ({ typed: word, as: index.text.resolve(word).map((h) => h.word) }));
  const { parsed, services } = readServiceWords(typed, resolved);
  const words = resolved.filter((w) => parsed.words.includes(w.typed));
  const understood = describe(parsed, words, services);
  const blocked = notices.some((n) => n.kind === "bad-port" || n.kind === "unreadable");
  const { unopened, registered } = blocked ? NO_UNOPENED : unopenedPorts(book, parsed.ports, parsed.protocols);
  const answer = (ranked: readonly Ranked[]): Answer => {
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const end = options.limit === undefined ? undefined : offset + Math.max(0, Math.floor(options.limit));
    return {
      query: parsed.text,
      understood,
      results: ranked.slice(offset, end).map(({ rule, matched }) => ({ rule, matched })),
      total: ranked.length,
      notices,
      unopened,
      registered,
    };
  };

  if (blocked) return answer([]);
  const hasFilters = parsed.protocols.length + parsed.directions.length + parsed.versions.length > 0;
  if (parsed.unknownVersions.length > 0 && parsed.versions.length === 0) return answer([]);
  if (parsed.ports.length === 0 && parsed.words.length === 0 && !hasFilters) {
    if (!notices.some((n) => n.kind === "truncated" || n.kind === "no-match")) {
      notices.push({
        kind: "empty",
        text: "Ask about a port (5985), a service (rdp, winrm, smb, dns), a protocol, a direction or a Windows Server version (2019).",
      });
    }
    return answer([]);
  }

  const { candidates, unmatchedWords } = findCandidates(book, index, parsed);
  if (unmatchedWords.length > 0 && unmatchedWords.length < parsed.words.length) {
    notices.push({
      kind: "ignored-words",
      text: `No rule mentions ${quoteList(unmatchedWords)}; amiport left ${unmatchedWords.length > 1 ? "them" : "it"} out.`,
    });
  }
  if (candidates.length === 0) {
    notices.push(noMatchNotice(parsed, index, unopened));
    return answer([]);
  }
  const filtered = candidates.filter((c) => passesFilters(c.rule, parsed));
  const withoutVersions = { ...parsed, versions: [] };
  const unstated =
    parsed.versions.length === 0
      ? []
      : candidates.filter((c) => c.rule.os.length === 0 && passesFilters(c.rule, withoutVersions));
  if (unstated.length > 0 && unstated.length < candidates.length) {
    const sections = [...new Set(unstated.map((c) => c.rule.section))].join(", ");
    notices.push({
      kind: "versions-unstated",
      text: `${unstated.length} more ${unstated.length === 1 ? "rule" : "rules"} (${sections}) would match, but AWS does not say which Windows Server versions ${unstated.length === 1 ? "it applies" : "they apply"} to; ask without a version to see ${unstated.length === 1 ? "it" : "them"}.`,
    });
  }
  if (filtered.length === 0) {
    const filters = [
      describeProtocolFilter(parsed.protocols),
      describeDirectionFilter(parsed.directions),
      describeVersionFilter(parsed.versions),
    ]
      .filter(Boolean)
      .join(" · ");
    const asked = describeAsked(parsed);
    const count = `${candidates.length} ${candidates.length === 1 ? "rule matches" : "rules match"}`;
    notices.push({
      kind: "filtered-out",
      text: asked
        ? `${count} ${asked}, but none for ${filters}. Drop a filter to see ${candidates.length === 1 ? "it" : "them"}.`
        : `No rule on the AWS page is for ${filters}.`,
    });
    return answer([]);
  }
  // among equal word matches, a rule that names its port first; filter-only lists keep the page's order
  const specificity = (r: Ranked) => (r.tier === TEXT_TIER ? namesPorts(r.rule) : 0);
  filtered.sort(
    (a, b) => a.tier - b.tier || b.textScore - a.textScore || specificity(b) - specificity(a) || a.rule.index - b.rule.index,
  );
  return answer(filtered);
}

const NO_UNOPENED = { unopened: [], registered: [] } as const;

/**
 * Where no port is asked and no rule mentions any of the words, the words that are service names
 * (`kerberos`, `ssh`, `mssql`) stand for their ports. Otherwise IANA's names are not consulted:
 * a word beside `rdp` or `3389` is context, not a port.
 */
function readServiceWords(
  parsed: ParsedQuery,
  resolved: readonly { readonly typed: string; readonly as: readonly string[] }[],
): { parsed: ParsedQuery; services: ServiceWord[] } {
  if (parsed.ports.length > 0 || resolved.length === 0 || resolved.some((w) => w.as.length > 0)) {
    return { parsed, services: [] };
  }
  const services: ServiceWord[] = [];
  const ports: PortRange[] = [];
  for (const { typed } of resolved) {
    const found = servicePorts(typed);
    if (!found) continue;
    services.push({ typed, service: found.service, ports: found.ports.map(formatRange) });
    ports.push(...found.ports);
  }
  if (services.length === 0) return { parsed, services };
  const unique = [...new Map(ports.map((p) => [p.from, p])).values()].sort((a, b) => a.from - b.from);
  return {
    parsed: { ...parsed, ports: unique, words: parsed.words.filter((w) => !services.some((s) => s.typed === w)) },
    services,
  };
}

/** 1 for a rule that names a port (a number or a keyword): more to act on than `Any`. */
function namesPorts(rule: Rule): number {
  return [rule.local, rule.remote].some((cell) => cell.ranges.length > 0 || cell.keyword) ? 1 : 0;
}

function findCandidates(
  book: RuleBook,
  index: SearchIndex,
  parsed: ParsedQuery,
): { candidates: Ranked[]; unmatchedWords: string[] } {
  const { matches, unmatched } = index.text.match(parsed.words);
  const wordsGiven = parsed.words.length > 0;
  const mostWords = matches[0]?.typedWordsMatched ?? 0;
  const bestScore = matches[0]?.score ?? 0;
  const textHits = new Map(
    matches
      .filter((m) => m.typedWordsMatched === mostWords && m.score >= bestScore * RELATIVE_TEXT_CUTOFF)
      .map((m) => [m.ruleIndex, m]),
  );

  if (parsed.ports.length > 0) {
    // Ports decide what matches; words only rank among the rules with those ports.
    const candidates: Ranked[] = [];
    for (const rule of book.rules) {
      const portReasons = matchPorts(rule, parsed.ports);
      if (portReasons.length === 0) continue;
      const text = textHits.get(rule.index);
      candidates.push({
        rule,
        tier: portReasons.some((r) => r.by === "port") ? EXACT_PORT_TIER : KEYWORD_PORT_TIER,
        textScore: text?.score ?? 0,
        matched: text ? [...portReasons, { by: "words", words: text.words }] : portReasons,
      });
    }
    return { candidates, unmatchedWords: unmatched };
  }
  if (wordsGiven) {
    const candidates = [...textHits.values()].map((m): Ranked => {
      const rule = book.rules[m.ruleIndex] as Rule;
      return { rule, tier: TEXT_TIER, textScore: m.score, matched: [{ by: "words", words: m.words }] };
    });
    return { candidates, unmatchedWords: unmatched };
  }
  return {
    candidates: book.rules.map((rule) => ({ rule, tier: FILTER_TIER, textScore: 0, matched: [{ by: "filters" }] })),
    unmatchedWords: [],
  };
}

const NO_REASONS: readonly MatchReason[] = [];

function matchPorts(rule: Rule, ports: readonly PortRange[]): readonly MatchReason[] {
  const local = matchCell(rule.local, "local", ports);
  const remote = matchCell(rule.remote, "remote", ports);
  return local && remote ? [local, remote] : local ? [local] : remote ? [remote] : NO_REASONS;
}

/** Runs on every rule for every port question, so it allocates only for a match. */
function matchCell(cell: PortCell, field: "local" | "remote", ports: readonly PortRange[]): MatchReason | undefined {
  const exact = firstOverlap(ports, cell.ranges);
  if (exact) return { by: "port", port: formatRange(exact), field };
  const keyword = cell.keyword;
  const viaKeyword = keyword && firstOverlap(ports, keyword.ranges);
  return keyword && viaKeyword ? { by: "keyword", keyword: keyword.name, port: formatRange(viaKeyword), field } : undefined;
}

function firstOverlap(asked: readonly PortRange[], ranges: readonly PortRange[]): PortRange | undefined {
  for (const q of asked) for (const r of ranges) if (rangesOverlap(q, r)) return q;
  return undefined;
}

/** Whether `rule` satisfies the protocol, direction and version filters of `parsed`. */
function passesFilters(rule: Rule, parsed: Pick<ParsedQuery, "protocols" | "directions" | "versions">): boolean {
  return (
    (parsed.protocols.length === 0 || parsed.protocols.includes(rule.protocol)) &&
    (parsed.directions.length === 0 || parsed.directions.includes(rule.direction)) &&
    (parsed.versions.length === 0 || parsed.versions.some((v) => rule.os.includes(v)))
  );
}

function noMatchNotice(parsed: ParsedQuery, index: SearchIndex, unopened: readonly UnopenedPort[]): Notice {
  if (parsed.ports.length > 0) {
    const first = parsed.ports[0] as PortRange;
    const near = [...index.knownPorts]
      .sort((a, b) => Math.abs(a - first.from) - Math.abs(b - first.from) || a - b)
      .slice(0, 3)
      .sort((a, b) => a - b);
    // where the answer names the port as one no default rule opens, the notice need not say it again
    const said = parsed.ports.flatMap(singlePorts).every((port) => unopened.some((u) => u.port === port));
    return {
      kind: "no-match",
      text: said
        ? `The nearest ports that rules use: ${near.join(", ")}.`
        : `No rule on the AWS page uses ${describePortFilter(parsed.ports)}. Ports near it in the data: ${near.join(", ")}.`,
    };
  }
  return {
    kind: "no-match",
    text: `Nothing on the AWS page matches ${quoteList(parsed.words)}. Try a port (5985), a service (rdp, winrm, smb, dns, telemetry) or part of a rule name.`,
  };
}

/** The single ports of a range; a wide one (never looked at port by port) stands for no port. */
function singlePorts(range: PortRange): number[] {
  if (range.to - range.from >= MAX_RANGE_WIDTH) return [Number.NaN];
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
}

function describe(parsed: ParsedQuery, words: Understood["words"], services: readonly ServiceWord[]): Understood {
  const wordText = words
    .filter((w) => w.as.length > 0)
    .map((w) => (w.as.includes(w.typed) ? `“${w.typed}”` : `“${w.typed}” (as ${w.as.slice(0, 2).join(" or ")})`))
    .join(" ");
  const summary = [
    describePortFilter(parsed.ports),
    describeProtocolFilter(parsed.protocols),
    describeDirectionFilter(parsed.directions),
    describeVersionFilter(parsed.versions),
    parsed.unknownVersions.map((v) => `${v} (not on the AWS page)`).join(" or "),
    services.map((s) => `“${s.typed}” (IANA: ${s.service})`).join(" "),
    wordText,
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    ports: parsed.ports.map(formatRange),
    protocols: parsed.protocols,
    directions: parsed.directions,
    versions: parsed.versions,
    words,
    services,
    summary: summary || "nothing to search for",
  };
}

function describeAsked(parsed: ParsedQuery): string {
  return parsed.ports.length > 0 ? describePortFilter(parsed.ports) : quoteList(parsed.words);
}

function describePortFilter(ports: readonly PortRange[]): string {
  if (ports.length === 0) return "";
  const single = ports.length === 1 && (ports[0] as PortRange).from === (ports[0] as PortRange).to;
  return `${single ? "port" : "ports"} ${ports.map(formatRange).join(", ")}`;
}

const PROTOCOL_NAMES: Readonly<Record<Protocol, string>> = {
  TCP: "TCP",
  UDP: "UDP",
  ICMPv4: "ICMPv4",
  ICMPv6: "ICMPv6",
  "2": "IGMP (protocol 2)",
  "41": "IPv6 in IPv4 (protocol 41)",
  Any: "any protocol",
};

export function protocolName(protocol: Protocol): string {
  return PROTOCOL_NAMES[protocol];
}

function describeProtocolFilter(protocols: readonly Protocol[]): string {
  return protocols.map(protocolName).join(" or ");
}

function describeDirectionFilter(directions: readonly Direction[]): string {
  return directions.map((d) => (d === "In" ? "inbound" : "outbound")).join(" or ");
}

function describeVersionFilter(versions: readonly string[]): string {
  if (versions.length === 0) return "";
  return `Windows Server ${versions.map((v) => v.replace(/^Windows Server /, "")).join(" or ")}`;
}

function quoteList(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(", ");
}
