/**
 * Compares a fresh copy of the AWS page with data/windows-ami-ports.json and builds the data as a
 * refresh would write it. Pure: the page comes in parsed (aws-page.ts), the data as read.
 *
 * A rule's identity is its section, name, protocol and direction as the page prints them (anchors
 * repeat on the page, and one rule can have one row per group of Windows versions). Rows keep their
 * ids when only their versions, definition or ports change. Only rows taken from the current page
 * (`aws-current`) take part: rows from the April 2022 page and Windows' predefined rules are kept
 * as they are, never "removed".
 */
import type { AwsPage, PageRow } from "./aws-page.js";
import type { PortsFile } from "./schema.js";

type DataRow = PortsFile["rules"][number];
type DataSection = PortsFile["sections"][number];

/** The fields a refresh updates in place; a change to any other makes another rule. */
export const REFRESHED_FIELDS = ["os", "definition", "local", "remote"] as const;
export type RefreshedField = (typeof REFRESHED_FIELDS)[number];

/** still-needed: AWS prints what we corrected; fixed-upstream: AWS prints our value; source-changed: review. */
export type CorrectionStatus = "still-needed" | "fixed-upstream" | "source-changed";

export interface RuleSummary {
  readonly id: string;
  readonly section: string;
  readonly rule: string;
  readonly os: readonly string[];
  readonly protocol: DataRow["protocol"];
  readonly direction: DataRow["direction"];
  readonly local: string | null;
  readonly remote: string | null;
}

export interface RuleFieldChange {
  readonly id: string;
  readonly fields: readonly RefreshedField[];
  readonly before: Partial<Pick<DataRow, RefreshedField>>;
  readonly after: Partial<Pick<DataRow, RefreshedField>>;
}

export interface RefreshDiff {
  readonly rules: {
    readonly added: readonly RuleSummary[];
    readonly removed: readonly RuleSummary[];
    readonly changed: readonly RuleFieldChange[];
  };
  readonly sections: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly versions: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly corrections: readonly { readonly id: string; readonly status: CorrectionStatus }[];
  /** What the page changes in order alone (or, for sections, in their anchors): written by `--write` like the rest. */
  readonly order: { readonly rules: boolean; readonly sections: boolean };
  /** Rows of sections whose tables this copy of the page does not carry: neither kept nor removed by it, left as they are. */
  readonly notCompared: { readonly sections: readonly string[]; readonly rules: number };
  /** Lines of the page that looked like rules but could not be read. */
  readonly unreadable: readonly string[];
}

export interface RefreshResult {
  readonly diff: RefreshDiff;
  /** True when the page and the data differ in anything a refresh would write or a person must review. */
  readonly differs: boolean;
  /** The ports file as `--write` would write it (retrieval date and page digest still to be set). */
  readonly next: PortsFile;
}

