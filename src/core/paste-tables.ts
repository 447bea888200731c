/**
 * Markdown tables, read by their header: the cells under a `Port` column are ports (with the row's
 * `Protocol` cell, where the table has one), the cells under a column that names something else
 * (`Protocol number`, `ProcessId`) are not. A table whose header names no port column may still
 * have rows that do, as a data dictionary's: `|src_port|SourcePort|UnicodeString|…|\`5555\`|`.
 *
 *     | Protocol type | Protocol number | Port | Notes |
 *     | --- | --- | --- | --- |
 *     | TCP | 6 | 1433 \(MS SQL\) | The default port of SQL Server |
 *
 * Rows with no header read as a row about a port when their first cell is a number and another
 * cell speaks of a port: `| 3023 | Proxy | SSH port clients connect to. |`.
 *
 * One pass over the lines; each row is split once.
 */
import { labelKey, labelRole, PROTOCOL_LABELS } from "./paste-words.js";

export interface TableValue {
  /** A port or a range as written in its cell: `1433`, `2456-2457`. */
  readonly value: string;
  readonly protocols: readonly ("TCP" | "UDP")[];
  /** Where the value stands in the text. */
  readonly from: number;
  readonly to: number;
}

export interface TableReading {
  readonly ports: readonly TableValue[];
  /** Numbers in cells whose column names something other than a port, with where each starts. */
  readonly notPorts: readonly { readonly value: number; readonly from: number }[];
}

type Column = "port" | "nonport" | "protocol" | undefined;

interface Cell {
  readonly text: string;
  readonly from: number;
}

/** A table's row: a pipe opens the line (after a diff's `+` or `-`). */
const ROW = /^[ \t]*(?:[+-][ \t]*)?\|/;
const SEPARATOR_CELL = /^:?-{3,}:?$/;
/** Numbers in a port cell: `1433`, `2456-2457`, `80, 443`, `TCP 445`. */
const CELL_VALUES = /(?<![\w.:%])(\d{1,5})(?:[ \t]*[-–][ \t]*(\d{1,5}))?(?![\w.:%])/g;
/** A cell that is a number alone, maybe quoted as code: `` `5555` ``. */
const NUMBER_CELL = /^`?(\d{1,5})`?$/;
const NUMBERS = /\d{1,5}(?!\d)/g;
const MAX_LINE = 2000;
const MAX_CELLS = 30;
const MAX_VALUES = 200;
const PROTOCOL_HEADERS: ReadonlySet<string> = new Set([...PROTOCOL_LABELS, "protocoltype", "transport", "transportprotocol"]);
/** `Port range`, `Port numbers`, `Port(s)`: what labels do not cover. */
const PORT_HEADER = /^ports?(?:range|ranges|number|numbers|no|s)?$/;
const NOT_PORT_HEADERS: ReadonlySet<string> = new Set(["protocolnumber", "protocolno", "ipprotocolnumber"]);

export function readMarkdownTables(text: string): TableReading {
  const ports: TableValue[] = [];
  const notPorts: { value: number; from: number }[] = [];
  let columns: Column[] | undefined;
  let previous: { line: string; from: number } | undefined;
  for (let start = 0; start <= text.length && ports.length + notPorts.length < MAX_VALUES; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const line = end - start > MAX_LINE ? "" : text.slice(start, end);
    if (previous && isSeparator(line)) {
      columns = cellsOf(previous.line, previous.from).map((cell) => columnOf(cell.text));
    } else if (columns && line.includes("|")) {
      readRow(cellsOf(line, start), columns, ports, notPorts);
    } else {
      columns = undefined;
      if (ROW.test(line)) readRowAboutPort(cellsOf(line, start), ports);
    }
    previous = line.includes("|") ? { line, from: start } : undefined;
    if (newline < 0) break;
    start = newline + 1;
  }
  return { ports, notPorts };
}

