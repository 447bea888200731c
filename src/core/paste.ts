/**
 * Pasted text (log lines, tracebacks, netstat, nmap, Test-NetConnection output, event XML, URLs,
 * security-group JSON): whether a message is one, and the ports it names. The text is split into
 * chunks by one linear pass; each chunk is read by anchored patterns over at most MAX_CHUNK
 * characters and by the few chunks around it, so no pattern ever runs over the whole message.
 *
 * A number is a port only where the text says so: a host before it (`10.0.0.5:5986`), a label
 * (`-Port 5985`, `DestPort`, `Port: 445`, `port=5986`), a protocol (`tcp/445`, `445/tcp`), a
 * service (`winrm 5986`), a port-naming column, or a tool that takes one (`telnet host 3389`).
 * Dates, times, durations, status codes, ids and counts are never ports, and the numbers the text
 * labels as something else (`timeout=30`, `line 445`, `(502)`) are kept apart as non-ports.
 */
import { readColumnPorts } from "./paste-columns.js";
import { type PasteService, pasteServices } from "./paste-services.js";
import {
  FLAG_LABELS,
  HTTP_PORTS_IN_STATUS_RANGE,
  LABEL_GAP_WORDS,
  LIST_WORDS,
  labelKey,
  NON_PORT_LABELS,
  NON_PORT_SUFFIXES,
  PORT_LABELS,
  PORT_TOOLS,
  SERVICE_WORDS,
  SOURCE_LABELS,
  SOURCE_WORDS,
  UNITS,
} from "./paste-words.js";
import { servicePorts } from "./registrations.js";

/** Slack's message limit: longer input is cut here before anything reads it. */
export const MAX_PASTE_LENGTH = 40_000;
/** Distinct (port, protocol) pairs kept from one message; a message naming more is a port scan. */
export const MAX_FOUND = 1000;
/** The line answers start with for pasted text; text starting with it is read as pasted again. */
export const FOUND_PREFIX = "Found in the message:";

const MAX_CHUNK = 200;
const MAX_SNIPPET = 80;
/** A range in pasted text is read port by port only when it is this narrow (`5985-5986`). */
const MAX_PASTED_RANGE = 10;
/** How far apart a source port and its destination may stand to be read as one pair. */
const PAIR_DISTANCE = 16;
/** A port written this many chunks or fewer from a service word is that service's port. */
const SERVICE_DISTANCE = 6;
/** Numbers of one list after a label: `-p 80,443,3389`. */
const MAX_LIST = 50;

export interface FoundPort {
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
  /** The text it was read from, as written: `10.0.1.25:5986`, `port 3389`, `\\fs01\share`. */
  readonly snippet: string;
  /**
   * `written`: a number in the text; `named`: a name that stands for it (`https://`, a UNC path,
   * tcpdump's `ldap`); `service`: the text names a service and no port of it (`WinRM`: 5985).
   */
  readonly how: "written" | "named" | "service";
  /**
   * `destination`: the port a connection goes to, which the instance receives (inbound rules
   * first); `remote`: the far end of a connection the instance made (netstat's foreign address).
   */
  readonly side: "destination" | "remote";
}

export interface PasteReading {
  readonly found: readonly FoundPort[];
  /** Numbers the text itself marks as not ports: `timeout=30`, `line 445`, `343 ms`, `(502)`. */
  readonly nonPorts: ReadonlySet<number>;
}

interface Chunk {
  /** Lower case, trailing punctuation taken off; `" "` for a chunk too long to read. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Written `:5985`, glued to what came before (`<IPv4>:5985`, `"FromPort":3389`); key is the digits. */
  readonly colon: boolean;
}

type Transport = "TCP" | "UDP";
/** How a labelled number relates to its partner: `SourcePort` pairs with `DestPort`, `LocalPort` with `RemotePort`. */
type Role = "plain" | "source" | "local" | "dest" | "remote";

interface Candidate {
  readonly port: number;
  readonly protocol: Transport | undefined;
  readonly from: number;
  readonly to: number;
  readonly at: number;
  readonly role: Role;
  readonly how: FoundPort["how"];
  readonly side: FoundPort["side"];
}

const CHUNKS = /[^\s,;()"'<>|=]+/g;
// a lone trailing colon goes (`port 22:`), a double one stays: `a0:1::` is an IPv6 address
const TRAILING = /(?:[.!?}-]|(?<!:):(?!:))+$/;
const TRAILING_CHARACTERS = new Set([...".!?}:-"].map((c) => c.charCodeAt(0)));

