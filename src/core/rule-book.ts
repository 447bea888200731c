/** Loads and checks data/: the AWS rules with corrections applied, and the words people use. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkedTexts } from "./data-stamp.js";
import { type PortRange, parsePortList } from "./ports.js";
import {
  type DataSchemaName,
  type Direction,
  dataSchemas,
  type PortsFile,
  type Protocol,
  type RealWordsFile,
  type Source,
  type VocabularyFile,
} from "./schema.js";

export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));
const PORTS_FILE = "windows-ami-ports.json";
const VOCABULARY_FILE = "vocabulary.json";
const REAL_WORDS_FILE = "real-words.json";
const COMMON_WORDS_FILE = "common-words.json";

/** What a port cell means for matching: numbers, or a Windows port keyword and what it stands for. */
export interface PortCell {
  /** The cell as shown (corrected): `5985`, `554, 8554-8558`, `RPC`, `Any`, or null. */
  readonly text: string | null;
  readonly ranges: readonly PortRange[];
  readonly keyword?: { readonly name: string; readonly ranges: readonly PortRange[] };
}

/** Where a note's fact comes from, when it is not the AWS page of the rule itself. */
export interface NoteSource {
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
  readonly retrieved: string;
}

export interface RuleNote {
  readonly text: string;
  /** Absent for amiport's own reading of the rule's row on the AWS page. */
  readonly source?: NoteSource;
}

export interface Rule {
  readonly id: string;
  /** Position in the AWS page's order. */
  readonly index: number;
  readonly section: string;
  /** Full names, e.g. `Windows Server 2012 R2`; empty where AWS does not say. */
  readonly os: readonly string[];
  readonly rule: string;
  readonly definition: string | null;
  readonly local: PortCell;
  readonly remote: PortCell;
  readonly protocol: Protocol;
  readonly direction: Direction;
  readonly source: Source;
  /** What the AWS page prints for the fields amiport corrects; absent when nothing is corrected. */
  readonly published?: {
    readonly local?: string | null;
    readonly remote?: string | null;
    readonly direction?: Direction;
  };
  readonly correction?: string;
  readonly notes: readonly RuleNote[];
  /** The rule's section on the AWS page (the page itself where the section has no anchor). */
  readonly url: string;
  /** Ops words attached by data/vocabulary.json (rdp, winrm, ...). */
  readonly tags: readonly string[];
}

export interface RuleBook {
  readonly rules: readonly Rule[];
  readonly operatingSystems: readonly string[];
  readonly sections: readonly { readonly name: string; readonly url: string }[];
  readonly attribution: {
    readonly title: string;
    readonly publisher: string;
    readonly url: string;
    readonly license: string;
    readonly retrieved: string;
  };
  readonly sources: Readonly<Record<Source, string>>;
  readonly portKeywords: Readonly<Record<string, string>>;
  readonly protocolNumbers: Readonly<Record<string, string>>;
  readonly vocabulary: VocabularyFile;
  /** English words that are never read as typos of a service word (`sob` is not smb). */
  readonly realWords: ReadonlySet<string>;
  /** The most frequent words of spoken English: a rule reached through one of them alone may be chance. */
  readonly commonWords: ReadonlySet<string>;
}

export class DataError extends Error {
  override name = "DataError";
}

export function loadRuleBook(dataDir: string = DEFAULT_DATA_DIR): RuleBook {
  const portsPath = join(dataDir, PORTS_FILE);
  const vocabularyPath = join(dataDir, VOCABULARY_FILE);
  const ports = parseFile<PortsFile>(portsPath, "portsFile");
  const vocabulary = parseFile<VocabularyFile>(vocabularyPath, "vocabularyFile");
  const realWords = parseFile<RealWordsFile>(join(dataDir, REAL_WORDS_FILE), "realWordsFile");
  const commonWords = parseFile<RealWordsFile>(join(dataDir, COMMON_WORDS_FILE), "commonWordsFile");
  return {
    ...buildRuleBook(ports, vocabulary, portsPath, vocabularyPath),
    realWords: new Set(realWords.words),
    commonWords: new Set(commonWords.words),
  };
}

/**
 * Reads a data file and checks it against its schema, unless the build already checked these
 * exact text (see data-stamp.ts): then zod is not even loaded. Any change to a file means a check.
 */
function parseFile<T>(path: string, schemaName: DataSchemaName): T {
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(path, "utf8");
    raw = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${path}: cannot be read as JSON (${(error as Error).message})`);
  }
  if (checkedTexts()[schemaName] === text) return raw as T;
  return checkFile<T>(path, schemaName, raw);
}

/** Checks parsed JSON against the named schema; a DataError names the file, the rule and the field. */
export function checkFile<T>(path: string, schemaName: DataSchemaName, raw: unknown): T {
  const result = dataSchemas()[schemaName].safeParse(raw);
  if (result.success) return result.data as T;
  const issue = result.error.issues[0];
  throw new DataError(`${path}: ${issue ? `${describePath(issue.path, raw)}: ${issue.message}` : "invalid"}`);
}

/** `rule "dhcp-in.2012-2012r2", field "protocol"` for a rule's field, else the path itself. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  const [top, index, ...rest] = path;
  if (top === "rules" && typeof index === "number") {
    const id = (raw as { rules?: { id?: unknown }[] }).rules?.[index]?.id;
    const row = typeof id === "string" ? `rule "${id}"` : `rule #${index + 1}`;
    return `${row}, field "${rest.map(String).join(".") || "(the row)"}"`;
  }
  return `field "${path.map(String).join(".") || "(top level)"}"`;
}

