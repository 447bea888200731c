/**
 * Log records with a fixed field order and no header to name their columns: AWS VPC Flow Logs in
 * their default format, IIS's W3C log in its default fields, pfSense's and OPNsense's filterlog,
 * Zeek's logs under their `#fields` line, and the rows of `ufw status`. One pattern per line.
 */
import { PROTOCOL_WORDS } from "./paste-words.js";

/**
 * VPC Flow Logs, default format (version 2): version, account, interface, source and destination
 * address, source and destination port, protocol number, packets, bytes, start, end, action, status:
 * `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK`.
 */
const FLOW_RECORD =
  /^[ \t]*2 (?:\d{12}|unknown) eni-[0-9a-f]{1,17} [0-9a-f.:]{2,45} [0-9a-f.:]{2,45} (\d{1,5}) (\d{1,5}) (\d{1,3}) \d{1,20} \d{1,20} \d{1,12} \d{1,12} (?:ACCEPT|REJECT|-) (?:OK|NODATA|SKIPDATA)[ \t\r]*$/;
/** Words that say a bracket hides an address: `<IP Address>`, `[IP censored]`, `<client>`. */
const MASK_WORDS = `(?:${["ip", "addr", "host", "server", "client", "redact", "censor", "mask", "hidden", "remov"].map(anyCase).join("|")})`;
/** An address in an IIS row, or what replaced it when the row was posted (never any tag: `[INFO]`, `[worker-1]`). */
const IIS_ADDRESS = String.raw`(?:[0-9a-fx.:]{2,45}|<[^<>\n]{0,20}${MASK_WORDS}[^<>\n]{0,20}>|\[[^\]\n]{0,20}${MASK_WORDS}[^\]\n]{0,20}\])`;
/**
 * IIS's W3C log in its default fields: date, time, server address, method, path, query, server port,
 * user, client address, …: `2017-07-18 00:09:01 172.18.40.65 GET /healthcheck.html - 443 - 172.18.1.11 ELB-HealthChecker/2.0 - 200 0 0 0`.
 */
const IIS_RECORD = new RegExp(
  String.raw`^[ \t${"`"}]*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ${IIS_ADDRESS} [A-Z][A-Z_-]{1,30} \S{1,4000} \S{1,4000} (\d{1,5}) \S{1,300} ${IIS_ADDRESS}(?: |$)`,
);
/**
 * IIS's FTP log in its default fields: date, time, client address, user, server address, server
 * port, method, path, status, Win32 status, substatus, session:
 * `2022-10-05 10:43:56 172.16.1.1 user1 192.168.2.2 21 ControlChannelClosed - - 0 0 8124db49-68d2-461c-a95b-d92ad1e8af15 -`.
 */
const IIS_FTP_RECORD = new RegExp(
  String.raw`^[ \t${"`"}]*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ${IIS_ADDRESS} \S{1,300} ${IIS_ADDRESS} (\d{1,5}) [A-Za-z][A-Za-z-]{1,40} \S{1,4000} (?:\d{1,3}|-) \d{1,10} \d{1,10} [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?: |$)`,
);
/** A line that names the record it holds: `IIS Logs:  2015-06-08 04:19:25 …` (sticky: tried at a line's start). */
const RECORD_LABEL = /[ \t]*[A-Za-z][\w .-]{0,30}:[ \t]+(?=\d{4}-\d\d-\d\d )/y;
/**
 * A row of `ufw status` (numbered or not): `80  ALLOW  Anywhere`, `[ 3] 25  ALLOW IN  Anywhere`,
 * `445/tcp (v6)  DENY IN  Anywhere (v6)` (a range
 * `1:65535/tcp` is no port); never `iptables -L --line-numbers`' `9  REJECT  tcp  --  anywhere`.
 */
