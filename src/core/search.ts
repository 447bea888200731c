/** Finds the rules a parsed query asks for, ranks them and says why each one matched. */
import { type FoundPort, preferredDirection } from "./paste.js";
import { buildPortIndex, type PortIndex } from "./port-index.js";
import { formatRange, type PortRange, rangesOverlap } from "./ports.js";
import { fillerWords, type Notice, type ParsedQuery, parseQuery } from "./query.js";
import { type Registration, servicePorts } from "./registrations.js";
import type { PortCell, Rule, RuleBook } from "./rule-book.js";
import type { Direction, Protocol } from "./schema.js";
import { buildTextIndex, type TextIndex, type TextMatch } from "./text-index.js";
import { typoTargets } from "./typos.js";
import { MAX_RANGE_WIDTH, type UnopenedPort, unopenedPorts } from "./unopened.js";

/** Ranking tiers: exact ports, ports through a keyword, words, filters alone. */
const EXACT_PORT_TIER = 0;
const KEYWORD_PORT_TIER = 1;
const TEXT_TIER = 2;
const FILTER_TIER = 3;

/** Pasted text naming more ports than this is answered for the first ones, then "and N more". */
export const MAX_PORT_GROUPS = 10;
/** Distinct ports of one message ranked to choose the groups shown; the rest only count. */
const MAX_PORTS_RANKED = 200;

/** Words a notice names before "or N more words". */
const MAX_WORDS_NAMED = 5;

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

/** The answer for one port of pasted text that names several. */
export interface PortAnswer {
  readonly port: number;
  /** Set where every mention of the port names the same protocol (`tcp/445`, netstat's `TCP`). */
  readonly protocol?: "TCP" | "UDP";
  /** Where the message names it, as written: `10.0.1.25:5986`, `port 3389`. */
  readonly snippets: readonly string[];
  /** In rank order, all of them. */
  readonly results: readonly RuleMatch[];
  readonly notices: readonly Notice[];
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
  /** Ports read out of pasted text; empty for a question. */
  readonly found: readonly FoundPort[];
  /**
   * For pasted text naming two or more ports: each port's own answer, most specific first (ports
   * some rule names exactly, fewest rules first; then ports reached only through a keyword; then
   * ports no rule uses), at most MAX_PORT_GROUPS. Empty otherwise.
   */
  readonly byPort: readonly PortAnswer[];
  /** Ports of the message left out of `byPort` by the cap. */
  readonly portsLeftOut: number;
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
  /** How many of the typed words the rule matches; more ranks first among word matches. */
  readonly coverage: number;
  readonly textScore: number;
  readonly matched: readonly MatchReason[];
}

/** Built on first use: a question about ports alone (`amiport 5985`) never builds the word index. */
interface SearchIndex {
  readonly text: () => TextIndex;
  /** Every single port number the data names, sorted, for "ports near it" suggestions. */
  readonly knownPorts: () => readonly number[];
  /** The rules a port question can match. */
  readonly ports: () => PortIndex;
  /** Every rule as a match of the filters alone, in the book's order. */
  readonly everyRule: () => readonly Ranked[];
}

const indexes = new WeakMap<RuleBook, SearchIndex>();

function indexOf(book: RuleBook): SearchIndex {
  let index = indexes.get(book);
  if (!index) {
    let text: TextIndex | undefined;
    let knownPorts: readonly number[] | undefined;
    let ports: PortIndex | undefined;
    let everyRule: readonly Ranked[] | undefined;
    index = {
      text: () => {
        text ??= buildTextIndex(book.rules, fillerWords(book), {
          targets: typoTargets(book.vocabulary),
          realWords: book.realWords,
        });
        return text;
      },
      knownPorts: () => {
        knownPorts ??= portsNamed(book);
        return knownPorts;
      },
      ports: () => {
        ports ??= buildPortIndex(book.rules);
        return ports;
      },
      everyRule: () => {
        everyRule ??= book.rules.map((rule) => ({ rule, tier: FILTER_TIER, coverage: 0, textScore: 0, matched: FILTERS_ONLY }));
        return everyRule;
      },
    };
    indexes.set(book, index);
  }
  return index;
}