function buildRuleBook(
  file: PortsFile,
  vocabulary: VocabularyFile,
  portsPath: string,
  vocabularyPath: string,
): Omit<RuleBook, "realWords" | "commonWords"> {
  const fail = (id: string, field: string, message: string): never => {
    throw new DataError(`${portsPath}: rule "${id}", field "${field}": ${message}`);
  };
  const keywordRanges = new Map<string, readonly PortRange[]>();
  for (const [keyword, ports] of Object.entries(vocabulary.keywordPorts)) {
    if (!(keyword in file.portKeywords)) {
      throw new DataError(`${vocabularyPath}: field "keywordPorts.${keyword}": not a port keyword of ${PORTS_FILE}`);
    }
    const parsed = parsePortList(ports);
    if (!parsed.ok) throw new DataError(`${vocabularyPath}: field "keywordPorts.${keyword}": ${parsed.problem}`);
    keywordRanges.set(keyword, parsed.ranges);
  }

  const readCell = (id: string, field: string, text: string | null): PortCell => {
    if (text === null || text === "Any") return { text, ranges: [] };
    if (text in file.portKeywords) {
      const ranges = keywordRanges.get(text);
      return { text, ranges: [], ...(ranges ? { keyword: { name: text, ranges } } : {}) };
    }
    const parsed = parsePortList(text);
    if (!parsed.ok) return fail(id, field, `"${text}" is neither a port, a range, a list, Any nor a port keyword`);
    return { text, ranges: parsed.ranges };
  };

  const readNote = (id: string, i: number, note: string | { text: string; source: string }): RuleNote => {
    if (typeof note === "string") return { text: note };
    const source = file.noteSources?.[note.source];
    if (!source) return fail(id, `notes.${i}.source`, `"${note.source}" is not in noteSources`);
    return { text: note.text, source };
  };

  const anchors = new Map(file.sections.map((s) => [s.name, s.anchor]));
  const knownOs = new Set(file.operatingSystems);
  const seenIds = new Set<string>();
  const rules = file.rules.map((row, index): Rule => {
    if (seenIds.has(row.id)) fail(row.id, "id", "appears twice");
    seenIds.add(row.id);
    if (!anchors.has(row.section)) fail(row.id, "section", `"${row.section}" is not in sections`);
    row.os.forEach((os, i) => {
      if (!knownOs.has(os)) fail(row.id, `os.${i}`, `"${os}" is not in operatingSystems`);
    });
    const fix = row.correction;
    const local = fix && "local" in fix ? (fix.local ?? null) : row.local;
    const remote = fix && "remote" in fix ? (fix.remote ?? null) : row.remote;
    const direction = fix?.direction ?? row.direction;
    const anchor = anchors.get(row.section);
    return {
      id: row.id,
      index,
      section: row.section,
      os: row.os,
      rule: row.rule,
      definition: row.definition,
      local: readCell(row.id, "local", local),
      remote: readCell(row.id, "remote", remote),
      protocol: row.protocol,
      direction,
      source: row.source,
      ...(fix ? { published: publishedFields(row, fix), correction: fix.reason } : {}),
      notes: (row.notes ?? []).map((note, i) => readNote(row.id, i, note)),
      url: anchor ? `${file.url}#${anchor}` : file.url,
      tags: [],
    };
  });

  const withTags = attachTags(rules, vocabulary, vocabularyPath);
  return {
    rules: withTags,
    operatingSystems: file.operatingSystems,
    sections: file.sections.map((s) => ({ name: s.name, url: s.anchor ? `${file.url}#${s.anchor}` : file.url })),
    attribution: {
      title: file.title,
      publisher: file.publisher,
      url: file.url,
      license: file.license,
      retrieved: file.retrieved,
    },
    sources: file.sources as Record<Source, string>,
    portKeywords: file.portKeywords,
    protocolNumbers: file.protocolNumbers,
    vocabulary,
  };
}

function publishedFields(row: PortsFile["rules"][number], fix: NonNullable<PortsFile["rules"][number]["correction"]>) {
  return {
    ...("local" in fix && fix.local !== row.local ? { local: row.local } : {}),
    ...("remote" in fix && fix.remote !== row.remote ? { remote: row.remote } : {}),
    ...(fix.direction !== undefined && fix.direction !== row.direction ? { direction: row.direction } : {}),
  };
}

function attachTags(rules: Rule[], vocabulary: VocabularyFile, vocabularyPath: string): Rule[] {
  const tags = new Map<string, Set<string>>(rules.map((r) => [r.id, new Set<string>()]));
  const names = rules.map((r) => r.rule.toLowerCase());
  vocabulary.tags.forEach((tag, i) => {
    const fragment = tag.rule?.toLowerCase();
    const hits = rules.filter((r, at) => (fragment ? (names[at] as string).includes(fragment) : r.section === tag.section));
    if (hits.length === 0) {
      throw new DataError(`${vocabularyPath}: field "tags.${i}": "${tag.section ?? tag.rule}" matches no rule`);
    }
    for (const rule of hits) for (const word of tag.words) tags.get(rule.id)?.add(word.toLowerCase());
  });
  return rules.map((r) => ({ ...r, tags: [...(tags.get(r.id) ?? [])] }));
}
