/**
 * Ports in tables whose header names a port column: PowerShell's `Get-NetTCPConnection`
 * (`LocalPort RemotePort`), IIS's `#Fields: … s-port …`, `ss`-like and tool tables. One pass over
 * the lines; a row's value is the cell under the header (same index where the counts agree, else
 * the cell that overlaps the header's columns). Where a row has two port columns, the lower port is
 * the service and the other a client's ephemeral port.
 */
import { PROTOCOL_LABELS, PROTOCOL_WORDS } from "./paste-words.js";

/** Header cells that name a port column (lower case). */
const PORT_COLUMNS = new Set([
  "port",
  "ports",
  "localport",
  "remoteport",
  "s-port",
  "dst-port",
  "dstport",
  "dport",
  // PowerShell's `ServerPort` (Get-RemoteAccessUserActivity), Docker's and Kubernetes' `HostPort`/`ContainerPort`
  "serverport",
  "hostport",
  "containerport",
  // bcc's and Metasploit's `LPORT`, `RPORT`
  "lport",
  "rport",
  "destport",
  "destinationport",
  "port(s)",
  "fromport",
  "toport",
]);
const SERVICE_PORT_LIST = /^\d{1,5}(?::\d{1,5})?\/(?:tcp|udp|sctp)(?:,\d{1,5}(?::\d{1,5})?\/(?:tcp|udp|sctp)){0,20}$/i;
/** Rows read under one header at most; a table longer than this is a dump, not an incident. */
const MAX_ROWS = 500;
const PORT_WORD = /port/i;
const NOT_BLANK = /\S/;
/** Headers have at most this many columns. */
const MAX_COLUMNS = 40;
/** A row may lack this many of its header's cells (empty cells) and still be one of its rows. */
const MAX_MISSING_CELLS = 3;
/** Lines longer than this are not table rows. */
const MAX_ROW_LENGTH = 1000;

export interface ColumnPort {
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
  /** Where the cell stands in the text. */
  readonly from: number;
  readonly to: number;
}

interface Cell {
  readonly text: string;
  /** Where it stands in the text. */
  readonly start: number;
  readonly end: number;
  /** Where it stands in its line. */
  readonly column: number;
}

interface Header {
  readonly cells: readonly Cell[];
  /** Indexes of the port columns. */
  readonly columns: readonly number[];
  readonly protocolColumn: number;
  /** `FromPort`/`ToPort`: one range per row, read only when it is one port. */
  readonly range: boolean;
  /**
   * netsh's `Start Port    End Port` (`show excludedportrange`), a reserved range per row, and a
   * mapping's `HostPort  ContainerPort`: each row's ports all read.
   */
  readonly startEnd: boolean;
  /** Cells before the first real column (`#Fields:`). */
  readonly skip: number;
}

export function readColumnPorts(pasted: string): ColumnPort[] {
  const text = unfoldW3cLog(pasted);
  const found: ColumnPort[] = [];
  let header: Header | undefined;
  let rows = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const line = end - start > MAX_ROW_LENGTH ? "" : text.slice(start, end);
    if (!NOT_BLANK.test(line)) {
      // one blank line may stand between a header and its rows (Windows Firewall's pfirewall.log)
      if (rows > 0) header = undefined;
      rows += 1;
    } else if (header || PORT_WORD.test(line)) {
      // only a line naming a port can be a header: the rest are split into cells under one only
      const cells = cellsOf(line, start);
      if (isHeader(cells)) {
        header = headerOf(cells);
        rows = 0;
      } else if (header && rows < MAX_ROWS && !/^[\s|+=-]+$/.test(line)) {
        rows += 1;
        found.push(...readRow(header, cells));
      }
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return found;
}

function cellsOf(line: string, offset: number): Cell[] {
  const cells: Cell[] = [];
  const pattern = /\S+/g;
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    cells.push({ text: match[0], start: offset + match.index, end: offset + match.index + match[0].length, column: match.index });
  }
  return cells;
}

function columnName(cell: Cell): string {
  return cell.text.toLowerCase();
}

/** A line of names (each cell has a letter or is a table's `|`), one of them a port column. */
function isHeader(cells: readonly Cell[]): boolean {
  if (cells.length < 2 || cells.length > MAX_COLUMNS) return false;
  // names, not a sentence: `No socket is listening on any of the documented ports:` is prose
  // (tried first: a row of values fails it at its first number)
  if (!cells.every((c, i) => NAME_CELL.test(c.text) && (i === 0 || !c.text.endsWith(":")))) return false;
  return cells.some((c) => PORT_COLUMNS.has(c.text.toLowerCase()));
}

const NAME_CELL = /[a-z|]/i;