export function refreshFromPage(data: PortsFile, page: AwsPage): RefreshResult {
  const hiddenSections = new Set(page.sections.filter((s) => s.hiddenTables > 0).map((s) => normalize(s.name)));
  const pageSections = new Set(page.sections.map((s) => normalize(s.name)));
  const matches = matchRows(data.rules, page.rows);

  const takenIds = new Set(data.rules.map((r) => r.id));
  const added: DataRow[] = [];
  const nextByPage: DataRow[] = page.rows.map((pageRow, index) => {
    const old = matches.byPage.get(index);
    if (old) return updatedRow(old, pageRow);
    const row = newRow(pageRow, data, takenIds);
    added.push(row);
    return row;
  });

  const changed: RuleFieldChange[] = [];
  const corrections: { id: string; status: CorrectionStatus }[] = [];
  for (const [index, old] of matches.byPage) {
    const pageRow = page.rows[index] as PageRow;
    const fields = REFRESHED_FIELDS.filter((f) => !sameValue(old[f], pageRow[f]));
    if (fields.length > 0) {
      changed.push({ id: old.id, fields, before: pick(old, fields), after: pick(pageRow, fields) });
    }
    if (old.correction) corrections.push({ id: old.id, status: correctionStatus(old, pageRow) });
  }

  const matchedIds = new Set([...matches.byPage.values()].map((r) => r.id));
  const unmatched = data.rules.filter((r) => r.source === "aws-current" && !matchedIds.has(r.id));
  const notCompared = unmatched.filter((r) => hiddenSections.has(normalize(r.section)));
  const removed = unmatched.filter((r) => !hiddenSections.has(normalize(r.section)));
  const removedIds = new Set(removed.map((r) => r.id));
  const rules = keepOrder(
    nextByPage,
    data.rules.filter((r) => !removedIds.has(r.id)),
    (r) => r.id,
  );

  const keptSections = new Set(rules.map((r) => normalize(r.section)));
  const sections = keepOrder(
    nextSections(page, data.sections),
    data.sections.filter((s) => keptSections.has(normalize(s.name))),
    (s) => normalize(s.name),
  );
  const dataSectionNames = new Set(data.sections.map((s) => normalize(s.name)));
  const operatingSystems = [...new Set(rules.flatMap((r) => r.os))].sort();

  const diff: RefreshDiff = {
    rules: {
      added: added.map(summary),
      removed: removed.map(summary),
      changed: changed.sort((a, b) => a.id.localeCompare(b.id)),
    },
    sections: {
      added: page.sections.filter((s) => !dataSectionNames.has(normalize(s.name))).map((s) => s.name),
      removed: data.sections
        .filter((s) => !pageSections.has(normalize(s.name)) && !keptSections.has(normalize(s.name)))
        .map((s) => s.name),
    },
    versions: {
      added: page.operatingSystems.filter((os) => !data.operatingSystems.includes(os)),
      // a version only the April 2022 rows name (2008) is not the current page's to remove
      removed: data.operatingSystems.filter(
        (os) => !page.operatingSystems.includes(os) && data.rules.some((r) => r.source === "aws-current" && r.os.includes(os)),
      ),
    },
    corrections: corrections.sort((a, b) => a.id.localeCompare(b.id)),
    order: { rules: !sameOrder(rules, data.rules), sections: !sameSections(sections, data.sections) },
    notCompared: { sections: page.sections.filter((s) => s.hiddenTables > 0).map((s) => s.name), rules: notCompared.length },
    unreadable: page.unreadable,
  };
  const differs =
    added.length + removed.length + changed.length > 0 ||
    diff.sections.added.length + diff.sections.removed.length > 0 ||
    diff.versions.added.length + diff.versions.removed.length > 0 ||
    corrections.some((c) => c.status !== "still-needed") ||
    page.unreadable.length > 0 ||
    diff.order.rules ||
    diff.order.sections;
  return { diff, differs, next: { ...data, sections, operatingSystems, rules } };
}

