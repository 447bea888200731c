/** Browsing the rules by optional question text, Windows Server version and section (the App Home). */
import { addFilter } from "./filters.js";
import { parseQuery } from "./query.js";
import type { RuleBook } from "./rule-book.js";
import { type Answer, type RuleMatch, searchRules } from "./search.js";

export interface BrowseFilter {
  /** What the person typed into the search box; may be empty. */
  readonly text: string;
  /** A full version name the book knows, or null for every version. */
  readonly version: string | null;
  /** A section name the book knows, or null for every section. */
  readonly section: string | null;
}

/**
 * Every rule that matches the filter, ranked as a search ranks them (the AWS page's order where
 * nothing but a section is picked). Unknown versions or sections are the caller's to refuse.
 */
export function browseRules(book: RuleBook, filter: BrowseFilter): Answer {
  let parsed = parseQuery(book, filter.text);
  if (filter.version) {
    const added = addFilter(book, parsed, "os", filter.version);
    if (added.ok) parsed = added.query;
  }
  const asksNothing =
    parsed.ports.length + parsed.words.length + parsed.protocols.length + parsed.directions.length + parsed.versions.length ===
      0 && parsed.notices.length === 0;
  const answer: Answer = asksNothing ? everyRule(book) : searchRules(book, parsed);
  if (!filter.section) return answer;
  const results = answer.results.filter((m) => m.rule.section === filter.section);
  const summary = `${answer.understood.summary === "every rule" ? "" : `${answer.understood.summary} · `}${filter.section}`;
  const notices =
    results.length === 0 && answer.total > 0
      ? [
          ...answer.notices,
          {
            kind: "filtered-out" as const,
            text: `${answer.total} ${answer.total === 1 ? "rule matches" : "rules match"}, but none in ${filter.section}.`,
          },
        ]
      : answer.notices;
  return { ...answer, results, total: results.length, notices, understood: { ...answer.understood, summary } };
}

function everyRule(book: RuleBook): Answer {
  const results: RuleMatch[] = book.rules.map((rule) => ({ rule, matched: [{ by: "filters" }] }));
  return {
    query: "",
    understood: { ports: [], protocols: [], directions: [], versions: [], words: [], services: [], summary: "every rule" },
    results,
    total: results.length,
    notices: [],
    found: [],
    byPort: [],
    portsLeftOut: 0,
    unopened: [],
    registered: [],
  };
}
