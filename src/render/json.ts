/** The JSON shape of answers and rules, for `amiport --json` and other scripts. */
import type { Answer, ChangedField, DiffFilter, MatchReason, Notice, Rule, Understood, VersionDiff } from "../core/index.js";

export interface RuleJson {
  id: string;
  section: string;
  os: readonly string[];
  rule: string;
  definition: string | null;
  local: string | null;
  remote: string | null;
  protocol: string;
  direction: string;
  /** What the AWS page prints for the corrected fields; only where a correction applies. */
  published?: { local?: string | null; remote?: string | null; direction?: string };
  correction?: string;
  source: string;
  url: string;
  notes: readonly string[];
  matched?: readonly MatchReason[];
}

export interface AnswerJson {
  query: string;
  understood: Understood;
  total: number;
  results: RuleJson[];
  notices: readonly Notice[];
}

export function ruleToJson(rule: Rule, matched?: readonly MatchReason[]): RuleJson {
  return {
    id: rule.id,
    section: rule.section,
    os: rule.os,
    rule: rule.rule,
    definition: rule.definition,
    local: rule.local.text,
    remote: rule.remote.text,
    protocol: rule.protocol,
    direction: rule.direction,
    ...(rule.published ? { published: rule.published, correction: rule.correction } : {}),
    source: rule.source,
    url: rule.url,
    notes: rule.notes,
    ...(matched ? { matched } : {}),
  };
}

export function answerToJson(answer: Answer): AnswerJson {
  return {
    query: answer.query,
    understood: answer.understood,
    total: answer.total,
    results: answer.results.map((r) => ruleToJson(r.rule, r.matched)),
    notices: answer.notices,
  };
}

export interface DiffJson {
  from: string;
  to: string;
  /** Only where the question narrowed the comparison (`inbound`, `udp`). */
  filter?: DiffFilter;
  added: RuleJson[];
  removed: RuleJson[];
  changed: { before: RuleJson; after: RuleJson; fields: readonly ChangedField[] }[];
  same: number;
  unstated: RuleJson[];
}

export function diffToJson(diff: VersionDiff): DiffJson {
  const rules = (list: readonly Rule[]) => list.map((rule) => ruleToJson(rule));
  return {
    from: diff.from,
    to: diff.to,
    ...(diff.filter.protocols.length + diff.filter.directions.length > 0 ? { filter: diff.filter } : {}),
    added: rules(diff.added),
    removed: rules(diff.removed),
    changed: diff.changed.map((c) => ({ before: ruleToJson(c.before), after: ruleToJson(c.after), fields: c.fields })),
    same: diff.same.length,
    unstated: rules(diff.unstated),
  };
}
