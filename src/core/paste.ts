/**
 * Pasted text (log lines, netstat, Test-NetConnection output, URLs, security-group lines): whether
 * a message is one, and the ports it names. The text is split into whitespace-separated chunks by
 * one linear pass; each chunk is then read by anchored patterns over at most MAX_CHUNK characters,
 * so no pattern ever runs over the whole message.
 */

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

export interface FoundPort {
  readonly port: number;
  readonly protocol?: "TCP" | "UDP";
  /** The text it was read from, as written: `10.0.1.25:5986`, `port 3389`. */
  readonly snippet: string;
}

interface Chunk {
  /** Lower case, trailing punctuation taken off. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const CHUNKS = /[^\s,;()"'<>|=]+/g;
// a lone trailing colon goes (`port 22:`), a double one stays: `a0:1::` is an IPv6 address
const TRAILING = /(?:[.!?}]|(?<!:):(?!:))+$/;
const TRAILING_CHARACTERS = new Set([...".!?}:"].map((c) => c.charCodeAt(0)));

// Each is anchored and runs over one chunk of at most MAX_CHUNK characters.
const PROTOCOL_SLASH_PORT = /^(tcp|udp)\/(\d{1,5})$/;
const PORT_SLASH_PROTOCOL = /^(\d{1,5})\/(tcp|udp)$/;
const URL_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/;
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9*_][a-z0-9._*-]*):(\d{1,5})$/;
const BARE_PORT = /^\d{1,5}$/;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HAS_LETTER = /[a-z]/;
const HAS_DIGIT = /\d/;

/** Words after which a number is a port: `port 445`, `-Port 5985`, `RemotePort : 5986`, `DPT=3389`. */
const PORT_LABELS = new Set([
  "port",
  "ports",
  "-port",
  "localport",
  "-localport",
  "remoteport",
  "-remoteport",
  "dport",
  "--dport",
  "dpt",
  "dst-port",
  "dstport",
  "destinationport",
  "destination-port",
  "toport",
  "fromport",
  "to-port",
  "from-port",
  "to_port",
  "from_port",
]);
const PROTOCOL_WORDS: ReadonlyMap<string, "TCP" | "UDP"> = new Map([
  ["tcp", "TCP"],
  ["udp", "UDP"],
  ["tcpv6", "TCP"],
  ["udpv6", "UDP"],
]);
/** What a `name:number` is when it is not a host: a file's line, an error code, a count. */
const NOT_HOSTS = new Set([
  "line",
  "col",
  "column",
  "code",
  "error",
  "err",
  "status",
  "exit",
  "pid",
  "id",
  "count",
  "retry",
  "try",
]);
const FILE_EXTENSION = /\.(?:js|mjs|cjs|ts|cs|py|java|go|rb|ps1|psm1|log|txt|json|xml|yml|yaml|c|cpp|h|rs|php|sh)$/;
const LISTENING = new Set(["listening", "listen"]);

/** Signs that a message was pasted rather than typed as a question. */
const PASTED_SIGNS = [
  /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/, // an IPv4 address
  /[a-z0-9\]]:\d/i, // host:port, a time, an IPv6 address
  /[a-z][a-z0-9+.-]*:\/\//i, // a URL
  /\b(?:i|sg|vpc|ami|subnet|eni|vol|rtb|igw|nat|acl|snap)-[0-9a-f]{8,17}\b/i, // an AWS id
  /\b\d{4}-\d\d-\d\d\b/, // a date
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i, // a UUID or request id
  /(?:^|\s)-(?:local|remote)?port\b|\b(?:remote|local)port\b/i, // PowerShell parameters and output
  /\b(?:LISTENING|ESTABLISHED|TIME_WAIT|CLOSE_WAIT|SYN_SENT)\b/, // netstat
];

/** Several lines longer than this are pasted even with no other sign; a question is never longer. */
const MAX_QUESTION_LINES_LENGTH = 500;

/**
 * Whether `text` (already cut to MAX_PASTE_LENGTH) looks pasted: an address, a URL, a date, an id,
 * a PowerShell or netstat word, or many lines. Text with none of these is a question however long
 * (`is 3389 open?` on two lines, or a question followed by junk), read as questions always were.
 */
export function looksPasted(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.slice(0, FOUND_PREFIX.length).toLowerCase() === FOUND_PREFIX.toLowerCase()) return true;
  if (trimmed.length > MAX_QUESTION_LINES_LENGTH && /\n\s*\S/.test(trimmed)) return true;
  return PASTED_SIGNS.some((sign) => sign.test(trimmed));
}

/**
 * The ports `text` names, in the order it names them, one entry per distinct port and protocol
 * (the first snippet kept). Bare numbers count only after a port label or a protocol, so dates,
 * times, durations, ids, versions and counts are never ports.
 */
