/**
 * Bulleted lists of ports under a heading that names them, as scan summaries and notes write them:
 *
 *     * TCP Ports and Services          Open ports:
 *       * 135                           - 22
 *         * MSRPC                       - 3389/tcp
 *       * 8080
 *
 * or one port per line in a code block right under the heading. One pass over the lines; a heading
 * holds until a line that is neither one of its items nor a note under an item.
 */

import { labelRole, PORT_WORD_ELSEWHERE, PROTOCOL_WORDS } from "./paste-words.js";

export interface ListedPort {
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
  /** Where the item stands in the text. */
  readonly from: number;
  readonly to: number;
}

/** A heading names ports and has no number of its own: `TCP Ports and Services`, `Open ports:`, `端口黑名单文件内容格式如下:`. */
const HEADING = new RegExp(String.raw`^[^\d\n]{0,100}(?:\bports?\b|${PORT_WORD_ELSEWHERE})[^\d\n]{0,100}$`, "iu");
/** A Markdown code fence, opening (maybe with a language) or closing. */
const FENCE = /^[ \t]*```[\w-]{0,20}[ \t]*$/;
const INTRODUCING = /[:：][ \t]*$/;
const WORDS = /[a-z]+/g;
/** A line of a fenced block under such a heading: a port alone (`3306`, `22/tcp`). */
const FENCED_ITEM = /^[ \t]*(\d{1,5})(?:\/(tcp|udp))?[ \t]*$/i;
/** A YAML key alone on its line, with Sigma's modifiers: `dst_port:`, `DestinationPort|contains:`. */
const KEY_HEADING = /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]{0,60})(?:\|[\w|]{0,40})?:[ \t]*$/;
const HEADING_PROTOCOL = /\b(tcp|udp)\b/i;
/** An item that is a port alone, maybe with its protocol and a word after: `* 135`, `- 3389/tcp rdp`. */
const ITEM = /^([ \t]*)[-*+•][ \t]+(\d{1,5})(?:\/(tcp|udp))?(?:[ \t]*$|[ \t]+(?:[-–:(][ \t]*)?[A-Za-z][^\n]{0,80}$)/i;
const BULLET = /^([ \t]*)[-*+•][ \t]+\S/;
const MAX_LINE = 200;
const MAX_ITEMS = 100;

export function readListedPorts(text: string): ListedPort[] {
  const found: ListedPort[] = [];
  let heading:
    | { indent: number; protocol?: "TCP" | "UDP"; itemIndent?: number; fenceable: boolean; fenced?: boolean }
    | undefined;
  for (let start = 0; start < text.length && found.length < MAX_ITEMS; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const line = end - start > MAX_LINE ? "" : text.slice(start, end).replace(/\r$/, "");
    if (line.trim() === "") {
      start = end + 1;
      continue;
    }
    // a code block right under the heading: one port per line until the block closes
    if (heading?.fenceable && heading.itemIndent === undefined && !heading.fenced && FENCE.test(line)) {
      heading.fenced = true;
      start = end + 1;
      continue;
    }
    if (heading?.fenced) {
      const fenced = FENCED_ITEM.exec(line);
      const port = fenced ? Number(fenced[1]) : 0;
      const protocol = fenced?.[2] ? PROTOCOL_WORDS.get(fenced[2].toLowerCase()) : heading.protocol;
      if (port >= 1 && port <= 65535) found.push({ port, ...(protocol ? { protocol } : {}), from: start, to: end });
      else heading = undefined;
      start = end + 1;
      continue;
    }
    const item = heading ? ITEM.exec(line) : null;
    const indent = (item?.[1] ?? BULLET.exec(line)?.[1] ?? /^[ \t]*/.exec(line)?.[0] ?? "").length;
    if (heading && item && indent >= heading.indent && (heading.itemIndent === undefined || indent === heading.itemIndent)) {
      heading.itemIndent = indent;
      const port = Number(item[2]);
      const protocol = item[3] ? PROTOCOL_WORDS.get(item[3].toLowerCase()) : heading.protocol;
      if (port >= 1 && port <= 65535) found.push({ port, ...(protocol ? { protocol } : {}), from: start, to: end });
    } else if (heading?.itemIndent !== undefined && BULLET.test(line) && indent > heading.itemIndent) {
      // a note under an item: `* MSRPC`, `* Tomcat 5.0.28`
    } else {
      heading = mayBeHeading(line) || namesPort(KEY_HEADING.exec(line)?.[1]) ? headingAt(line, indent) : undefined;
    }
    start = end + 1;
  }
  return found;
}

/**
 * HEADING, tried only on a line it could match: one with no digit that has `port` in it or a
 * character outside ASCII (the word in other scripts). Most lines of a log have a digit.
 */
function mayBeHeading(line: string): boolean {
  if (HAS_DIGIT.test(line) || !(PORT_LETTERS.test(line) || NON_ASCII.test(line))) return false;
  return HEADING.test(line);
}

const HAS_DIGIT = /\d/;
const PORT_LETTERS = /port/i;
const NON_ASCII = /[\u0080-\uffff]/;

function headingAt(line: string, indent: number): { indent: number; protocol?: "TCP" | "UDP"; fenceable: boolean } {
  const protocol = PROTOCOL_WORDS.get(HEADING_PROTOCOL.exec(line)?.[1]?.toLowerCase() ?? "");
  const fenceable = introducesPorts(line);
  return protocol ? { indent, protocol, fenceable } : { indent, fenceable };
}

/**
 * A line that introduces a code block of ports: it ends in a colon (`Blocked ports file:`) and
 * names nothing else the numbers could be (`PIDs holding the port:`, `versions`, `counts`).
 */
function introducesPorts(line: string): boolean {
  if (!INTRODUCING.test(line)) return false;
  const words = line.toLowerCase().match(WORDS) ?? [];
  return !words.some((word) => LISTED_OTHERWISE.has(word) || (word.endsWith("s") && LISTED_OTHERWISE.has(word.slice(0, -1))));
}

/** What else a column of numbers under a line that names ports may be. */
const LISTED_OTHERWISE: ReadonlySet<string> = new Set([
  "count",
  "pid",
  "process",
  "version",
  "id",
  "code",
  "status",
  "error",
  "size",
  "build",
  "year",
  "event",
  "connection",
  "session",
  "packet",
  "byte",
]);

function namesPort(key: string | undefined): boolean {
  const role = key === undefined ? undefined : labelRole(key);
  return role !== undefined && role !== "nonport";
}