function readRow(
  cells: readonly Cell[],
  columns: readonly Column[],
  ports: TableValue[],
  notPorts: { value: number; from: number }[],
): void {
  const protocolCell = cells.find((_, k) => columns[k] === "protocol")?.text ?? "";
  const hasPortColumn = columns.includes("port");
  // a data dictionary's row: its name cells say it is a port, its value cell is the number alone
  const namedPort = !hasPortColumn && cells.slice(0, 2).some((cell) => columnOf(cell.text) === "port");
  if (!hasPortColumn && !namedPort) {
    readRowAboutPort(cells, ports);
    return;
  }
  cells.forEach((cell, k) => {
    const column = columns[k];
    if (column === "port") {
      const protocols = protocolsIn(`${protocolCell} ${cell.text}`);
      CELL_VALUES.lastIndex = 0;
      for (let m = CELL_VALUES.exec(cell.text); m !== null; m = CELL_VALUES.exec(cell.text)) {
        ports.push({
          value: m[0].replace(/[ \t]/g, "").replace("–", "-"),
          protocols,
          from: cell.from + m.index,
          to: cell.from + m.index + m[0].length,
        });
      }
    } else if (column === "nonport") {
      NUMBERS.lastIndex = 0;
      for (let m = NUMBERS.exec(cell.text); m !== null; m = NUMBERS.exec(cell.text)) {
        notPorts.push({ value: Number(m[0]), from: cell.from + m.index });
      }
    } else if (namedPort && k >= 2) {
      const number = NUMBER_CELL.exec(cell.text);
      if (number) {
        const at = cell.from + cell.text.indexOf(number[1] as string);
        ports.push({
          value: number[1] as string,
          protocols: protocolsIn(protocolCell),
          from: at,
          to: at + (number[1] as string).length,
        });
      }
    }
  });
}

/** `| --- | :---: |`: the line under a table's header, two cells or more. */
function isSeparator(line: string): boolean {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells = inner.split("|");
  return cells.length >= 2 && cells.every((cell) => SEPARATOR_CELL.test(cell.trim()));
}

/** A row whose first cell is a number and whose other cells speak of a port: `| 3023 | Proxy | SSH port clients connect to. |`. */
function readRowAboutPort(cells: readonly Cell[], ports: TableValue[]): void {
  const first = cells[0];
  const number = first ? /^\d{2,5}$/.exec(first.text) : null;
  if (!first || !number || !cells.slice(1).some((cell) => /port/i.test(cell.text))) return;
  ports.push({ value: number[0], protocols: [], from: first.from, to: first.from + number[0].length });
}

/** A header cell's role: `Port`, `Listening Port`, `SourcePort` are ports; `Protocol number`, `ProcessId` are not. */
function columnOf(header: string): Column {
  const word = header.replace(/[*`\\()]/g, "").trim();
  if (word === "" || word.length > 40) return undefined;
  const key = labelKey(word.replace(/\s+/g, ""));
  if (PROTOCOL_HEADERS.has(key)) return "protocol";
  if (PORT_HEADER.test(key)) return "port";
  if (NOT_PORT_HEADERS.has(key)) return "nonport";
  const role = labelRole(word.replace(/\s+/g, ""));
  if (role === "nonport") return "nonport";
  return role === undefined ? undefined : "port";
}

function protocolsIn(text: string): ("TCP" | "UDP")[] {
  const protocols: ("TCP" | "UDP")[] = [];
  if (/\btcp\b/i.test(text)) protocols.push("TCP");
  if (/\budp\b/i.test(text)) protocols.push("UDP");
  return protocols;
}

/** A row's cells, between its pipes (an escaped `\|` stays in its cell), each with where it starts. */
function cellsOf(line: string, lineStart: number): Cell[] {
  const cells: Cell[] = [];
  let from = ROW.exec(line)?.[0].length ?? 0;
  for (let at = from; at <= line.length && cells.length < MAX_CELLS; at++) {
    if (at === line.length || (line[at] === "|" && line[at - 1] !== "\\")) {
      const raw = line.slice(from, at);
      const lead = raw.length - raw.trimStart().length;
      if (at < line.length || raw.trim() !== "") cells.push({ text: raw.trim(), from: lineStart + from + lead });
      from = at + 1;
    }
  }
  return cells;
}
