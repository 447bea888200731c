/** A compact map of what a set of rules opens: one line per protocol, port and direction. */
import { formatRange } from "./ports.js";
import type { ParsedQuery } from "./query.js";
import type { Rule } from "./rule-book.js";
import { PROTOCOLS, type Protocol } from "./schema.js";

export interface PortMapLine {
  readonly protocol: Protocol;
  readonly direction: Rule["direction"];
  /**
   * The port that matters for the direction (local inbound, remote outbound) as the data writes it:
   * `3389`, `554, 8554-8558`, a keyword (`RPC`), `any`; for ICMP the message type (`Echo Request`);
   * empty for other protocols without ports.
   */
  readonly port: string;
  /** The ports a keyword `port` stands for, e.g. `49152-65535` for `RPC`. */
  readonly keywordPorts?: string;
  /** In the AWS page's order. */
  readonly rules: readonly Rule[];
}

/** Numbers first (by their first port, keywords by the ports they stand for), then named types, then `any`. */
const NUMBERED = 0;
const NAMED = 1;
const ANY = 2;

interface Keyed extends PortMapLine {
  readonly kind: number;
  readonly first: number;
}

/** A question with filters (protocol, direction, version) and nothing else is answered with a port map. */
export function asksForPortMap(parsed: ParsedQuery): boolean {
  if (parsed.pasted) return false;
  const filters = parsed.protocols.length + parsed.directions.length + parsed.versions.length;
  return filters > 0 && parsed.ports.length === 0 && parsed.words.length === 0;
}

export function buildPortMap(rules: readonly Rule[]): PortMapLine[] {
  const lines = new Map<string, Keyed & { rules: Rule[] }>();
  for (const rule of inPageOrder(rules)) {
    const place = placeOf(rule);
    const line = lines.get(place.key);
    if (line) line.rules.push(rule);
    else lines.set(place.key, { protocol: rule.protocol, direction: rule.direction, ...place.at, rules: [rule] });
  }
  return [...lines.values()]
    .sort(
      (a, b) =>
        PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol) ||
        a.kind - b.kind ||
        a.first - b.first ||
        portOrder().compare(a.port, b.port) ||
        (a.direction === b.direction ? 0 : a.direction === "In" ? -1 : 1),
    )
    .map(({ protocol, direction, port, keywordPorts, rules: lineRules }) =>
      keywordPorts === undefined
        ? { protocol, direction, port, rules: lineRules }
        : { protocol, direction, port, keywordPorts, rules: lineRules },
    );
}

let collator: Intl.Collator | undefined;

/**
 * What `localeCompare(other, "en")` does, without building a collator for every comparison; built
 * on first use, since building one costs a cold `amiport 5985` about a tenth of its start.
 */
function portOrder(): Intl.Collator {
  collator ??= new Intl.Collator("en");
  return collator;
}

/** The rules sorted by their place on the AWS page; a search's results often come so already. */
function inPageOrder(rules: readonly Rule[]): readonly Rule[] {
  for (let i = 1; i < rules.length; i++) {
    if ((rules[i] as Rule).index < (rules[i - 1] as Rule).index) return [...rules].sort((x, y) => x.index - y.index);
  }
  return rules;
}

type Place = Pick<Keyed, "port" | "keywordPorts" | "kind" | "first">;

/** A rule's place depends on the rule alone: worked out once per rule. */
const places = new WeakMap<Rule, { readonly key: string; readonly at: Place }>();

function placeOf(rule: Rule): { readonly key: string; readonly at: Place } {
  let place = places.get(rule);
  if (!place) {
    const at = findPlace(rule);
    place = { key: `${rule.protocol}\u0000${rule.direction}\u0000${at.port}`, at };
    places.set(rule, place);
  }
  return place;
}

/** Where a rule goes in the map: the port that matters for its direction, and how that sorts. */
function findPlace(rule: Rule): Place {
  const cell = rule.direction === "In" ? rule.local : rule.remote;
  const icmp = rule.protocol === "ICMPv4" || rule.protocol === "ICMPv6";
  if (cell.text === null) return { port: icmp ? icmpType(rule.rule) : "", kind: NAMED, first: 0 };
  if (cell.text === "Any")
    return icmp ? { port: icmpType(rule.rule), kind: NAMED, first: 0 } : { port: "any", kind: ANY, first: 0 };
  if (cell.keyword) {
    const { ranges } = cell.keyword;
    return { port: cell.text, keywordPorts: ranges.map(formatRange).join(", "), kind: NUMBERED, first: ranges[0]?.from ?? 0 };
  }
  const first = cell.ranges[0]?.from;
  return first === undefined ? { port: cell.text, kind: NAMED, first: 0 } : { port: cell.text, kind: NUMBERED, first };
}

/**
 * The ICMP message type in a rule's name: `Echo Request` from `File and Printer Sharing (Echo Request -
 * ICMPv4-In)`, `Packet Too Big` from `Packet Too Big (ICMPv6-In)`, `all types` from `All ICMP v4`.
 */
function icmpType(ruleName: string): string {
  if (/^all\b/i.test(ruleName)) return "all types";
  const inner = /\(([^()]+?)\s+-\s+ICMPv[46]-(?:In|Out)\)\s*$/i.exec(ruleName);
  if (inner?.[1]) return inner[1];
  return ruleName.replace(/\s*\([^()]*\)\s*$/, "").trim();
}
