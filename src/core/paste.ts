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
import {
  dottedPort,
  hostPort,
  hostService,
  isDigitCode,
  isHostLike,
  isIpv4Shape,
  isPortDigits,
  isTupleAddress,
  netstatAny,
  servicePort,
  validIpv4,
} from "./paste-addresses.js";
import { readColumnPorts } from "./paste-columns.js";
import { readListedPorts } from "./paste-lists.js";
import { readForwardRules, readRecordPorts } from "./paste-records.js";
import { type PasteService, pasteServices, servicesNamedBy } from "./paste-services.js";
import { readMarkdownTables } from "./paste-tables.js";
import {
  COUNTING_UNITS,
  detachedCopy,
  FLAG_LABELS,
  HTTP_PORTS_IN_STATUS_RANGE,
  LABEL_GAP_WORDS,
  type LabelRole,
  LIST_PHRASES,
  LIST_WORDS,
  labelKey,
  labelRole,
  MONTH_NAMES,
  NON_PORT_FLAGS,
  PORT_TOOLS,
  PORT_WORD_ELSEWHERE,
  PROTOCOL_LABELS,
  PROTOCOL_WORDS,
  SERVICE_WORDS,
  SOURCE_WORDS,
  UNITS,
  WINDOWS_RELEASE_YEARS,
  YEAR_WORDS,
} from "./paste-words.js";

/** Slack's message limit: longer input is cut here before anything reads it. */
export const MAX_PASTE_LENGTH = 40_000;
/** Distinct (port, protocol) pairs kept from one message; a message naming more is a port scan. */
export const MAX_FOUND = 1000;
/** The line answers start with for pasted text; text starting with it is read as pasted again. */
export const FOUND_PREFIX = "Found in the message:";

const MAX_CHUNK = 200;
const MAX_SNIPPET = 80;
/** A range in pasted text is read port by port only when it is this narrow (`5985-5986`). */
export const MAX_PASTED_RANGE = 10;
/** A wider range, up to this many ports, is read by its two ends. */
const MAX_SPANNED_RANGE = 1000;
/** How far apart a source port and its destination may stand to be read as one pair. */
const PAIR_DISTANCE = 16;
/** A port written this many chunks or fewer from a service word is that service's port. */
const SERVICE_DISTANCE = 6;
/** Numbers of one list after a label: `-p 80,443,3389`. */
const MAX_LIST = 200;

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
  /**
   * The chunk as written (its case), sliced once: without Markdown's bold around its digits
   * (`127.0.0.1:**631**`) or a shell's default around a value (`${PORT:-3000}`), where it had some.
   */
  readonly text: string;
  /** Whether such markup was taken off, so `text` is not the source's slice from start to end. */
  readonly marked: boolean;
  /** Whether the key has a digit: a number's chunk, read by readNumberChunk. */
  readonly digit: boolean;
}

type Transport = "TCP" | "UDP";
/** How a number relates to its partner: `SourcePort` pairs with `DestPort`, `LocalPort` with `RemotePort`. */
type Role = LabelRole;

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

/** What ends a chunk: white space as JavaScript's `\s` has it, and these separators (a character class once; a table now: it runs on every character). */
const CHUNK_SEPARATORS = ",;()\"'<>|=`、，；“”‘’";
const SEPARATOR_CODES: ReadonlySet<number> = new Set(
  [...CHUNK_SEPARATORS, ..."\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"].map((c) => c.charCodeAt(0)),
);
/**
 * For each ASCII code: 1 a separator, 2 a character that may start markup (`*`, `$`), 3 a capital
 * letter, 4 a backslash (a separator where it escapes a quote), 0 any other.
 */
const ASCII_KINDS = Uint8Array.from({ length: 128 }, (_, code) =>
  SEPARATOR_CODES.has(code) ? 1 : code === 42 || code === 36 ? 2 : code >= 65 && code <= 90 ? 3 : code === 92 ? 4 : 0,
);

/** A port in parentheses glued after an IPv4 address: Cisco IOS's `10.0.6.56(3067)`. */
const PARENTHESISED_PORT = /^\((\d{1,5})\)/;

function isChunkSeparator(code: number): boolean {
  if (code < 128) return ASCII_KINDS[code] === 1;
  return SEPARATOR_CODES.has(code) || (code >= 0x2000 && code <= 0x200a);
}

/** A quote escaped inside a quoted string (JSON in a JSON log's message, Go's `%q`): `\"10.0.0.5:5986\"` separates like a quote. */
function isEscapedQuote(text: string, at: number): boolean {
  return text.charCodeAt(at) === 92 && text.charCodeAt(at + 1) === 34;
}
// a lone trailing colon goes (`port 22:`), a double one stays: `a0:1::` is an IPv6 address
const TRAILING = /(?:[.!?}-]|(?<!:):(?!:))+$/;
/** `${NAME:-value}`, `${NAME-value}`, `${NAME:=value}` (its `}` may have been cut as trailing punctuation). */
const SHELL_DEFAULT = /\$\{[A-Za-z_][A-Za-z0-9_]{0,60}:?[-=]([^{}]{0,200})(?:\}|$)/g;
/** Bold at a number's outer edge (`:**631**`, `[host:**2502**]`), never between digits (`2**16`). */
const BOLD_BESIDE_DIGIT = /(?<=^|[:[(])\*\*(?=\d)|(?<=\d)\*\*(?=$|[\]):,])/g;
const TRAILING_CHARACTERS = new Set([...".!?}:-"].map((c) => c.charCodeAt(0)));