// Each is anchored and runs over one chunk of at most MAX_CHUNK characters.
const PROTOCOL_SLASH_PORT = /^(tcp|udp)\/(\d{1,5})$/;
const PORT_SLASH_PROTOCOL = /^(\d{1,5})\/(tcp|udp)$/;
const URL_AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/?#@]*@)?([^/?#]*)/;
const HOST = /^(?:\[[^\]]{1,100}\]|[a-z0-9*_$%{}][a-z0-9._*$%{}-]*)$/;
const BARE_PORT = /^\d{1,5}$/;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const TCPDUMP_END = /^(.+)\.([a-z0-9][a-z0-9-]*)$/;
const GLUED_LABEL = /^(.*?)[:=#：]?(\d{1,5})$/;
const HAS_LETTER = /[a-z]/;
const UNBRACKETED_IPV6 = /^[0-9a-f:.]+$/;
/** A line at least this long may have been wrapped by a terminal; a number at its end may be cut. */
const MIN_WRAPPED_LINE = 60;
const HAS_DIGIT = /\d/;
const ONLY_MASK = /^[*x]+$/;
const NON_ASCII_LABELS = ["ポート番号", "ポート", "端口号", "端口", "포트", "порт"] as const;

const PROTOCOL_WORDS: ReadonlyMap<string, Transport> = new Map([
  ["tcp", "TCP"],
  ["udp", "UDP"],
  ["tcpv6", "TCP"],
  ["udpv6", "UDP"],
  ["tcp6", "TCP"],
  ["udp6", "UDP"],
  ["tcp4", "TCP"],
  ["udp4", "UDP"],
]);
/** IANA protocol numbers as Windows firewall events give them (`Protocol: 6`). */
const PROTOCOL_NUMBERS: ReadonlyMap<string, Transport> = new Map([
  ["6", "TCP"],
  ["17", "UDP"],
]);
/** What a `name:number` is when it is not a host: a file's line, an error code, a count. */
const FILE_EXTENSION =
  /\.(?:js|mjs|cjs|ts|cs|py|java|go|rb|ps1|psm1|log|txt|json|xml|yml|yaml|c|cpp|h|rs|php|sh|rb|erb|pp|tf|dll|exe)$/;
const LISTENING = new Set(["listening", "listen"]);
/** Headers of tables whose port is the second column of a `host port` pair: NetExec's `SMB 10.0.0.5 445 DC01`. */
const PROTOCOL_LABEL_KEYS = new Set(["protocol", "proto", "ipprotocol"]);

/** Signs that a message was pasted rather than typed as a question. */
const PASTED_SIGNS = [
  /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/, // an IPv4 address
  /[a-z0-9\]>)*]:\d/i, // host:port, a time, an IPv6 address, a masked host
  /[a-z0-9+.-]:\/\//i, // a URL
  /\b(?:i|sg|vpc|ami|subnet|eni|vol|rtb|igw|nat|acl|snap|pl|vpce|tgw|eipalloc)-[0-9a-f]{8,17}\b/i, // an AWS id
  /\b\d{4}[-/]\d\d[-/]\d\d\b/, // a date
  /\b\d\d?\/\d\d?\/\d{4}\b/, // a slash date
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? {1,2}\d{1,2},? {1,2}\d\d:\d\d/i, // a syslog date
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i, // a UUID or request id
  /(?:^|\s)-(?:local|remote|public)?port\b|\b(?:remote|local)port\b/i, // PowerShell parameters and output
  /\b(?:LISTENING|ESTABLISHED|TIME_WAIT|CLOSE_WAIT|SYN_SENT|SYN_RECV)\b/, // netstat
  /\b\d{1,5}\/(?:tcp|udp)\s+(?:open|closed|filtered)/i, // nmap
  /\\\\[a-z0-9]/i, // a UNC path
  /<\/?[a-z][a-z0-9:_-]{0,40}(?:\s|>|\/>)/i, // XML or HTML
  /^[ \t]{0,40}(?:Traceback|Exception|Error|ERROR|FATAL|WARN(?:ING)?|fatal|error)\b[^\n]{0,200}:/m, // an error line
  /\b[A-Z][A-Za-z]{1,40}(?:Exception|Error)\b/, // an exception's name
  /\b[a-z][a-z0-9_.-]{0,40} ?= ?[^\s=]/i, // key=value
  /\b[A-Z]{2,}(?:_[A-Z0-9]{2,})+\b/, // an UPPER_SNAKE_CASE constant
  /^\s{0,8}[A-Za-z][A-Za-z ]{0,40}\s:\s\S/m, // PowerShell's `Name : Value` lines
];

/** Several lines longer than this are pasted even with no other sign; a question is never longer. */
const MAX_QUESTION_LINES_LENGTH = 300;

/**
 * Whether `text` (already cut to MAX_PASTE_LENGTH) looks pasted: an address, a URL, a date, an id,
 * a PowerShell, netstat or nmap line, markup, an error line, or many lines. Text with none of these
 * is a question however long (`is 3389 open?` on two lines), read as questions always were.
 */