const UFW_RULE =
  /^[ \t`]*(?:\[[ \t]{0,3}\d{1,4}\][ \t]+)?(\d{1,5})(?:\/(tcp|udp))?(?: \(v6\))?[ \t]{2,}(?:ALLOW|DENY|LIMIT|REJECT)(?: (?:IN|OUT|FWD))?[ \t]{2,}\S/;
/** iptables' `--` (no options) within a line's first 200 characters: tried only on a line UFW_RULE matched. */
const IPTABLES_OPTIONS_COLUMN = /^[^\n]{0,200}\s--\s/;
/**
 * pfSense's and OPNsense's `filterlog`: comma-separated fields by position, no names. After the
 * action, the direction and the IP version come the IP fields, then the protocol, the length, both
 * addresses and both ports. IPv4: `…,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,80,…`;
 * IPv6: `…,pass,out,6,0x00,0x00000,64,udp,17,65,fe80::1,ff02::fb,5353,5353,…`.
 */
const FILTERLOG_IPV4 =
  /,(?:pass|block|reject),(?:in|out),4,0x[0-9a-f]{1,2},[^,]{0,8},\d{1,3},\d{1,5},\d{1,5},[^,]{0,12},(?:6|17),(tcp|udp),\d{1,5},[0-9.]{7,15},[0-9.]{7,15},(\d{1,5}),(\d{1,5})(?:,|[ \t\r]*$)/i;
const FILTERLOG_IPV6 =
  /,(?:pass|block|reject),(?:in|out),6,0x[0-9a-f]{1,2},0x[0-9a-f]{1,5},\d{1,3},(tcp|udp),(?:6|17),\d{1,5},[0-9a-f:.]{2,45},[0-9a-f:.]{2,45},(\d{1,5}),(\d{1,5})(?:,|[ \t\r]*$)/i;
/** The protocols a flow record gives as numbers that have ports. */
const PROTOCOLS: ReadonlyMap<string, "TCP" | "UDP"> = new Map([
  ["6", "TCP"],
  ["17", "UDP"],
]);
/** Longer lines are no record. */
const MAX_RECORD_LENGTH = 8000;

export interface RecordPorts {
  /** The port the connection came from, where the record gives it. */
  readonly sourcePort?: number;
  readonly destinationPort: number;
  readonly protocol?: "TCP" | "UDP";
  /** Where the record stands in the text. */
  readonly from: number;
  readonly to: number;
  /** Where the record's fields stand (to its line's end): every other number there is a field of its own (a length, a TTL, a rule's number), no port. */
  readonly line?: { readonly from: number; readonly to: number };
}

/** The ports of each line of `text` that is one of the records above (a flow record's TCP and UDP; ICMP's have none). */
export function readRecordPorts(text: string): RecordPorts[] {
  const records: RecordPorts[] = [];
  // where the next `filterlog` stands, looked for again only past it: one pass over the text
  let filterlog = text.indexOf("filterlog");
  const zeek = new ZeekColumns();
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const zeekRows = end - start <= MAX_RECORD_LENGTH ? zeek.read(text, start, end) : undefined;
    if (zeekRows !== undefined) {
      for (const row of zeekRows) records.push({ ...row, from: start, to: end, line: { from: start, to: end } });
      if (newline < 0) break;
      start = newline + 1;
      continue;
    }
    // a record begins with a digit (after spaces): other lines are not cut out to be matched
    if (filterlog >= 0 && filterlog < start) filterlog = text.indexOf("filterlog", start);
    const short = end - start <= MAX_RECORD_LENGTH;
    const begins = short && beginsLikeRecord(text, start);
    const labelled = short && !begins ? labelledRecordAt(text, start) : undefined;
    const record =
      (begins
        ? readRecord(text.slice(start, end))
        : labelled !== undefined
          ? readRecord(text.slice(labelled, end))
          : undefined) ?? (short && filterlog >= 0 && filterlog < end ? readFilterlog(text.slice(start, end)) : undefined);
    if (record) {
      const { within, ...ports } = record;
      const from = labelled ?? start;
      records.push(
        within
          ? { ...ports, from: start + within.from, to: start + within.to, line: { from: start + within.fields, to: end } }
          : { ...ports, from, to: end },
      );
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return records;
}

/** A record quoted as code in Markdown keeps its backtick: `` `2016-12-10 03:47:14 … ` ``. */
function isLead(code: number): boolean {
  return code === 32 || code === 9 || code === 96;
}

/** Where the record starts on a line that names it first (`IIS Logs:  2015-06-08 …`), if it does. */
function labelledRecordAt(text: string, start: number): number | undefined {
  RECORD_LABEL.lastIndex = start;
  const label = RECORD_LABEL.exec(text);
  return label ? start + label[0].length : undefined;
}

function beginsLikeRecord(text: string, start: number): boolean {
  let at = start;
  while (isLead(text.charCodeAt(at))) at++;
  const code = text.charCodeAt(at);
  // (or ufw's rule number: `[ 3] 25  ALLOW IN`)
  return (code >= 48 && code <= 57) || code === 91;
}

/**
 * A record's ports; `within` is where they stand in a line whose fields from `fields` on have other
 * numbers, none a port (what precedes the fields, a syslog header or a sentence, is read as usual).
 */
type LineRecord = Omit<RecordPorts, "from" | "to" | "line"> & {
  readonly within?: { readonly from: number; readonly to: number; readonly fields: number };
};

/** A pattern for `word` in any case (`ip` as `[Ii][Pp]`), for patterns that are otherwise case-sensitive. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c}]`).join("");
}