// Each is anchored and runs over one chunk of at most MAX_CHUNK characters.
/** `tcp/445`, `TCP/3389/RDP` (with the service's name after it). */
const PROTOCOL_SLASH_PORT = /^(tcp|udp)\/(\d{1,5})(?:\/[a-z][a-z0-9-]{0,30})?$/;
const PORT_SLASH_PROTOCOL = /^(\d{1,5})\/(tcp|udp)$/;
const DOUBLE_PROTOCOL = /^(\d{1,5})\/(tcp|udp)\/(tcp|udp)$/;
const RANGE_SLASH_PROTOCOL = /^(\d{1,5}-\d{1,5})\/(tcp|udp)$/;
// Kafka names its listeners as schemes: `LISTENER_BOB://kafka0:29092`, or names them before one:
// `pulsar:pulsar://localhost:6650`
const URL_AUTHORITY = /^(?:[a-z][a-z0-9_-]{0,60}:(?!\/))?([a-z][a-z0-9+._-]*):\/\/(?:[^/?#@]*@)?([^/?#]*)/;
/** How many ports one Dockerfile `EXPOSE` line is read for. */
const MAX_EXPOSED_PORTS = 16;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;
const PORT_PAIR = /^(\d{1,5}):(\d{1,5})$/;
const HEX_PORT = /^0x[0-9a-f]{1,4}$/;
const PORT_SLASH_PORT = /^(\d{2,5})\/(\d{2,5})$/;
/** Between a Python tuple's address and its port: `('10.0.0.5', 161)`. */
const TUPLE_GAP = /^['"]?,[ \t]*$/;
const SOCKET_CALL_BEFORE =
  /\b(?:connect|connect_ex|create_connection|bind)\(\([^()\n]{1,60}(?:\([^()\n]{0,20}\))?[^()\n]{0,20},[ \t]*$/;
/**
 * Words before a release's year: `Windows 2000`, `Win 2008`, `SQL 2019` (and `Windows Server 2003`,
 * `SQL Server 2019`, `Exchange Server 2016`): Microsoft names its servers' releases by year.
 */
const RELEASE_NAMES = new Set(["windows", "win", "sql", "mssql", "exchange", "sharepoint"]);
/** Windows', named by any year (`Windows 2000`); the other names only by a year one of their releases has. */
const WINDOWS_RELEASE_WORDS = new Set(["windows", "win"]);
/** The years Microsoft's servers were released in: after a release's name, or listed after one. */
const RELEASE_YEARS: ReadonlySet<string> = new Set([...WINDOWS_RELEASE_YEARS, ..."2005 2007 2010 2013 2014 2017".split(" ")]);
/** Cisco's port operators in an access-list entry. */
const ACL_OPERATORS = new Set(["eq", "range", "gt", "lt", "neq"]);
/** An access-list entry up to an operator: `permit tcp …`, ASA's `service tcp destination …`, `port-object …`. */
const ACL_ENTRY = /\b(?:permit|deny)[ \t]+(tcp|udp)\b|\bservice(?:-object)?[ \t]+(tcp|udp)\b|\bport-object\b/i;
/** Words that end an access list's address part before a port operator. */
const ACL_ADDRESS_WORDS = new Set([
  "any",
  "any4",
  "any6",
  "port-object",
  "destination",
  "source",
  // Huawei's and H3C's `rule 5 permit tcp destination-port eq 3389`
  "destination-port",
  "source-port",
]);
/** Words that name an access list's address by the word after them: `host 10.0.0.5`, `object-group DST`. */
const ACL_NAMED_OBJECTS = new Set(["host", "object-group", "object", "interface", "addrgroup"]);
/** An address with its prefix length: `10.0.0.0/24`, `2001:db8::/32`. */
const ACL_PREFIX = /^(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9a-f:]*:[0-9a-f:]*)\/\d{1,3}$/i;
/** A name an engineer gives an object: capitals, digits, `-` or `_` in it (`WEB-SERVER`, `dc01`, `web_srv`). */
const OBJECT_NAME = /^(?=.*[A-Z0-9_-])[A-Za-z][\w.-]{0,62}$/;
/** How many ports IOS takes after one `eq`. */
const MAX_ACL_PORTS = 10;
/** Editions written after a Windows release's year: `2008 R2`, `2003 SP2`. */
const RELEASE_EDITIONS = new Set(["r2", "sp1", "sp2"]);
/** Operating systems written before their version (below 100): `Windows 10`, `CentOS 7`. */
const OS_NAMES = new Set(["windows", "win", "ubuntu", "debian", "centos", "rhel", "fedora", "macos", "ios", "android"]);
/** Runtimes written before their version (below 30): `.NET Framework 4`, `PowerShell 7`, `Python 3`, `Java 17`. */
const RUNTIME_NAMES = new Set(["framework", "powershell", "wmf", "python", "java", "jdk", "php", "perl", "ruby", "nodejs"]);
const MAX_RUNTIME_VERSION = 30;
const CLOCK = /^\d{1,2}:\d\d:\d\d$/;
/** What filters a pipe's output by the number that follows: `grep`, `findstr "`, Windows' `find "`, `grep -w :`. */
const FILTER = /^\s*(?:grep|egrep|findstr|find|select-string)(?:\s+-{1,2}[a-z]+)*\s+["']?:?$/i;
/** Commands whose output a filter reads: sockets (the number is a port) or processes (a process id). */
const LISTERS = /\b(?:netstat|ss|lsof|sockstat|get-nettcpconnection|tasklist|ps|pgrep|get-process)\b/gi;
/** The numbers of a pattern's alternatives before the one being read: `(80|443|`. */
const ALTERNATIVES_BEFORE = /\((?:\d{1,5}\|){0,20}$/;
const PROCESS_LISTERS = new Set(["tasklist", "ps", "pgrep", "get-process"]);
const MAX_COMMAND_LINE = 200;
/** A list's number or a reply code stands this close to its line's start (after spaces, `>`, `*`). */
const MAX_LINE_LEAD = 10;
/** ssh's `-L`/`-R` (alone or among flags: `-NL`, `-fR`) and its `[bind:]port:host:hostport`. */
const SSH_FORWARD_FLAG = /^-[a-z]*[lr]$/;
const SSH_FORWARD = /^(?:[^:]{1,100}:)?(\d{1,5}):[a-z0-9._-]{1,200}:(\d{1,5})$/;
const HOST_PORT_PATH = /^([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}|\$\{[a-z0-9_]{1,60}\}):(\d{1,5})\/\S*$/;
/** `:9182/metrics` after `<ip-of-server>`, whose brackets cut it from its host. */
/** An IPv4 address with its last octets masked by letters: `74.121.xx.yy`, `10.x.x.x`. */
const LETTER_MASKED_IPV4 = /^\d{1,3}(?:\.(?:\d{1,3}|[a-z*]{1,3})){3}$/;
/** At most this many `Name: port` pairs in one parenthesis. */
const MAX_NAMED_PORTS = 8;
/** What may stand between a number and its unit: spaces and quotes (`422" error`), never `;` or `<` (`3268; <s>`). */
/** What may follow a state said without `is`: the sentence's end or a joining word (`open for`, `open too`). */
const STATE_ENDS = /^(?:[.,;:!)]|\s*$|\s+(?:for|too|on|in|and|or)\b)/;
const BITS = /^\d{1,3}-?bits?$/;
const PROGRAM_ID = /:(\d{1,5})$/;
const RULE_LIST_KEY = /\b(?:inbound_rules|outbound_rules|ingress_rules|egress_rules|allowed_ports|open_ports)\b/i;
const COMPARISON_BEFORE = /(?:^|[\s(])[<>]=?[ \t]?$/;
const UNIT_GAP = /^["'`]?[ \t]*["'`]?$/;
const TRAFFIC_SELECTOR = /^[0-9a-f.:]{2,45}\/\d{1,3}\[(tcp|udp)\/([a-z0-9][a-z0-9-]{0,30})\]$/;
const NETSTAT_IPV6 = /^::(?:1|ffff:\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const PLACEHOLDER_PUBLISHED = /^:(\d{1,5}):(\d{1,5})(?:\/(tcp|udp))?$/;
/** IIS's binding, address:port:host header; a header of digits alone is Docker's published port (`127.0.0.1:8080:80`). */
const IIS_BINDING = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\*):(\d{1,5}):(?!\d{1,5}$)[a-z0-9][a-z0-9.-]{0,253}$/;
const PLACEHOLDER_PORT = /^:(\d{1,5})(?:\/\S*)?$/;
const RPC_BINDING = /^(ncacn_ip_tcp:)?([a-z0-9][a-z0-9.-]{0,253})\[(\d{1,5})\]$/;
const LABELLED_PORT_SLASH_PROTOCOL = /[#:]ports?:(\d{1,5})\/(tcp|udp)$/;
/** A published port's host address: an IPv4 address or a shell variable (`-p $PRIVATE_IP:8300:8300`). */
const PUBLISHED_HOST = String.raw`(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\$\{?[a-z_][a-z0-9_]{0,60}\}?):`;
const PUBLISHED_WITH_PROTOCOL = new RegExp(String.raw`^(?:${PUBLISHED_HOST})?(\d{1,5}):(\d{1,5})\/(tcp|udp)$`);
/** Docker's `-p 8091-8094:8091-8094`, `-p 10.0.0.5:5000-5002:5000-5002/udp`: ranges published. */
const PUBLISHED_RANGE = new RegExp(String.raw`^(?:${PUBLISHED_HOST})?(\d{1,5}-\d{1,5}):(\d{1,5}-\d{1,5})(?:\/(tcp|udp))?$`);
const GLUED_PORT_FLAG = /^-([pP])(\d{1,5})$/;
/** conntrack's timeout after a protocol's number, then a TCP state or the first address: `6 431999 ESTABLISHED`, `17 30 src=…`. */
const CONNTRACK_TIMEOUT = /^\d{1,6}$/;
const CONNTRACK_AFTER_TIMEOUT = /^(?:src|[A-Z][A-Z_]{3,15})$/;
/** Words after `HTTP` that make it a message's, not a transport's: `HTTP server error`, `HTTP status 401`. */
const HTTP_MESSAGE_WORDS = new Set(["server", "error", "status", "response", "request", "code", "header", "headers", "proxy"]);
const RUBY_BACKTRACE_LINE = /^[ \t]*from \([a-z]{1,20}\):?$/;
/** A note in parentheses naming the number before it a port: `9200 (wrong port)`; a plural is a count (`3 (closed ports)`). */
const PORT_NOTE_AFTER = /^[ \t]?\((?:(?!(?:of|number|count|many|total)[ \t])[\p{L}'-]{1,20}[ \t]){0,3}port\)/iu;
const PASSWORD_P_CLIENTS = /\b(?:sqlcmd|bcp|osql)\b/i;
/** xargs' and GNU parallel's `-P 20`: how many run at once. */
const PARALLEL_P_TOOLS = /\b(?:xargs|parallel)\b/;
const UPPER_P_CLIENTS = /\b(?:mysql|mysqldump|mysqladmin|mariadb|scp)\b/i;
const LOWER_P_CLIENTS = /\b(?:ssh|sftp|psql|pg_dump|redis-cli|nmap|masscan|zmap|rustscan|hping3)\b/i;
/** A server's `listen(port)` (Node's `app.listen(3000)`); a socket's `listen(5)` takes a backlog, not a port. */
const LISTEN_CALL = /\b(?:server|app|srv|http|https|listener)\.listen\($/i;
/** What a text says a port is: `161 is open`, `80 is blocked`. */
const PORT_STATES = new Set(["open", "opened", "closed", "blocked", "filtered", "listening", "unreachable", "reachable"]);
const GLUED_TABLE_CELL = /^(\d{2,5})[A-Z][A-Za-z]/;
/** `(TCP)`, `(UDP)`, `(TCP/UDP)`: the second group is set where both are named. */
const TRANSPORT_IN_PARENTHESES = /\((TCP|UDP)(\/(?:TCP|UDP))?\)/;
const ISSUE_NUMBER = /^#\d{1,5}$/;
const ERROR_MESSAGE_AFTER = /^,? ?["'][A-Za-z]/;
const OPEN_PARENTHESIS_GAP = /^[ \t]*\($/;
const PARENTHESISED_NAME = /^[a-z][a-z0-9-]{0,20}$/;
const CLOSE_THEN_SPACES = /^\)[ \t]+$/;
const CLOSE_THEN_COMMA = /^\)[ \t]*,[ \t]*$/;
const COMMA_GAP = /^[ \t]*,[ \t]*$/;
/** SSHFS-Win's UNC server names: `\\sshfs\user@host`, `\\sshfs.r\…`, `\\sshfs.kr\…`. */
/** nc's flags run together with the port's flag last: `-lvnp`, `-nvlp`, `-lp`. */
const NC_LISTEN_FLAGS = /^-[a-z]{1,5}p$/;
const UFW_VERBS = new Set(["allow", "deny", "reject", "limit"]);
const INSERTION_STRING = /^%\d{1,2}$/;
const RAW_SOCKETS = new Set(["raw", "raw6"]);
/** `192.168.2.2/43803`, `outside:8.8.8.8/53` (an interface's name before the address). */
const ADDRESS_SLASH_PORT = /^(?:[a-z][\w-]{0,40}:)?(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,5})$/;
const MAX_IPV4_PREFIX = 32;
/** A firewall log's protocol word on the address's line: `Inbound TCP connection denied from …`. */
const PROTOCOL_ON_LINE = /\b(tcp|udp)\b/i;
const SSHD_LINE = /\bsshd(?:\[\d{1,10}\])?:/;
const SSHFS_UNC = /^sshfs(?:\.[a-z]{1,2})?$/i;
/** Advice to use a transport, not the one used: `HTTPS transport must be used`, `SSL must be used`. */
const TRANSPORT_ADVICE = /^[ \t]+(?:transport[ \t]+)?(?:must|should)[ \t]+be[ \t]+used/i;
/** An API's reason after an HTTP status: `501 InternalFailure`, `400 TargetNotConnected`. */
const STATUS_REASON = /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/;
/**
 * An FTP or SMTP server's reply opening its line: `229 Entering Extended Passive Mode`, `550 Requested
 * action`, `200 PORT command successful`.
 */
const REPLY_CODE_LINE =
  /^[ \t]*(?:[1-5]\d\d[ -][A-Z][a-z]|[1-5]\d\d [A-Z]{4} command|\d{3,5} - (?:Can't|Cannot|Could not|Unable|Error|Failed|Unknown|Access|Lost|Connection|Timeout|Timed|Invalid|No )[a-z ]?)/;
const LSOF_ADDRESS = /^-i[46]?(tcp|udp)?@?[^:]*:(\d{1,5})$/;
const DOCKER_PUBLISHED = /^->\d{1,5}\/(?:tcp|udp)\b/i;
const HTML_ESCAPES = /&(?:gt|lt|amp|quot|#39);/g;
const HTML_CHARACTERS: Readonly<Record<string, string>> = { "&gt;": ">", "&lt;": "<", "&amp;": "&", "&quot;": '"', "&#39;": "'" };
const ENDPOINT_CONSTRUCTOR =
  /\b(?:IPEndPoint|DnsEndPoint|InetSocketAddress|InetSocketTransportAddress|TcpClient|UdpClient)\s*\([^()]{0,80}(?:\([^()]{0,80}\)[^()]{0,20})?$/;
const PORT_AFTER_WORDS = new Set(["port", "ports"]);
const OF_WORDS = new Set(["of", "in", "for", "on"]);
const IS_WORDS = new Set(["is", "was", "are", "="]);
/** Settings that take a switch (`use ssl = 1`), not a port. */
const SWITCH_WORDS = new Set(["ssl", "tls", "use_ssl", "use-ssl"]);
const PERCENTAGE = /^\d{1,5}%/;
const SERVICE_PORT = /^[a-z][a-z0-9-]{0,40}:(\d{1,5})$/;
const MAPPING_GAP = /^[ \t]*(?:[=-]>|→)[ \t]*$/;
/** A number glued to a word by a dot: a list's `1.Open`, Guacamole's length-prefixed `5.error`. */
const NUMBER_DOT_WORD = /^(\d{1,5})\.(?:[a-z][a-z-]*|[\u0080-\uffff].*)$/;
/** Words after a number that make it a port: `445 port`, Vagrant's `5985 (guest)`. */
const PORT_AFTER = new Set(["port", "guest", "host"]);
/** What may follow a service's name in a compound that still names its port: `winrm-ssl`, `ldap_tls`. */
const SERVICE_SUFFIXES = new Set(["ssl", "tls", "https", "http", "s", "secure", "server", "listener"]);
const NEGATED_COMPOUND = /^(?:non|no|not|without|un)-/;
const OFF_VALUES = new Set(["false", "0", "no", "off", "$false", "none", "disabled"]);
const SWITCHED_OFF_GLUED = /[=:](?:false|0|no|off|\$false|none|disabled)$/;
const SERVICE_NAME_WORD = /^[a-z][a-z0-9-]{1,30}$/;
const IPTABLES_LABEL = /^(?:dports?|dpts?)$/;
/** `127.0.0.1:8080:80`, `0.0.0.0:5986:5986`: an address, the host's port, the container's port. */
const PUBLISHED = new RegExp(String.raw`^(?:${PUBLISHED_HOST})(\d{1,5}):(\d{1,5})$`);
const SQL_HOST_LABELS = new Set(["server", "-s", "address", "addr", "network address", "datasource"]);
/** Words before a `host:port` that make it a client's address, whose port is its own ephemeral one. */
const CLIENT_WORDS = new Set([
  "client",
  "clientip",
  "clientaddress",
  "clientaddr",
  "peer",
  "peeraddress",
  "sourcenetworkaddress",
  "src",
  "source",
  "sourceaddress",
  "caller",
  "remoteclient",
]);
/** A line about someone logging in: `bad password attempt for 'root' from …`, `Bad Rcon: … from …`. */
const LOGIN_LINE = /\b(?:log(?:ged)?[ -]?in|logon|auth\w*|password|passwd|credentials?|invalid user|rcon)\b/i;
const PROCESS_WITH_ID = /^[a-z][a-z0-9._-]{1,40}\[(\d{1,10})\]$/;
/** A word inside a chunk with digits (`/usr/bin/mdnslookup`, `1.System.Data.SqlClient`); ids and hex have none. */
const NON_ASCII = /[\u0080-\uffff]/;
const HAS_LETTER_OR_WIDE = /[a-z\u0080-\uffff]/;
const COMPOUND_PARTS = /[-_.:/]+/;
/** `2026-11-27`, `2026-11-27t01:03:03.123z`, `2019-05-02t10:11:12+02:00` (a chunk is in lower case). */
const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\d(?:t\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:z|[+-]\d\d:?\d\d)?)?$/;
/** `01:03:03`, `01:03:03.123`: a time of day to the second (`12:30`, two numbers, is read by the port-pair rules). */
const TIME_OF_DAY = /^\d\d:\d\d:\d\d(?:[.,]\d{1,9})?$/;
/** `i-0abc1234def567890`, `sg-903004f8`: EC2's ids, 8 to 17 hex digits after their kind. */
const AWS_ID = /^(?:i|sg|sgr|vpc|subnet|eni|ami|vol|snap|rtb|igw|nat|acl|pl|vpce|tgw|eipalloc|lt|r)-[0-9a-f]{8,17}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Distinct words whose services a paste remembers; 40,000 characters hold fewer than 8,000 words. */
const MAX_WORDS_REMEMBERED = 10_000;
/** Words as written whose services were looked up, kept across pastes (messages share most words); emptied when full. */
const MAX_WORDS_KNOWN = 8192;
const knownWords = new Map<string, WordServices>();
const NAMES_NOTHING: WordServices = { services: [], transport: [] };
const IPTABLES_NAMED = /^(?:dpts?|dports?):([a-z][a-z0-9-]{1,30})$/;
const IPTABLES_RANGE = /^(?:dpts|dports):([a-z0-9][a-z0-9-]{0,30}):([a-z0-9][a-z0-9-]{0,30})$/;
const GLUED_LABEL = /^(.*?)[:=#：]?(\d{1,5})$/;
const HAS_LETTER = /[a-z]/;
/** A line at least this long may have been wrapped by a terminal; a number at its end may be cut. */
const MIN_WRAPPED_LINE = 60;
/** A line that starts with a date or a time: `2015-06-11`, `07/Sep/2018`, `12:04:02`. */
const RECORD_DATE = /^\d{1,4}(?:[-/.:]\d|\/[A-Za-z]{3}\/)/;
/** A Markdown table's row (or a diff's line of one): a pipe opens a line. */
const TABLE_ROW = /(?:^|\n)[ \t]*(?:[+-][ \t]*)?\|/;
const ADDRESS_PORT_CLASS = /^\[?\/?(?:\d{1,3}(?:\.\d{1,3}){3}|(?:0:){7}0):(\d{1,5}):[A-Z][A-Za-z]{2,60}[$@]/;
const PORT_PROTOCOL_BEFORE_WIDE = /(?:^|(?<=[\u0080-\uffff]))(\d{1,5})\/(tcp|udp)(?=[\u0080-\uffff])/;
/** An ELB listener's or health check's `HTTP:80/png`, `TCP:5985`: a protocol, a colon and a port. */
const PROTOCOL_COLON_PORT = /^(?:https?|tcp|ssl|udp):(\d{1,5})(?:\/|$)/;
/** The letters PROTOCOL_COLON_PORT's chunks start with: a cheap test before it. */
const PROTOCOL_COLON_INITIALS = "htsu";
/** Spaces between the numbers of a spaced list. */
const SPACED_LIST_GAP = /^[ \t]+$/;
const MIN_SPACED_RUN = 3;
const DEV_TCP = /^\/dev\/(tcp|udp)\/[^/\s]{1,253}\/(\d{1,5})$/;
/** `ls -l`'s row: `-rw-r--r--   1 ftp  ftp  901 Aug  2  2020 index.php.bak` (a link count and a size). */
const LS_ROW = /^[ \t]*[-dlcbps][rwxsStT-]{9}[.+@]?[ \t]/;
const LS_ROWS = new RegExp(`(?:^|\\n)${LS_ROW.source.slice(1)}`);
/** nginx's `server "YourHostName OR IP":5001`: words in quotes (a JSON key has none) where the host goes. */
const QUOTED_PLACEHOLDER_HOST = /\s"[^"\n]{0,60} [^"\n]{0,60}":$/;
/** The labels of a security group rule's port range, which an ICMP rule fills with a type and a code. */
const ICMP_RANGE_LABELS: ReadonlySet<string> = new Set(["fromport", "toport"]);
const ICMP_PROTOCOL = /protocol["'\s:=]{0,12}["']?icmp(?:v6)?\b/i;
/** How far around a rule's port the rule's protocol is looked for. */
const ICMP_REACH = 120;
/** `for` in the languages a protocol's number is explained in: `17 for udp`, `17 für udp`, `17 pour udp`, `17 para udp`. */
const FOR_WORDS: ReadonlySet<string> = new Set(["for", "für", "pour", "para", "per"]);
/** A listener's or a console's name with its session's number: `RDP-Tcp#47`. */
const SESSION_NAME = /^[a-z][a-z-]{1,30}#\d{1,5}$/;
const DYNAMIC_PORT_COMMAND = /\bdynamicport(?:range)?\b/i;
/** A PowerShell parameter with `Port` inside its name (`-StaticPortForIPAll`, `-TcpPortForIPAll`), by its capitals. */
const POWERSHELL_PORT_PARAMETER = /^-[A-Z][A-Za-z]{0,30}[a-z]Port(?:For[A-Z][A-Za-z]{0,20})?$/;
/** Words between a range's two ends, besides the list word `to`. */
const RANGE_WORDS: ReadonlySet<string> = new Set(["through", "thru"]);
/** A non-port label that names ids: the numbers listed after it are ids too. */
/** Every character one of the bare forms (PORT_PAIR, PORT_RANGE, isPortDigits, PORT_SLASH_PORT) can have: a cheap test before theirs. */
const ONLY_PORT_CHARACTERS = /^[\d:/-]+$/;
const COLON = 58;
/** dig's server: a name with a dot, an address, or localhost (`@sam` of `dig into it @sam` is a person). */
const DIG_SERVER = /^@(?:localhost|[^@\s]*[.:][^@\s]*)$/;
/** How many words back from its `@server` a `dig` command may stand. */
const MAX_DIG_ARGUMENTS = 8;
/** The first words of LIST_PHRASES, so a list's next word is joined to its second only where it could start one. */
const LIST_PHRASE_STARTS: ReadonlySet<string> = new Set([...LIST_PHRASES].map((phrase) => phrase.split(" ")[0] as string));
/** What an audit event's id is followed by in Microsoft's documentation: success, failure or both. */
const AUDIT_EVENT_OUTCOME = /^\((?:S|F|S, ?F)\)/;
/** Labels of a list of ids of one kind: `Event IDs 4624 and 4625`, `PIDs 1812 and 1044`. */
const ID_LABELS: ReadonlySet<string> = new Set(["id", "ids", "eventid", "eventids", "pid", "pids"]);
/** Words after `for` that start a phrase, not a name: `30 for the timeout`. */
const DETERMINERS: ReadonlySet<string> = new Set(["the", "a", "an", "each", "every", "all", "this", "that", "some", "any"]);
const GLUED_PROTOCOL_BEFORE = /(tcp|udp)\s?$/;
const TOMCAT_LOGGED_CONNECTOR = /connector\[(?:http|ajp)\/\d\.\d-(\d{1,5})\]{1,2}$/;
/** nmap's and masscan's protocol prefix in a port spec: `-p T:22,139,U:53,137`. */
const PORT_SPEC_PREFIX = /^([tu]):(?=\d)/;
const PORT_SPEC_FLAGS: ReadonlySet<string> = new Set(["-p", "--ports", "--port"]);
const TOMCAT_CONNECTOR =
  /^(?:https?|ajp)(?:-[a-z]{2,7}){1,2}-(\d{1,5})(?:-(?:exec|acceptor|poller|clientpoller|asynctimeout)(?:-\d{1,4})?)?$/;
/** Lower-case packages, then a class: `org.apache.coyote.http11.Http11NioProtocol:173`. */
const JAVA_CLASS_LINE = /^(?:[a-z_][a-z0-9_]{0,40}\.){2,12}[A-Z][A-Za-z0-9_$]{0,80}:\d{1,5}$/;
/** What a bulleted list of ports needs: an item that is a number, and a port word somewhere. */
const BULLETED_NUMBER = /\n[ \t]*[-*+•][ \t]+\d/;
/** The word port anywhere in a text (`dst_port`, `ポート番号`): a list of ports may be under it. */
const PORT_WORD = new RegExp(String.raw`ports?\b|${PORT_WORD_ELSEWHERE}`, "iu");
const FENCED_NUMBER = /```[^\n]{0,40}\n[ \t]*\d/;
/** Both protocols in one word, the first of them taken before the other. */
const PROTOCOL_PAIRS: ReadonlyMap<string, Transport> = new Map([
  ["tcp/udp", "TCP"],
  ["udp/tcp", "UDP"],
  ["tcp+udp", "TCP"],
]);
/** `Number of`, `count of`: what is named next is counted. */
const COUNT_WORDS: ReadonlySet<string> = new Set(["number", "count", "amount", "no"]);
/** Port labels in Chinese, Japanese, Korean and Russian; `监听` and `リッスン` (listening on) lead to a port too. */
const NON_ASCII_LABELS = [
  "ポート番号",
  "ポート",
  "端口号",
  "端口",
  "連接埠號碼",
  "連接埠",
  "通訊埠",
  "포트",
  "порт",
  "监听",
  "監聽",
  "リッスン",
] as const;
const NUMBERED = /^(\d{1,5})[号號번]$/;
const CJK_PORTS_BEFORE_LABEL = /(?<!\d)(?:(\d{1,5})\s?[和与及或、，,/]\s?)?(\d{1,5})[\s号號번番]*$/;
/** Chinese, Japanese and Korean counters, units of time and words for a version (`0201版本`): a number glued before one is no port. */
const CJK_UNITS =
  "版本|バージョン|버전|つ|毫秒|分钟|分鐘|小时|小時|時間|秒|天|日|次|个|個|台|年|月|周|岁|人|条|行|页|章|倍|核|件|回|초|분|시간|일|개|대|년|월|장|쪽";
const CJK_COUNT = new RegExp(`(?<!\\d)(\\d{1,5})\\s?(?:${CJK_UNITS})`, "g");
/** Less than, more than, below, above, beyond: a bound in Chinese. */
const CJK_COMPARISON = /小于|大于|低于|高于|少于|多于|超过|不到|以下|以上/;
/** What follows a port label's number when the number is a count: `监听了3次`. */
const CJK_UNIT_AHEAD = new RegExp(`^\\s?(?:${CJK_UNITS})`);
/** A chunk of punctuation alone (`:`, `:[`, `=>`, `->`) stands between a label and its number. */
const PUNCTUATION_ONLY = /^[^\p{L}\p{N}*#&+]+$/u;
/** Ports at or above this are a client's ephemeral ports on Linux (32768-60999) and Windows (49152-65535). */
const EPHEMERAL_FROM = 32_768;
/** Below this, a port is a service's, never a client's ephemeral port (`Src Port: 68` is DHCP's client port). */
const WELL_KNOWN_BELOW = 1024;
/** An `N:M` is a port mapping (`5010:6000`, `8080:80`), not a time, when a side is above this. */
const MAX_CLOCK_FIELD = 59;

/** IANA protocol numbers as Windows firewall events give them (`Protocol: 6`). */
const PROTOCOL_NUMBERS: ReadonlyMap<string, Transport> = new Map([
  ["6", "TCP"],
  ["17", "UDP"],
]);
/** A socket's state word, in netstat and ss rows and in `Listening on 3666`. */
const LISTENING = new Set(["listening", "listen"]);
/** ss's socket states, in its State column between the protocol (Netid) and the queues. */
const SS_STATES = new Set([
  "unconn",
  "listen",
  "estab",
  "time-wait",
  "close-wait",
  "syn-sent",
  "syn-recv",
  "fin-wait-1",
  "fin-wait-2",
  "last-ack",
  "closing",
]);

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
  /^[ \t]{0,8}[a-z][\w.-]{1,30}(?:\[\d{1,10}\])?:[ \t][^\n]{0,200}:/im, // a tool's line: `kinit: krb5_get_init_creds: unable…`
  /^\s{0,8}[A-Za-z][A-Za-z ]{0,40}\s:\s\S/m, // PowerShell's `Name : Value` lines
];
/** A `Key: value` line; two of them are a pasted record (`Leap Indicator: 3`, `krb5 version: 1.13.2`). */
const KEY_VALUE_LINE = /^[ \t]{0,8}[A-Za-z][\w .()-]{0,40}:[ \t]+\S/gm;

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
  if (PASTED_SIGNS.some((sign) => sign.test(trimmed))) return true;
  KEY_VALUE_LINE.lastIndex = 0;
  return KEY_VALUE_LINE.exec(trimmed) !== null && KEY_VALUE_LINE.exec(trimmed) !== null;
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
  const cut = text.length > MAX_PASTE_LENGTH ? text.slice(0, MAX_PASTE_LENGTH) : text;
  // text copied from a page's source keeps its escapes: `127.0.0.1:45524-&gt;127.0.0.1:3025`
  const source = cut.includes("&") ? cut.replace(HTML_ESCAPES, (entity) => HTML_CHARACTERS[entity] ?? entity) : cut;
  const reader = new PasteReader(source);
  reader.read();
  return reader.result();
}

class PasteReader {
  private readonly chunks: Chunk[];
  private readonly candidates: Candidate[] = [];
  private readonly nonPorts = new Set<number>();
  /** Where the numbers of Markdown table cells that are no ports start. */
  private readonly tableNonPorts = new Set<number>();
  private readonly eventProtocols = new Set<Transport>();
  /** Services the text names, with the chunk that names them. */
  private readonly services: { service: PasteService; at: number; last: number }[] = [];
  private readonly seenWords = new Set<string>();
  /** What each distinct word names, looked up once per paste. */
  private readonly serviceWords = new Map<string, WordServices>();
  /** Numbers in parentheses with no label: not ports, unless one of a named service's (`(3268)` beside LDAP). */
  private readonly parenthesised: number[] = [];
  /** Bare numbers with nothing around them that says what they are: `switching to 636 or 3268`. */
  private readonly unlabelled: number[] = [];
  /** The text advises a TLS transport (`HTTPS transport must be used`) rather than naming the one used. */
  private advised = false;
  /** TLS named only to be turned off or denied (`ssl=False`, `non-SSL`): the plain transport, named. */
  private tlsDenied = false;
  /** Rows where a table's port column was read, by the newline before each (-1 for the first line). */
  private readonly columnRows = new Set<number>();
  /** The chunks read as Windows releases' years (`Windows Server 2008, 2012`): no list of ports goes through them. */
  private readonly releases = new Set<number>();
  /** The last chunk of a service's name of several words read so far. */
  private phraseEnd = -1;
  /** Where the text's newlines are, found on first need (lineBefore, lineStart). */
  private newlines: number[] | undefined;
  /** What some readers need anywhere in the text, looked for once: most texts have none of it. */
  private readonly has: {
    pipe: boolean;
    portForward: boolean;
    srv: boolean;
    wide: boolean;
    iptables: boolean;
    diff: boolean;
    forwardRule: boolean;
    firewalld: boolean;
    portList: boolean;
    table: boolean;
    lsRows: boolean;
    /** Dockerfile's `EXPOSE` instruction. */
    expose: boolean;
  };

  constructor(private readonly source: string) {
    this.chunks = chunksOf(source);
    this.has = {
      pipe: source.includes("|"),
      portForward: source.includes("port-forward"),
      srv: /srv/i.test(source),
      wide: NON_ASCII.test(source),
      iptables: /\bdp(?:or)?ts?\b/i.test(source),
      diff: source.includes("@@ -"),
      forwardRule: source.includes("natpf") || source.includes("hostfwd="),
      firewalld: source.includes("firewall-cmd") || source.includes("(active)"),
      portList: (BULLETED_NUMBER.test(source) || FENCED_NUMBER.test(source)) && PORT_WORD.test(source),
      table: TABLE_ROW.test(source),
      lsRows: LS_ROWS.test(source),
      expose: source.includes("EXPOSE"),
    };
  }

  read(): void {
    const tables = this.has.table ? readMarkdownTables(this.source) : undefined;
    for (const { value, from } of tables?.notPorts ?? []) {
      this.nonPorts.add(value);
      this.tableNonPorts.add(from);
    }
    const records = readRecordPorts(this.source);
    const columns = readColumnPorts(this.source);
    for (const column of columns) this.columnRows.add(this.newlineBefore(column.from));
    // a record read by its fields' positions (filterlog's CSV, Zeek's rows) has no other port on its line
    const fielded = records.flatMap((r) => (r.line ? [r.line] : []));
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i] as Chunk;
      if (fielded.length > 0 && withinSpans(fielded, chunk.start)) continue;
      const key = chunk.key;
      if (key === " " || key === "") continue;
      if (key.startsWith("@") || key.startsWith("/g:")) this.readClientSwitch(i);
      i = chunk.digit ? this.readNumberChunk(i) : this.readWordChunk(i);
    }
    for (const cell of tables?.ports ?? []) {
      const at = this.chunkIndexAt(cell.from);
      for (const protocol of cell.protocols.length > 0 ? cell.protocols : [undefined]) {
        this.readPortValue(cell.value, protocol, cell.from, cell.to, at, "plain");
      }
    }
    for (const column of columns) {
      // a header above a record read by its fields (Zeek's `#fields`) is that record's, not a table's
      if (fielded.length > 0 && withinSpans(fielded, column.from)) continue;
      this.candidate(column.port, column.protocol, column.from, column.to, this.chunkIndexAt(column.from));
    }
    if (this.has.portList) {
      for (const item of readListedPorts(this.source)) {
        this.candidate(item.port, item.protocol, item.from, item.to, this.chunkIndexAt(item.from));
      }
    }
    // VirtualBox's and QEMU's forwarding rules: `--natpf1 "winrm,tcp,127.0.0.1,3091,,55985"`, `hostfwd=tcp::3499-:5985`
    if (this.has.forwardRule) {
      for (const rule of readForwardRules(this.source)) {
        for (const port of [rule.hostPort, rule.guestPort])
          this.candidate(port, rule.protocol, rule.from, rule.to, this.chunkIndexAt(rule.from));
      }
    }
    // a flow's two ends: its service is the side that is not a client's ephemeral port
    for (const record of records) {
      const at = this.chunkIndexAt(record.from);
      const to = Math.min(record.to, record.from + MAX_SNIPPET);
      if (record.sourcePort !== undefined) this.candidate(record.sourcePort, record.protocol, record.from, to, at, "source");
      this.candidate(
        record.destinationPort,
        record.protocol,
        record.from,
        to,
        at,
        record.sourcePort === undefined ? "plain" : "dest",
      );
    }
  }

  result(): PasteReading {
    this.readServicesOwnPorts();
    const written = pairUp(this.candidates);
    const single = this.eventProtocols.size === 1 ? [...this.eventProtocols][0] : undefined;
    const found: FoundPort[] = [];
    // a port and its protocol as one number: port × 4 + 0 (none), 1 (TCP) or 2 (UDP)
    const seen = new Set<number>();
    const add = (c: Omit<Candidate, "at" | "role">) => {
      if (c.port < 1 || c.port > 65535 || found.length >= MAX_FOUND) return;
      const protocol = c.protocol ?? (c.how === "written" ? single : undefined);
      const key = c.port * 4 + (protocol === "TCP" ? 1 : protocol === "UDP" ? 2 : 0);
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
    for (const how of ["written", "named"] as const) for (const c of written) if (c.how === how) add(c);
    const numbers = new Set(found.map((f) => f.port));
    const claimed = this.claimedServiceWords(written);
    for (const { service, at, last } of this.services) {
      const all = [...service.ports, ...(service.secure?.ports ?? [])];
      // a port written beside the service word is that service's port (`mstsc /v:host /port:3388`)
      if (all.some((p) => numbers.has(p)) || claimed.has(at) || (service.tool && numbers.size > 0)) continue;
      const secure = service.secure?.words.some((w) => this.seenWords.has(w)) ?? false;
      // `listener for http … and for https`: both transports named, both ports
      const plainNamed = service.secure?.plain?.some((w) => this.seenWords.has(w)) ?? false;
      const plainToo = this.advised || plainNamed;
      // LDAP with `tls` named, and neither `ldaps` nor `starttls`: StartTLS on 389 or LDAPS on 636, so both
      const either = !secure && !plainNamed && (service.secure?.either?.some((w) => this.seenWords.has(w)) ?? false);
      // WinRM named with neither transport: a listener on either port, so both
      const neither = !plainToo && !this.tlsDenied && service.secure?.bothWhenUnnamed === true;
      const ports =
        secure && service.secure
          ? [...(plainToo ? service.ports : []), ...service.secure.ports]
          : (neither || either) && service.secure
            ? [...service.ports, ...service.secure.ports]
            : service.ports;
      const [first, end] = [this.chunks[at] as Chunk, this.chunks[last] as Chunk];
      for (const port of ports) {
        add({ port, protocol: service.protocol, from: first.start, to: end.end, how: "service", side: "destination" });
        numbers.add(port);
      }
    }
    for (const f of found) this.nonPorts.delete(f.port);
    return { found, nonPorts: this.nonPorts };
  }

  /**
   * A bare number in prose is a port when it is one of the ports of a service the text names:
   * `LDAP … works on 389 but not at 636`, `IPsec … on 500 are ignored`. Numbers anything marked as
   * not a port stay out.
   */
  private readServicesOwnPorts(): void {
    if (this.services.length === 0) {
      for (const at of this.parenthesised) this.nonPorts.add(Number(this.key(at)));
      return;
    }
    if (this.unlabelled.length === 0 && this.parenthesised.length === 0) return;
    const known = new Set<number>();
    for (const { service } of this.services) {
      for (const port of [...service.ports, ...(service.secure?.ports ?? []), ...(service.related ?? [])]) known.add(port);
    }
    for (const at of this.unlabelled) {
      const port = Number(this.key(at));
      if (known.has(port) && !this.nonPorts.has(port)) this.candidate(port, undefined, this.startOf(at), this.endOf(at), at);
    }
    for (const at of this.parenthesised) {
      const port = Number(this.key(at));
      if (known.has(port)) this.candidate(port, undefined, this.startOf(at) - 1, this.endOf(at) + 1, at);
      else this.nonPorts.add(port);
    }
  }

  /**
   * The service words a written port belongs to: the nearest one within SERVICE_DISTANCE chunks of
   * it (`mstsc /v:host /port:3388` is RDP on 3388, so RDP's 3389 is not added).
   */
  private claimedServiceWords(written: readonly Candidate[]): Set<number> {
    const claimed = new Set<number>();
    if (this.services.length === 0) return claimed;
    const positions = [...new Set(this.services.map((s) => s.at))].sort((a, b) => a - b);
    for (const c of written) {
      // a client's ephemeral port belongs to no service (`wsdd … 10.0.30.109:60290 … Hello`)
      if (c.how !== "written" || c.port >= EPHEMERAL_FROM) continue;
      let nearest = -1;
      for (const at of positions) {
        if (Math.abs(at - c.at) <= SERVICE_DISTANCE && (nearest < 0 || Math.abs(at - c.at) < Math.abs(nearest - c.at)))
          nearest = at;
      }
      if (nearest >= 0) claimed.add(nearest);
    }
    return claimed;
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

  /** Chunk `i`, or undefined past either end (checked here: an index outside an array is a slow lookup). */
  private at(i: number): Chunk | undefined {
    return i >= 0 && i < this.chunks.length ? this.chunks[i] : undefined;
  }

  private key(i: number): string {
    return this.at(i)?.key ?? "";
  }

  /** Chunk `i` as written (its case), for class names and camelCase words. */
  private raw(i: number): string {
    return this.at(i)?.text ?? "";
  }

  private startOf(i: number): number {
    return this.at(i)?.start ?? -1;
  }

  private endOf(i: number): number {
    return this.at(i)?.end ?? -1;
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
    if (port < 1 || port > 65535 || this.candidates.length >= MAX_FOUND * 4) return;
    // a Markdown table's cell under a column that names something else: `| TCP | 6 | 1433 |`
    if (this.tableNonPorts.size > 0 && this.tableNonPorts.has(this.startOf(at))) return;
    const paired = protocol === undefined ? undefined : this.pairedProtocol(at, protocol);
    // in the order written: `TCP and UDP 389` is TCP first, `TCP/UDP 389` too
    const [first, second] = paired && !PROTOCOL_PAIRS.has(this.key(at - 1)) ? [paired, protocol] : [protocol, paired];
    this.candidates.push({ port, protocol: first, from, to, at, role, how, side });
    if (second) this.candidates.push({ port, protocol: second, from, to, at, role, how, side });
  }

  /** `TCP and UDP 389`, `TCP, UDP 464`, `TCP/UDP 53`: the other protocol written with the one before the port. */
  private pairedProtocol(at: number, protocol: Transport): Transport | undefined {
    const before = this.key(at - 1);
    if (PROTOCOL_PAIRS.has(before)) return protocol === "TCP" ? "UDP" : "TCP";
    if (PROTOCOL_WORDS.get(before) !== protocol) return undefined;
    const joined = LIST_WORDS.has(this.key(at - 2)) ? at - 3 : /^\s*,\s*$/.test(this.gap(at - 2)) ? at - 2 : -1;
    const other = joined < 0 ? undefined : PROTOCOL_WORDS.get(this.key(joined));
    return other !== protocol ? other : undefined;
  }

  /** A chunk without digits: a URL without a port, a UNC path, a service, `Protocol: TCP`, `dports ssh`. */
  private readWordChunk(i: number): number {
    const key = this.key(i);
    if (key.includes("://")) return this.readUrl(i);
    if (this.source.startsWith("\\\\", this.startOf(i))) return this.readUnc(i);
    if (key.includes(".") && this.readTcpdump(i)) return i + 1;
    if (this.readFirewalldService(i)) return i;
    // BSD's netstat row with a port's name: `tcp 0 0 localhost.smtp *.* LISTEN`
    const netstat = key.includes(".") ? this.readNetstat(i) : undefined;
    if (netstat !== undefined) return netstat;
    if (ACL_OPERATORS.has(key)) {
      const last = this.readAclOperand(i);
      if (last !== undefined) return last;
    }
    this.readServiceWords(i);
    this.readIptablesName(i);
    if (key.length <= 12 && PROTOCOL_LABELS.has(labelKey(key))) {
      const next = this.nextValue(i);
      const protocol = next === undefined ? undefined : PROTOCOL_WORDS.get(this.key(next));
      if (protocol) this.eventProtocols.add(protocol);
    }
    // iptables -L names ports: `udp dpt:openvpn`
    const iptables = key.startsWith("dp") ? IPTABLES_NAMED.exec(key) : null;
    if (iptables) {
      const port = servicePort(iptables[1] as string);
      if (port !== undefined)
        this.candidate(port, PROTOCOL_WORDS.get(this.key(i - 1)), this.startOf(i), this.endOf(i), i, "plain", "named");
    }
    const named = key.includes(":") ? hostService(this.raw(i)) : undefined;
    if (named !== undefined)
      this.candidate(named, PROTOCOL_WORDS.get(this.key(i - 3)), this.startOf(i), this.endOf(i), i, "plain", "named");
    return i;
  }

  /**
   * A Cisco access-list entry's port operator: `permit tcp any host 10.0.0.5 eq 3389`, `eq www 443`,
   * `range 5985 5986`, ASA's `port-object eq ssh`; `gt 1023`, `lt` and `neq` bound no port. Names
   * are IANA's or Cisco's own (`netbios-ss`). Returns the last chunk read, or undefined on no entry.
   */
  private readAclOperand(i: number): number | undefined {
    const entry = ACL_ENTRY.exec(this.lineBefore(this.chunks[i] as Chunk, MAX_COMMAND_LINE).text);
    if (!entry || !this.gapIsSpaces(i) || !this.endsAclAddress(i - 1)) return undefined;
    const protocol = PROTOCOL_WORDS.get((entry[1] ?? entry[2] ?? "").toLowerCase());
    const operator = this.key(i);
    if (operator === "range") {
      const [from, to] = [this.aclPort(i + 1), this.aclPort(i + 2)];
      if (from === undefined || to === undefined || !this.gapIsSpaces(i + 1)) return undefined;
      this.readPortValue(`${from.port}-${to.port}`, protocol, this.startOf(i), this.endOf(i + 2), i + 1, "plain");
      return i + 2;
    }
    // (a bound is no port here, but may be one elsewhere in the text: nothing is marked)
    if (operator !== "eq") return this.aclPort(i + 1) === undefined ? undefined : i + 1;
    // `eq www 443`: IOS takes up to ten ports after one `eq`
    let last = i;
    for (let k = i + 1; k <= i + MAX_ACL_PORTS && (k === i + 1 || this.gapIsSpaces(k - 1)); k++) {
      const operand = this.aclPort(k);
      if (operand === undefined) break;
      const from = k === i + 1 ? this.startOf(i) : this.startOf(k);
      this.candidate(operand.port, protocol, from, this.endOf(k), k, "plain", operand.named ? "named" : "written");
      last = k;
    }
    return last === i ? undefined : last;
  }

  /**
   * Whether chunk `j` ends an access list's address before its operator: `any`, `host 10.0.0.5`,
   * `10.1.2.0 0.0.0.255`, `object-group NAME`, ASA's `destination`/`source` and `port-object`; not
   * another match's keyword (`ttl eq 10`) or prose (`the count eq 5`).
   */
  private endsAclAddress(j: number): boolean {
    const key = this.key(j);
    if (ACL_ADDRESS_WORDS.has(key) || PROTOCOL_WORDS.has(key) || validIpv4(key) || ACL_PREFIX.test(key)) return true;
    // an object's name: after its keyword (`host web01`, `object-group DST`), written as names are
    // (`WEB-SERVER`, `dc01`), or after the source's address (`permit tcp any webserver eq www`)
    const before = this.key(j - 1);
    return (
      ACL_NAMED_OBJECTS.has(before) ||
      OBJECT_NAME.test(this.raw(j)) ||
      before === "any" ||
      validIpv4(before) ||
      ACL_PREFIX.test(before)
    );
  }

  /** A port in an access list: a number, or a name (IANA's, or one only Cisco uses). */
  private aclPort(k: number): { port: number; named: boolean } | undefined {
    if (k >= this.chunks.length) return undefined;
    const key = this.key(k);
    if (isPortDigits(key)) {
      const port = Number(key);
      return port >= 1 && port <= 65535 ? { port, named: false } : undefined;
    }
    if (!SERVICE_NAME_WORD.test(key)) return undefined;
    const port = pasteServices().aclPortNames.get(key)?.port ?? servicePort(key);
    return port === undefined ? undefined : { port, named: true };
  }

  /** iptables -L names ports: `multiport dports ssh`, `dports http,https,pop3`. */
  private readIptablesName(i: number): boolean {
    if (!this.has.iptables) return false;
    const key = this.key(i);
    const listed = SERVICE_NAME_WORD.test(key) ? this.iptablesLabelBefore(i) : undefined;
    const port = listed === undefined ? undefined : servicePort(key);
    if (listed === undefined || port === undefined) return false;
    this.candidate(port, PROTOCOL_WORDS.get(this.key(listed - 1)), this.startOf(listed), this.endOf(i), i, "plain", "named");
    return true;
  }

  /** firewalld's `services: cockpit dhcpv6-client ssh`: each one names its port (IANA's names, not the services' words). */
  private readFirewalldService(i: number): boolean {
    const key = this.key(i);
    if (!this.has.firewalld || !SERVICE_NAME_WORD.test(key)) return false;
    if (!/^\s*services:/.test(this.lineBefore(this.chunks[i] as Chunk, MAX_COMMAND_LINE).text)) return false;
    const port = servicePort(key);
    if (port === undefined) return false;
    this.candidate(port, undefined, this.startOf(i), this.endOf(i), i, "plain", "named");
    return true;
  }

  /** iptables' `dports` label before a name or a list of names: `multiport dports http,https,sip-tls`. */
  private iptablesLabelBefore(i: number): number | undefined {
    let first = i;
    while (first > 0 && i - first < MAX_LIST && this.gap(first - 1) === "," && SERVICE_NAME_WORD.test(this.key(first - 1)))
      first--;
    return IPTABLES_LABEL.test(this.key(first - 1)) && this.gapIsSpaces(first - 1) ? first - 1 : undefined;
  }

  /**
   * Clients whose switch names a service's port: `dig name @server` asks DNS (53), `xfreerdp
   * /g:gateway` goes through an RD Gateway (HTTPS 443).
   */
  private readClientSwitch(i: number): void {
    const key = this.key(i);
    const named =
      key.startsWith("@") && DIG_SERVER.test(key) && this.digBefore(i)
        ? pasteServices().byWord.get("dns")?.[0]
        : key.startsWith("/g:") && key.length > 3 && /freerdp$/.test(this.key(i - 1))
          ? pasteServices().byWord.get("rd gateway")?.[0]
          : undefined;
    const port = named?.ports[0];
    if (named && port !== undefined)
      this.candidate(port, named.protocol, this.startOf(i - 1), this.endOf(i), i, "plain", "named");
  }

  /** `dig` earlier on chunk `i`'s line, a few words back: `dig +short myip.opendns.com @resolver1.opendns.com`. */
  private digBefore(i: number): boolean {
    for (let k = i - 1; k >= 0 && k >= i - MAX_DIG_ARGUMENTS; k--) {
      if (this.gapHasNewline(k)) return false;
      if (this.key(k) === "dig") return true;
    }
    return false;
  }

  private readServiceWords(i: number): void {
    // `dns` of `multicast dns` is part of mDNS's name, not DNS
    if (i <= this.phraseEnd) return;
    const key = this.key(i);
    const services = pasteServices();
    // logs repeat their words: each distinct word is looked up once
    let named = this.serviceWords.get(key);
    if (named === undefined) {
      named = wordServices(this.raw(i), key);
      if (this.serviceWords.size < MAX_WORDS_REMEMBERED) this.serviceWords.set(key, named);
    }
    // `ssl=False`, `use_ssl: false`, `-UseSSL:$false`: TLS named only to turn it off
    // … or `non-SSL/TLS`, `no-tls`: TLS named only to be denied
    const off = named.transport.length > 0 && (NEGATED_COMPOUND.test(key) || this.isSwitchedOff(i));
    if (off) this.tlsDenied = true;
    if (named.transport.length > 0 && !off) {
      // (`received an HTTP server error status (500)` names a message, not the plain transport;
      // `HTTPS transport must be used` advises the TLS transport: the plain one may be in use, so both)
      const message = HTTP_MESSAGE_WORDS.has(this.key(i + 1));
      if (TRANSPORT_ADVICE.test(this.source.slice(this.endOf(i), this.endOf(i) + 32))) this.advised = true;
      for (const word of named.transport) if (!(message && services.plainWords.has(word))) this.seenWords.add(word);
    }
    for (const service of named.services) this.services.push({ service, at: i, last: i });
    // ODBC's `Driver={SQL Server}`: a brace opens the driver's name
    const phraseKey = key.startsWith("{") ? key.slice(1) : key;
    if (services.phraseStarts.has(phraseKey)) {
      // a bracket glues the next word to what follows it: `[ODBC Driver 17 for SQL Server]Provedor`
      const two = `${phraseKey} ${wordBeforeBracket(this.key(i + 1))}`;
      [two, `${two} ${wordBeforeBracket(this.key(i + 2))}`].forEach((phrase, extra) => {
        for (const service of services.byWord.get(phrase) ?? []) {
          this.services.push({ service, at: i, last: i + 1 + extra });
          this.phraseEnd = Math.max(this.phraseEnd, i + 1 + extra);
        }
      });
    }
  }

  private isSwitchedOff(i: number): boolean {
    const glued = SWITCHED_OFF_GLUED.exec(this.key(i));
    if (glued) return true;
    return /^[ \t]*[=:][ \t]*$/.test(this.gap(i)) && OFF_VALUES.has(this.key(i + 1));
  }

  private readUrl(i: number): number {
    const key = this.key(i);
    const url = URL_AUTHORITY.exec(key);
    if (!url) return i;
    const authority = url[2] ?? "";
    // (a chunk written with markup around the URL shows whole)
    const chunk = this.chunks[i] as Chunk;
    const to = chunk.marked ? chunk.end : chunk.start + url[0].length;
    // `https://gw.example/`, `https://dc01/wsman` say how a service is reached; a link to a page
    // (`https://github.com/Hackplayers/evil-winrm#Remote-path-completion`) says nothing of it
    const endpoint = /^\/?(?:wsman\/?)?$/i.test(key.slice(url[0].length).replace(/[?#].*$/, ""));
    if (endpoint && pasteServices().transportWords.has(url[1] ?? "")) this.seenWords.add(url[1] ?? "");
    // `http://0:5601`: Kibana's all-addresses host
    const port = hostPort(authority) ?? (/^0:\d{1,5}$/.test(authority) ? Number(authority.slice(2)) : undefined);
    if (port !== undefined) this.candidate(port, undefined, this.startOf(i), to, i);
    // (a scheme alone, `secured ldaps:// does not work`, names its service too)
    else if (!authority.includes(":")) {
      const named = pasteServices().schemes.get(url[1] ?? "");
      if (named) this.candidate(named.port, named.protocol, this.startOf(i), to, i, "plain", "named");
    }
    return i;
  }

  private readUnc(i: number): number {
    const chunk = this.chunks[i] as Chunk;
    let at = chunk.start;
    while (this.source[at] === "\\" && at < chunk.end) at++;
    const host = /^[a-z0-9][a-z0-9.$-]+/i.exec(this.source.slice(at, Math.min(chunk.end, at + 64)));
    if (host) {
      // SSHFS-Win's `\\sshfs\user@host`, `\\sshfs.r\…`: a share reached over SSH, not SMB
      const { port, protocol } = SSHFS_UNC.test(host[0]) ? pasteServices().sshfsUnc : pasteServices().unc;
      this.candidate(port, protocol, chunk.start, Math.min(chunk.end, at + host[0].length + 40), i, "plain", "named");
    }
    return i;
  }

  /** Reads chunk `i` (which has a digit); returns the index of the last chunk it used. */
  private readNumberChunk(i: number): number {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    const netstat = this.readNetstat(i);
    if (netstat !== undefined) return netstat;
    // the commonest chunks of a log name no port: nothing below would read one, so none of it is tried
    if (isTimestampOrId(key)) return i;
    if (key.charCodeAt(1) === COLON && PORT_SPEC_PREFIX.test(key) && PORT_SPEC_FLAGS.has(this.key(i - 1)))
      return this.readPortSpec(i);
    // a listener's name and a session's number: `Connection RDP-Tcp#47 created`
    if (key.includes("#") && SESSION_NAME.test(key) && labelRole(key.slice(0, key.indexOf("#"))) === undefined) {
      this.readServiceWords(i);
      return i;
    }
    const protocolBefore = PROTOCOL_WORDS.get(this.key(i - 1)) ?? PROTOCOL_PAIRS.get(this.key(i - 1));
    const publishedRange = key.includes("-") && key.includes(":") ? PUBLISHED_RANGE.exec(key) : null;
    if (publishedRange) {
      const protocol = publishedRange[3] === undefined ? protocolBefore : PROTOCOL_WORDS.get(publishedRange[3]);
      this.readPortValue(publishedRange[1] as string, protocol, chunk.start, chunk.end, i, "plain");
      this.readPortValue(publishedRange[2] as string, protocol, chunk.start, chunk.end, i, "plain");
      return i;
    }
    if (key.includes("/")) {
      // Docker's `-p 8600:53/udp`: the host's port and the container's, over the protocol
      const published = PUBLISHED_WITH_PROTOCOL.exec(key);
      if (published) {
        const protocol = PROTOCOL_WORDS.get(published[3] as string);
        this.candidate(Number(published[1]), protocol, chunk.start, chunk.end, i);
        this.candidate(Number(published[2]), protocol, chunk.start, chunk.end, i);
        return i;
      }
      // nmap's services file and notes: `88/tcp/udp`, both protocols
      const both = DOUBLE_PROTOCOL.exec(key);
      if (both) {
        for (const name of [both[2], both[3]])
          this.candidate(Number(both[1]), PROTOCOL_WORDS.get(name as string), chunk.start, chunk.end, i);
        return i;
      }
      // a label glued before the first of a list: `./ldap:#PORTS:389/tcp,636/tcp`
      const labelled = LABELLED_PORT_SLASH_PROTOCOL.exec(key);
      if (labelled) {
        this.candidate(Number(labelled[1]), PROTOCOL_WORDS.get(labelled[2] as string), chunk.start, chunk.end, i);
        return i;
      }
      // `10051/tcpでリッスン`: a port and its protocol glued to Chinese or Japanese text
      const gluedWide = this.has.wide ? PORT_PROTOCOL_BEFORE_WIDE.exec(key) : null;
      if (gluedWide) {
        this.candidate(Number(gluedWide[1]), PROTOCOL_WORDS.get(gluedWide[2] as string), chunk.start, chunk.end, i);
        return i;
      }
      // bash's `/dev/tcp/10.0.0.5/445`: a connection to that host and port
      const devTcp = key.startsWith("/dev/") ? DEV_TCP.exec(key) : null;
      if (devTcp) {
        this.candidate(Number(devTcp[2]), PROTOCOL_WORDS.get(devTcp[1] as string), chunk.start, chunk.end, i);
        return i;
      }
      // firewalld's `2001-2003/tcp`
      const rangeSlashed = RANGE_SLASH_PROTOCOL.exec(key);
      if (rangeSlashed) {
        // `5060,10000-20000/udp`: the protocol after a list's last range is every one's, as after its last port
        const rangeProtocol = PROTOCOL_WORDS.get(rangeSlashed[2] as string);
        const listed = this.endsPortList(i, (rangeSlashed[1] as string).split("-")[0])
          ? this.listBefore(i).filter((k) => !/[ \t]/.test(this.gap(k)))
          : [];
        for (const k of listed) this.candidate(Number(this.key(k)), rangeProtocol, this.startOf(k), chunk.end, k);
        this.readPortValue(
          rangeSlashed[1] as string,
          PROTOCOL_WORDS.get(rangeSlashed[2] as string),
          chunk.start,
          chunk.end,
          i,
          "plain",
        );
        return i;
      }
      // Wazuh's `'[10.0.0.253]:1514/tcp'`, `10.0.0.5:445/udp`: an address's port and its protocol
      const suffix = key.endsWith("/tcp") || key.endsWith("/udp") ? hostPort(this.raw(i).slice(0, -4)) : undefined;
      if (suffix !== undefined) {
        this.candidate(suffix, PROTOCOL_WORDS.get(key.slice(-3)), chunk.start, chunk.end, i);
        return i;
      }
      // `TCP 1433/UDP 1434`: two ports, each after its protocol
      const pair = protocolBefore && this.gapIsSpaces(i) && isPortDigits(this.key(i + 1)) ? PORT_SLASH_PROTOCOL.exec(key) : null;
      if (pair) {
        this.candidate(Number(pair[1]), protocolBefore, this.startOf(i - 1), chunk.end, i);
        this.candidate(Number(this.key(i + 1)), PROTOCOL_WORDS.get(pair[2] as string), chunk.start, this.endOf(i + 1), i + 1);
        return i + 1;
      }
      const slashed = PROTOCOL_SLASH_PORT.exec(key) ?? PORT_SLASH_PROTOCOL.exec(key);
      if (slashed) {
        const [a, b] = [slashed[1] as string, slashed[2] as string];
        const [digits, name] = isPortDigits(a) ? [a, b] : [b, a];
        // ufw's `allow 25,110,143/tcp`: the protocol after the list's last port is every one's
        const list =
          isPortDigits(a) && this.endsPortList(i, a) ? this.listBefore(i).filter((k) => !/[ \t]/.test(this.gap(k))) : [];
        for (const k of list) this.candidate(Number(this.key(k)), PROTOCOL_WORDS.get(name), this.startOf(k), chunk.end, k);
        this.candidate(Number(digits), PROTOCOL_WORDS.get(name), chunk.start, chunk.end, i);
        return i;
      }
    }
    // iptables -L's port ranges: `tcp dpts:5985:5986`, `dpts:ssh:24` (a name for a port)
    const iptablesRange = key.startsWith("dp") ? IPTABLES_RANGE.exec(key) : null;
    if (iptablesRange) {
      const [low, high] = [iptablesRange[1] as string, iptablesRange[2] as string].map((end) =>
        isPortDigits(end) ? Number(end) : servicePort(end),
      );
      if (low !== undefined && high !== undefined) this.readRange(low, high, protocolBefore, chunk.start, chunk.end, i, "dest");
      return i;
    }
    // Cisco ASA's and PIX's `from 192.168.2.2/43803 to 10.10.10.10/14322`, `outside:8.8.8.8/53`: an
    // address and its port after a slash (a CIDR's prefix is 32 at most)
    const slashPort = key.includes("/") ? ADDRESS_SLASH_PORT.exec(key) : null;
    if (slashPort && validIpv4(slashPort[1] as string) && Number(slashPort[2]) > MAX_IPV4_PREFIX) {
      const before = this.key(i - 1);
      const role = before === "from" || before === "src" ? "source" : before === "to" || before === "dst" ? "dest" : "plain";
      this.candidate(Number(slashPort[2]), protocolBefore ?? this.protocolOnLine(chunk), chunk.start, chunk.end, i, role);
      return i;
    }
    // Tomcat names its connectors after their protocol and port: `["http-nio-8089"]`, `ajp-nio-8009`,
    // and by protocol version in its log: `Connector[AJP/1.3-8009]`, `[Connector[HTTP/1.1-8080]]`
    const connector =
      key.startsWith("http") || key.startsWith("ajp")
        ? TOMCAT_CONNECTOR.exec(key)
        : key.includes("connector[")
          ? TOMCAT_LOGGED_CONNECTOR.exec(key)
          : null;
    if (connector) {
      this.candidate(Number(connector[1]), "TCP", chunk.start, chunk.end, i);
      return i;
    }
    if (key.includes("://")) return this.readUrl(i);
    const protocolPort =
      key.includes(":") && PROTOCOL_COLON_INITIALS.includes(key.charAt(0)) ? PROTOCOL_COLON_PORT.exec(key) : null;
    if (protocolPort) {
      this.candidate(Number(protocolPort[1]), key.startsWith("udp") ? "UDP" : "TCP", chunk.start, chunk.end, i);
      return i;
    }
    if (this.source.startsWith("\\\\", chunk.start)) return this.readUnc(i);
    if (key.includes(".") && this.readTcpdump(i)) return i + 1;
    if (
      ONLY_PORT_CHARACTERS.test(key) &&
      (PORT_PAIR.test(key) || PORT_RANGE.test(key) || isPortDigits(key) || PORT_SLASH_PORT.test(key))
    )
      return this.readBareNumber(i, protocolBefore);
    // `PortNumber REG_DWORD 0xd3d`: the registry writes RDP's port in hexadecimal
    if (key.startsWith("0x") && HEX_PORT.test(key)) {
      const label = this.labelBefore(i);
      if (label && label.role !== "nonport")
        this.candidate(Number.parseInt(key.slice(2), 16), protocolBefore, this.startOf(label.at), chunk.end, i, label.role);
      return i;
    }
    if (key.includes(":") && this.readAddressWithPath(i, protocolBefore)) return i;
    // a chain of services and their ports: `Haproxy:80 => Varnish:6081 => Nginx:82`
    const chained = key.includes(":") && isLowerLetterCode(key.charCodeAt(0)) ? SERVICE_PORT.exec(key) : null;
    if (chained && (MAPPING_GAP.test(this.gap(i)) || MAPPING_GAP.test(this.gap(i - 1)))) {
      this.candidate(Number(chained[1]), protocolBefore, chunk.start, chunk.end, i);
      return i;
    }
    // `port ~8000`: about that port
    if (key.startsWith("~") && isPortDigits(key.slice(1)) && this.labelBefore(i)?.role === "plain") {
      this.candidate(Number(key.slice(1)), protocolBefore, chunk.start, chunk.end, i);
      return i;
    }
    // GLib's `(remmina:6885): WARNING`: a program and its process id; QEMU's `-vnc 0.0.0.0:87`: a display
    const programId =
      key.includes(":") &&
      ((this.source[chunk.start - 1] === "(" && this.source.startsWith("):", chunk.end)) || this.key(i - 1) === "-vnc");
    if (programId) {
      const id = PROGRAM_ID.exec(key);
      if (id) this.nonPorts.add(Number(id[1]));
      return i;
    }
    if ((key.includes(":") || key.includes("#")) && !chunk.colon) {
      // Docker's `-p 127.0.0.1:8080:80`: the host's port and the container's
      const published = hasTwoColons(key) ? PUBLISHED.exec(key) : null;
      if (published) {
        this.readPortValue(`${published[1]}:${published[2]}`, protocolBefore, chunk.start, chunk.end, i, "plain");
        return i;
      }
      // ZooKeeper's log tags: `[/10.10.34.11:3888:QuorumCnxManager$Listener@493]`, an address, its port and a class
      const tagged = hasTwoColons(key) ? ADDRESS_PORT_CLASS.exec(this.raw(i)) : null;
      if (tagged) {
        this.candidate(Number(tagged[1]), protocolBefore, chunk.start, chunk.end, i);
        return i;
      }
      const hosted =
        hostPort(this.raw(i)) ?? hostService(this.raw(i)) ?? (this.has.wide ? embeddedAddressPort(this.raw(i)) : undefined);
      // Java's logger names a class and a line: `org.apache.catalina.core.StandardService:173`
      if (hosted !== undefined && JAVA_CLASS_LINE.test(this.raw(i))) {
        this.nonPorts.add(hosted);
        return i;
      }
      // `Number of topics:995`: a count's name and its value, not a host and its port
      if (hosted !== undefined && this.key(i - 1) === "of" && COUNT_WORDS.has(this.key(i - 2))) {
        this.nonPorts.add(hosted);
        return i;
      }
      if (hosted !== undefined) {
        // lsof's `10.0.0.5:52000->10.0.0.9:3389`: a connection, client first
        // Docker's `0.0.0.0:49153->80/tcp` publishes a port: a mapping, not a connection
        const published = DOCKER_PUBLISHED.test(this.source.slice(chunk.end, chunk.end + 14));
        // (Cisco's `denied tcp 10.0.6.56(3067) -> 172.36.4.7(139)` spaces its arrow between two addresses)
        const arrow = published
          ? undefined
          : this.source.startsWith("->", chunk.end) || (this.source.startsWith(" -> ", chunk.end) && this.isSpacedFlow(i, i + 2))
            ? "source"
            : this.source.startsWith("->", chunk.start - 2) ||
                (this.source.startsWith(" -> ", chunk.start - 4) && this.isSpacedFlow(i - 2, i))
              ? "dest"
              : undefined;
        const role = arrow ?? (this.isClientAddress(i) ? "client" : "plain");
        this.candidate(hosted, protocolBefore, protocolBefore ? this.startOf(i - 1) : chunk.start, chunk.end, i, role);
        return i;
      }
    }
    // Docker's flag glued to what it publishes: `-p98:98`, `-p8600:53/udp`
    const publishedGlued = key.startsWith("-p") ? key.slice(2) : "";
    const gluedWithProtocol = publishedGlued.includes("/") ? PUBLISHED_WITH_PROTOCOL.exec(publishedGlued) : null;
    if (gluedWithProtocol) {
      const protocol = PROTOCOL_WORDS.get(gluedWithProtocol[3] as string);
      this.candidate(Number(gluedWithProtocol[1]), protocol, chunk.start, chunk.end, i);
      this.candidate(Number(gluedWithProtocol[2]), protocol, chunk.start, chunk.end, i);
      return i;
    }
    if (publishedGlued !== "" && PORT_PAIR.test(publishedGlued)) {
      this.readPortValue(publishedGlued, protocolBefore, chunk.start, chunk.end, i, "plain");
      return i;
    }
    // a client's port flag glued to its number: mysql's `-P3306`, ssh's and scp's `-p2222`
    const flag = key.startsWith("-p") ? GLUED_PORT_FLAG.exec(this.raw(i)) : null;
    if (flag && this.lineHas(chunk, flag[1] === "P" ? UPPER_P_CLIENTS : LOWER_P_CLIENTS)) {
      this.candidate(Number(flag[2]), protocolBefore, chunk.start, chunk.end, i);
      return i;
    }
    // lsof's `-i:5000`, `-i4tcp:5000`
    const lsof = key.startsWith("-i") && this.key(i - 1) === "lsof" ? LSOF_ADDRESS.exec(key) : null;
    if (lsof) {
      this.candidate(Number(lsof[2]), PROTOCOL_WORDS.get(lsof[1] ?? ""), chunk.start, chunk.end, i);
      return i;
    }
    // `64-bit`, `32bit`
    if ((key.includes("%") && PERCENTAGE.test(key)) || (key.includes("bit") && BITS.test(key))) {
      this.nonPorts.add(Number.parseInt(key, 10));
      return i;
    }
    // a port table copied from a web page, its cells run together: `3268Global Catalog (TCP)Forest-wide searches`
    const glued = startsWithTwoDigits(key) ? GLUED_TABLE_CELL.exec(this.raw(i)) : null;
    const rest = glued ? this.lineAfter(chunk) : "";
    const protocols = glued && this.opensLine(chunk) ? TRANSPORT_IN_PARENTHESES.exec(rest) : null;
    if (glued && protocols) {
      this.candidate(
        Number(glued[1]),
        protocols[2] === undefined ? PROTOCOL_WORDS.get((protocols[1] ?? "").toLowerCase()) : undefined,
        chunk.start,
        chunk.end,
        i,
      );
      return i;
    }
    // an event message's insertion string: `Destination Port: %7`
    if (key.startsWith("%") && INSERTION_STRING.test(key)) {
      this.nonPorts.add(Number(key.slice(1)));
      return i;
    }
    // an issue or a list item: `Resolves #25`
    if (key.startsWith("#") && ISSUE_NUMBER.test(key)) {
      this.nonPorts.add(Number(key.slice(1)));
      return i;
    }
    if (this.readGluedLabel(i, protocolBefore) || this.readIptablesName(i) || this.readFirewalldService(i)) return i;
    const counted = key.includes(".") ? NUMBER_DOT_WORD.exec(key) : null;
    if (counted) this.nonPorts.add(Number(counted[1]));
    // strongSwan's traffic selectors: `10.0.0.0/24[tcp/443]`, `172.16.11.171/32[udp/l2f]`
    const selector = key.endsWith("]") ? TRAFFIC_SELECTOR.exec(key) : null;
    const selected = selector
      ? isPortDigits(selector[2] as string)
        ? Number(selector[2])
        : servicePort(selector[2] as string)
      : undefined;
    if (selector && selected !== undefined) {
      this.candidate(
        selected,
        PROTOCOL_WORDS.get(selector[1] as string),
        chunk.start,
        chunk.end,
        i,
        "plain",
        isPortDigits(selector[2] as string) ? "written" : "named",
      );
      return i;
    }
    // DCE/RPC's string bindings: `StringBinding: MYMACHINE[49155]`, `ncacn_ip_tcp:10.0.0.5[49667]`
    // strongSwan's `from 172.38.200.1[500] to 172.38.1.131[500]`
    const binding = key.endsWith("]") ? RPC_BINDING.exec(key) : null;
    if (
      binding &&
      (binding[1] !== undefined ||
        this.key(i - 1) === "stringbinding" ||
        validIpv4(binding[2] as string) ||
        LETTER_MASKED_IPV4.test(binding[2] as string))
    ) {
      this.candidate(
        Number(binding[3]),
        binding[1] !== undefined || this.key(i - 1) === "stringbinding" ? "TCP" : undefined,
        chunk.start,
        chunk.end,
        i,
      );
      return i;
    }
    // `smb2`, `krb5`; `chronyd[17789]:`, `dnsmasq-dhcp[12161]`: a service named beside a process id
    const process = key.endsWith("]") ? PROCESS_WITH_ID.exec(key) : null;
    if (process) this.nonPorts.add(Number(process[1]));
    if (process || hasLetterRun(key) || pasteServices().byWord.has(key)) this.readServiceWords(i);
    return i;
  }

  /**
   * netstat and ss rows: `TCP 0.0.0.0:5985 0.0.0.0:0 LISTENING`, Linux's `tcp 0 0 0.0.0.0:22 0.0.0.0:*`
   * and BSD's `tcp4 0 0 10.0.0.2.49161 17.1.1.1.5223`: the listening port, or else the service side
   * of the connection (the other is the client's ephemeral port).
   */
  private readNetstat(i: number): number | undefined {
    // a raw socket's row (`raw6  0  0 :::58  :::*  7`) gives its IP protocol's number where a port would be
    if (RAW_SOCKETS.has(this.key(i - 3)) && isPortDigits(this.key(i - 1)) && isPortDigits(this.key(i - 2))) {
      const number = this.addressPort(this.key(i));
      if (number !== undefined) this.nonPorts.add(number);
      return number === undefined ? undefined : i;
    }
    let protocol = PROTOCOL_WORDS.get(this.key(i - 1));
    let protocolAt = i - 1;
    // the queue columns between the protocol and the address: Linux's two, BSD's `netstat -A` three;
    // ss's state before its two (`udp  UNCONN  0  0  127.0.0.53%lo:domain`)
    for (let columns = 2; columns <= 3; columns++) {
      if (protocol || !PROTOCOL_WORDS.has(this.key(i - columns - 1))) continue;
      let counts = true;
      for (let k = i - columns; k < i; k++) counts &&= isPortDigits(this.key(k)) || (k === i - 3 && SS_STATES.has(this.key(k)));
      if (!counts) continue;
      protocolAt = i - columns - 1;
      protocol = PROTOCOL_WORDS.get(this.key(protocolAt));
    }
    if (!protocol || !this.at(i + 1)) return undefined;
    const local = this.addressPort(this.key(i));
    if (local === undefined) return undefined;
    const remoteKey = this.key(i + 1);
    const remote = this.addressPort(remoteKey) ?? (/[:.](?:0|\*)$/.test(remoteKey) ? 0 : undefined);
    if (remote === undefined) return undefined;
    const listening = LISTENING.has(this.key(i + 2)) || remote === 0;
    const remoteSide = !listening && serviceSide(local, remote) === remote;
    const picked = remoteSide ? i + 1 : i;
    this.candidate(
      remoteSide ? remote : local,
      protocol,
      this.startOf(protocolAt),
      this.endOf(picked),
      i,
      "plain",
      "written",
      remoteSide ? "remote" : "destination",
    );
    return i + 1;
  }

  private addressPort(key: string): number | undefined {
    // Linux netstat writes IPv6 addresses without brackets: `::1:3350`, `::ffff:10.0.0.5:8080`
    const ipv6 = NETSTAT_IPV6.exec(key);
    if (ipv6) return Number(ipv6[1]);
    // BSD's netstat names ports after a dot: `localhost.smtp`, `*.https`, `ns.lan.ssh`
    return hostPort(key) ?? netstatAny(key) ?? dottedPort(key, true)?.port ?? hostService(key, true);
  }

  /** `10.0.0.5.49712 > 10.0.0.9.3389:` or `host.ldap`: tcpdump's address.port pairs. */
  private readTcpdump(i: number): boolean {
    const next = this.at(i + 1);
    if (!next || !this.gapHas(i, ">")) return false;
    const a = dottedPort(this.key(i), true);
    const b = dottedPort(next.key, true);
    if (!a || !b) return false;
    // `a > b`: b is where the packet goes, the service unless it is a client's ephemeral port (a
    // reply); a is kept too where it is well known (`syslog > collector.5140`, DHCP's 68 > 67)
    const protocol = PROTOCOL_WORDS.get(this.key(i + 2));
    const toEphemeral = b.port >= EPHEMERAL_FROM && a.port < EPHEMERAL_FROM;
    for (const end of toEphemeral ? [a] : a.port < WELL_KNOWN_BELOW ? [b, a] : [b]) {
      this.candidate(end.port, protocol, this.startOf(i), next.end, i, "plain", end.named ? "named" : "written");
    }
    return true;
  }

  /** `port:5986`, `-Port:5985`, `/port:3388`, `dpt:openvpn`, `ポート3389`, `3389端口`. */
  private readGluedLabel(i: number, protocolBefore: Transport | undefined): boolean {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    if (!HAS_LETTER_OR_WIDE.test(key)) return false;
    // (a text with no character outside ASCII has none of the labels, counters or numbers below)
    const wide = this.has.wide && NON_ASCII.test(key);
    for (const label of wide ? NON_ASCII_LABELS : []) {
      const at = key.indexOf(label);
      if (at < 0) continue;
      const rest = key.slice(at + label.length, at + label.length + 16);
      const found = /^[\s:：#号番]*[\u4e00-\u9fff]{0,3}[\s:：]*(\d{1,5})(?!\d)/.exec(rest);
      // `监听小于1024的端口` (listen below 1024): a bound, not a port
      const after = found && !CJK_UNIT_AHEAD.test(rest.slice(found[0].length)) && !CJK_COMPARISON.test(found[0]) ? found : null;
      // `2379和2380端口`: two ports joined by a CJK `and` or `or` before one label
      const before = CJK_PORTS_BEFORE_LABEL.exec(key.slice(Math.max(0, at - 16), at));
      const digits = after?.[1] ?? before?.[2];
      if (digits) {
        // `UDP連接埠號碼500`, `TCP端口3389`: the protocol glued before the label
        const glued = after ? GLUED_PROTOCOL_BEFORE.exec(key.slice(Math.max(0, at - 4), at))?.[1] : undefined;
        const protocol = glued ? PROTOCOL_WORDS.get(glued) : protocolBefore;
        if (after === null && before?.[1] !== undefined) this.candidate(Number(before[1]), protocol, chunk.start, chunk.end, i);
        this.candidate(Number(digits), protocol, chunk.start, chunk.end, i);
        return true;
      }
    }
    // `80번 포트` (port number 80): the label stands after a space
    const numbered = wide ? NUMBERED.exec(key) : null;
    if (numbered && NON_ASCII_LABELS.some((label) => this.key(i + 1).startsWith(label)) && this.gapIsSpaces(i)) {
      this.candidate(Number(numbered[1]), protocolBefore, chunk.start, this.endOf(i + 1), i);
      return true;
    }
    // `30天` (30 days), `3台` (three machines), `5초` (5 seconds), `0201版本` (version 0201): not a port
    if (wide) {
      CJK_COUNT.lastIndex = 0;
      for (let m = CJK_COUNT.exec(key); m !== null; m = CJK_COUNT.exec(key)) this.nonPorts.add(Number(m[1]));
    }
    if (!endsInShortNumberAfterLabel(key)) return false;
    const glued = GLUED_LABEL.exec(key);
    const label = glued?.[1] ?? "";
    // `[as _listen2]`: an identifier (a private function's name), not a label and its number
    if (!glued || label === "" || !HAS_LETTER.test(label) || label.startsWith("_")) return false;
    const role = labelRole(label.replace(/[:=#：]$/, ""));
    if (role === undefined) return false;
    if (role === "nonport") this.nonPorts.add(Number(glued[2]));
    else this.candidate(Number(glued[2]), protocolBefore, chunk.start, chunk.end, i, role);
    return true;
  }

  /** A number alone, a range or a mapping: read through what stands before or after it. */
  private readBareNumber(i: number, protocolBefore: Transport | undefined): number {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    const single = isPortDigits(key) ? Number(key) : undefined;
    if (this.isWrapped(chunk)) return i;
    // `Windows Server 2008, 2008 R2, 2012 and 2016 are supported`: releases named by their years, the list's too
    if (single !== undefined && isYear(single) && this.isRelease(i)) return this.markReleaseList(i);
    // conntrack's `tcp      6 431999 ESTABLISHED src=…`: the protocol's own number after its name,
    // then a timeout, then a state or the first address (`allow tcp 6 3389` is no conntrack row)
    if (
      single !== undefined &&
      protocolBefore !== undefined &&
      PROTOCOL_NUMBERS.get(key) === protocolBefore &&
      CONNTRACK_TIMEOUT.test(this.key(i + 1)) &&
      this.gapIsSpaces(i) &&
      CONNTRACK_AFTER_TIMEOUT.test(this.raw(i + 2))
    ) {
      this.nonPorts.add(single);
      this.nonPorts.add(Number(this.key(i + 1)));
      return i + 1;
    }
    // a protocol's number and its name: the WFP event sheets' `Protocol used (6=TCP)`, `17=UDP`
    if (single !== undefined && this.gap(i) === "=" && PROTOCOL_NUMBERS.get(key) === PROTOCOL_WORDS.get(this.key(i + 1))) {
      this.nonPorts.add(single);
      return i + 1;
    }
    // `6 for tcp, 17 for udp` (`6 für tcp`, `17 pour udp`): the protocol's number, said in words
    if (
      single !== undefined &&
      FOR_WORDS.has(this.key(i + 1)) &&
      labelRole(this.key(i - 1)) === undefined &&
      PROTOCOL_NUMBERS.get(key) !== undefined &&
      PROTOCOL_NUMBERS.get(key) === PROTOCOL_WORDS.get(this.key(i + 2))
    ) {
      this.nonPorts.add(single);
      return i + 2;
    }
    // nmap's `995 filtered ports`, `1000 closed ports`: a count of ports in a state
    if (single !== undefined && PORT_STATES.has(this.key(i + 1)) && this.key(i + 2) === "ports" && this.gapIsSpaces(i)) {
      this.nonPorts.add(single);
      return i;
    }
    // Microsoft's audit event headings: `5152(F): The Windows Filtering Platform blocked a packet.`, `4624(S):`
    if (
      single !== undefined &&
      this.source.startsWith("(", chunk.end) &&
      AUDIT_EVENT_OUTCOME.test(this.source.slice(chunk.end, chunk.end + 7))
    ) {
      this.nonPorts.add(single);
      return i;
    }
    // a list's number opens its line whatever ended the line before (`source port.\n2) Some ISPs`)
    if (single !== undefined && this.isListMarker(chunk)) {
      this.nonPorts.add(single);
      return i;
    }
    // `ls -l`'s link count and size: `-rw-r--r--   1 ftp  ftp  901 Aug  2  2020 index.php.bak`
    if (single !== undefined && this.has.lsRows && LS_ROW.test(this.lineBefore(chunk, MAX_COMMAND_LINE).text)) {
      this.nonPorts.add(single);
      return i;
    }
    // FTP's extended passive reply: `229 Entering Extended Passive Mode (|||44077|)`
    if (single !== undefined && this.source.endsWith("|||", chunk.start) && this.source.startsWith("|)", chunk.end)) {
      this.candidate(single, "TCP", chunk.start - 4, chunk.end + 2, i);
      return i;
    }
    // OpenSSH's `Connection closed by UNKNOWN port 65535`: a peer it could not name, no port
    if (single !== undefined && this.key(i - 1) === "port" && this.key(i - 2) === "unknown") {
      this.nonPorts.add(single);
      return i;
    }
    const protocolLabel = this.key(i - 1) === "" ? i - 2 : i - 1;
    if (PROTOCOL_LABELS.has(labelKey(this.key(protocolLabel)))) {
      const protocol = PROTOCOL_NUMBERS.get(key);
      if (protocol) this.eventProtocols.add(protocol);
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    const nextKey = this.key(i + 1);
    // `161/162 udp`: two ports, then their protocol
    const protocolAfterPair = single === undefined && PORT_SLASH_PORT.test(key) ? PROTOCOL_WORDS.get(nextKey) : undefined;
    if (protocolAfterPair && !this.gapHasNewline(i)) {
      this.readPortValue(key, protocolAfterPair, chunk.start, this.endOf(i + 1), i, "plain");
      return i + 1;
    }
    // two different ports: `5985/5986 ports are opened` (no count of ports), `TCP 445/139 blocked`
    // (after their protocol), `8000/8001 are already in use`
    // (`TCP 10/10 succeeded` is a tally: a pair after a protocol or before `in use` has two ports)
    const pair = single === undefined ? PORT_SLASH_PORT.exec(key) : null;
    if (pair) {
      const portsAfter = PORT_AFTER_WORDS.has(nextKey) && !this.gapHasNewline(i);
      const different = pair[1] !== pair[2];
      if (portsAfter || (different && ((protocolBefore && !this.gapHasNewline(i - 1)) || this.isInUseAfter(i)))) {
        this.readPortValue(key, protocolBefore, protocolBefore ? this.startOf(i - 1) : chunk.start, chunk.end, i, "plain");
        return portsAfter ? i + 1 : i;
      }
    }
    // an HTTP status and its reason as an API names it: `a 501 InternalFailure`, `400 TargetNotConnected`
    // (never a labelled port before a field's name: Sysmon's `DestinationPort: 443  DestinationPortName: https`)
    if (
      single !== undefined &&
      single >= 100 &&
      single <= 599 &&
      STATUS_REASON.test(this.raw(i + 1)) &&
      this.gapIsSpaces(i) &&
      this.labelBefore(i) === undefined
    ) {
      this.nonPorts.add(single);
      return i;
    }
    // an FTP or SMTP server's reply code opening its line (`port:\n220 MyMailServer ESMTP`)
    const lead = single !== undefined && single >= 100 ? this.lineBefore(chunk, MAX_LINE_LEAD) : undefined;
    if (single !== undefined && lead?.whole && REPLY_CODE_LINE.test(lead.text + this.source.slice(chunk.start, chunk.end + 16))) {
      this.nonPorts.add(single);
      return i;
    }
    // a diff's hunk header: `@@ -61,6 +62,7 @@`
    if (this.has.diff && this.isInDiffHunkHeader(chunk)) {
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    // `Server.listen(80)`, `app.listen(3000)`: a server's port
    if (
      single !== undefined &&
      LISTEN_CALL.test(this.source.slice(Math.max(0, chunk.start - 24), chunk.start)) &&
      this.source[chunk.end] === ")"
    ) {
      this.candidate(single, protocolBefore, chunk.start, chunk.end, i);
      return i;
    }
    // `102,502 and 161 are open`, `port 80 is blocked`, `only 135 and 139 open.`: what a port is said to be
    const state = single === undefined ? undefined : this.stateAfter(i);
    if (state !== undefined) {
      for (const k of [...this.listBefore(i), i])
        this.candidate(Number(this.key(k)), protocolBefore, this.startOf(k), this.endOf(state), k);
      return state;
    }
    // Wireshark's `TCP 74 55208 → 445`: the frame's length before the two ports
    if (
      isPortDigits(nextKey) &&
      this.gapIsSpaces(i) &&
      /^[ \t]*(?:→|>)[ \t]/.test(this.source.slice(this.endOf(i + 1), this.endOf(i + 1) + 4)) &&
      PROTOCOL_WORDS.has(this.key(i - 1))
    ) {
      this.nonPorts.add(single ?? 0);
      return i;
    }
    // Chef's `inbound_rules '0.0.0.0/0' => [22, 443, 80, 3389]`: a rule's list of ports
    if (single !== undefined && this.source[chunk.start - 1] === "[" && this.lineHas(chunk, RULE_LIST_KEY))
      return this.readList(i, protocolBefore, chunk.start, "plain");
    // a comparison: `<1024`, `> 1023`
    if (
      single !== undefined &&
      COMPARISON_BEFORE.test(this.source.slice(Math.max(0, chunk.start - 3), chunk.start)) &&
      this.source[chunk.end] !== ">"
    ) {
      this.nonPorts.add(single);
      return i;
    }
    // SQL Server's `Server is listening on [ 0.0.0.0 <ipv4> 1433]`
    const placeholderBefore = this.key(i - 1);
    if (
      single !== undefined &&
      (placeholderBefore === "ipv4" || placeholderBefore === "ipv6") &&
      this.source.endsWith(">", this.startOf(i - 1) + 5)
    ) {
      this.candidate(single, protocolBefore, this.startOf(i - 1) - 1, chunk.end, i);
      return i;
    }
    const unitAfter =
      ((UNITS.has(nextKey) && !(PORT_AFTER_WORDS.has(nextKey) && this.endsPortList(i))) ||
        // `5 to 10 minutes`: the unit after a range's second number
        (LIST_WORDS.has(nextKey) &&
          this.gapIsSpaces(i + 1) &&
          isPortDigits(this.key(i + 2)) &&
          UNITS.has(this.key(i + 3)) &&
          !PORT_AFTER_WORDS.has(this.key(i + 3)) &&
          UNIT_GAP.test(this.gap(i + 2))) ||
        // `1 つ` (one of them), `3 台`: a CJK counter after a space
        (this.has.wide && CJK_UNIT_AHEAD.test(nextKey))) &&
      UNIT_GAP.test(this.gap(i));
    const label = this.labelBefore(i);
    // a connecting tool's port, after its host, stays a port whatever is typed after it (`nc -nv
    // 10.0.0.5 110 user bob`); only a duration or a repetition makes it a count (`telnet host 3 times`)
    const toolPort =
      unitAfter &&
      !COUNTING_UNITS.has(nextKey) &&
      isHostLike(this.key(i - 1)) &&
      this.gapIsSpaces(i - 1) &&
      this.toolBefore(i - 1);
    // a quantity: `in 67 seconds` (after `guest`), unless its label stands right before it
    if (label?.role === "nonport") {
      if (single === undefined) return i;
      this.nonPorts.add(single);
      return ID_LABELS.has(this.key(label.at)) ? this.markListAfter(i) : i;
    }
    if (unitAfter && !toolPort && (label === undefined || label.at < i - 1)) {
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    // an error number and its message: `(10060 "Unknown error")`, Python's `(111, 'Connection refused')`
    const errorMessage =
      this.source[chunk.start - 1] === "(" && ERROR_MESSAGE_AFTER.test(this.source.slice(chunk.end, chunk.end + 4));
    // a JSON object's key: `{"1":"allow 22"}`
    const jsonKey = this.source[chunk.start - 1] === '"' && this.source.startsWith('":', chunk.end);
    if (single !== undefined && ((this.isParenthesised(chunk) && label === undefined) || errorMessage || jsonKey)) {
      // a named service's own port in parentheses is still its port: `the global catalog port (3268)`
      if (!errorMessage && !jsonKey && this.parenthesised.length < MAX_FOUND) this.parenthesised.push(i);
      else this.nonPorts.add(single);
      return i;
    }
    // a forward written as a mapping: Vagrant's `22 => 2222`, `3389 -> 13389`
    // (`-` of `->` is a chunk of its own, `=>` none)
    const to = this.key(i + 1) === "" ? i + 2 : i + 1;
    if (
      single !== undefined &&
      !chunk.colon &&
      /^\s?$/.test(this.source.charAt(chunk.start - 1)) &&
      isPortDigits(this.key(to)) &&
      MAPPING_GAP.test(this.source.slice(chunk.end, Math.min(this.startOf(to), chunk.end + 16)))
    ) {
      this.candidate(single, protocolBefore, chunk.start, this.endOf(to), i);
      this.candidate(Number(this.key(to)), protocolBefore, chunk.start, this.endOf(to), to);
      return to;
    }
    // EC2's `IpProtocol=icmp,FromPort=3,ToPort=4`, Terraform's `protocol = "icmp"`: an ICMP type and code
    if (label && ICMP_RANGE_LABELS.has(labelKey(this.key(label.at))) && this.isIcmpRule(chunk)) {
      if (single !== undefined) this.nonPorts.add(single);
      return i;
    }
    if (label) {
      const protocolAt = PROTOCOL_WORDS.get(this.key(label.at - 1));
      const from = protocolAt ? this.startOf(label.at - 1) : this.startOf(label.at);
      return this.readList(i, protocolBefore ?? protocolAt, from, label.role);
    }
    // a note after the number says what it is: `9200 (wrong port)`, `5986 (the HTTPS port)`
    if (
      single !== undefined &&
      (this.source[chunk.end] === "(" || this.source.startsWith(" (", chunk.end)) &&
      PORT_NOTE_AFTER.test(this.source.slice(chunk.end, chunk.end + 48))
    ) {
      this.candidate(single, protocolBefore, chunk.start, chunk.end, i);
      return i;
    }
    const mapping = PORT_PAIR.exec(key);
    if (mapping) {
      // `kubectl port-forward pod 5010:6000`: a mapping, where a time would have fields of 59 or
      // less; `[28689:28690]` is a process and a thread
      const clock = Number(mapping[1]) <= MAX_CLOCK_FIELD && Number(mapping[2]) <= MAX_CLOCK_FIELD;
      if (!clock && this.source[chunk.start - 1] !== "[")
        this.readPortValue(key, protocolBefore, chunk.start, chunk.end, i, "plain");
      return i;
    }
    if (single === undefined) return i;
    // written with a leading zero, with no label: a file's mode, a date or a build (`SecUploadFileMode 0600`)
    if (key.length > 1 && key.startsWith("0")) {
      this.nonPorts.add(single);
      return i;
    }
    // a product's version: `Windows 10 client`, `Ubuntu 22`, `CentOS 7`; a year after
    // a time (`Sun Jun 10 12:04:02 2018 UDP link`); a date's day or year (`le 31 juillet 1996`,
    // `July 4, 2019`, `créé en 1985`)
    const year = isYear(single);
    if (
      (single < 100 && OS_NAMES.has(this.key(i - 1)) && this.gapIsSpaces(i - 1)) ||
      (single < MAX_RUNTIME_VERSION && RUNTIME_NAMES.has(this.key(i - 1)) && this.gapIsSpaces(i - 1)) ||
      (year && CLOCK.test(this.key(i - 1))) ||
      ((single <= 31 || year) && this.besideMonth(i)) ||
      (year && YEAR_WORDS.has(this.key(i - 1)) && this.gapIsSpaces(i - 1))
    ) {
      this.nonPorts.add(single);
      return i;
    }
    const filtered = this.has.pipe ? this.commandFilter(chunk) : undefined;
    if (filtered === "pid") {
      this.nonPorts.add(single);
      return i;
    }
    // `ss -tunlp | grep 5000`, `lsof -i :5000`, `kubectl port-forward pod 44134`, `443 端口`
    if (
      filtered === "port" ||
      (this.key(i - 1) === "-i" && this.key(i - 2) === "lsof") ||
      (this.has.portForward && this.isPortForwardArgument(i)) ||
      (this.has.wide && this.isBeforeWideLabel(i)) ||
      // strongSwan's `from <local>[500]`: a placeholder host and its port
      (this.source[chunk.start - 1] === "[" && this.source[chunk.start - 2] === ">" && this.source[chunk.end] === "]") ||
      // a listening address with no host: CoreDNS's `prometheus :9153`, `--web.listen-address=:10006`;
      // nginx's `server "YourHostName OR IP":5001` with a quoted placeholder for its host
      (chunk.colon &&
        (/^[\s=]?$/.test(this.source.charAt(chunk.start - 2)) ||
          this.source.startsWith("->", chunk.start - 4) ||
          QUOTED_PLACEHOLDER_HOST.test(this.source.slice(Math.max(0, chunk.start - 64), chunk.start))) &&
        (this.source[chunk.end] !== ")" || this.source.startsWith("->", chunk.start - 4))) ||
      // an XML element named as a port, with attributes: Sysmon's `<DestinationPort condition="is">4444</DestinationPort>`
      this.isPortElement(chunk)
    ) {
      this.candidate(
        single,
        protocolBefore,
        chunk.start,
        chunk.end,
        i,
        // (Apache's `[client :51515]`, its address masked: a client's own port)
        this.source.startsWith("->", chunk.start - 4) ? "dest" : chunk.colon && this.isApacheClient(i) ? "client" : "plain",
      );
      return i;
    }
    if (chunk.colon && this.isMaskedHostBefore(chunk)) {
      this.candidate(single, protocolBefore, Math.max(0, chunk.start - 12), chunk.end, i);
      return i;
    }
    const previous = this.key(i - 1);
    if (this.has.srv && this.isSrvPort(i)) {
      this.candidate(single, protocolBefore, this.startOf(i - 2), this.endOf(i + 1), i);
      return i;
    }
    // `udp: 1232` (dig's EDNS buffer size): a field named after the protocol, not its port
    if (protocolBefore && this.source[this.endOf(i - 1)] === ":") return i;
    // (a setting's protocol ending the line before, `transport=udp`, labels nothing on the next:
    // `[1060]`; a console's cells, one per line, do: `Custom TCP\nTCP\n5986`)
    if (protocolBefore && !(this.gapHasNewline(i - 1) && this.source[this.startOf(i - 1) - 1] === "=")) {
      // `tcp 0 0 0.0.0.0:22`: Linux netstat's queue sizes, not ports
      // (BSD's `netstat -A`: `tcp4  3  0  0 192.168.71.1.ssh`, three columns before the address)
      if (
        isPortDigits(nextKey) &&
        this.gapIsSpaces(i) &&
        (this.key(i + 2).includes(":") ||
          (isPortDigits(this.key(i + 2)) && this.gapIsSpaces(i + 1) && this.addressPort(this.key(i + 3)) !== undefined))
      )
        return i;
      return this.readList(i, protocolBefore, this.startOf(i - 1), "plain");
    }
    const protocolAfter = PROTOCOL_WORDS.get(nextKey);
    // sockstat's `ntpd 4933 20 udp4 172.16.48.1:123`: a column (a file descriptor) before the protocol and its address
    const addressAfter =
      protocolAfter !== undefined &&
      (hostPort(this.raw(i + 2)) !== undefined ||
        // masscan's CSV `14,udp,123,<ip>`: a count, then the protocol and its port
        (this.gap(i) === "," && this.gap(i + 1) === "," && isPortDigits(this.key(i + 2))));
    if (protocolAfter && !addressAfter && !this.gapHasNewline(i) && !PROTOCOL_WORDS.has(previous)) {
      this.candidate(single, protocolAfter, chunk.start, this.endOf(i + 1), i);
      return i + 1;
    }
    // (a tab parts a table's columns: Wireshark's `MDNS	100` is a protocol and a frame's length)
    // (a comma with no quote parts a record's fields: IPBan's `Login failure: 178.32.197.95, , RDP, 1, 14`)
    if (
      isServiceWord(previous) &&
      !this.gapHasNewline(i - 1) &&
      !this.gapHas(i - 1, "\t") &&
      !/^\s*,\s*$/.test(this.gap(i - 1))
    ) {
      // `HTTP 401` is a status; `HTTP = 5985` (winrm get winrm/config) is a setting's value
      const setting = this.gapHas(i - 1, "=");
      // `use ssl = 1`, `tls = 0`: a switch, not a port
      if (setting && single < 10 && SWITCH_WORDS.has(previous)) {
        this.nonPorts.add(single);
        return i;
      }
      if (
        (previous === "http" || previous === "https") &&
        !setting &&
        single >= 100 &&
        single <= 599 &&
        !HTTP_PORTS_IN_STATUS_RANGE.has(single)
      ) {
        this.nonPorts.add(single);
        return i;
      }
      // Vagrant's `[1, "ssh", 2202, 22, "127.0.0.1"]`: the service's host and guest ports
      return this.readList(i, undefined, this.startOf(i - 1), "plain");
    }
    // `SMB 445 port`, Vagrant's `5985 (guest) => 55985 (host)`
    // (the list before is looked for only before a port word: each look walks back over a list)
    const listBefore = PORT_AFTER.has(nextKey) || nextKey === "ports" ? this.listBefore(i) : [];
    if (
      (single >= 10 || listBefore.length > 0) &&
      (PORT_AFTER.has(nextKey) || (nextKey === "ports" && listBefore.length > 0)) &&
      // Vagrant's roles stand in parentheses: `101, host: smtp.example:465` names the next field
      (nextKey === "port" || nextKey === "ports" || this.gapHas(i, "(")) &&
      !this.gapHasNewline(i)
    ) {
      // `found 80,8080,443 port`: every number of a list written before the word
      for (const k of [...listBefore, i]) this.candidate(Number(this.key(k)), undefined, this.startOf(k), this.endOf(i + 1), k);
      return i + 1;
    }
    // `<$ MASTER>: 6443`: a placeholder host, a colon spaced out, its port
    if (/>[ \t]?:[ \t]$/.test(this.source.slice(Math.max(0, chunk.start - 4), chunk.start))) {
      this.candidate(single, undefined, Math.max(0, chunk.start - 4), chunk.end, i);
      return i;
    }
    // Consul's `Client Addr: 127.0.0.1 (HTTP: 8500, DNS: 8600)`: an address's ports, each named
    if (this.isNamedPortOfAddress(i)) {
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i);
      return i;
    }
    // `(10.0.0.5 : 5986)`: Test-NetConnection's warning spaces out host and port
    if (
      previous === "" &&
      i > 0 &&
      this.source[this.startOf(i - 1)] === ":" &&
      this.source[chunk.end] === ")" &&
      isHostLike(this.key(i - 2))
    ) {
      this.candidate(single, undefined, this.startOf(i - 2), chunk.end, i);
      return i;
    }
    // SQL Server's `Server=tcp:db01,1433`, `sqlcmd -S db01.corp,1433`: a host, a comma, its port
    if (this.gap(i - 1) === "," && this.isSqlServerHost(i - 1)) {
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i);
      return i;
    }
    // an endpoint built from an address and a port: .NET's `new IPEndPoint(IPAddress.Parse("192.168.1.2"), 161)`,
    // Java's `new InetSocketAddress("db01", 1433)`
    if (this.gap(i - 1).includes(",") && this.lineHas(chunk, ENDPOINT_CONSTRUCTOR)) {
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i);
      return i;
    }
    // a Python address tuple: `('10.10.1.51', 161)`, `('::ffff:172.26.12.101', 389, 0, 0)`, and one
    // built in a socket call: `sock.connect((sys.argv[1], 445))`
    const socketCall =
      this.source[chunk.end] === ")" && SOCKET_CALL_BEFORE.test(this.source.slice(Math.max(0, chunk.start - 80), chunk.start));
    if ((TUPLE_GAP.test(this.gap(i - 1)) && isTupleAddress(this.raw(i - 1))) || socketCall) {
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i);
      return i;
    }
    // `10.10.1.3 49990 14.16.2.36 31337`: a connection as address, port, address, port (netstat
    // plugins, HTTPERR logs); the service side is read
    if (
      validIpv4(previous) &&
      this.gapIsSpaces(i - 1) &&
      validIpv4(nextKey) &&
      this.gapIsSpaces(i) &&
      isPortDigits(this.key(i + 2)) &&
      single >= 1 &&
      Number(this.key(i + 2)) >= 1 &&
      Number(this.key(i + 2)) <= 65535 &&
      this.gapIsSpaces(i + 1)
    ) {
      const remote = Number(this.key(i + 2));
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i, "local");
      this.candidate(remote, undefined, this.startOf(i + 1), this.endOf(i + 2), i + 2, "remote");
      return i + 2;
    }
    // NetExec's `SMB 10.0.0.5 445 DC01`, `nc -zv host 5985`, `telnet 10.0.0.5 3389`
    // … and xrdp's `VNC connecting to 127.0.0.1 5900`
    const introduced =
      SERVICE_WORDS.has(this.key(i - 2)) ||
      this.toolBefore(i - 1) ||
      (this.key(i - 2) === "to" && validIpv4(previous)) ||
      // Tcl's (eggdrop's) `listen 127.0.0.1 7777 script`, lower case on the same line
      (this.raw(i - 2) === "listen" && !this.gapHasNewline(i - 2) && validIpv4(previous)) ||
      // OpenVPN's `remote vpn.example.com 1194` directive, at the start of its line
      (this.key(i - 2) === "remote" && this.startsItsLine(i - 2));
    const placeholder = this.source[this.startOf(i - 1) - 1] === "<" && /^> +$/.test(this.gap(i - 1));
    // (right after the tool and its flags any name is a host: `telnet pegasus 1704`, `nc -v api 80`)
    let tool = i - 2;
    while (tool > i - 5 && this.key(tool).startsWith("-")) tool--;
    const toolHost = PORT_TOOLS.has(this.key(tool)) && /^[a-z][a-z0-9.-]{0,62}$/.test(previous);
    if (introduced && (((isHostLike(previous) || toolHost) && this.gapIsSpaces(i - 1)) || placeholder)) {
      this.candidate(single, undefined, this.startOf(i - 1), chunk.end, i);
    } else if (this.unlabelled.length < MAX_FOUND && !(isServiceWord(previous) && /^\s*,\s*$/.test(this.gap(i - 1)))) {
      // (a record's field after a service word, IPBan's `RDP, 3389, 14`, is a count whatever its value)
      this.unlabelled.push(i);
    }
    return i;
  }

  /** Chunk `i` is the value of a `Name:` inside a parenthesis that follows an address: `172.20.20.1 (LAN: 8301, WAN: 8302)`. */
  private isNamedPortOfAddress(i: number): boolean {
    const name = i - 1;
    if (this.source[this.endOf(name)] !== ":" || !/^[a-z][a-z0-9-]{0,20}$/.test(this.key(name))) return false;
    for (let j = name, pairs = 0; j > 0 && pairs < MAX_NAMED_PORTS; j -= 2, pairs++) {
      const open = this.source[this.startOf(j) - 1] === "(";
      if (open) {
        const address = this.key(j - 1);
        return /^\]?[ \t]*\($/.test(this.gap(j - 1)) && (isHostLike(address) || hostPort(`${address}:80`) === 80);
      }
      // the pair before: `HTTP: 8500,`
      if (!/^[ \t]*,[ \t]*$/.test(this.gap(j - 1)) || !/^-?\d{1,5}$/.test(this.key(j - 1))) return false;
    }
    return false;
  }

  /** The chunk of a port's state said right after number `i` (`is open`, `are blocked`, `open.`), if any. */
  private stateAfter(i: number): number | undefined {
    if (!this.gapIsSpaces(i)) return undefined;
    if (IS_WORDS.has(this.key(i + 1)) && PORT_STATES.has(this.key(i + 2)) && this.gapIsSpaces(i + 1)) return i + 2;
    const end = this.endOf(i + 1);
    return PORT_STATES.has(this.key(i + 1)) && STATE_ENDS.test(this.source.slice(end, end + 6)) ? i + 1 : undefined;
  }

  /** `are already in use` after chunk `i` (said of ports, and of addresses: kept for pairs of ports). */
  private isInUseAfter(i: number): boolean {
    if (!this.gapIsSpaces(i) || !IS_WORDS.has(this.key(i + 1))) return false;
    const inAt = this.key(i + 2) === "already" ? i + 3 : i + 2;
    return this.key(inAt) === "in" && this.key(inAt + 1) === "use";
  }

  /** The bare numbers written just before chunk `i`, each separated by a comma: `80,8080` of `80,8080,443 port`. */
  /**
   * `allow 22,23,3368 ports`: the number ends a list, so the word after names the list's ports, not
   * a count of them; `scanned 1,000 ports` is a count written with a thousands separator.
   */
  private endsPortList(i: number, digits = this.key(i)): boolean {
    const list = this.listBefore(i);
    if (list.length === 0) return false;
    const thousands = list.length === 1 && /^\d{3}$/.test(digits) && this.gap(i - 1) === "," && Number(this.key(i - 1)) <= 65;
    return !thousands && !digits.startsWith("0");
  }

  private listBefore(i: number): number[] {
    const list: number[] = [];
    for (let k = i - 1; k >= 0 && list.length < MAX_LIST; k--) {
      // `80,8080 port`, `9200 and 9300 port`
      const word = LIST_WORDS.has(this.key(k)) && this.gapIsSpaces(k) && this.gapIsSpaces(k - 1) ? k - 1 : k;
      if (!isPortDigits(this.key(word)) || (word === k && !this.gapIsListSeparator(k)) || this.releases.has(word)) break;
      list.unshift(word);
      k = word;
    }
    return list;
  }

  /** The number at `i` and the numbers listed after it (`80, 443 and 5985`), read with one label. */
  private readList(i: number, protocol: Transport | undefined, from: number, role: Role): number {
    let last = i;
    // Snort's `ports client 21 22 23 25 …`: a run of numbers with only spaces between them is a list too
    const spaced = this.isSpacedRun(i);
    for (let k = i, count = 0; k < this.chunks.length && count < MAX_LIST; count++) {
      if (!this.readPortValue(this.key(k), protocol, from, this.endOf(k), k, role)) break;
      last = k;
      // `ports 80 (HTTP) and 443 (HTTPS)`, `135 (RPC), 445 (SMB)`: a name in parentheses after each port
      const named = this.nameInParenthesesAfter(k) ?? this.nameForAfter(k);
      if (named !== undefined) {
        if (named < 0) break;
        k = named;
        continue;
      }
      let next = k + 1;
      if (LIST_WORDS.has(this.key(next)) && this.gapIsSpacesOrCode(k)) next += 1;
      // `44300 through 44399`: a range's end, above its start (`443 through 2 load balancers` is none)
      else if (
        RANGE_WORDS.has(this.key(next)) &&
        this.gapIsSpaces(k) &&
        this.gapIsSpaces(next) &&
        Number(this.key(next + 1)) > Number(this.key(k))
      )
        next += 1;
      // `10051 instead of 10050`, `3389 rather than 3390`: the port set against another
      else if (
        LIST_PHRASE_STARTS.has(this.key(next)) &&
        LIST_PHRASES.has(`${this.key(next)} ${this.key(next + 1)}`) &&
        this.gapIsSpaces(k) &&
        this.gapIsSpaces(next)
      )
        next += 2;
      // `default ports 8530 / 8531`: the slash is a chunk of its own
      else if (this.key(next) === "" && this.raw(next) === "/" && this.gapIsSpaces(k)) next += 1;
      // a line continued with `\`: the backslash is a chunk of its own
      else if (spaced && this.isContinuation(next) && this.gapIsSpaces(k)) next += 1;
      else if (!this.gapIsListSeparator(k) && !(spaced && SPACED_LIST_GAP.test(this.gap(k)))) break;
      const nextKey = this.key(next);
      if (!isPortDigits(nextKey) && !PORT_RANGE.test(nextKey) && !PORT_PAIR.test(nextKey)) break;
      if (UNITS.has(this.key(next + 1)) && UNIT_GAP.test(this.gap(next))) break;
      k = next;
    }
    return last;
  }

  /**
   * After the port at `k`, a name in parentheses and the list going on (`80 (HTTP) and 443`): the
   * next port's index; -1 where the list ends there; undefined where no such name follows.
   */
  private nameInParenthesesAfter(k: number): number | undefined {
    if (!this.isNamedInParentheses(k)) return undefined;
    const after = this.gap(k + 1);
    let next = k + 2;
    if (CLOSE_THEN_SPACES.test(after) && LIST_WORDS.has(this.key(next)) && this.gapIsSpaces(next)) next += 1;
    else if (!CLOSE_THEN_COMMA.test(after)) return -1;
    // (the next port carries its name too: `port 443 (https) and 30 seconds later` is no list)
    return isPortDigits(this.key(next)) && this.isNamedInParentheses(next) ? next : -1;
  }

  /** `80 for HTTP and 443 for HTTPS`, `5985 for HTTP, 5986 for HTTPS`: each port, then the service it is for. */
  private nameForAfter(k: number): number | undefined {
    if (!this.isNamedFor(k)) return undefined;
    let next = k + 3;
    // `, or 3268 for global catalog servers`: a comma, then a list's word
    const comma = COMMA_GAP.test(this.gap(k + 2));
    if (!comma && !this.gapIsSpaces(k + 2)) return -1;
    if (LIST_WORDS.has(this.key(next)) && this.gapIsSpaces(next)) next += 1;
    else if (!comma) return -1;
    // (the next port is for something named too: `443 for HTTPS and 30 seconds later`, `30 for the
    // timeout` are no list)
    return isPortDigits(this.key(next)) &&
      this.key(next + 1) === "for" &&
      this.gapIsSpaces(next) &&
      !DETERMINERS.has(this.key(next + 2))
      ? next
      : -1;
  }

  private isNamedFor(k: number): boolean {
    return this.key(k + 1) === "for" && this.gapIsSpaces(k) && this.gapIsSpaces(k + 1) && isServiceWord(this.key(k + 2));
  }

  /** A word in parentheses right after chunk `k`: `80 (HTTP)`. */
  private isNamedInParentheses(k: number): boolean {
    return OPEN_PARENTHESIS_GAP.test(this.gap(k)) && PARENTHESISED_NAME.test(this.key(k + 1)) && this.gap(k + 1).startsWith(")");
  }

  /** At least MIN_SPACED_RUN bare numbers from `i` on, with spaces (or a `\` line continuation) between them. */
  private isSpacedRun(i: number): boolean {
    let k = i;
    for (let count = 1; count < MIN_SPACED_RUN; count++) {
      if (!isPortDigits(this.key(k))) return false;
      const next = this.isContinuation(k + 1) && this.gapIsSpaces(k) ? k + 2 : k + 1;
      if (next === k + 1 && !SPACED_LIST_GAP.test(this.gap(k))) return false;
      k = next;
    }
    return isPortDigits(this.key(k));
  }

  /** A shell's or a config's `\` ending a line that goes on. */
  private isContinuation(i: number): boolean {
    return this.raw(i) === "\\" && /^[ \t]*\r?\n[ \t]*$/.test(this.gap(i));
  }

  /** `5985`, `5985-5986`, `8080:80` (a mapping: both), `5985/5986` (two ports). */
  private readPortValue(key: string, protocol: Transport | undefined, from: number, to: number, at: number, role: Role): boolean {
    if (isPortDigits(key)) {
      this.candidate(Number(key), protocol, from, to, at, role);
      return true;
    }
    const range = PORT_RANGE.exec(key);
    if (range) {
      const [low, high] = [Number(range[1]), Number(range[2])];
      this.readRange(low, high, protocol, from, to, at, role);
      return true;
    }
    const two = PORT_PAIR.exec(key) ?? PORT_SLASH_PORT.exec(key);
    if (two) {
      this.candidate(Number(two[1]), protocol, from, to, at, role);
      this.candidate(Number(two[2]), protocol, from, to, at, role);
      return true;
    }
    return false;
  }

  /**
   * A narrow range port by port (`5985-5986`); a span of a service's ports by its two ends, the
   * ports written (`PASV ports 21000-21010`); a scan's or the ephemeral range (`1-65535`,
   * `49152-65535`, RTP's `10000-20000`) is no answer of single ports.
   */
  private readRange(
    low: number,
    high: number,
    protocol: Transport | undefined,
    from: number,
    to: number,
    at: number,
    role: Role,
  ): void {
    if (high >= low && high - low < MAX_PASTED_RANGE)
      for (let p = low; p <= high; p++) this.candidate(p, protocol, from, to, at, role);
    else if (high > low && high - low < MAX_SPANNED_RANGE)
      for (const p of [low, high]) this.candidate(p, protocol, from, to, at, role);
  }

  /** The label before chunk `i`, past up to three gap words: `port number is 5985`, `RemotePort : 5986`. */
  private labelBefore(i: number): { at: number; role: Role | "nonport" } | undefined {
    const chunk = this.chunks[i] as Chunk;
    let skippedName = false;
    let crossedCell = false;
    const exposed = this.has.expose ? this.exposeBefore(i) : undefined;
    if (exposed !== undefined) return { at: exposed, role: "plain" };
    for (let j = i - 1, gaps = 0; j >= 0 && gaps <= 4; j--, gaps++) {
      const key = this.key(j);
      // `IDs` and `ids` label ids; `IDS` is an intrusion detection system (`Snort IDS 1433 scan`)
      const role = key === "ids" && this.raw(j) === "IDS" ? undefined : labelRole(key);
      // a table's cell: `| Port | 3389 |` labels the next cell, `| … to the local port. | 4556 |` does not
      crossedCell ||= this.gapHas(j, "|");
      if (crossedCell && role !== undefined && j > 0 && !this.gapHas(j - 1, "|") && !this.gapHasNewline(j - 1)) return undefined;
      // sqlcmd's and bcp's `-P` is the password
      if (NON_PORT_FLAGS.has(key) && j === i - 1) return { at: j, role: "nonport" };
      // nc's flags run together, the port's last: `nc -lvnp 443`, `nc -nvlp 4444`
      if (j === i - 1 && NC_LISTEN_FLAGS.test(key) && PORT_TOOLS.has(this.key(j - 1))) return { at: j, role: "plain" };
      // ufw's `allow 5432`, `deny 80`, `limit 22/tcp` after `ufw`
      // (a list's protocol after its last port is read with the list: `ufw allow 25,110/tcp`)
      if (j === i - 1 && UFW_VERBS.has(key) && this.key(j - 1) === "ufw" && !this.gapIsListSeparator(i))
        return { at: j, role: "plain" };
      // netsh's `set dynamicport tcp start=49152 num=16384`: the range's first port, then how many
      if (j === i - 1 && (key === "start" || key === "num") && this.gap(j) === "=" && this.lineHas(chunk, DYNAMIC_PORT_COMMAND))
        return { at: j, role: key === "start" ? "plain" : "nonport" };
      // a PowerShell parameter that names a port inside its name: `-StaticPortForIPAll 14339`
      if (j === i - 1 && POWERSHELL_PORT_PARAMETER.test(this.raw(j))) return { at: j, role: "plain" };
      if (FLAG_LABELS.has(key) && j === i - 1)
        return {
          at: j,
          role:
            (key === "-p" && this.raw(j) === "-P" && this.lineHas(chunk, PASSWORD_P_CLIENTS)) ||
            (key === "-p" && this.lineHas(chunk, PARALLEL_P_TOOLS))
              ? "nonport"
              : "plain",
        };
      // `host: 3389` after `guest: 3389` (Vagrant), never a host name
      if (key === "host" && this.source[this.endOf(j)] === ":" && Number(chunk.key) >= 10 && this.guestBefore(j))
        return { at: j, role: "plain" };
      // `Listening on 3666`, Tcl's `listen 2222 all`, never netstat's `LISTENING 6135` (a socket's inode)
      const command = key === "listen" && j === i - 1 && this.raw(j) === "listen";
      if (!command && LISTENING.has(key) && (j === i - 1 || !/^(?:on|at)$/.test(this.key(j + 1)))) return undefined;
      if (role !== undefined) {
        // a table's header ending in a port's column (`PID  COMM  DPORT`) labels no number opening a
        // row whose port the column was read from: that number is the first column's (a PID)
        if (j === i - 1 && this.gapHasNewline(j) && this.columnRows.has(this.newlineBefore(chunk.start))) return undefined;
        // a setting (`local_port = 445`, `remote_port = 10445` of frp's ini) is no end of a connection;
        // iptables' `SPT=1024 DPT=1025`, with no space before its `=`, is one
        if (role !== "nonport" && role !== "plain" && /^[ \t]+=/.test(this.gap(j))) return { at: j, role: "plain" };
        // netsh's `Number of Ports : 16384`: a count of ports (not `the number of port 443 sessions`)
        if (
          key === "ports" &&
          this.key(j - 1) === "of" &&
          this.key(j - 2) === "number" &&
          /^[ \t]*:/.test(this.source.slice(this.endOf(j), this.endOf(j) + 8))
        )
          return { at: j - 2, role: "nonport" };
        if (role !== "nonport" && (key === "port" || key === "ports") && SOURCE_WORDS.has(this.key(j - 1)))
          return { at: j - 1, role: "source" };
        // sshd names its client by address and port: `Connection from 59.91.122.57 port 34388`
        if (key === "port" && validIpv4(this.key(j - 1)) && this.lineHas(chunk, SSHD_LINE)) return { at: j, role: "source" };
        if (role === "nonport" && j !== i - 1 && !chunk.colon) return undefined;
        return { at: j, role };
      }
      // one name between a label's `of`/`in`/`for` and its `is`: `the default port of SQL Server is 1433`
      const named = !skippedName && OF_WORDS.has(this.key(j - 1)) && IS_WORDS.has(this.key(j + 1));
      if (named) skippedName = true;
      else if (!LABEL_GAP_WORDS.has(key)) return undefined;
      if (key !== "" && this.gapHasNewline(j)) return undefined;
    }
    return undefined;
  }

  /**
   * `Windows 2000`, `Win 2008`, `Windows Server 2003`, `SQL 2019`: a year after a release's name;
   * or before an edition only Windows releases have (`2008 R2`, `2003 SP2`).
   */
  private isRelease(i: number): boolean {
    if (this.gapIsSpaces(i) && RELEASE_EDITIONS.has(this.key(i + 1))) return true;
    if (!this.gapIsSpaces(i - 1)) return false;
    const before = this.key(i - 1);
    const name = before === "server" && this.gapIsSpaces(i - 2) ? this.key(i - 2) : before;
    if (!RELEASE_NAMES.has(name)) return false;
    // (a year no server was released in stays a port: `data exchange 2049 blocked`, `SQL 2082`)
    return WINDOWS_RELEASE_WORDS.has(name) || RELEASE_YEARS.has(this.key(i));
  }

  /**
   * `tcp 10.0.6.56:3067 -> 172.36.4.7:139`: a packet's two ends after its protocol, each a host and
   * its port on another host; not a mapping (`portproxy 0.0.0.0:13389 -> 10.0.0.5:3389`, `DNAT
   * 203.0.113.5:443 -> 10.0.0.5:8443`) nor a change (`10.0.0.5:3389 -> 10.0.0.5:3390`).
   */
  private isSpacedFlow(source: number, destination: number): boolean {
    if (source < 1 || destination >= this.chunks.length || !PROTOCOL_WORDS.has(this.key(source - 1))) return false;
    const [from, to] = [this.raw(source), this.raw(destination)];
    if (hostPort(from) === undefined || hostPort(to) === undefined) return false;
    return from.slice(0, from.lastIndexOf(":")) !== to.slice(0, to.lastIndexOf(":"));
  }

  /** The release year at `i` and the years listed after it, each with its edition (`2008, 2008 R2, 2012 and 2016`): none a port. */
  private markReleaseList(i: number): number {
    let last = i;
    for (let k = i, count = 0; count < MAX_LIST; count++) {
      this.nonPorts.add(Number(this.key(k)));
      this.releases.add(k);
      last = k;
      if (this.gapIsSpaces(k) && RELEASE_EDITIONS.has(this.key(k + 1))) last = k = k + 1;
      let next = k + 1;
      if (LIST_WORDS.has(this.key(next)) && (this.gapIsSpaces(k) || this.gapIsListSeparator(k)) && this.gapIsSpaces(next))
        next += 1;
      else if (!this.gapIsListSeparator(k)) break;
      // (only a release's year goes on the list: `Windows 2019, 2049 blocked` ends at 2019)
      if (!RELEASE_YEARS.has(this.key(next))) break;
      k = next;
    }
    return last;
  }

  /** Dockerfile's `EXPOSE 80 443 8080/tcp`: the instruction opening the line, then only ports (a bounded look back). */
  private exposeBefore(i: number): number | undefined {
    for (let j = i - 1; j >= 0 && j >= i - MAX_EXPOSED_PORTS; j--) {
      if (!this.gapIsSpaces(j)) return undefined;
      const key = this.key(j);
      if (key === "expose") return this.raw(j) === "EXPOSE" && this.startsItsLine(j) ? j : undefined;
      if (!isPortDigits(key) && !PORT_SLASH_PROTOCOL.test(key) && !PORT_RANGE.test(key)) return undefined;
    }
    return undefined;
  }

  /** `Event Logs with ID 36887, 36888, and 36874`: the numbers listed after an id's label are ids too. */
  private markListAfter(i: number): number {
    let last = i;
    for (let k = i, count = 0; count < MAX_LIST; count++) {
      let next = k + 1;
      if (LIST_WORDS.has(this.key(next)) && (this.gapIsSpaces(k) || this.gapIsListSeparator(k)) && this.gapIsSpaces(next))
        next += 1;
      else if (!this.gapIsListSeparator(k)) break;
      // (ids of one kind have as many digits: `ID 1722, 135 and 445 are open` lists ports after it)
      if (!isPortDigits(this.key(next)) || this.key(next).length !== this.key(i).length) break;
      this.nonPorts.add(Number(this.key(next)));
      last = k = next;
    }
    return last;
  }

  /** nmap's and masscan's `-p T:22,53,139,U:53,137`: each `T:` or `U:` sets the protocol of the ports after it. */
  private readPortSpec(i: number): number {
    let protocol: Transport | undefined;
    let last = i;
    for (let k = i; k < this.chunks.length && k < i + MAX_LIST; k++) {
      let value = this.key(k);
      const prefix = PORT_SPEC_PREFIX.exec(value);
      if (prefix) {
        protocol = prefix[1] === "t" ? "TCP" : "UDP";
        value = value.slice(2);
      }
      if (!this.readPortValue(value, protocol, this.startOf(k), this.endOf(k), k, "plain")) break;
      last = k;
      if (!COMMA_GAP.test(this.gap(k))) break;
    }
    return last;
  }

  /** Apache's error log names the client in brackets, its address masked or not: `[client :51515]`. */
  private isApacheClient(i: number): boolean {
    return this.key(i - 1) === "client" && this.source[this.startOf(i - 1) - 1] === "[";
  }

  /** `ClientIP: 10.0.0.5:14829`, `connection from 10.0.0.5:52311`: a client's address and its own port. */
  private isClientAddress(i: number): boolean {
    const key = this.key(i);
    const colon = key.indexOf(":");
    const glued = colon > 0 && !/^[\d.[]/.test(key) ? key.slice(0, colon) : "";
    for (const word of [glued, this.key(i - 1), this.key(i - 1) === "" ? this.key(i - 2) : ""]) {
      if (CLIENT_WORDS.has(labelKey(word))) return true;
    }
    // a login log's `failed to login from 192.0.2.1:65001`: who came in, from an ephemeral port of
    // theirs; only on a line about logging in (`no response from 10.0.0.10:49667` names a server's
    // dynamic RPC port, `update from [172.50.1.233:10050]` a server's)
    const from = this.key(i - 1) === "from" ? i - 1 : this.key(i - 1) === "" && this.key(i - 2) === "from" ? i - 2 : -1;
    return from >= 0 && (hostPort(this.raw(i)) ?? 0) >= EPHEMERAL_FROM && this.lineHas(this.chunks[from] as Chunk, LOGIN_LINE);
  }

  /** The host of a SQL Server connection string or `sqlcmd -S`: `tcp:db01`, after `Server=`, `Data Source=`, `-S`. */
  private isSqlServerHost(i: number): boolean {
    const key = this.key(i);
    if (key.startsWith("tcp:")) return isHostLike(key.slice(4)) || /^[a-z][a-z0-9.-]*$/.test(key.slice(4));
    if (!isHostLike(key) && !/^[a-z][a-z0-9.\\-]*$/.test(key)) return false;
    const before = this.key(i - 1);
    return SQL_HOST_LABELS.has(before) || (before === "source" && this.key(i - 2) === "data");
  }

  private isMaskedHostBefore(chunk: Chunk): boolean {
    const before = this.source[chunk.start - 2] ?? "";
    // a Ruby backtrace's pseudo-file and line: `    from (irb):10:in '<main>'`
    if (before === ")" && RUBY_BACKTRACE_LINE.test(this.lineBefore(chunk, MAX_COMMAND_LINE).text)) return false;
    return before !== "" && ">)]}*".includes(before);
  }

  private isParenthesised(chunk: Chunk): boolean {
    return this.source[chunk.start - 1] === "(" && this.source[chunk.end] === ")";
  }

  /** A number cut by a terminal's line wrap: `59` ending a full line with `86` starting the next. */
  private isWrapped(chunk: Chunk): boolean {
    const s = this.source;
    const after = s[chunk.end] === "\r" ? chunk.end + 1 : chunk.end;
    if (s[after] === "\n" && isDigitCode(s.charCodeAt(after + 1))) {
      // (a log's next record starts with its date, `07/Sep/2018 10:10:08`: no wrap)
      if (RECORD_DATE.test(s.slice(after + 1, after + 12))) return false;
      return chunk.end - (s.lastIndexOf("\n", chunk.start) + 1) >= MIN_WRAPPED_LINE;
    }
    if (s[chunk.start - 1] !== "\n") return false;
    const lineEnd = s[chunk.start - 2] === "\r" ? chunk.start - 2 : chunk.start - 1;
    return isDigitCode(s.charCodeAt(lineEnd - 1)) && lineEnd - (s.lastIndexOf("\n", lineEnd - 1) + 1) >= MIN_WRAPPED_LINE;
  }

  private toolBefore(hostAt: number): boolean {
    for (let j = hostAt - 1; j >= 0 && j >= hostAt - 6; j--) {
      const key = this.key(j);
      if (PORT_TOOLS.has(key)) return true;
      // Telnet's prompt: `Microsoft Telnet> OPEN mail1.fabrikam.com 25`
      if (key === "open" && PORT_TOOLS.has(this.key(j - 1))) return true;
      // a flag's value: `nc -w 3 host 445`
      if (isPortDigits(key) && this.key(j - 1).startsWith("-")) continue;
      if (!key.startsWith("-")) return false;
    }
    return false;
  }

  /** The first chunk after `i` that is not a lone `:` (`Protocol : TCP`). */
  private nextValue(i: number): number | undefined {
    // (PowerShell's comparison: `where Protocol -eq UDP`)
    for (let j = i + 1; j < this.chunks.length && j <= i + 2; j++) if (this.key(j) !== "" && this.key(j) !== "-eq") return j;
    return undefined;
  }

  private gap(i: number): string {
    const a = this.at(i);
    const b = this.at(i + 1);
    if (!a || !b) return "";
    return this.source.slice(a.end, Math.min(b.start, a.end + 16));
  }

  /** Whether the characters between chunk `i` and the next (at most 16) include `character`. */
  private gapHas(i: number, character: string): boolean {
    const a = this.at(i);
    const b = this.at(i + 1);
    if (!a || !b) return false;
    const end = Math.min(b.start, a.end + 16);
    for (let at = a.end; at < end; at++) if (this.source[at] === character) return true;
    return false;
  }

  private gapHasNewline(i: number): boolean {
    return this.gapHas(i, "\n");
  }

  /** Whether the characters between chunk `i` and the next (at most 16) are spaces and tabs, at least one. */
  private gapIsSpaces(i: number): boolean {
    const a = this.at(i);
    const b = this.at(i + 1);
    if (!a || !b) return false;
    const end = Math.min(b.start, a.end + 16);
    if (end <= a.end) return false;
    for (let at = a.end; at < end; at++) {
      const code = this.source.charCodeAt(at);
      if (code !== 32 && code !== 9) return false;
    }
    return true;
  }

  /**
   * A number a command line filters another command's output by: a port after `netstat`, `ss` or
   * `lsof` (`netstat -ano | findstr "80"`), a process id after `tasklist` or `ps`.
   */
  private commandFilter(chunk: Chunk): "port" | "pid" | undefined {
    const { text: before, whole } = this.lineBefore(chunk, MAX_COMMAND_LINE);
    if (!whole) return undefined;
    // `ss -tlnp | grep -E ':(80|443|3000)'`: each number of the pattern's alternatives
    const line = before.replace(ALTERNATIVES_BEFORE, "");
    const pipe = line.lastIndexOf("|");
    if (pipe < 0 || !FILTER.test(line.slice(pipe + 1))) return undefined;
    let command = "";
    LISTERS.lastIndex = 0;
    const stage = line.slice(line.lastIndexOf("|", pipe - 1) + 1, pipe);
    for (let match = LISTERS.exec(stage); match !== null; match = LISTERS.exec(stage)) command = match[0].toLowerCase();
    if (command === "") return undefined;
    return PROCESS_LISTERS.has(command) ? "pid" : "port";
  }

  /**
   * Addresses with more after the port: ssh's forwards (`-L 4000:db.example:3306`, both ports), a
   * host and port with a path but no scheme (`consul.example.com:8500/v1/kv`), a placeholder host's
   * port (`http://<ip-of-server>:9182/metrics`).
   */
  private readAddressWithPath(i: number, protocol: Transport | undefined): boolean {
    const chunk = this.chunks[i] as Chunk;
    const key = chunk.key;
    const forward = this.key(i - 1).startsWith("-") && SSH_FORWARD_FLAG.test(this.key(i - 1)) ? SSH_FORWARD.exec(key) : null;
    if (forward) {
      this.candidate(Number(forward[1]), protocol, chunk.start, chunk.end, i);
      this.candidate(Number(forward[2]), protocol, chunk.start, chunk.end, i);
      return true;
    }
    const pathed = key.includes("/") ? HOST_PORT_PATH.exec(key) : null;
    if (pathed && (validIpv4(pathed[1] as string) || isHostLike(pathed[1] as string) || pathed[1]?.startsWith("$"))) {
      this.candidate(Number(pathed[2]), protocol, chunk.start, chunk.end, i);
      // `demo.pysnmp.com:161/162`: a second port after the slash
      const second = /\/(\d{2,5})$/.exec(key);
      if (second) this.candidate(Number(second[1]), protocol, chunk.start, chunk.end, i);
      return true;
    }
    // IIS's binding information, address:port:host header: `192.168.1.3:443:www.example.com`, `*:21:`
    const binding = hasTwoColons(key) ? IIS_BINDING.exec(key) : null;
    if (binding) {
      this.candidate(Number(binding[1]), protocol, chunk.start, chunk.end, i);
      return true;
    }
    // Compose's `"<YOUR-IP>:53:53/udp"`: a placeholder host, then a published port
    const publishedAfter = this.source[chunk.start - 1] === ">" ? PLACEHOLDER_PUBLISHED.exec(key) : null;
    if (publishedAfter) {
      const protocolOf = publishedAfter[3] === undefined ? protocol : PROTOCOL_WORDS.get(publishedAfter[3]);
      this.candidate(Number(publishedAfter[1]), protocolOf, chunk.start, chunk.end, i);
      this.candidate(Number(publishedAfter[2]), protocolOf, chunk.start, chunk.end, i);
      return true;
    }
    const placeholder = this.source[chunk.start - 1] === ">" ? PLACEHOLDER_PORT.exec(key) : null;
    if (placeholder) {
      this.candidate(Number(placeholder[1]), protocol, chunk.start, chunk.end, i);
      return true;
    }
    return false;
  }

  /**
   * A DNS SRV record's port: `SRV 0 100 389 dc1.corp.example.`, priority, weight, port, target
   * (`_ldap._tcp.dc._msdcs` answers, Wireshark's `SRV, cache flush 0 0 7000 host.local`).
   */
  private isSrvPort(i: number): boolean {
    if (!isPortDigits(this.key(i - 1)) || !isPortDigits(this.key(i - 2)) || !isHostLike(this.key(i + 1).replace(/\.$/, "")))
      return false;
    for (let j = i - 3; j >= 0 && j >= i - 6; j--) {
      if (this.key(j) === "srv") return true;
      if (this.gapHasNewline(j)) return false;
    }
    return false;
  }

  /** `443 端口`: a number, a space, then a port's label in Chinese, Japanese, Korean or Russian. */
  private isBeforeWideLabel(i: number): boolean {
    if (this.source.charCodeAt(this.startOf(i + 1)) <= 127 || !this.gapIsSpaces(i)) return false;
    const next = this.raw(i + 1);
    return NON_ASCII_LABELS.some((label) => next.startsWith(label));
  }

  /** `kubectl port-forward tiller-deploy-6 -n kube-system 44134`: the ports a forward names. */
  private isPortForwardArgument(i: number): boolean {
    for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
      if (this.key(j) === "port-forward") return true;
      if (this.gapHasNewline(j)) return false;
    }
    return false;
  }

  /** Whether the line of `chunk`, up to it (its last MAX_COMMAND_LINE characters), has what `pattern` looks for. */
  /** Whether only spaces stand between chunk and the start of its line. */
  private opensLine(chunk: Chunk): boolean {
    const lead = this.lineBefore(chunk, MAX_LINE_LEAD);
    return lead.whole && lead.text.trim() === "";
  }

  /** The rest of chunk's line from its start, at most MAX_COMMAND_LINE characters. */
  private lineAfter(chunk: Chunk): string {
    const window = this.source.slice(chunk.start, chunk.start + MAX_COMMAND_LINE);
    const newline = window.indexOf("\n");
    return newline < 0 ? window : window.slice(0, newline);
  }

  private lineHas(chunk: Chunk, pattern: RegExp): boolean {
    return pattern.test(this.lineBefore(chunk, MAX_COMMAND_LINE).text);
  }

  /**
   * The text of `chunk`'s line before it, looked for at most `reach` characters back (never the
   * whole of a long line: that would make a line of many numbers quadratic); `whole` says whether
   * the line starts within reach.
   */
  private isInDiffHunkHeader(chunk: Chunk): boolean {
    const start = this.lineStart(chunk);
    return start >= 0 && this.source.startsWith("@@ -", start);
  }

  /** `>4444</DestinationPort>`: the value of an XML element whose name is a port's label. */
  private isPortElement(chunk: Chunk): boolean {
    if (this.source[chunk.start - 1] !== ">" || !this.source.startsWith("</", chunk.end)) return false;
    const name = /^<\/([A-Za-z][\w.-]{0,40})>/.exec(this.source.slice(chunk.end, chunk.end + 44))?.[1];
    const role = name === undefined ? undefined : labelRole(name);
    return role !== undefined && role !== "nonport";
  }

  /** A security group rule around the chunk whose protocol is ICMP: its from and to ports are a type and a code. */
  private isIcmpRule(chunk: Chunk): boolean {
    let before = this.source.slice(Math.max(0, chunk.start - ICMP_REACH), chunk.start);
    let after = this.source.slice(chunk.end, chunk.end + ICMP_REACH);
    // the rule's own braces (JSON, Terraform), or the CLI shorthand's own word (`IpProtocol=icmp,FromPort=3`)
    before = before.slice(Math.max(before.lastIndexOf("{"), before.lastIndexOf("}")) + 1);
    after = after.slice(0, /[{}]/.exec(after)?.index ?? after.length);
    if (before.endsWith("=")) {
      before = before.slice(before.search(/\S*$/));
      after = after.slice(0, /\s/.exec(after)?.index ?? after.length);
    }
    return ICMP_PROTOCOL.test(before + after);
  }

  /** A month's name right before or after chunk `i`, or one `de`/`of` away: `31 de julio de 1996`. */
  private besideMonth(i: number): boolean {
    // (on the same line: `HTTP = 1` is not a day of the next line's `Sep 02`)
    for (const step of [-1, 1]) {
      const near = i + step;
      const far = i + 2 * step;
      const sameLine = (from: number, to: number) => !this.gapHasNewline(Math.min(from, to));
      if (MONTH_NAMES.has(this.key(near)) && sameLine(i, near)) return true;
      if (
        (this.key(near) === "de" || this.key(near) === "of") &&
        MONTH_NAMES.has(this.key(far)) &&
        sameLine(i, near) &&
        sameLine(near, far)
      )
        return true;
    }
    return false;
  }

  /** The protocol a firewall log's line names before the chunk: `Deny inbound tcp src …`. */
  private protocolOnLine(chunk: Chunk): Transport | undefined {
    const named = PROTOCOL_ON_LINE.exec(this.lineBefore(chunk, MAX_COMMAND_LINE).text);
    return named ? PROTOCOL_WORDS.get((named[1] as string).toLowerCase()) : undefined;
  }

  /** Only spaces before chunk `i` on its line. */
  private startsItsLine(i: number): boolean {
    const from = this.lineStart(this.chunks[i] as Chunk);
    return from >= 0 && /^[ \t]*$/.test(this.source.slice(from, this.startOf(i)));
  }

  /** Where chunk's line starts, looking back at most MAX_COMMAND_LINE characters (-1: further). */
  private lineStart(chunk: Chunk): number {
    const from = Math.max(0, chunk.start - MAX_COMMAND_LINE);
    const newline = this.newlineBefore(chunk.start);
    return newline >= from ? newline + 1 : from === 0 ? 0 : -1;
  }

  private lineBefore(chunk: Chunk, reach: number): { text: string; whole: boolean } {
    const from = Math.max(0, chunk.start - reach);
    const newline = this.newlineBefore(chunk.start);
    return newline >= from
      ? { text: this.source.slice(newline + 1, chunk.start), whole: true }
      : { text: this.source.slice(from, chunk.start), whole: from === 0 };
  }

  /** Where the last newline before `position` is, or -1: from an index of them made once per text. */
  private newlineBefore(position: number): number {
    if (this.newlines === undefined) {
      this.newlines = [];
      for (let at = this.source.indexOf("\n"); at >= 0; at = this.source.indexOf("\n", at + 1)) this.newlines.push(at);
    }
    const newlines = this.newlines;
    let [low, high] = [0, newlines.length - 1];
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = newlines[middle] as number;
      if (at < position) {
        found = at;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** Vagrant's `guest: 3389, host: 55985`: a guest port written just before. */
  private guestBefore(j: number): boolean {
    for (let k = j - 1; k >= 0 && k >= j - 8; k--) if (this.key(k) === "guest") return true;
    return false;
  }

  /** `2. Opened port 1433`, `3) Restart`: a list's number at the start of its line. */
  private isListMarker(chunk: Chunk): boolean {
    // ufw's numbered rules: `[ 3] 25  ALLOW IN  Anywhere`
    if (chunk.key.length <= 3 && this.source[chunk.end] === "]") {
      const { text, whole } = this.lineBefore(chunk, MAX_LINE_LEAD);
      return whole && /^[ \t]*\[[ \t]*$/.test(text);
    }
    if (chunk.key.length > 2 || !/^[.)] +[^\s\d]/.test(this.source.slice(chunk.end, chunk.end + 3))) return false;
    const { text, whole } = this.lineBefore(chunk, MAX_LINE_LEAD);
    // (a Markdown heading's number too: `## 4. UDP listener inventory`)
    return whole && /^[\s>*#-]*$/.test(text);
  }

  private gapIsListSeparator(i: number): boolean {
    return /^[ \t`]*[,;/][ \t`]*$/.test(this.gap(i));
  }

  /** Spaces, or spaces and Markdown's code marks: `` port `2375` or `2376` ``. */
  private gapIsSpacesOrCode(i: number): boolean {
    return /^[ \t`]+$/.test(this.gap(i)) && /[ \t]/.test(this.gap(i));
  }
}

/**
 * `winrm`, `smb`, and a compound of one and a port or TLS word: `winrm-ssl`, `ldap_port`; never an
 * identifier that only begins with one (`ldap_new_socket: 3`, `rpc_vers_minor: 80`).
 */
/** What one word names: services (`WinRM`), and the transports among its parts (`https` of `winrm-https`). */
interface WordServices {
  readonly services: readonly PasteService[];
  readonly transport: readonly string[];
}

/** The services word `raw` (as written; `key` is it in lower case) names, looked up once per process. */
function wordServices(raw: string, key: string): WordServices {
  const known = knownWords.get(raw);
  if (known !== undefined) return known;
  const { transportWords } = pasteServices();
  const services = servicesNamedBy(raw);
  const transport = key.split(COMPOUND_PARTS).filter((part) => transportWords.has(part));
  // (most words name nothing: they share one empty answer)
  const named: WordServices = services.length === 0 && transport.length === 0 ? NAMES_NOTHING : { services, transport };
  if (knownWords.size >= MAX_WORDS_KNOWN) knownWords.clear();
  knownWords.set(detachedCopy(raw), named);
  return named;
}

/** A chunk (lower case) that is a date, a time of day, both (ISO 8601), an AWS resource's id or a UUID. */
function isTimestampOrId(key: string): boolean {
  if (key.length >= 10 && key.charCodeAt(4) === 45 && isDigitCode(key.charCodeAt(0))) return ISO_TIMESTAMP.test(key);
  if (key.length >= 8 && key.charCodeAt(2) === 58 && key.charCodeAt(5) === 58) return TIME_OF_DAY.test(key);
  const dash = key.indexOf("-");
  if (dash < 1 || dash > 8) return false;
  return dash === 8 ? UUID.test(key) : AWS_ID.test(key);
}

/** Whether `key` has two colons or more: what an address, a port and something after both need (`1.2.3.4:80:80`). */
function hasTwoColons(key: string): boolean {
  const first = key.indexOf(":");
  return first >= 0 && key.indexOf(":", first + 1) >= 0;
}

function isLowerLetterCode(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isServiceWord(key: string): boolean {
  if (SERVICE_WORDS.has(key)) return true;
  const cut = key.search(/[-_]/);
  if (cut <= 0 || !SERVICE_WORDS.has(key.slice(0, cut))) return false;
  const rest = key.slice(cut + 1);
  return SERVICE_SUFFIXES.has(rest) || labelRole(rest) === "plain";
}

function wordBeforeBracket(key: string): string {
  const bracket = key.search(/[[\]{}]/);
  return bracket > 0 ? key.slice(0, bracket) : key;
}

/** `SPT=15314 DPT=21379`, `Source Port: 3389 Destination Port: 51000`: each port says which end it is. */
function isLabelledPair(source: Candidate, destination: Candidate): boolean {
  return source.role === "source" && destination.role === "dest";
}

/**
 * The service of a pair whose labels name its ends: the destination, unless the packet is a reply
 * (a well-known or fixed source port answering an ephemeral or higher destination).
 */
function labelledService(source: Candidate, destination: Candidate): Candidate {
  const reply =
    (destination.port >= EPHEMERAL_FROM && source.port < EPHEMERAL_FROM) ||
    (source.port < WELL_KNOWN_BELOW && destination.port >= WELL_KNOWN_BELOW);
  return reply ? source : destination;
}

/** Of two ports of one connection, the service's: the one that is not ephemeral, else the lower. */
function serviceSide(a: number, b: number): number {
  const ephemeralA = a >= EPHEMERAL_FROM;
  const ephemeralB = b >= EPHEMERAL_FROM;
  if (ephemeralA !== ephemeralB) return ephemeralA ? b : a;
  return Math.min(a, b);
}

/**
 * A source port and a destination (or a local and a remote) standing close together are one
 * connection: its service is the side that is not a client's ephemeral port (where both are, the
 * destination). A well-known port (below 1024) is kept on either side (DHCP's client port 68). A
 * source port alone is kept unless it is ephemeral: Windows Filtering Platform events write the
 * local side as the source.
 */
function pairUp(candidates: readonly Candidate[]): Candidate[] {
  const used = new Set<number>();
  const kept: Candidate[] = [];
  const isSource = (role: Role) => role === "source" || role === "local";
  const isDestination = (role: Role) => role === "dest" || role === "remote";
  for (let i = 0; i < candidates.length; i++) {
    if (used.has(i)) continue;
    const c = candidates[i] as Candidate;
    let partner = -1;
    if (isSource(c.role) || isDestination(c.role)) {
      for (let j = i + 1; j < candidates.length; j++) {
        const other = candidates[j] as Candidate;
        if (other.at - c.at > PAIR_DISTANCE) break;
        if (!used.has(j) && (isSource(c.role) ? isDestination(other.role) : isSource(other.role))) {
          partner = j;
          break;
        }
      }
    }
    if (partner < 0) {
      // a client's own address keeps only a well-known port (`from 10.0.0.5:68`)
      if (c.role === "client" ? c.port < WELL_KNOWN_BELOW : c.role !== "source" || c.port < EPHEMERAL_FROM) kept.push(c);
      continue;
    }
    used.add(partner);
    const other = candidates[partner] as Candidate;
    const [source, destination] = isSource(c.role) ? [c, other] : [other, c];
    const bothEphemeral = source.port >= EPHEMERAL_FROM && destination.port >= EPHEMERAL_FROM;
    const service = bothEphemeral
      ? destination
      : isLabelledPair(source, destination)
        ? labelledService(source, destination)
        : serviceSide(source.port, destination.port) === source.port
          ? source
          : destination;
    const client = service === source ? destination : source;
    const side: FoundPort["side"] = service.role === "remote" && client.role === "local" ? "remote" : "destination";
    // a flow's two ends share its protocol: `tcp 10.0.6.56:3067 -> 172.36.4.7:139`
    const protocol = service.protocol ?? client.protocol;
    kept.push({ ...service, protocol, side });
    if (client.port < WELL_KNOWN_BELOW) kept.push({ ...client, protocol: client.protocol ?? protocol, side });
  }
  return kept;
}

function chunksOf(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (let at = 0; at < text.length; ) {
    if (isChunkSeparator(text.charCodeAt(at)) || isEscapedQuote(text, at)) {
      at++;
      continue;
    }
    const from = at;
    // whether the chunk has a `*` or `$`: only such a chunk can carry bold or a shell's default
    let markup = false;
    // whether lower-casing can change it: a capital, or a character outside ASCII
    let cased = false;
    for (const length = text.length; at < length; at++) {
      const code = text.charCodeAt(at);
      if (code < 128) {
        const kind = ASCII_KINDS[code];
        if (kind === 1) break;
        if (kind === 2) markup = true;
        else if (kind === 3) cased = true;
        else if (kind === 4 && text.charCodeAt(at + 1) === 34) break;
      } else if (isChunkSeparator(code)) break;
      else cased = true;
    }
    if (at - from > MAX_CHUNK) {
      chunks.push({ key: " ", start: from, end: at, colon: false, text: text.slice(from, at), marked: false, digit: false });
      continue;
    }
    const raw = text.slice(from, at);
    // Cisco IOS's `10.0.6.56(3067)`: an address and its port in parentheses, read as `10.0.6.56:3067`
    const portInParentheses =
      text.charCodeAt(at) === 40 && isIpv4Shape(raw) ? PARENTHESISED_PORT.exec(text.slice(at, at + 8)) : null;
    if (portInParentheses) {
      const key = `${raw}:${portInParentheses[1]}`;
      at += portInParentheses[0].length;
      chunks.push({ key, start: from, end: at, colon: false, text: key, marked: false, digit: true });
      continue;
    }
    // `(see 10.0.0.1:445).` loses its trailing dot, `[10.0.0.1:445]` its brackets; `[::1]:3389` keeps them
    let start = from;
    // Markdown's bold: `**netstat | grep :2775**`
    // (and `**Phase:** 12`, bold at its start)
    const trimmed = markup && raw.endsWith("**") ? raw.replace(/\*+$/, "") : raw;
    const unbolded = markup && trimmed.startsWith("**") && trimmed.length > 2 ? trimmed.slice(2) : trimmed;
    if (unbolded !== trimmed) start += 2;
    let cleaned = TRAILING_CHARACTERS.has(unbolded.charCodeAt(unbolded.length - 1)) ? unbolded.replace(TRAILING, "") : unbolded;
    // Zabbix's `[[127.0.0.1]:10050]`: the outer brackets hold a bracketed host and its port
    if (cleaned.startsWith("[[") && cleaned.endsWith("]") && cleaned.includes("]:")) {
      cleaned = cleaned.slice(1, -1);
      start += 1;
    }
    if (cleaned.startsWith("[") && !cleaned.includes("]:")) {
      cleaned = cleaned.slice(1).replace(/\]$/, "");
      // `[{localhost/127.0.0.1:4593}]`: what the bracket hid ends the chunk now
      if (TRAILING_CHARACTERS.has(cleaned.charCodeAt(cleaned.length - 1))) cleaned = cleaned.replace(TRAILING, "");
      start += 1;
    }
    // `[Errno 111]`: the bracket's close, with no open in the chunk, ends it
    if (cleaned.endsWith("]") && !cleaned.includes("[")) cleaned = cleaned.slice(0, -1);
    const colon = cleaned.length > 1 && cleaned.startsWith(":") && isPortDigits(cleaned.slice(1));
    if (colon) {
      cleaned = cleaned.slice(1);
      start += 1;
    }
    // bold around a number inside the chunk: `127.0.0.1:**631**`, `[host:**2502**]`; a shell's (and
    // Compose's) default for an unset variable stands for the value: `${WEB_PORT:-8080}:80`
    const unbold = markup && cleaned.includes("**") ? cleaned.replace(BOLD_BESIDE_DIGIT, "") : cleaned;
    const unmarked = markup && unbold.includes("${") ? unbold.replace(SHELL_DEFAULT, "$1") : unbold;
    const key = isPunctuationOnly(unmarked) ? "" : cased ? unmarked.toLowerCase() : unmarked;
    // (every chunk has the same fields, so the reader's code sees one shape of object)
    chunks.push({
      key,
      start,
      end: start + cleaned.length,
      colon,
      text: unmarked,
      marked: unmarked !== cleaned,
      digit: hasDigit(key),
    });
  }
  return chunks;
}

/** Whether `at` lies in one of `spans` (in the text's order, none overlapping another). */
function withinSpans(spans: readonly { readonly from: number; readonly to: number }[], at: number): boolean {
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle] as { from: number; to: number };
    if (at < span.from) high = middle - 1;
    else if (at >= span.to) low = middle + 1;
    else return true;
  }
  return false;
}

/** No letter or digit in any script, and none of `*#&+`: `:`, `:[`, `=>`, `->`. */
function isPunctuationOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return PUNCTUATION_ONLY.test(text);
    if (
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      code === 42 ||
      code === 35 ||
      code === 38 ||
      code === 43
    )
      return false;
  }
  return true;
}

/** `port:5986`, `dpt3389`: at most five digits at the end, after a letter or `:=#：` (ids end in longer runs). */
function endsInShortNumberAfterLabel(key: string): boolean {
  let digits = 0;
  while (digits < key.length && isDigitCode(key.charCodeAt(key.length - 1 - digits))) digits++;
  if (digits === 0 || digits > 5 || digits === key.length) return false;
  const before = key[key.length - 1 - digits] as string;
  return ":=#：".includes(before) || (before >= "a" && before <= "z") || before.charCodeAt(0) > 127;
}

/** An IPv4 address and port inside Chinese or Japanese text: `查询127.0.0.1:5300为pass`. */
function embeddedAddressPort(text: string): number | undefined {
  const match = EMBEDDED_ADDRESS_PORT.exec(text);
  if (!match || !validIpv4(match[1] as string)) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

const EMBEDDED_ADDRESS_PORT = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})(?!\d)/;

/** Four lower-case ASCII letters in a row: a word that may name a service (`dnsmasq-dhcp[12161]`). */
function hasLetterRun(key: string): boolean {
  let run = 0;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    run = code >= 97 && code <= 122 ? run + 1 : 0;
    if (run === 4) return true;
  }
  return false;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i))) return true;
  return false;
}

function startsWithTwoDigits(key: string): boolean {
  return isDigitCode(key.charCodeAt(0)) && isDigitCode(key.charCodeAt(1));
}

function snippetOf(text: string, from: number, to: number): string {
  const snippet = text.slice(from, Math.min(to, from + MAX_SNIPPET * 2)).replace(/\s+/g, " ");
  return snippet.length > MAX_SNIPPET ? `${snippet.slice(0, MAX_SNIPPET - 1)}…` : snippet;
}

/** A number that reads as a year: a release's (`Windows Server 2019`) or a date's. */
function isYear(n: number): boolean {
  return n >= 1970 && n <= 2100;
}