export function looksPasted(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.slice(0, FOUND_PREFIX.length).toLowerCase() === FOUND_PREFIX.toLowerCase()) return true;
  if (trimmed.length > MAX_QUESTION_LINES_LENGTH && trimmed.includes("\n")) return true;
  return PASTED_SIGNS.some((sign) => sign.test(trimmed));
}

/**
 * The ports `text` names, in the order it names them, one entry per distinct port and protocol
 * (the first snippet kept): ports written out first, then ports named, then the default ports of
 * services the text names without a port.
 */
export function findPorts(text: string): FoundPort[] {
  return readPaste(text).found as FoundPort[];
}

/**
 * The direction to rank first for ports of pasted text: a port a connection goes to is one the
 * instance receives (inbound rules first); the far end of a connection it made, outbound first.
 */
export function preferredDirection(sides: Iterable<FoundPort["side"]>): "In" | "Out" | undefined {
  const all = new Set(sides);
  if (all.size !== 1) return undefined;
  return all.has("destination") ? "In" : "Out";
}

/** The ports of `text` and the numbers it marks as not ports. */
export function readPaste(text: string): PasteReading {
  const source = text.length > MAX_PASTE_LENGTH ? text.slice(0, MAX_PASTE_LENGTH) : text;
  const reader = new PasteReader(source);
  reader.read();
  return reader.result();
}

class PasteReader {
  private readonly chunks: Chunk[];
  private readonly candidates: Candidate[] = [];
  private readonly nonPorts = new Set<number>();
  private readonly eventProtocols = new Set<Transport>();
  /** Services the text names, with the chunk that names them. */
  private readonly services: { service: PasteService; at: number }[] = [];
  private readonly seenWords = new Set<string>();

  constructor(private readonly source: string) {
    this.chunks = chunksOf(source);
  }

