/**
 * Reads the AWS page "Ports and protocols for Windows AMIs" in its Markdown form, in both forms it
 * has had: today's hybrid (a bold line of Windows Server versions over `**Rule:** … / **Port:** …`
 * bullets, pipe tables in some sections) and the older escaped pipe tables of the archived user
 * guide. Pure and line by line: every pattern is anchored and free of nested repetition, so a
 * hostile file costs time linear in its length. No network.
 */
import { DIRECTIONS, type Direction, PROTOCOLS, type Protocol } from "./schema.js";

/** The page is about 40 KB; anything much larger is not that page. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** A longer line is cut before it is read: the page's longest line is under 500 characters. */
const MAX_LINE_LENGTH = 4000;

export interface PageRow {
  readonly section: string;
  /** Full names (`Windows Server 2012 R2`), in the page's order. */
  readonly os: readonly string[];
  readonly rule: string;
  readonly definition: string | null;
  /** Port cells as printed; null for an empty cell. */
  readonly local: string | null;
  readonly remote: string | null;
  readonly protocol: Protocol;
  readonly direction: Direction;
}

export interface PageSection {
  readonly name: string;
  readonly anchor: string | null;
  /** Tables the Markdown does not carry ("See the AWS documentation website"): their rows are unknown. */
  readonly hiddenTables: number;
}

export interface AwsPage {
  readonly title: string;
  readonly sections: readonly PageSection[];
  readonly rows: readonly PageRow[];
  /** Every Windows Server version a row names, sorted. */
  readonly operatingSystems: readonly string[];
  /** Lines that looked like rules but could not be read, with what was wrong. */
  readonly unreadable: readonly string[];
}

export type PageResult = { readonly ok: true; readonly page: AwsPage } | { readonly ok: false; readonly problem: string };

const TITLE = /^# Ports and Protocols for (?:AWS )?Windows (?:AMIs|Amazon Machine Images)/i;
const ANCHOR = /<a name="([^"]*)"><\/a>/;
const HIDDEN_TABLE = "See the AWS documentation website for more details";
const OS_LINE = /^- \*\*([^*]+)\*\*\s*$/;
const RULE_BULLET = /^\s+- \*\*Rule:\*\*\s?/;
/** ` / **Port:** ` and its siblings end one field of a bullet and start the next. */
const BULLET_FIELD = /\/ ?\*\*(Description|Definition|Port|Protocol|Direction):\*\*/;
const OS_NAME = /Windows Server (\d{4})(?: (R2|SP\d))?/g;
const PORT_CELL = /^Local:(.*?)Remote:(.*)$/;
const TABLE_SEPARATOR = /^\|[\s|:-]*$/;

/** Reads a saved copy of the page, or says in one line why it is not one. */
export function parseAwsPage(text: string): PageResult {
  if (text.trim() === "") return { ok: false, problem: "the file is empty" };
  if (text.length > MAX_PAGE_BYTES) return { ok: false, problem: `the file is over ${MAX_PAGE_BYTES} characters` };
  if (text.includes("\u0000")) return { ok: false, problem: "the file is binary, not Markdown" };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const titleLine = lines.find((line) => line.startsWith("# "));
  if (!titleLine || !TITLE.test(titleLine)) {
    return { ok: false, problem: 'not the AWS page "Ports and protocols for Windows AMIs" (its Markdown title is missing)' };
  }

  const sections: { name: string; anchor: string | null; hiddenTables: number }[] = [];
  const rows: PageRow[] = [];
  const unreadable: string[] = [];
  let os: string[] = [];
  let table: { columns: string[]; lastOs: string[] } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).slice(0, MAX_LINE_LENGTH);
    const section = sections[sections.length - 1];
    if (table && !line.startsWith("|")) table = undefined;

    if (line.startsWith("## ")) {
      // the anchor ends the heading line (archived form) or stands on the next line (today's form)
      const anchorAt = line.indexOf("<a ");
      const name = cleanText(anchorAt >= 0 ? line.slice(3, anchorAt) : line.slice(3));
      const anchor = ANCHOR.exec(anchorAt >= 0 ? line.slice(anchorAt) : (nextNonEmpty(lines, i) ?? ""))?.[1];
      sections.push({ name, anchor: anchor || null, hiddenTables: 0 });
      os = [];
      continue;
    }
    if (!section) continue;
    if (line.includes(HIDDEN_TABLE)) {
      section.hiddenTables++;
      continue;
    }
    const osLine = OS_LINE.exec(line);
    if (osLine) {
      os = osNames(osLine[1] as string);
      continue;
    }
    if (RULE_BULLET.test(line)) {
      const row = readBullet(line, section.name, os);
      if (typeof row === "string") unreadable.push(row);
      else rows.push(row);
      continue;
    }
    if (line.startsWith("|")) {
      if (!table) {
        const separator = lines[i + 1] ?? "";
        if (!TABLE_SEPARATOR.test(separator) || !separator.includes("---")) continue;
        table = { columns: splitCells(line).map((c) => c.toLowerCase()), lastOs: [] };
        i++;
        continue;
      }
      const row = readTableRow(splitCells(line), table, section.name);
      if (typeof row === "string") unreadable.push(row);
      else rows.push(row);
    }
  }
  if (rows.length === 0 && sections.every((s) => s.hiddenTables === 0)) {
    return { ok: false, problem: "no firewall rules found: the page's format is not one amiport knows" };
  }
  const operatingSystems = [...new Set(rows.flatMap((r) => r.os))].sort();
  return {
    ok: true,
    page: { title: cleanText(titleLine.slice(2).replace(ANCHOR, "")), sections, rows, operatingSystems, unreadable },
  };
}