/** A rule's identity: section, name, protocol and direction, as printed, in any case and spacing. */
function identity(row: { section: string; rule: string; protocol: string; direction: string }): string {
  return [normalize(row.section), normalize(row.rule), row.protocol, row.direction].join("\u0000");
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Pairs page rows with data rows of the same identity: first the rows for the same versions, then
 * the most overlapping versions, then what is left in page order (a rule that moved to other
 * versions keeps its id).
 */
function matchRows(dataRows: readonly DataRow[], pageRows: readonly PageRow[]): { byPage: Map<number, DataRow> } {
  const candidates = new Map<string, DataRow[]>();
  for (const row of dataRows) {
    if (row.source !== "aws-current") continue;
    const key = identity(row);
    candidates.set(key, [...(candidates.get(key) ?? []), row]);
  }
  const byPage = new Map<number, DataRow>();
  const pending = pageRows.map((row, index) => ({ row, index, key: identity(row) }));
  const passes: ((a: readonly string[], b: readonly string[]) => boolean)[] = [
    (a, b) => a.length === b.length && a.every((os) => b.includes(os)),
    (a, b) => a.some((os) => b.includes(os)),
    () => true,
  ];
  for (const fits of passes) {
    for (const item of pending) {
      if (byPage.has(item.index)) continue;
      const pool = candidates.get(item.key) ?? [];
      const best = pool
        .filter((d) => fits(d.os, item.row.os))
        .sort((a, b) => overlap(b.os, item.row.os) - overlap(a.os, item.row.os))[0];
      if (!best) continue;
      byPage.set(item.index, best);
      candidates.set(
        item.key,
        pool.filter((d) => d !== best),
      );
    }
  }
  return { byPage };
}

function overlap(a: readonly string[], b: readonly string[]): number {
  return a.filter((os) => b.includes(os)).length;
}

function updatedRow(old: DataRow, page: PageRow): DataRow {
  // (a text the same up to spacing keeps the data's spelling: --write changes only what the report lists)
  const kept = <F extends "definition" | "local" | "remote">(f: F) => (sameValue(old[f], page[f]) ? old[f] : page[f]);
  const row: DataRow = { ...old, os: [...page.os], definition: kept("definition"), local: kept("local"), remote: kept("remote") };
  const status = old.correction ? correctionStatus(old, page) : undefined;
  if (status === "fixed-upstream") {
    const { correction: _fixed, ...rest } = row;
    return rest;
  }
  // the corrected fields keep what AWS printed before, so the row stays flagged until a person reviews it
  if (status === "source-changed") return { ...row, local: old.local, remote: old.remote };
  return row;
}

/**
 * still-needed while AWS prints what we corrected; fixed-upstream once it prints our corrected
 * values; source-changed when it prints something else (our correction needs a person's review).
 */
function correctionStatus(old: DataRow, page: PageRow): CorrectionStatus {
  const fix = old.correction;
  if (!fix) return "still-needed";
  const fields = (["local", "remote", "direction"] as const).filter((f) => f in fix);
  if (fields.every((f) => sameValue(page[f], old[f]))) return "still-needed";
  if (fields.every((f) => sameValue(page[f], fix[f] ?? null))) return "fixed-upstream";
  return "source-changed";
}

function newRow(page: PageRow, data: PortsFile, takenIds: Set<string>): DataRow {
  const base = `${slug(page.rule)}.${osGroupSlug(page.os)}`;
  let id = base;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
  takenIds.add(id);
  const section = data.sections.find((s) => normalize(s.name) === normalize(page.section))?.name ?? page.section;
  return {
    id,
    section,
    os: [...page.os],
    rule: page.rule,
    definition: page.definition,
    local: page.local,
    remote: page.remote,
    protocol: page.protocol,
    direction: page.direction,
    source: "aws-current",
  };
}

/** `Dynamic Host Configuration Protocol for IPv6(DHCPV6-In)` → `dynamic-host-configuration-protocol-for-ipv6-dhcpv6-in`. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "rule"
  );
}

/** `2016-2019-2022`, `2008r2-2008sp2`, or `os-unstated`: the part of an id after the dot. */
export function osGroupSlug(os: readonly string[]): string {
  if (os.length === 0) return "os-unstated";
  return os.map((name) => slug(name.replace(/^Windows Server /, "")).replace(/-/g, "")).join("-");
}

/**
 * The page's sections with their anchors. An anchor the page gives to two sections
 * (`remote-management` for both Windows Feature Experience Pack and Windows Remote Management)
 * stays only with the section whose name holds its words, else with none.
 */
function nextSections(page: AwsPage, old: readonly DataSection[]): DataSection[] {
  const uses = new Map<string, number>();
  for (const s of page.sections) if (s.anchor) uses.set(s.anchor, (uses.get(s.anchor) ?? 0) + 1);
  return page.sections.map((s) => {
    const name = old.find((o) => normalize(o.name) === normalize(s.name))?.name ?? s.name;
    const shared = s.anchor !== null && (uses.get(s.anchor) ?? 0) > 1;
    return { name, anchor: shared && !slug(s.name).includes(s.anchor as string) ? null : s.anchor };
  });
}

function sameSections(a: readonly DataSection[], b: readonly DataSection[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i]?.name && s.anchor === b[i]?.anchor);
}

/** Whether the rows both lists keep stand in the same order (rows added or removed are listed on their own). */
function sameOrder(next: readonly DataRow[], old: readonly DataRow[]): boolean {
  const nextIds = new Set(next.map((r) => r.id));
  const oldIds = new Set(old.map((r) => r.id));
  const kept = next.filter((r) => oldIds.has(r.id));
  const before = old.filter((r) => nextIds.has(r.id));
  return kept.every((r, i) => r.id === before[i]?.id);
}

/**
 * The new list in its own order, with every old item it lacks put back after the old item it
 * followed (the April 2022 WinRM row stays after today's WinRM row).
 */
function keepOrder<T>(fresh: readonly T[], old: readonly T[], key: (item: T) => string): T[] {
  const result = [...fresh];
  const present = new Set(fresh.map(key));
  let lastPresent: string | undefined;
  for (const item of old) {
    const k = key(item);
    if (!present.has(k)) {
      const at = lastPresent === undefined ? -1 : result.findIndex((r) => key(r) === lastPresent);
      result.splice(at + 1, 0, item);
      present.add(k);
    }
    lastPresent = k;
  }
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (typeof a === "string" && typeof b === "string") return normalizeSpaces(a) === normalizeSpaces(b);
  return a === b;
}

function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function pick<T extends object>(row: T, fields: readonly RefreshedField[]): Partial<Pick<DataRow, RefreshedField>> {
  return Object.fromEntries(fields.map((f) => [f, (row as Record<string, unknown>)[f]]));
}

function summary(row: DataRow): RuleSummary {
  const { id, section, rule, os, protocol, direction, local, remote } = row;
  return { id, section, rule, os, protocol, direction, local, remote };
}
