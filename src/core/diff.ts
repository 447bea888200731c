/** What changes for the firewall between two Windows Server versions, and reading questions that ask it. */
import { formatRange } from "./ports.js";
import { type ParsedQuery, parseQuery } from "./query.js";
import type { Rule, RuleBook } from "./rule-book.js";
import type { Direction, Protocol } from "./schema.js";

/** The port fields whose difference makes a rule "changed". */
export type ChangedField = "local" | "remote";

export interface RuleChange {
  readonly before: Rule;
  readonly after: Rule;
  readonly fields: readonly ChangedField[];
}

/** Narrows a comparison to some protocols or directions (`what changes inbound`); empty lists narrow nothing. */
export interface DiffFilter {
  readonly protocols: readonly Protocol[];
  readonly directions: readonly Direction[];
}

const NO_FILTER: DiffFilter = { protocols: [], directions: [] };

export interface VersionDiff {
  readonly from: string;
  readonly to: string;
  readonly filter: DiffFilter;
  /** Rules for `to` and not for `from`, in the AWS page's order. */
  readonly added: readonly Rule[];
  /** Rules for `from` and not for `to`. */
  readonly removed: readonly Rule[];
  /** The same rule (name, protocol, direction) on both sides with other ports. */
  readonly changed: readonly RuleChange[];
  /** The same rule with the same ports on both sides (as the row for `to`). */
  readonly same: readonly Rule[];
  /** Rules whose versions AWS does not state: neither added nor removed. */
  readonly unstated: readonly Rule[];
}

/** One section of the AWS page with the differences in it. */
export interface DiffSection {
  readonly section: string;
  readonly added: readonly Rule[];
  readonly removed: readonly Rule[];
  readonly changed: readonly RuleChange[];
}

/** A rule is the same rule on two versions when its name, protocol and direction match. */
function identity(rule: Rule): string {
  return `${rule.rule}\u0000${rule.protocol}\u0000${rule.direction}`;
}

/** Compares the rules of two versions the book knows (full names, e.g. `Windows Server 2012 R2`). */
export function diffVersions(book: RuleBook, from: string, to: string, filter: DiffFilter = NO_FILTER): VersionDiff {
  const before = new Map<string, Rule>();
  const after = new Map<string, Rule>();
  const passes = (rule: Rule) =>
    (filter.protocols.length === 0 || filter.protocols.includes(rule.protocol)) &&
    (filter.directions.length === 0 || filter.directions.includes(rule.direction));
  for (const rule of book.rules) {
    if (!passes(rule)) continue;
    if (rule.os.includes(from)) before.set(identity(rule), rule);
    if (rule.os.includes(to)) after.set(identity(rule), rule);
  }
  const added: Rule[] = [];
  const changed: RuleChange[] = [];
  const same: Rule[] = [];
  for (const [key, rule] of after) {
    const old = before.get(key);
    if (!old) {
      added.push(rule);
      continue;
    }
    const fields = (["local", "remote"] as const).filter((field) => old[field].text !== rule[field].text);
    if (fields.length > 0) changed.push({ before: old, after: rule, fields });
    else same.push(rule);
  }
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, rule]) => rule);
  const unstated = book.rules.filter((rule) => rule.os.length === 0 && passes(rule));
  return { from, to, filter, added, removed, changed, same, unstated };
}

/** The differences grouped by section, in the AWS page's order of sections; sections without any are left out. */
export function diffBySection(book: RuleBook, diff: VersionDiff): DiffSection[] {
  return book.sections
    .map(({ name }) => ({
      section: name,
      added: diff.added.filter((r) => r.section === name),
      removed: diff.removed.filter((r) => r.section === name),
      changed: diff.changed.filter((c) => c.after.section === name),
    }))
    .filter((s) => s.added.length + s.removed.length + s.changed.length > 0);
}

export type DiffQuestion =
  | { readonly ok: true; readonly from: string; readonly to: string; readonly filter: DiffFilter }
  | { readonly ok: false; readonly problem: string };

/** Words that ask for a comparison; `vs`, `between`, `moving` and the like are also question filler. */
const DIFF_WORDS = new Set(["diff", "compare", "comparison", "changed", "change", "changes", "differ"]);
const DIFF_INTENT =
  /(?<![a-z0-9])(?:diff|compare[ds]?|comparison|changed?|changes|differ(?:ence|ences|s)?|vs|versus|between|moving|move|migrat(?:e|ing|ion)|upgrad(?:e|ing))(?![a-z0-9])/;

/**
 * Reads `diff 2012r2 2022`, `what changed between 2012 R2 and 2022`, `compare 2016 and 2019`,
 * `2016 vs 2022` or `moving from 2016 to 2022`: the first version written is `from`. Returns null
 * for a question that is not a comparison, and a problem for one without two known versions.
 */
export function readDiffQuestion(book: RuleBook, query: string | ParsedQuery): DiffQuestion | null {
  const parsed = typeof query === "string" ? parseQuery(book, query) : query;
  // pasted text (a log, an alert) is looked up port by port, never compared
  if (parsed.pasted) return null;
  // the text as parsed: cleaned and cut, so a long paste costs no more than a question
  const lower = parsed.text.toLowerCase();
  if (!DIFF_INTENT.test(lower)) return null;
  const otherWords = parsed.words.filter((w) => !DIFF_WORDS.has(w));
  const named = parsed.versionsAsWritten;
  const known = `The data knows ${book.operatingSystems.map((os) => os.replace(/^Windows Server /, "")).join(", ")}.`;
  const example = "e.g. `diff 2016 2022` or `what changed between 2012 R2 and 2022`";
  // `smb between 2016 and 2022` asks about smb; a comparison names versions, protocols and directions only
  if (otherWords.length > 0 || parsed.ports.length > 0) {
    // but after the command `diff`, both arguments are versions: anything else is a mistake to name
    if (!/^\s*diff\b/.test(lower)) return null;
    const strays = [...parsed.ports.map(formatRange), ...otherWords].map((w) => `“${w}”`).join(", ");
    return {
      ok: false,
      problem: `After diff, name two Windows Server versions (and protocols or directions), not ${strays}. ${known}`,
    };
  }
  if (named.length === 0 && !/^\s*(?:diff|compare)\b/.test(lower)) return null;
  if (parsed.unknownVersions.length > 0) {
    // "AWS's page does not list Windows Server 2025 yet (retrieved …); the nearest it lists is 2022.", then the offer
    const unlisted = parsed.notices.filter((n) => n.kind === "unknown-version");
    const offers = unlisted.flatMap((n) => (n.offer ? [`\`${n.offer.question}\``] : []));
    const offer = offers.length > 0 ? ` Try ${offers.join(" or ")}.` : "";
    return { ok: false, problem: `${unlisted.map((n) => n.text).join(" ")}${offer} ${known}` };
  }
  const [from, to] = named;
  if (named.length !== 2 || from === undefined || to === undefined) {
    return { ok: false, problem: `Name two Windows Server versions to compare, ${example}. ${known}` };
  }
  if (from === to) return { ok: false, problem: `Name two different Windows Server versions to compare, ${example}. ${known}` };
  return { ok: true, from, to, filter: { protocols: parsed.protocols, directions: parsed.directions } };
}