/**
 * Builds the word index and reads IANA's table now rather than on the first question that needs
 * them: a long-running app pays it at start (and holds it from the start); `amiport 5985` never does.
 */
export function prepareSearch(book: RuleBook): void {
  const index = indexOf(book);
  index.text();
  index.knownPorts();
  index.ports();
  servicePorts("ssh");
}

function portsNamed(book: RuleBook): number[] {
  const ports = new Set<number>();
  for (const rule of book.rules) {
    for (const cell of [rule.local, rule.remote]) {
      for (const range of cell.ranges) if (range.to - range.from < 20) for (let p = range.from; p <= range.to; p++) ports.add(p);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Parses `query` (unless it is parsed already) and answers it from `book`. */
export function searchRules(book: RuleBook, query: string | ParsedQuery, options: SearchOptions = {}): Answer {
  const typed = typeof query === "string" ? parseQuery(book, query) : query;
  const index = indexOf(book);
  const notices: Notice[] = [...typed.notices];
  const resolved = typed.words.map((word) => ({
    typed: word,
    as: index
      .text()
      .resolve(word)
      .map((h) => h.word),
  }));
  const { parsed, services } = readServiceWords(typed, resolved);
  const words = resolved.filter((w) => parsed.words.includes(w.typed));
  const understood = describe(parsed, words, services);
  const blocked = notices.some((n) => n.kind === "bad-port" || n.kind === "unreadable");
  const { unopened, registered } = blocked ? NO_UNOPENED : unopenedPorts(book, parsed.ports, parsed.protocols);
  const groups = groupByPort(book, index, parsed);
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
      found: parsed.found,
      ...groups,
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
  if (unmatchedWords.length > 0 && (unmatchedWords.length < parsed.words.length || candidates.length > 0)) {
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
  const preferred = parsed.preferred;
  const direction = (r: Ranked) => (preferred === undefined || r.rule.direction === preferred ? 0 : 1);
  filtered.sort(
    (a, b) =>
      a.tier - b.tier ||
      direction(a) - direction(b) ||
      b.coverage - a.coverage ||
      b.textScore - a.textScore ||
      specificity(b) - specificity(a) ||
      a.rule.index - b.rule.index,
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
  // a paste's words are its own prose (`syslog`, `time`), not services asked about
  if (parsed.pasted || parsed.ports.length > 0 || resolved.length === 0 || resolved.some((w) => w.as.length > 0)) {
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

/** Each port of pasted text answered on its own, when the text names two or more. */
function groupByPort(book: RuleBook, index: SearchIndex, parsed: ParsedQuery): Pick<Answer, "byPort" | "portsLeftOut"> {
  const byPort = new Map<
    number,
    { protocols: Set<FoundPort["protocol"]>; snippets: string[]; how: number; sides: Set<FoundPort["side"]> }
  >();
  for (const found of parsed.found) {
    const entry = byPort.get(found.port) ?? { protocols: new Set(), snippets: [], how: HOW_RANK[found.how], sides: new Set() };
    entry.protocols.add(found.protocol);
    entry.sides.add(found.side);
    entry.how = Math.min(entry.how, HOW_RANK[found.how]);
    if (entry.snippets.length < 3) entry.snippets.push(found.snippet);
    byPort.set(found.port, entry);
  }
  if (byPort.size < 2) return { byPort: [], portsLeftOut: 0 };
  // ranked by a cheap count over the rules; only the groups shown are searched in full
  const ranked = [...byPort].slice(0, MAX_PORTS_RANKED).map(([port, { protocols, snippets, how, sides }], order) => {
    const protocol = protocols.size === 1 ? [...protocols][0] : undefined;
    const filters = { protocols: protocol ? [protocol] : [], directions: parsed.directions, versions: parsed.versions };
    const asked = [{ from: port, to: port }];
    let exact = 0;
    let any = 0;
    for (const rule of index.ports().rulesNaming(asked)) {
      if (!passesFilters(rule, filters)) continue;
      const reasons = matchPorts(rule, asked);
      if (reasons.length === 0) continue;
      any += 1;
      if (reasons.some((r) => r.by === "port")) exact += 1;
    }
    return { port, protocol, snippets, order, how, sides, tier: exact > 0 ? 0 : any > 0 ? 1 : 2, count: any };
  });
  // ports written out before ports only named, and both before a service's default ports
  ranked.sort((a, b) => a.how - b.how || a.tier - b.tier || a.count - b.count || a.order - b.order);
  const groups = ranked.slice(0, MAX_PORT_GROUPS).map(({ port, protocol, snippets, sides }): PortAnswer => {
    const answer = searchRules(book, {
      ...parsed,
      found: [],
      ports: [{ from: port, to: port }],
      protocols: protocol ? [protocol] : [],
      preferred: preferredDirection(sides),
    });
    return { port, ...(protocol ? { protocol } : {}), snippets, results: answer.results, notices: answer.notices };
  });
  return { byPort: groups, portsLeftOut: byPort.size - groups.length };
}

const HOW_RANK: Readonly<Record<FoundPort["how"], number>> = { written: 0, named: 1, service: 2 };

/** 1 for a rule that names a port (a number or a keyword): more to act on than `Any`. */
function namesPorts(rule: Rule): number {
  // called twice by every comparison of the final sort: no array of cells
  return cellNamesPorts(rule.local) || cellNamesPorts(rule.remote) ? 1 : 0;
}

function cellNamesPorts(cell: PortCell): boolean {
  return cell.ranges.length > 0 || cell.keyword !== undefined;
}

function findCandidates(
  book: RuleBook,
  index: SearchIndex,
  parsed: ParsedQuery,
): { candidates: Ranked[]; unmatchedWords: string[] } {
  const { matches, unmatched } =
    parsed.words.length > 0
      ? withoutChanceMatches(index.text(), index.text().match(parsed.words), parsed, book)
      : { matches: [], unmatched: [] as string[] };
  const wordsMatched = parsed.words.length - unmatched.length;
  const textHits = new Map(selectTextMatches(book, matches, parsed, wordsMatched).map((m) => [m.ruleIndex, m]));

  if (parsed.ports.length > 0) {
    // Ports decide what matches; words only rank among the rules with those ports.
    const candidates: Ranked[] = [];
    for (const rule of index.ports().rulesNaming(parsed.ports)) {
      const portReasons = matchPorts(rule, parsed.ports);
      if (portReasons.length === 0) continue;
      const text = textHits.get(rule.index);
      candidates.push({
        rule,
        tier: portReasons.some((r) => r.by === "port") ? EXACT_PORT_TIER : KEYWORD_PORT_TIER,
        coverage: 0,
        textScore: text?.score ?? 0,
        matched: text ? [...portReasons, { by: "words", words: text.words }] : portReasons,
      });
    }
    return { candidates, unmatchedWords: unmatched };
  }
  const hasFilters = parsed.protocols.length + parsed.directions.length + parsed.versions.length > 0;
  // words that all match nothing leave the filters to answer: "inbound udp 2022 currently"
  if (textHits.size > 0 || !hasFilters) {
    const candidates = [...textHits.values()].map((m): Ranked => {
      const rule = book.rules[m.ruleIndex] as Rule;
      return {
        rule,
        tier: TEXT_TIER,
        coverage: m.typedWordsMatched,
        textScore: m.score,
        matched: [{ by: "words", words: m.words }],
      };
    });
    return { candidates, unmatchedWords: unmatched };
  }
  return { candidates: [...index.everyRule()], unmatchedWords: unmatched };
}

/**
 * Matches by chance, dropped: a rule reached by one typed word alone, that word a common English
 * one (`was`, `sharing`), while other words of the message reach nothing or it is small talk (a word
 * of greeting or thanks). "Thanks for sharing the info!" is not about File and Printer Sharing, nor
 * "When Slack was released?" about ICMP. A typed word left with no match is unmatched. A question
 * whose words all match (`sharing`, `remote desktop`) keeps every match: there the common word is
 * what was asked, and so does a message with a port or a filter.
 */
function withoutChanceMatches(
  text: TextIndex,
  found: { readonly matches: TextMatch[]; readonly unmatched: string[] },
  parsed: ParsedQuery,
  book: RuleBook,
): { matches: TextMatch[]; unmatched: string[] } {
  const typedWords = parsed.words;
  // a port, protocol, direction or version makes it a question
  if (parsed.ports.length + parsed.protocols.length + parsed.directions.length + parsed.versions.length > 0) return found;
  if (found.unmatched.length === 0 && !isSmallTalk(parsed.text, book)) return found;
  const { commonWords } = book;
  const matches = found.matches.filter((m) => m.typedWordsMatched > 1 || !commonWords.has(m.words[0] as string));
  if (matches.length === found.matches.length) return found;
  const kept = new Set(matches.flatMap((m) => m.words));
  const unmatched = typedWords.filter(
    (typed) => found.unmatched.includes(typed) || !text.resolve(typed).some((h) => kept.has(h.word)),
  );
  return { matches, unmatched };
}

const smallTalk = new WeakMap<RuleBook, ReadonlySet<string>>();

/** Whether `text` has a word of greeting or thanks (vocabulary.json's smallTalkWords). */
function isSmallTalk(text: string, book: RuleBook): boolean {
  let words = smallTalk.get(book);
  if (!words) {
    words = new Set(book.vocabulary.smallTalkWords.map((w) => w.toLowerCase()));
    smallTalk.set(book, words);
  }
  const known = words;
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => known.has(w));
}

/**
 * The word matches worth showing, among the rules that pass the filters where any do (so a word of
 * a rule the filters drop cannot crowd out the ones they keep). Where some rule has every word that
 * matched anything, only those; where none has, the rules with at least half as many words as the
 * best, ranked by how many they have. Each stays near the best score of its count.
 */
function selectTextMatches(
  book: RuleBook,
  matches: readonly TextMatch[],
  parsed: ParsedQuery,
  wordsMatched: number,
): TextMatch[] {
  const passing = matches.filter((m) => passesFilters(book.rules[m.ruleIndex] as Rule, parsed));
  const pool = passing.length > 0 ? passing : matches;
  const mostWords = pool.reduce((most, m) => Math.max(most, m.typedWordsMatched), 0);
  const fewestWords = mostWords >= wordsMatched ? mostWords : Math.ceil(mostWords / 2);
  const bestScore = new Map<number, number>();
  for (const m of pool) bestScore.set(m.typedWordsMatched, Math.max(bestScore.get(m.typedWordsMatched) ?? 0, m.score));
  return pool.filter(
    (m) => m.typedWordsMatched >= fewestWords && m.score >= (bestScore.get(m.typedWordsMatched) ?? 0) * RELATIVE_TEXT_CUTOFF,
  );
}

const NO_REASONS: readonly MatchReason[] = [];
const FILTERS_ONLY: readonly MatchReason[] = [{ by: "filters" }];

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

/** Above this many asked ranges (pasted text), they are searched by halves: they come sorted and merged from parseQuery. */
const LINEAR_OVERLAP_LIMIT = 16;

function firstOverlap(asked: readonly PortRange[], ranges: readonly PortRange[]): PortRange | undefined {
  if (asked.length <= LINEAR_OVERLAP_LIMIT) {
    for (const q of asked) for (const r of ranges) if (rangesOverlap(q, r)) return q;
    return undefined;
  }
  let first: number | undefined;
  for (const r of ranges) {
    // the first asked range ending at or after r starts; it overlaps r if it starts by r's end
    let low = 0;
    let high = asked.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((asked[mid] as PortRange).to < r.from) low = mid + 1;
      else high = mid;
    }
    if (low < asked.length && (asked[low] as PortRange).from <= r.to && (first === undefined || low < first)) first = low;
  }
  return first === undefined ? undefined : asked[first];
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
    const near = [...index.knownPorts()]
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

/** `“a”, “b”`; pasted text can leave dozens of words, so after a few, `or N more words`. */
function quoteList(words: readonly string[]): string {
  const named = words
    .slice(0, MAX_WORDS_NAMED)
    .map((w) => `“${w}”`)
    .join(", ");
  const more = words.length - MAX_WORDS_NAMED;
  return more > 0 ? `${named} or ${more} more ${more === 1 ? "word" : "words"}` : named;
}