  read(): void {
    const chunks = this.chunks;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i] as Chunk;
      const key = chunk.key;
      if (key === " ") continue;
      if (!HAS_DIGIT.test(key)) {
        this.readWords(i);
        continue;
      }
      i = this.readNumberChunk(i);
    }
    for (const column of readColumnPorts(this.source)) {
      this.candidates.push({
        port: column.port,
        protocol: undefined,
        from: column.from,
        to: column.to,
        at: this.chunkIndexAt(column.from),
        role: "plain",
        how: "written",
        side: "destination",
      });
    }
  }

  result(): PasteReading {
    const written = pairUp(this.candidates);
    const single = this.eventProtocols.size === 1 ? [...this.eventProtocols][0] : undefined;
    const found: FoundPort[] = [];
    const seen = new Set<string>();
    const add = (c: Omit<Candidate, "at" | "role">) => {
      if (c.port < 1 || c.port > 65535 || found.length >= MAX_FOUND) return;
      const protocol = c.protocol ?? (c.how === "written" ? single : undefined);
      const key = `${c.port}/${protocol ?? ""}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push({
        port: c.port,
        ...(protocol ? { protocol } : {}),
        snippet: snippetOf(this.source, c.from, c.to),
        how: c.how,
        side: c.side,
      });
    };
    const order: FoundPort["how"][] = ["written", "named"];
    for (const how of order) for (const c of written) if (c.how === how) add(c);
    const numbers = new Set(found.map((f) => f.port));
    for (const { service, at } of this.services) {
      const all = [...service.ports, ...(service.secure?.ports ?? [])];
      // a port written beside the service word is that service's port (`mstsc /v:host /port:3388`)
      if (all.some((p) => numbers.has(p)) || written.some((c) => Math.abs(c.at - at) <= SERVICE_DISTANCE)) continue;
      const secure = service.secure?.words.some((w) => this.seenWords.has(w)) ?? false;
      const chunk = this.chunks[at] as Chunk;
      for (const port of secure && service.secure ? service.secure.ports : service.ports) {
        add({ port, protocol: service.protocol, from: chunk.start, to: chunk.end, how: "service", side: "destination" });
        numbers.add(port);
      }
    }
    for (const f of found) this.nonPorts.delete(f.port);
    return { found, nonPorts: this.nonPorts };
  }

  private chunkIndexAt(position: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.chunks[mid] as Chunk).start <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private key(i: number): string {
    return this.chunks[i]?.key ?? "";
  }

  private candidate(
    port: number,
    protocol: Transport | undefined,
    from: number,
    to: number,
    at: number,
    role: Role = "plain",
    how: FoundPort["how"] = "written",
    side: FoundPort["side"] = "destination",
  ): void {
    if (port < 1 || port > 65535) return;
    if (this.candidates.length >= MAX_FOUND * 4) return;
    this.candidates.push({ port, protocol, from, to, at, role, how, side });
  }

  /** Words: URLs without a port, UNC paths, services named, and `Protocol: TCP`. */
  private readWords(i: number): void {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    if (key.includes("://")) {
      this.readUrl(i);
      return;
    }
    if (this.source.startsWith("\\\\", chunk.start)) {
      this.readUnc(i);
      return;
    }
    const services = pasteServices();
    if (services.secureWords.has(key)) this.seenWords.add(key);
    const named = services.byWord.get(key);
    if (named) for (const service of named) this.services.push({ service, at: i });
    if (services.phraseStarts.has(key)) {
      const two = `${key} ${this.key(i + 1)}`;
      for (const phrase of [two, `${two} ${this.key(i + 2)}`]) {
        for (const service of services.byWord.get(phrase) ?? []) this.services.push({ service, at: i });
      }
    }
    if (PROTOCOL_LABEL_KEYS.has(labelKey(key))) {
      const next = this.nextValue(i);
      const protocol = next === undefined ? undefined : PROTOCOL_WORDS.get(this.key(next));
      if (protocol) this.eventProtocols.add(protocol);
    }
  }

  private readUrl(i: number): void {
    const chunk = this.chunks[i] as Chunk;
    const url = URL_AUTHORITY.exec(chunk.key);
    if (!url) return;
    const authority = url[2] ?? "";
    const port = hostPort(authority);
    if (port !== undefined) {
      this.candidate(port, undefined, chunk.start, chunk.start + url[0].length, i);
      return;
    }
    if (authority === "" || authority.includes(":")) return;
    const named = pasteServices().schemes.get(url[1] ?? "");
    if (named) this.candidate(named.port, named.protocol, chunk.start, chunk.start + url[0].length, i, "plain", "named");
  }

  private readUnc(i: number): void {
    const chunk = this.chunks[i] as Chunk;
    let at = chunk.start;
    while (this.source[at] === "\\" && at < chunk.end) at++;
    const host = /^[a-z0-9][a-z0-9.-]+/i.exec(this.source.slice(at, Math.min(chunk.end, at + 64)));
    if (!host) return;
    const { port, protocol } = pasteServices().unc;
    this.candidate(port, protocol, chunk.start, Math.min(chunk.end, at + host[0].length + 40), i, "plain", "named");
  }

  /** Reads chunk `i` (which has a digit); returns the index of the last chunk it used. */
  private readNumberChunk(i: number): number {
    const chunks = this.chunks;
    const chunk = chunks[i] as Chunk;
    const key = chunk.key;
    const protocolBefore = PROTOCOL_WORDS.get(this.key(i - 1));
    const netstat = protocolBefore ? readNetstat(chunks, i) : undefined;
    if (netstat) {
      const { chunk: picked, port, remote } = netstat;
      this.candidate(
        port,
        protocolBefore,
        (chunks[i - 1] as Chunk).start,
        picked.end,
        i,
        "plain",
        "written",
        remote ? "remote" : "destination",
      );
      return i + 1;
    }
    const hasSlash = key.includes("/");
    const hasColon = key.includes(":");
    const slashed = hasSlash ? (PROTOCOL_SLASH_PORT.exec(key) ?? PORT_SLASH_PROTOCOL.exec(key)) : null;
    if (slashed) {
      const [a, b] = [slashed[1] as string, slashed[2] as string];
      const [digits, name] = BARE_PORT.test(a) ? [a, b] : [b, a];
      this.candidate(Number(digits), PROTOCOL_WORDS.get(name), chunk.start, chunk.end, i);
      return i;
    }
    if (key.includes("://")) {
      this.readUrl(i);
      return i;
    }
    if (this.source.startsWith("\\\\", chunk.start)) {
      this.readUnc(i);
      return i;
    }
    if (this.readTcpdump(i)) return i + 1;
    if (hasColon && !chunk.colon) {
      const hosted = hostPort(key);
      if (hosted !== undefined) {
        const from = protocolBefore ? (chunks[i - 1] as Chunk).start : chunk.start;
        this.candidate(hosted, protocolBefore, from, chunk.end, i);
        return i;
      }
    }
    if (this.readGluedLabel(i)) return i;
    if (BARE_PORT.test(key) || PORT_RANGE.test(key)) return this.readBareNumber(i, protocolBefore);
    return i;
  }

  /** `10.0.0.5.49712 > 10.0.0.9.3389:` or `host.ldap`: tcpdump's address.port pairs; the lower port is the service. */
  private readTcpdump(i: number): boolean {
    const chunk = this.chunks[i] as Chunk;
    const next = this.chunks[i + 1];
    if (!next || !this.gapHas(i, ">")) return false;
    const a = tcpdumpPort(chunk.key);
    const b = tcpdumpPort(next.key);
    if (!a || !b) return false;
    const pick = a.port <= b.port ? a : b;
    this.candidate(pick.port, undefined, chunk.start, next.end, i, "plain", pick.named ? "named" : "written");
    return true;
  }

  /** `port:5986`, `-Port:5985`, `/port:3388`, `ポート3389`, `端口3389被占用`. */
  private readGluedLabel(i: number): boolean {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    for (const label of NON_ASCII_LABELS) {
      const at = key.indexOf(label);
      if (at < 0) continue;
      const digits = /^[\s:：#号番]*(\d{1,5})(?!\d)/.exec(key.slice(at + label.length, at + label.length + 12));
      if (digits) {
        this.candidate(Number(digits[1]), undefined, chunk.start, chunk.end, i);
        return true;
      }
    }
    const glued = GLUED_LABEL.exec(key);
    const label = glued?.[1] ?? "";
    if (!glued || label === "" || !HAS_LETTER.test(label)) return false;
    const role = labelRole(label.replace(/[:=#：]$/, ""));
    if (role === undefined) return false;
    if (role === "nonport") {
      this.nonPorts.add(Number(glued[2]));
      return true;
    }
    this.candidate(Number(glued[2]), undefined, chunk.start, chunk.end, i, role);
    return true;
  }

  /** A number alone: read through what stands before or after it. */
  private readBareNumber(i: number, protocolBefore: Transport | undefined): number {
    const chunks = this.chunks;
    const chunk = chunks[i] as Chunk;
    const key = chunk.key;
    const single = BARE_PORT.test(key) ? Number(key) : undefined;
    if (this.isWrapped(chunk)) return i;
    const protocolLabel = this.key(i - 1) === "" ? i - 2 : i - 1;
    if (PROTOCOL_LABEL_KEYS.has(labelKey(this.key(protocolLabel)))) {
      const protocol = PROTOCOL_NUMBERS.get(key);
      if (protocol) this.eventProtocols.add(protocol);
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    const nextKey = this.key(i + 1);
    const unitAfter = UNITS.has(nextKey) && !this.gapHasNewline(i);
    const label = this.labelBefore(i);
    if (label?.role === "nonport" || (unitAfter && label === undefined)) {
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    if (single !== undefined && this.isParenthesised(chunk) && label === undefined) {
      this.nonPorts.add(single);
      return i;
    }
    // `-p 8080:80` is written `8080:80`: both are ports
    if (label) {
      const labelChunk = chunks[label.at] as Chunk;
      const protocolAt = PROTOCOL_WORDS.get(this.key(label.at - 1));
      const protocol = protocolBefore ?? protocolAt;
      const from = protocolAt ? (chunks[label.at - 1] as Chunk).start : labelChunk.start;
      return this.readList(i, protocol, from, label.role);
    }
    if (chunk.colon && this.isMaskedHostBefore(chunk)) {
      this.candidate(single ?? 0, protocolBefore, Math.max(0, chunk.start - 12), chunk.end, i);
      return i;
    }
    if (single === undefined) return i;
    const previous = this.key(i - 1);
    if (protocolBefore) {
      if (BARE_PORT.test(nextKey)) return i; // `tcp 0 0 0.0.0.0:22`: Linux netstat's queue sizes
      this.candidate(single, protocolBefore, (chunks[i - 1] as Chunk).start, chunk.end, i);
      return i;
    }
    const protocolAfter = PROTOCOL_WORDS.get(nextKey);
    if (protocolAfter && !this.gapHasNewline(i) && !PROTOCOL_WORDS.has(previous)) {
      this.candidate(single, protocolAfter, chunk.start, (chunks[i + 1] as Chunk).end, i);
      return i + 1;
    }
    if (SERVICE_WORDS.has(previous) && !this.gapHasNewline(i - 1)) {
      if (
        (previous === "http" || previous === "https") &&
        single >= 100 &&
        single <= 599 &&
        !HTTP_PORTS_IN_STATUS_RANGE.has(single)
      ) {
        this.nonPorts.add(single);
        return i;
      }
      this.candidate(single, undefined, (chunks[i - 1] as Chunk).start, chunk.end, i);
      return i;
    }
    if (single >= 10 && labelRole(nextKey) !== undefined && nextKey === "port" && !this.gapHasNewline(i)) {
      this.candidate(single, undefined, chunk.start, (chunks[i + 1] as Chunk).end, i);
      return i + 1;
    }
    // `(10.0.0.5 : 5986)`: Test-NetConnection's warning spaces out host and port
    if (previous === "" && this.source[chunk.end] === ")" && isHostLike(this.key(i - 2))) {
      this.candidate(single, undefined, (chunks[i - 2] as Chunk).start, chunk.end, i);
      return i;
    }
    // NetExec's `SMB 10.0.0.5 445 DC01`, `nc 10.0.0.5 5985`: a service or tool, a host, its port
    const introduced = SERVICE_WORDS.has(this.key(i - 2)) || PORT_TOOLS.has(this.key(i - 2));
    if (introduced && IPV4.test(previous) && validIpv4(previous) && this.gapIsSpaces(i - 1)) {
      this.candidate(single, undefined, (chunks[i - 1] as Chunk).start, chunk.end, i);
      return i;
    }
    if (isHostLike(previous) && this.gapIsSpaces(i - 1) && this.toolBefore(i - 1)) {
      this.candidate(single, undefined, (chunks[i - 1] as Chunk).start, chunk.end, i);
      return i;
    }
    return i;
  }

  /** The number at `i` and the numbers listed after it (`80, 443 and 5985`), read with one label. */
  private readList(i: number, protocol: Transport | undefined, from: number, role: Role): number {
    let last = i;
    for (let k = i, count = 0; k < this.chunks.length && count < MAX_LIST; count++) {
      const chunk = this.chunks[k] as Chunk;
      const key = chunk.key;
      if (!this.readPortValue(key, protocol, from, chunk.end, k, role)) break;
      last = k;
      let next = k + 1;
      if (LIST_WORDS.has(this.key(next)) && this.gapIsSpaces(k)) next += 1;
      else if (!this.gapIsListSeparator(k)) break;
      const nextKey = this.key(next);
      if (!BARE_PORT.test(nextKey) && !PORT_RANGE.test(nextKey) && !/^\d{1,5}:\d{1,5}$/.test(nextKey)) break;
      if (UNITS.has(this.key(next + 1))) break;
      k = next;
    }
    return last;
  }

  private readPortValue(key: string, protocol: Transport | undefined, from: number, to: number, at: number, role: Role): boolean {
    if (BARE_PORT.test(key)) {
      this.candidate(Number(key), protocol, from, to, at, role);
      return true;
    }
    const range = PORT_RANGE.exec(key);
    if (range) {
      const [low, high] = [Number(range[1]), Number(range[2])];
      if (high >= low && high - low < MAX_PASTED_RANGE)
        for (let p = low; p <= high; p++) this.candidate(p, protocol, from, to, at, role);
      return true;
    }
    const mapping = /^(\d{1,5}):(\d{1,5})$/.exec(key);
    if (mapping) {
      this.candidate(Number(mapping[1]), protocol, from, to, at, role);
      this.candidate(Number(mapping[2]), protocol, from, to, at, role);
      return true;
    }
    return false;
  }

  /** The label before chunk `i`, past up to three gap words: `port number is 5985`, `RemotePort : 5986`. */
  private labelBefore(i: number): { at: number; role: Role | "nonport" } | undefined {
    const chunk = this.chunks[i] as Chunk;
    for (let j = i - 1, gaps = 0; j >= 0 && gaps <= 3; j--, gaps++) {
      const key = this.key(j);
      if (FLAG_LABELS.has(key) && j === i - 1) return { at: j, role: "plain" };
      const role = labelRole(key);
      if (role !== undefined) {
        if (role !== "nonport" && (key === "port" || key === "ports") && SOURCE_WORDS.has(this.key(j - 1)))
          return { at: j - 1, role: "source" };
        if (role === "nonport" && j !== i - 1 && !chunk.colon) return undefined;
        return { at: j, role };
      }
      if (!LABEL_GAP_WORDS.has(key)) return undefined;
      if (this.gapHasNewline(j) && key !== "") return undefined;
    }
    return undefined;
  }

  private isMaskedHostBefore(chunk: Chunk): boolean {
    const before = this.source[chunk.start - 2] ?? "";
    return ">)]}*'\"".includes(before) && before !== "";
  }

  private isParenthesised(chunk: Chunk): boolean {
    return this.source[chunk.start - 1] === "(" && this.source[chunk.end] === ")";
  }

  /** A number cut by a terminal's line wrap: `59` ending a full line with `86` starting the next. */
  private isWrapped(chunk: Chunk): boolean {
    const s = this.source;
    const after = s[chunk.end] === "\r" ? chunk.end + 1 : chunk.end;
    if (s[after] === "\n" && isDigitCode(s.charCodeAt(after + 1))) {
      return chunk.end - (s.lastIndexOf("\n", chunk.start) + 1) >= MIN_WRAPPED_LINE;
    }
    if (s[chunk.start - 1] !== "\n") return false;
    const lineEnd = s[chunk.start - 2] === "\r" ? chunk.start - 2 : chunk.start - 1;
    return isDigitCode(s.charCodeAt(lineEnd - 1)) && lineEnd - (s.lastIndexOf("\n", lineEnd - 1) + 1) >= MIN_WRAPPED_LINE;
  }

  private toolBefore(hostAt: number): boolean {
    for (let j = hostAt - 1; j >= 0 && j >= hostAt - 4; j--) {
      const key = this.key(j);
      if (PORT_TOOLS.has(key)) return true;
      if (!key.startsWith("-")) return false;
    }
    return false;
  }

  /** The first chunk after `i` that is not a lone `:` (`Protocol : TCP`). */
  private nextValue(i: number): number | undefined {
    for (let j = i + 1; j < this.chunks.length && j <= i + 2; j++) if (this.key(j) !== "") return j;
    return undefined;
  }

  private gap(i: number): string {
    const a = this.chunks[i];
    const b = this.chunks[i + 1];
    if (!a || !b) return "";
    return this.source.slice(a.end, Math.min(b.start, a.end + 16));
  }

  private gapHas(i: number, text: string): boolean {
    return this.gap(i).includes(text);
  }

  private gapHasNewline(i: number): boolean {
    return this.gapHas(i, "\n");
  }

  private gapIsSpaces(i: number): boolean {
    return /^[ \t]+$/.test(this.gap(i));
  }

  private gapIsListSeparator(i: number): boolean {
    return /^[ \t]*[,;/][ \t]*$/.test(this.gap(i));
  }
}

/** Which side a label puts its number on, or `nonport` for `timeout`, `line`, `error`. */
function labelRole(word: string): Role | "nonport" | undefined {
  if (word === "" || word.length > 40) return undefined;
  const key = labelKey(word);
  if (key === "localport") return "local";
  if (key === "remoteport") return "remote";
  if (SOURCE_LABELS.has(key)) return "source";
  if (key === "dport" || key === "dstport" || key === "destport" || key === "destinationport" || key === "dpt") return "dest";
  if (PORT_LABELS.has(key)) return "plain";
  if (NON_PORT_LABELS.has(key) || NON_PORT_SUFFIXES.some((suffix) => key.length > suffix.length && key.endsWith(suffix)))
    return "nonport";
  return undefined;
}

/**
 * A source port and a destination (or a local and a remote) standing close together are one
 * connection: its service is the lower port, the other is a client's ephemeral port. A source
 * port alone is a client's and is dropped.
 */
function pairUp(candidates: readonly Candidate[]): Candidate[] {
  const used = new Set<number>();
  const kept: Candidate[] = [];
  const partnerOf = (role: Role): readonly Role[] =>
    role === "source" || role === "local" ? ["dest", "remote"] : role === "dest" || role === "remote" ? ["source", "local"] : [];
  for (let i = 0; i < candidates.length; i++) {
    if (used.has(i)) continue;
    const c = candidates[i] as Candidate;
    const partners = partnerOf(c.role);
    let partner = -1;
    for (let j = i + 1; j < candidates.length && partners.length > 0; j++) {
      const other = candidates[j] as Candidate;
      if (other.at - c.at > PAIR_DISTANCE) break;
      if (!used.has(j) && partners.includes(other.role)) {
        partner = j;
        break;
      }
    }
    if (partner < 0) {
      if (c.role !== "source") kept.push(c);
      continue;
    }
    used.add(partner);
    const other = candidates[partner] as Candidate;
    const lower = c.port <= other.port ? c : other;
    const side: FoundPort["side"] =
      lower.role === "remote" && (c.role === "local" || other.role === "local") ? "remote" : "destination";
    kept.push({ ...lower, side });
  }
  return kept;
}

function chunksOf(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  CHUNKS.lastIndex = 0;
  for (let match = CHUNKS.exec(text); match !== null; match = CHUNKS.exec(text)) {
    const raw = match[0];
    if (raw.length > MAX_CHUNK) {
      chunks.push({ key: " ", start: match.index, end: match.index + raw.length, colon: false });
      continue;
    }
    // `(see 10.0.0.1:445).` loses its trailing dot, `[10.0.0.1:445]` its brackets; `[::1]:3389` keeps them
    let start = match.index;
    let cleaned = TRAILING_CHARACTERS.has(raw.charCodeAt(raw.length - 1)) ? raw.replace(TRAILING, "") : raw;
    if (cleaned.startsWith("[") && !cleaned.includes("]:")) {
      cleaned = cleaned.slice(1).replace(/\]$/, "");
      start += 1;
    }
    const colon = cleaned.length > 1 && cleaned.startsWith(":") && BARE_PORT.test(cleaned.slice(1)) && !cleaned.startsWith("::");
    if (colon) {
      cleaned = cleaned.slice(1);
      start += 1;
    }
    chunks.push({ key: cleaned.toLowerCase(), start, end: start + cleaned.length, colon });
  }
  return chunks;
}

/**
 * `TCP 0.0.0.0:5985 0.0.0.0:0 LISTENING` or `TCP 10.0.0.5:49712 52.1.2.3:443 ESTABLISHED`: the
 * listening port, or else the lower of the two (the other is the client's ephemeral port).
 */
function readNetstat(chunks: readonly Chunk[], i: number): { chunk: Chunk; port: number; remote: boolean } | undefined {
  const local = chunks[i] as Chunk;
  const remote = chunks[i + 1];
  if (!remote) return undefined;
  const localPort = hostPort(local.key) ?? netstatAny(local.key);
  if (localPort === undefined) return undefined;
  const remotePort = hostPort(remote.key) ?? netstatAny(remote.key) ?? (/:(?:0|\*)$/.test(remote.key) ? 0 : undefined);
  if (remotePort === undefined) return undefined;
  const state = chunks[i + 2]?.key ?? "";
  if (LISTENING.has(state) || remotePort === 0 || localPort <= remotePort)
    return { chunk: local, port: localPort, remote: false };
  return { chunk: remote, port: remotePort, remote: true };
}

/** Linux netstat's `:::22` (IPv6 any, unbracketed). */
function netstatAny(key: string): number | undefined {
  if (!key.startsWith(":::")) return undefined;
  const digits = key.slice(3);
  return BARE_PORT.test(digits) ? Number(digits) : undefined;
}

/**
 * The port of `host:port`, where host is an IP address, `[IPv6]`, a host name, a masked or
 * placeholder host (`***`, `[REDACTED]`, `${HOST}`), possibly with a key glued before it
 * (`desktop-addr:10.0.0.10:3389`, `user@host:22`). Times, IPv6 addresses, file lines and error
 * codes are not hosts.
 */
function hostPort(text: string): number | undefined {
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const digits = text.slice(colon + 1);
  if (!BARE_PORT.test(digits)) return undefined;
  const port = Number(digits);
  if (port < 1 || port > 65535) return undefined;
  let host = text.slice(0, colon);
  // `fe80::1:5985`, `::0:0:a0:1`: an unbracketed IPv6 address has no port
  if (host.includes(":") && UNBRACKETED_IPV6.test(host)) return undefined;
  if (host.endsWith("]")) {
    const open = host.lastIndexOf("[");
    if (open < 0) return undefined;
    return HOST.test(host.slice(open)) ? port : undefined;
  }
  // a key glued before the host: `addr:10.0.0.10`, `user@host`, `/v:host`
  const cut = Math.max(host.lastIndexOf(":"), host.lastIndexOf("@"), host.lastIndexOf("="));
  if (cut >= 0) {
    const before = host.slice(0, cut);
    host = host.slice(cut + 1);
    // `fe80::1:5985`, `12:30:45`: an unbracketed IPv6 address or a time has no port
    if (host === "" || before.endsWith(":") || (!HAS_LETTER.test(host) && !IPV4.test(host))) return undefined;
  }
  if (!HOST.test(host)) return undefined;
  if (host === "*" || ONLY_MASK.test(host)) return port;
  if (IPV4.test(host)) return validIpv4(host) ? port : undefined;
  if (!HAS_LETTER.test(host) || FILE_EXTENSION.test(host)) return undefined;
  if (NON_PORT_LABELS.has(host)) return undefined;
  if (labelRole(host) !== undefined && labelRole(host) !== "nonport") return port; // `port:5986`
  // a plain word before a small number is a field (`type:3`), not a host
  if (/^[a-z]+$/.test(host) && port < 20) return undefined;
  return port;
}

function tcpdumpPort(key: string): { port: number; named: boolean } | undefined {
  const match = TCPDUMP_END.exec(key);
  if (!match) return undefined;
  const address = match[1] as string;
  const end = match[2] as string;
  if (!(IPV4.test(address) && validIpv4(address)) && !address.includes(":")) return undefined;
  if (BARE_PORT.test(end)) return { port: Number(end), named: false };
  const service = servicePorts(end);
  const first = service?.ports[0];
  return first ? { port: first.from, named: true } : undefined;
}

function validIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  return match?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
}

function isHostLike(key: string): boolean {
  if (key === "" || key.length > 100 || key.startsWith("-") || key.includes("/") || key.includes(":")) return false;
  if (IPV4.test(key)) return validIpv4(key);
  return (
    (HAS_LETTER.test(key) && HOST.test(key) && key.includes(".")) ||
    /^[a-z][a-z0-9-]*\d[a-z0-9-]*$/.test(key) ||
    key === "localhost"
  );
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function snippetOf(text: string, from: number, to: number): string {
  const snippet = text.slice(from, Math.min(to, from + MAX_SNIPPET * 2)).replace(/\s+/g, " ");
  return snippet.length > MAX_SNIPPET ? `${snippet.slice(0, MAX_SNIPPET - 1)}…` : snippet;
}
