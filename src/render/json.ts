/** The JSON shape of answers and rules, for `amiport --json` and other scripts. */
import {
  type Answer,
  type ChangedField,
  commandsForPort,
  commandsForRule,
  type DiffFilter,
  type FoundPort,
  type MatchReason,
  type NextCommand,
  type Notice,
  openingNote,
  type Registration,
  type Rule,
  type Understood,
  type VersionDiff,
} from "../core/index.js";
import { noteText } from "./facts.js";

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
  /** Each note as text, with its source named where it is not the rule's own AWS page. */
  notes: readonly string[];
  matched?: readonly MatchReason[];
  /** With `--commands`: what to run next for this rule. */
  commands?: readonly NextCommand[];
  /** With `--commands`, where the rule gets no security-group command: why. */
  commandNote?: string;
}

export interface JsonOptions {
  /** Add the commands to run next, on each result and, for ports no rule uses, on the answer. */
  readonly commands?: boolean;
}

export interface PortAnswerJson {
  port: number;
  protocol?: "TCP" | "UDP";
  snippets: readonly string[];
  total: number;
  results: RuleJson[];
  notices: readonly Notice[];
}

export interface AnswerJson {
  query: string;
  understood: Understood;
  total: number;
  results: RuleJson[];
  notices: readonly Notice[];
  /** What was read out of pasted text, each with the text it came from; empty for a question. */
  found: readonly FoundPort[];
  /** Only for pasted text naming several ports: each port's rules, most specific first. */
  byPort?: PortAnswerJson[];
  /** With `byPort`: how many more ports the message names. */
  portsLeftOut?: number;
  /** IANA's registrations of the ports the question names that no default rule uses. */
  registered: readonly Registration[];
  /** With `--commands`: what to run for those ports. */
  commands?: readonly NextCommand[];
}

export function ruleToJson(rule: Rule, matched?: readonly MatchReason[], options: JsonOptions = {}): RuleJson {
  const note = options.commands ? openingNote(rule) : null;
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
    notes: rule.notes.map(noteText),
    ...(matched ? { matched } : {}),
    ...(options.commands ? { commands: commandsForRule(rule) } : {}),
    ...(note ? { commandNote: note } : {}),
  };
}

export function answerToJson(answer: Answer, options: JsonOptions = {}): AnswerJson {
  return {
    query: answer.query,
    understood: answer.understood,
    total: answer.total,
    results: answer.results.map((r) => ruleToJson(r.rule, r.matched, options)),
    notices: answer.notices,
    found: answer.found,
    ...(answer.byPort.length > 0
      ? {
          byPort: answer.byPort.map((g) => ({
            port: g.port,
            ...(g.protocol ? { protocol: g.protocol } : {}),
            snippets: g.snippets,
            total: g.results.length,
            results: g.results.map((r) => ruleToJson(r.rule, r.matched, options)),
            notices: g.notices,
          })),
          portsLeftOut: answer.portsLeftOut,
        }
      : {}),
    registered: answer.registered,
    ...(options.commands ? { commands: answer.unopened.flatMap((u) => commandsForPort(u.port, u.protocol)) } : {}),
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