function headerOf(cells: readonly Cell[]): Header {
  const skip = cells[0]?.text.toLowerCase() === "#fields:" ? 1 : 0;
  const columns: number[] = [];
  cells.forEach((cell, index) => {
    if (PORT_COLUMNS.has(columnName(cell))) columns.push(index);
  });
  const protocolColumn = cells.findIndex((cell) => PROTOCOL_LABELS.has(columnName(cell)));
  const names = columns.map((c) => columnName(cells[c] as Cell));
  const before = columns.map((c) => (c > 0 ? columnName(cells[c - 1] as Cell) : ""));
  return {
    cells,
    columns,
    skip,
    protocolColumn,
    range: names.includes("fromport") && names.includes("toport"),
    // (a mapping's two ports are both to open: `HostPort  ContainerPort`)
    startEnd: (before.includes("start") && before.includes("end")) || names.includes("hostport"),
  };
}

function readRow(header: Header, cells: readonly Cell[]): ColumnPort[] {
  const width = header.cells.length - header.skip;
  const aligned = cells.length === width;
  // a row of a table has about as many cells as its header (empty cells drop out); prose does not
  if (Math.abs(cells.length - width) > MAX_MISSING_CELLS) return [];
  const cellAt = (column: number) => (aligned ? cells[column - header.skip] : overlapping(header.cells[column] as Cell, cells));
  const ports: { port: number; cell: Cell }[] = [];
  for (const column of header.columns) {
    const cell = cellAt(column);
    const specs = cell && !/^\d{1,5}$/.test(cell.text) ? servicePortSpecs(cell) : [];
    if (specs.length > 0) return specs;
    if (!cell || !/^\d{1,5}$/.test(cell.text)) continue;
    const port = Number(cell.text);
    if (port >= 1 && port <= 65535) ports.push({ port, cell });
  }
  if (ports.length === 0) return [];
  if (header.range && new Set(ports.map((p) => p.port)).size > 1) return [];
  if (header.startEnd) return ports.map(({ port, cell }) => ({ port, from: cell.start, to: cell.end }));
  // two port columns (LocalPort, RemotePort): the lower is the service, the other a client's port
  const best = ports.reduce((a, b) => (b.port < a.port ? b : a));
  const protocol =
    header.protocolColumn >= 0 ? PROTOCOL_WORDS.get(cellAt(header.protocolColumn)?.text.toLowerCase() ?? "") : undefined;
  return [{ port: best.port, ...(protocol ? { protocol } : {}), from: best.cell.start, to: best.cell.end }];
}

/**
 * Kubernetes' `PORT(S)` cell: `8080:31112/TCP,443/TCP`, each a service port, its node port and the
 * protocol; both ports are the service's.
 */
function servicePortSpecs(cell: Cell): ColumnPort[] {
  if (!SERVICE_PORT_LIST.test(cell.text)) return [];
  const ports: ColumnPort[] = [];
  for (const spec of cell.text.split(",")) {
    const [numbers = "", name = ""] = spec.split("/");
    const protocol = PROTOCOL_WORDS.get(name.toLowerCase());
    for (const n of numbers.split(":")) {
      const port = Number(n);
      if (port >= 1 && port <= 65535) ports.push({ port, ...(protocol ? { protocol } : {}), from: cell.start, to: cell.end });
    }
  }
  return ports;
}

/** The row's cell under the header cell: their columns overlap within their lines. */
function overlapping(headerCell: Cell, cells: readonly Cell[]): Cell | undefined {
  const from = headerCell.column;
  const to = headerCell.column + headerCell.text.length;
  return cells.find((cell) => cell.column < to && cell.column + cell.text.length > from);
}

/**
 * A W3C log (Windows Firewall's pfirewall.log, IIS) copied from a web page that joined its lines:
 * `#Fields: date time action … 2005-11-20 11:43:41 DROP TCP …`. Each record starts again on a line
 * of its own: the space before each record's date becomes a line break (the text keeps its length,
 * so every position still points where it did).
 */
function unfoldW3cLog(text: string): string {
  const fields = text.indexOf("#Fields:");
  if (fields < 0) return text;
  const lineEnd = text.indexOf("\n", fields);
  const end = lineEnd < 0 ? text.length : lineEnd;
  if (end - fields > MAX_FOLDED_LOG) return text;
  const line = text.slice(fields, end).replace(FOLDED_RECORD, "\n$1");
  if (line === text.slice(fields, end)) return text;
  // the header starts its own line too: `#Software: … #Fields: date time …`
  const before = text[fields - 1] === " " ? `${text.slice(0, fields - 1)}\n` : text.slice(0, fields);
  return before + line + text.slice(end);
}

/** Longest joined log line unfolded. */
const MAX_FOLDED_LOG = 20_000;
/** The space before a record's date and time inside a joined log line. */
const FOLDED_RECORD = / (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )/g;