function nextNonEmpty(lines: readonly string[], index: number): string | undefined {
  for (let j = index + 1; j < lines.length && j < index + 4; j++) {
    const candidate = (lines[j] as string).slice(0, MAX_LINE_LENGTH).trim();
    if (candidate !== "") return candidate;
  }
  return undefined;
}

/** `- **Rule:** X / **Definition:** Y / **Port:** Local: 68<br />Remote: 67 / **Protocol:** UDP / **Direction:** In` */
function readBullet(line: string, section: string, os: readonly string[]): PageRow | string {
  const parts = line.replace(RULE_BULLET, "").split(BULLET_FIELD);
  // split with a capturing group: [rule, name1, value1, name2, value2, ...]
  const fields = new Map<string, string>();
  for (let k = 1; k + 1 < parts.length; k += 2) fields.set((parts[k] as string).toLowerCase(), parts[k + 1] as string);
  return buildRow(
    {
      rule: parts[0] ?? "",
      definition: fields.get("definition") ?? fields.get("description"),
      port: fields.get("port"),
      protocol: fields.get("protocol"),
      direction: fields.get("direction"),
    },
    section,
    os,
    line,
  );
}

function readTableRow(cells: string[], table: { columns: string[]; lastOs: string[] }, section: string): PageRow | string {
  const cell = (name: string): string | undefined => {
    const at = table.columns.indexOf(name);
    return at >= 0 ? (cells[at] ?? "") : undefined;
  };
  const osCell = cell("os") ?? "";
  // a row with an empty OS cell continues the versions of the row above it
  const os = osCell.trim() === "" ? table.lastOs : osNames(osCell);
  table.lastOs = os;
  return buildRow(
    {
      rule: cell("rule") ?? "",
      definition: cell("definition") ?? cell("description"),
      port: cell("port"),
      protocol: cell("protocol"),
      direction: cell("direction"),
    },
    section,
    os,
    cells.join(" | "),
  );
}

interface RawRow {
  readonly rule: string;
  readonly definition: string | undefined;
  readonly port: string | undefined;
  readonly protocol: string | undefined;
  readonly direction: string | undefined;
}

function buildRow(raw: RawRow, section: string, os: readonly string[], source: string): PageRow | string {
  const rule = cleanText(raw.rule);
  const protocol = readProtocol(raw.protocol ?? "");
  const direction = readDirection(raw.direction ?? "");
  const ports = readPorts(raw.port ?? "");
  const where = `${section}: ${source.trim().slice(0, 200)}`;
  if (rule === "") return `${where} (no rule name)`;
  if (!protocol) return `${where} (protocol "${cleanText(raw.protocol ?? "")}" is not one amiport knows)`;
  if (!direction) return `${where} (direction "${cleanText(raw.direction ?? "")}" is neither In nor Out)`;
  if (!ports) return `${where} (port cell "${cleanText(raw.port ?? "")}" has no Local:/Remote: parts)`;
  const definition = raw.definition === undefined ? null : cleanText(raw.definition) || null;
  return { section, os, rule, definition, local: ports.local, remote: ports.remote, protocol, direction };
}

/** `Local: 68<br />Remote: 67`, `Local: AnyRemote: 2177` (no break), `Local: 139 Remote: Any`, or empty. */
function readPorts(cell: string): { local: string | null; remote: string | null } | undefined {
  const text = cleanText(cell.replace(/<br\s*\/?>/gi, " "));
  if (text === "") return { local: null, remote: null };
  const match = PORT_CELL.exec(text);
  if (!match) return undefined;
  const value = (part: string) => part.trim() || null;
  return { local: value(match[1] as string), remote: value(match[2] as string) };
}

const PROTOCOL_BY_NAME = new Map<string, Protocol>(PROTOCOLS.map((p) => [p.toLowerCase(), p]));

function readProtocol(cell: string): Protocol | undefined {
  return PROTOCOL_BY_NAME.get(cleanText(cell).toLowerCase());
}

function readDirection(cell: string): Direction | undefined {
  const word = cleanText(cell).toLowerCase();
  return DIRECTIONS.find((d) => word === d.toLowerCase() || word === `${d.toLowerCase()}bound`);
}

/** `Windows Server 2008 R2 Windows Server 2008 SP2`, `Windows Server 2019<br />Windows Server 2022`. */
function osNames(text: string): string[] {
  const names = [...cleanText(text).matchAll(OS_NAME)].map((m) => `Windows Server ${m[1]}${m[2] ? ` ${m[2]}` : ""}`);
  return [...new Set(names)];
}

/**
 * Undoes the page's Markdown escapes (`\(`, `\-`, `\.`), puts back the space the page drops after
 * "Windows" (`WindowsRemote Management`), and collapses runs of spaces.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .replace(/\bWindows(?=[A-Z])/g, "Windows ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a pipe-table line into trimmed cells, without the empty ones outside the outer pipes. */
function splitCells(line: string): string[] {
  const cells = line.split(/(?<!\\)\|/);
  return cells.slice(1, line.trimEnd().endsWith("|") ? -1 : undefined).map((c) => c.trim());
}
