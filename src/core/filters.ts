/** Filters given apart from the query text (the command line's --os, --protocol, --direction). */
import { type ParsedQuery, parseQuery } from "./query.js";
import type { RuleBook } from "./rule-book.js";

export type FilterKind = "os" | "protocol" | "direction";

export type FilterResult = { readonly ok: true; readonly query: ParsedQuery } | { readonly ok: false; readonly problem: string };

const EXAMPLES: Readonly<Record<FilterKind, string>> = {
  os: "2019, 2012 r2 or 2008 sp2",
  protocol: "tcp, udp, icmp, icmpv4, icmpv6 or igmp",
  direction: "in or out",
};

/**
 * Adds `value` as a filter of `kind` to `query`, read with the same grammar as the query text, so
 * `--os 2012r2` means exactly what `2012r2` means in a question.
 */
export function addFilter(book: RuleBook, query: ParsedQuery, kind: FilterKind, value: string): FilterResult {
  // "windows" before a bare number makes any year a version, so `--os 2030` is an unknown version, not port 2030
  const parsed = parseQuery(book, kind === "os" && /^\d/.test(value.trim()) ? `windows ${value}` : value);
  const counts: Record<FilterKind | "other", number> = {
    os: parsed.versions.length + parsed.unknownVersions.length,
    protocol: parsed.protocols.length,
    direction: parsed.directions.length,
    other: parsed.words.length + parsed.ports.length,
  };
  const others = Object.entries(counts)
    .filter(([k]) => k !== kind)
    .reduce((sum, [, n]) => sum + n, 0);
  if (counts[kind] === 0 || others > 0) {
    return { ok: false, problem: `--${kind} "${value}" is not understood; try ${EXAMPLES[kind]}` };
  }
  const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
  return {
    ok: true,
    query: {
      ...query,
      protocols: union(query.protocols, parsed.protocols),
      directions: union(query.directions, parsed.directions),
      versions: book.operatingSystems.filter((os) => query.versions.includes(os) || parsed.versions.includes(os)),
      unknownVersions: union(query.unknownVersions, parsed.unknownVersions),
      notices: [
        ...query.notices,
        // an offered version goes with the question's own words: `rdp` with `--os 2025` offers `rdp 2022`
        ...parsed.notices
          .filter((n) => n.kind === "unknown-version")
          .map((n) => (n.offer ? { ...n, offer: { ...n.offer, question: `${query.text} ${n.offer.question}`.trim() } } : n)),
      ],
    },
  };
}
