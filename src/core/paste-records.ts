/**
 * Log records with a fixed field order and no header to name their columns: AWS VPC Flow Logs in
 * their default format, IIS's W3C log in its default fields, pfSense's and OPNsense's filterlog, and
 * the rows of `ufw status`. One
 * pattern per line.
 */
import { PROTOCOL_WORDS } from "./paste-words.js";

/**
 * VPC Flow Logs, default format (version 2): version, account, interface, source and destination
 * address, source and destination port, protocol number, packets, bytes, start, end, action, status:
 * `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK`.
 */
const FLOW_RECORD =
  /^[ \t]*2 (?:\d{12}|unknown) eni-[0-9a-f]{1,17} [0-9a-f.:]{2,45} [0-9a-f.:]{2,45} (\d{1,5}) (\d{1,5}) (\d{1,3}) \d{1,20} \d{1,20} \d{1,12} \d{1,12} (?:ACCEPT|REJECT|-) (?:OK|NODATA|SKIPDATA)[ \t\r]*$/;
/**
 * IIS's W3C log in its default fields: date, time, server address, method, path, query, server port,
 * user, client address, …: `2017-07-18 00:09:01 172.18.40.65 GET /healthcheck.html - 443 - 172.18.1.11 ELB-HealthChecker/2.0 - 200 0 0 0`.
 */
const IIS_RECORD =
  /^[ \t`]*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [0-9a-f.:]{2,45} [A-Z][A-Z_-]{1,30} \S{1,4000} \S{1,4000} (\d{1,5}) \S{1,300} [0-9a-f.:]{2,45}(?: |$)/;
/**
 * A row of `ufw status` (numbered or not): `80  ALLOW  Anywhere`, `[ 3] 25  ALLOW IN  Anywhere`,
 * `445/tcp (v6)  DENY IN  Anywhere (v6)` (a range
 * `1:65535/tcp` is no port); never `iptables -L --line-numbers`' `9  REJECT  tcp  --  anywhere`.
 */
const UFW_RULE =
  /^(?![^\n]{0,200}\s--\s)[ \t`]*(?:\[[ \t]{0,3}\d{1,4}\][ \t]+)?(\d{1,5})(?:\/(tcp|udp))?(?: \(v6\))?[ \t]{2,}(?:ALLOW|DENY|LIMIT|REJECT)(?: (?:IN|OUT|FWD))?[ \t]{2,}\S/;
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
  /** The record's line, where every other number is a field of its own (a length, a TTL, a rule's number), no port. */
  readonly line?: { readonly from: number; readonly to: number };
}

/** The ports of each line of `text` that is a flow record (TCP and UDP; ICMP's have none) or an IIS row. */
export function readRecordPorts(text: string): RecordPorts[] {
  const records: RecordPorts[] = [];
  // where the next `filterlog` stands, looked for again only past it: one pass over the text
  let filterlog = text.indexOf("filterlog");
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    // a record begins with a digit (after spaces): other lines are not cut out to be matched
    if (filterlog >= 0 && filterlog < start) filterlog = text.indexOf("filterlog", start);
    const short = end - start <= MAX_RECORD_LENGTH;
    const record =
      short && beginsLikeRecord(text, start)
        ? readRecord(text.slice(start, end))
        : short && filterlog >= 0 && filterlog < end
          ? readFilterlog(text.slice(start, end))
          : undefined;
    if (record) {
      const { within, ...ports } = record;
      records.push(
        within
          ? { ...ports, from: start + within.from, to: start + within.to, line: { from: start, to: end } }
          : { ...ports, from: start, to: end },
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

function beginsLikeRecord(text: string, start: number): boolean {
  let at = start;
  while (isLead(text.charCodeAt(at))) at++;
  const code = text.charCodeAt(at);
  // (or ufw's rule number: `[ 3] 25  ALLOW IN`)
  return (code >= 48 && code <= 57) || code === 91;
}

/** A record's ports; `within` is where they stand in a line that has other numbers, none a port. */
type LineRecord = Omit<RecordPorts, "from" | "to" | "line"> & { readonly within?: { from: number; to: number } };

function readFilterlog(line: string): LineRecord | undefined {
  const match = FILTERLOG_IPV4.exec(line) ?? FILTERLOG_IPV6.exec(line);
  if (!match) return undefined;
  return {
    sourcePort: Number(match[2]),
    destinationPort: Number(match[3]),
    protocol: PROTOCOL_WORDS.get((match[1] as string).toLowerCase()),
    within: { from: match.index + 1, to: match.index + match[0].length },
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
  const iis = first >= 48 && first <= 57 ? IIS_RECORD.exec(line) : null;
  if (iis) return { destinationPort: Number(iis[1]) };
  const ufw = UFW_RULE.exec(line);
  return ufw
    ? { destinationPort: Number(ufw[1]), ...(ufw[2] ? { protocol: PROTOCOL_WORDS.get(ufw[2].toLowerCase()) } : {}) }
    : undefined;
}

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
  FORWARD_RULE.lastIndex = 0;
  for (let m = FORWARD_RULE.exec(text); m !== null && rules.length < MAX_FORWARD_RULES; m = FORWARD_RULE.exec(text)) {
    const [protocol, hostPort, guestPort] = m[1] === undefined ? [m[4], m[5], m[6]] : [m[1], m[2], m[3]];
    const host = Number(hostPort);
    const guest = Number(guestPort);
    if (host < 1 || host > 65535 || guest < 1 || guest > 65535) continue;
    rules.push({
      hostPort: host,
      guestPort: guest,
      protocol: protocol?.toLowerCase() === "udp" ? "UDP" : "TCP",
      from: m.index,
      to: m.index + m[0].length,
    });
  }
  return rules;
}

const MAX_FORWARD_RULES = 50;
const FORWARD_RULE =
  /[\w-]{1,40},(tcp|udp),[0-9.]{0,15},(\d{1,5}),[0-9.]{0,15},(\d{1,5})\b|hostfwd=(tcp|udp):[0-9.]{0,15}:(\d{1,5})-[0-9.]{0,15}:(\d{1,5})\b/gi;