function readFilterlog(line: string): LineRecord | undefined {
  const match = FILTERLOG_IPV4.exec(line) ?? FILTERLOG_IPV6.exec(line);
  if (!match) return undefined;
  return {
    sourcePort: Number(match[2]),
    destinationPort: Number(match[3]),
    protocol: PROTOCOL_WORDS.get((match[1] as string).toLowerCase()),
    // the CSV has no spaces: its first field follows the last space before the match
    within: { from: match.index + 1, to: match.index + match[0].length, fields: line.lastIndexOf(" ", match.index) + 1 },
  };
}

function readRecord(line: string): LineRecord | undefined {
  let at = 0;
  while (isLead(line.charCodeAt(at))) at++;
  const first = line.charCodeAt(at);
  if (first === 50 /* 2 */ && line.charCodeAt(at + 1) === 32) {
    const flow = FLOW_RECORD.exec(line);
    const protocol = flow ? PROTOCOLS.get(flow[3] as string) : undefined;
    if (flow && protocol) return { sourcePort: Number(flow[1]), destinationPort: Number(flow[2]), protocol };
  }
  const iis = first >= 48 && first <= 57 ? (IIS_RECORD.exec(line) ?? IIS_FTP_RECORD.exec(line)) : null;
  if (iis) return { destinationPort: Number(iis[1]) };
  const ufw = UFW_RULE.exec(line);
  if (ufw && IPTABLES_OPTIONS_COLUMN.test(line)) return undefined;
  return ufw
    ? { destinationPort: Number(ufw[1]), ...(ufw[2] ? { protocol: PROTOCOL_WORDS.get(ufw[2].toLowerCase()) } : {}) }
    : undefined;
}

/**
 * Zeek's logs in their TSV form: a `#fields` line names the columns, a `#types` line gives their
 * types, and each row below has one cell per field, tab-separated:
 * `#fields ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto …` /
 * `1320279566.4 CHhAvVGS1DHFjwGM9 10.0.0.5 49352 10.0.0.9 389 tcp …`. The columns typed `port` are
 * ports (the responder's the service, the originator's a client's); every other cell is something
 * else (transaction ids, versions, counts).
 */
class ZeekColumns {
  private fields: readonly string[] | undefined;
  private rows = 0;
  private ports: readonly { readonly at: number; readonly source: boolean }[] = [];
  private proto = -1;

  /** The ports of a row at `start`..`end`; an empty list for a header line; undefined for a line that is no part of such a log. */
  read(text: string, start: number, end: number): Omit<RecordPorts, "from" | "to">[] | undefined {
    if (text.startsWith("#fields\t", start)) {
      const fields = text
        .slice(start + 8, end)
        .replace(/\r$/, "")
        .split("\t");
      this.fields = fields.length > MAX_ZEEK_FIELDS ? undefined : fields;
      this.rows = 0;
      this.columns(undefined);
      return this.fields ? [] : undefined;
    }
    if (this.fields === undefined) return undefined;
    if (text.startsWith("#types\t", start)) {
      this.columns(
        text
          .slice(start + 7, end)
          .replace(/\r$/, "")
          .split("\t"),
      );
      return [];
    }
    const cells = text.slice(start, end).replace(/\r$/, "").split("\t");
    // the log ends at `#close`, a blank line, or the first line that is no row of it
    if (text.startsWith("#", start) || cells.length !== this.fields.length || this.rows >= MAX_ZEEK_ROWS) {
      this.fields = undefined;
      return text.startsWith("#close", start) ? [] : undefined;
    }
    this.rows++;
    const protocol = PROTOCOL_WORDS.get((cells[this.proto] ?? "").toLowerCase());
    const portAt = (at: number) => {
      const cell = cells[at] as string;
      const port = ZEEK_PORT.test(cell) ? Number(cell) : 0;
      return port >= 1 && port <= 65535 ? port : undefined;
    };
    const sources = this.ports.filter((p) => p.source).map((p) => portAt(p.at));
    const sourcePort = sources.find((p) => p !== undefined);
    const rows: Omit<RecordPorts, "from" | "to">[] = [];
    for (const column of this.ports) {
      const port = column.source ? undefined : portAt(column.at);
      if (port === undefined) continue;
      rows.push({
        destinationPort: port,
        ...(sourcePort === undefined ? {} : { sourcePort }),
        ...(protocol ? { protocol } : {}),
      });
    }
    return rows;
  }