export function findPorts(text: string): FoundPort[] {
  const source = text.length > MAX_PASTE_LENGTH ? text.slice(0, MAX_PASTE_LENGTH) : text;
  const chunks = chunksOf(source);
  const found: FoundPort[] = [];
  const seen = new Set<string>();
  const add = (port: number, protocol: "TCP" | "UDP" | undefined, from: number, to: number) => {
    if (port < 1 || port > 65535 || found.length >= MAX_FOUND) return;
    const key = `${port}/${protocol ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ port, ...(protocol ? { protocol } : {}), snippet: snippetOf(source, from, to) });
  };

  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Chunk;
    const key = chunk.key;
    // only a chunk with a digit can hold a port; the rest matter as labels and protocols
    if (key === " " || !HAS_DIGIT.test(key)) continue;
    const protocolBefore = PROTOCOL_WORDS.get(chunks[i - 1]?.key ?? "");
    const netstat = protocolBefore ? readNetstat(chunks, i) : undefined;
    if (netstat) {
      const { chunk: picked, port } = netstat;
      add(port, protocolBefore, (chunks[i - 1] as Chunk).start, picked.end);
      i += 1;
      continue;
    }
    // cheap character checks first: most chunks with digits are dates, times, ids and counts
    const hasSlash = key.includes("/");
    const hasColon = key.includes(":");
    const slashed = hasSlash ? (PROTOCOL_SLASH_PORT.exec(key) ?? PORT_SLASH_PROTOCOL.exec(key)) : null;
    if (slashed) {
      const [a, b] = [slashed[1] as string, slashed[2] as string];
      const [digits, name] = BARE_PORT.test(a) ? [a, b] : [b, a];
      add(Number(digits), PROTOCOL_WORDS.get(name), chunk.start, chunk.end);
      continue;
    }
    const url = hasColon && hasSlash ? URL_AUTHORITY.exec(key) : null;
    if (url) {
      const port = hostPort(url[1] ?? "");
      if (port !== undefined) add(port, undefined, chunk.start, chunk.start + url[0].length);
      continue;
    }
    const hosted = hasColon ? hostPort(key) : undefined;
    if (hosted !== undefined) {
      add(hosted, protocolBefore, protocolBefore ? (chunks[i - 1] as Chunk).start : chunk.start, chunk.end);
      continue;
    }
    const labelAt = labelBefore(chunks, i);
    if (labelAt === undefined && !protocolBefore) continue;
    // `tcp port 445`: a protocol may stand before the label too
    const protocolAt = labelAt !== undefined && PROTOCOL_WORDS.get(chunks[labelAt - 1]?.key ?? "") ? labelAt - 1 : undefined;
    const protocol = protocolBefore ?? PROTOCOL_WORDS.get(chunks[protocolAt ?? -1]?.key ?? "");
    const labelStart = (chunks[protocolAt ?? labelAt ?? i - 1] as Chunk).start;
    if (BARE_PORT.test(key)) {
      add(Number(key), protocol, labelStart, chunk.end);
      continue;
    }
    const range = PORT_RANGE.exec(key);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to >= from && to - from < MAX_PASTED_RANGE) for (let p = from; p <= to; p++) add(p, protocol, labelStart, chunk.end);
    }
  }
  return found;
}

function chunksOf(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  CHUNKS.lastIndex = 0;
  for (let match = CHUNKS.exec(text); match !== null; match = CHUNKS.exec(text)) {
    const raw = match[0];
    if (raw.length > MAX_CHUNK) {
      chunks.push({ key: " ", start: match.index, end: match.index + raw.length });
      continue;
    }
    // `(see 10.0.0.1:445).` loses its trailing dot, `[10.0.0.1:445]` its brackets; `[::1]:3389` keeps them
    let start = match.index;
    let cleaned = TRAILING_CHARACTERS.has(raw.charCodeAt(raw.length - 1)) ? raw.replace(TRAILING, "") : raw;
    if (cleaned.startsWith("[") && !cleaned.includes("]:")) {
      cleaned = cleaned.slice(1).replace(/\]$/, "");
      start += 1;
    }
    chunks.push({ key: cleaned.toLowerCase(), start, end: start + cleaned.length });
  }
  return chunks;
}

/** Where the port label before chunk `i` stands, allowing a lone `:` or `#` between: `RemotePort : 5986`. */
function labelBefore(chunks: readonly Chunk[], i: number): number | undefined {
  const previous = chunks[i - 1];
  if (!previous) return undefined;
  if (PORT_LABELS.has(previous.key)) return i - 1;
  if (previous.key === "" || previous.key === "#") {
    if (PORT_LABELS.has(chunks[i - 2]?.key ?? "")) return i - 2;
  }
  return undefined;
}

/**
 * `TCP 0.0.0.0:5985 0.0.0.0:0 LISTENING` or `TCP 10.0.0.5:49712 52.1.2.3:443 ESTABLISHED`: the
 * listening port, or else the lower of the two (the other is the client's ephemeral port).
 */
function readNetstat(chunks: readonly Chunk[], i: number): { chunk: Chunk; port: number } | undefined {
  const local = chunks[i] as Chunk;
  const remote = chunks[i + 1];
  if (!remote || local.key.length > MAX_CHUNK || remote.key.length > MAX_CHUNK) return undefined;
  const localPort = hostPort(local.key);
  if (localPort === undefined) return undefined;
  const remotePort = hostPort(remote.key) ?? (/:(?:0|\*)$/.test(remote.key) ? 0 : undefined);
  if (remotePort === undefined) return undefined;
  const state = chunks[i + 2]?.key ?? "";
  if (LISTENING.has(state) || remotePort === 0 || localPort <= remotePort) return { chunk: local, port: localPort };
  return { chunk: remote, port: remotePort };
}

/** The port of `host:port` where host is an IP address, `[IPv6]`, `*` or a host name. */
function hostPort(text: string): number | undefined {
  const match = HOST_PORT.exec(text);
  if (!match) return undefined;
  const host = match[1] as string;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  if (host.startsWith("[") || host === "*") return port;
  const ipv4 = IPV4.exec(host);
  if (ipv4) return ipv4.slice(1).every((octet) => Number(octet) <= 255) ? port : undefined;
  if (!HAS_LETTER.test(host) || NOT_HOSTS.has(host) || FILE_EXTENSION.test(host)) return undefined;
  return port;
}

function snippetOf(text: string, from: number, to: number): string {
  const snippet = text.slice(from, Math.min(to, from + MAX_SNIPPET * 2)).replace(/\s+/g, " ");
  return snippet.length > MAX_SNIPPET ? `${snippet.slice(0, MAX_SNIPPET - 1)}…` : snippet;
}