  /** Which columns hold ports: those typed `port`, or (with no `#types` line) named like Zeek's ports. */
  private columns(types: readonly string[] | undefined): void {
    const fields = this.fields ?? [];
    this.proto = fields.indexOf("proto");
    this.ports = fields
      .flatMap((name, at) =>
        (types ? types[at] === "port" : ZEEK_PORT_FIELD.test(name)) ? [{ at, source: ZEEK_SOURCE_FIELD.test(name) }] : [],
      )
      .slice(0, MAX_ZEEK_PORT_COLUMNS);
  }
}

const MAX_ZEEK_FIELDS = 200;
/** Zeek's logs have two to four port columns; a row yields at most this many. */
const MAX_ZEEK_PORT_COLUMNS = 6;
const MAX_ZEEK_ROWS = 1000;
const ZEEK_PORT = /^\d{1,5}$/;
const ZEEK_PORT_FIELD = /(?:^|[._])(?:orig_p|resp_p|p|port)$/;
/** The originator's side (a client's port), and a proxy's bound one (SOCKS' `bound_p`). */
const ZEEK_SOURCE_FIELD = /orig|bound|src/;

/** A forwarding rule of a hypervisor's NAT: the host's port and the guest's. */
export interface ForwardRule {
  readonly hostPort: number;
  readonly guestPort: number;
  readonly protocol: "TCP" | "UDP";
  readonly from: number;
  readonly to: number;
}

/**
 * VirtualBox's `--natpf1 "name,tcp,host-ip,host-port,guest-ip,guest-port"` and QEMU's
 * `hostfwd=tcp:host-ip:host-port-guest-ip:guest-port`: both ends of each rule. Only the first
 * MAX_FORWARD_RULES are read.
 */
export function readForwardRules(text: string): ForwardRule[] {
  const rules: ForwardRule[] = [];
  // found from their one fixed part (`,tcp,`, `hostfwd=tcp:`), not tried at every letter of the text
  FORWARD_ANCHOR.lastIndex = 0;
  for (let a = FORWARD_ANCHOR.exec(text); a !== null && rules.length < MAX_FORWARD_RULES; a = FORWARD_ANCHOR.exec(text)) {
    const natpf = a[1] !== undefined;
    const from = natpf ? a.index - ruleNameLength(text, a.index) : a.index;
    const tail = natpf ? NATPF_TAIL : HOSTFWD_TAIL;
    tail.lastIndex = a.index + a[0].length;
    const m = from < a.index || !natpf ? tail.exec(text) : null;
    if (m === null) {
      // the anchor's last comma may begin the next rule's anchor
      FORWARD_ANCHOR.lastIndex = a.index + 1;
      continue;
    }
    FORWARD_ANCHOR.lastIndex = tail.lastIndex;
    const host = Number(m[1]);
    const guest = Number(m[2]);
    if (host < 1 || host > 65535 || guest < 1 || guest > 65535) continue;
    rules.push({
      hostPort: host,
      guestPort: guest,
      protocol: (a[1] ?? a[2])?.toLowerCase() === "udp" ? "UDP" : "TCP",
      from,
      to: tail.lastIndex,
    });
  }
  return rules;
}

/** How many of the (at most 40) characters before `end` are a rule's name: letters, digits, `_` and `-`. */
function ruleNameLength(text: string, end: number): number {
  let n = 0;
  while (n < MAX_RULE_NAME && end - n > 0 && RULE_NAME_CHAR.test(text[end - n - 1] as string)) n++;
  return n;
}

const MAX_FORWARD_RULES = 50;
const MAX_RULE_NAME = 40;
const RULE_NAME_CHAR = /[\w-]/;
const FORWARD_ANCHOR = /,(tcp|udp),|hostfwd=(tcp|udp):/gi;
const NATPF_TAIL = /[0-9.]{0,15},(\d{1,5}),[0-9.]{0,15},(\d{1,5})\b/y;
const HOSTFWD_TAIL = /[0-9.]{0,15}:(\d{1,5})-[0-9.]{0,15}:(\d{1,5})\b/y;
