/**
 * The words around a number that say whether pasted text means it as a port: labels (`-Port`,
 * `DestPort`, `Port:`), the source side of a pair (`SourcePort`, `SPT`), and the labels and units
 * of numbers that are never ports (`timeout=30`, `line 445`, `343 ms`). Keys are compared after
 * `labelKey`: lower case, leading `-`, `--` or `/` and inner `-`/`_` taken off.
 */

/** `--Local-Port` → `localport`, `/port` → `port`, `s-port` → `sport`. */
export function labelKey(word: string): string {
  if (!hasLabelPunctuation(word)) return word.toLowerCase();
  let start = 0;
  while (start < word.length && (word[start] === "-" || word[start] === "/")) start++;
  let key = "";
  for (let i = start; i < word.length; i++) {
    const c = word[i] as string;
    if (c !== "-" && c !== "_" && c !== ".") key += c;
  }
  return key.toLowerCase();
}

/** Whether `word` has `-`, `_`, `.` or `/` (a loop: this runs on most words of a paste). */
function hasLabelPunctuation(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code === 45 || code === 95 || code === 46 || code === 47) return true;
  }
  return false;
}
const LETTER = /\p{L}/u;

/** Protocol words of pasted text: `tcp 3389`, netstat's `TCPv6`, `445/udp`. */
/**
 * The word port in Chinese, Japanese, Korean and Russian, never inside another word: レポート
 * (report), サポート (support), 리포트, 서포트, Экспорт (export), Транспорт are no ports. (Flags `iu`.)
 */
export const PORT_WORD_ELSEWHERE = String.raw`端口|連接埠|通訊埠|(?<![レサスン])ポート|(?<![리서스임])포트|(?<!\p{L})порт`;

export const PROTOCOL_WORDS: ReadonlyMap<string, "TCP" | "UDP"> = new Map([
  ["tcp", "TCP"],
  ["udp", "UDP"],
  ["tcpv6", "TCP"],
  ["udpv6", "UDP"],
  ["tcp6", "TCP"],
  ["udp6", "UDP"],
  ["tcp4", "TCP"],
  ["udp4", "UDP"],
]);

/** Labels and table columns whose value is a protocol: `Protocol: 6`, `Protocol : TCP`, `"IpProtocol": "tcp"`. */
export const PROTOCOL_LABELS: ReadonlySet<string> = new Set(["protocol", "proto", "ipprotocol"]);

/** After these, a number is the port a connection goes to. */
export const PORT_LABELS: ReadonlySet<string> = new Set([
  "port",
  // `allow tcp traffic on 80,443`
  "traffic",
  "ports",
  "portnumber",
  "portno",
  "portnum",
  "localport",
  "remoteport",
  "publicport",
  "privateport",
  "dport",
  "dstport",
  "destport",
  "destinationport",
  "dpt",
  "toport",
  "fromport",
  "listenport",
  "listeningport",
  "serverport",
  "targetport",
  "containerport",
  "hostport",
  "nodeport",
  "serviceport",
  "winrmport",
  "rdpport",
  "sshport",
  "httpport",
  "httpsport",
  "tcpport",
  "udpport",
  "ssport",
  "portrange",
  "htons",
  "ntohs",
  "portid",
  // Envoy's `socket_address: { port_value: 8001 }`
  "portvalue",
  "guest",
  "guestport",
  "listening",
  "listen",
  "dports",
  "dpts",
  // other languages
  "puerto",
  "porta",
  "porte",
  "poort",
  "порт",
  "порта",
  "порту",
  "портом",
  "ポート",
  "ポート番号",
  "端口",
  "端口号",
  // Traditional Chinese: 連接埠 (port), 連接埠號碼 (port number), 通訊埠
  "連接埠",
  "連接埠號碼",
  "通訊埠",
  "포트",
  // listening on
  "监听",
  "監聽",
]);

/** Words that end in `port` and are not port labels (`-Transport`, `Support`, `Teleport`). */
export const NOT_PORT_WORDS: ReadonlySet<string> = new Set([
  "support",
  "report",
  "import",
  "export",
  "transport",
  "passport",
  "airport",
  "teleport",
  "viewport",
  "deport",
  "rapport",
  "seaport",
  "purport",
  "comport",
  "disport",
  "carport",
  "outport",
  "heliport",
  "davenport",
  "newport",
  "freeport",
  "rockport",
  "stockport",
  "bridgeport",
  "westport",
  "lockport",
  "spaceport",
  "sport",
]);

/** Endings that make a label a port label: `ExternalPort`, `LDAP_PORT`, `localPortNumber`. */
export const PORT_LABEL_ENDINGS: readonly string[] = ["port", "ports", "portnumber", "portno", "portvalue"];

/** The client's side of a pair: read only to choose between it and its partner (`SPT=51515 DPT=3389`). */
export const SOURCE_LABELS: ReadonlySet<string> = new Set([
  "sourceport",
  "srcport",
  "sport",
  "spt",
  "clientport",
  "ipport",
  "callerport",
]);

/** The word before `port` that makes it the source side: `Source Port: 52311`. */
export const SOURCE_WORDS: ReadonlySet<string> = new Set(["source", "src", "client", "caller", "origin"]);

/** Labels that take a short flag form only with a leading dash: `-p 3389`, `nmap -p 445,3389`. */
export const FLAG_LABELS: ReadonlySet<string> = new Set(["-p", "--port", "-port", "--ports", "-ports"]);

/** Flags whose value is never a port: ping's, hping's and psping's counts and waits (`-c 1`, `-n 4`, `-w 3`). */
export const NON_PORT_FLAGS: ReadonlySet<string> = new Set(["-c", "-n", "-w"]);

/** Words that may stand between a label and its number: `port number is 5985`, `port should be 5986`. */
export const LABEL_GAP_WORDS: ReadonlySet<string> = new Set([
  "",
  "#",
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "should",
  "must",
  "set",
  "to",
  "of",
  "number",
  "no",
  "nr",
  "the",
  "still",
  "now",
  "on",
  "at",
  "n°",
  "reg_dword",
  "from",
  "open",
  "opened",
  "such",
  "as",
  "like",
  "including",
  "eg",
  "e.g",
  "ie",
  "i.e",
  "by",
  "default",
  // PowerShell's comparison: `where LocalPort -eq 53`, `$_.LocalPort -eq 3389`
  "-eq",
  // `RTP Port Range 10000-20000`
  "range",
  "ranges",
  // a form's or a manual's `port default value of 1812`, `Port number field, 1813`
  "value",
  // the AWS CLI's filters: `--filters Name=ip-permission.from-port,Values=22`
  "values",
  "field",
  // Snort's `ports client 21 22 23`, `ports both 80 443`
  "client",
  "both",
  // Java's `Port already in use: 9000`
  "already",
  "in",
  "use",
]);

/** Between numbers of one list: `ports 80, 443 and 5985`. */
export const LIST_WORDS: ReadonlySet<string> = new Set([
  "and",
  "or",
  "to",
  "&",
  "+",
  // and, or: German, French, Spanish, Portuguese, Italian, Russian, Polish
  "und",
  "oder",
  "et",
  "ou",
  "y",
  "o",
  "e",
  "и",
  "или",
  "lub",
]);

/** Two words between numbers of one list, written as `first second`: `10051 instead of 10050`. */
export const LIST_PHRASES: ReadonlySet<string> = new Set(["instead of", "rather than"]);

/** Labels of numbers that are never ports: `timeout=30`, `line 445`, `System error 53`, `Option 53`. */
export const NON_PORT_LABELS: ReadonlySet<string> = new Set([
  "severity",
  "driver",
  "chapter",
  "phase",
  "samples",
  "rfc",
  "numberofports",
  "portcount",
  "line",
  "lines",
  "col",
  "column",
  "char",
  "character",
  // a DNS zone's SOA timers
  "refresh",
  "expire",
  "serial",
  "minimum",
  "process",
  "vers",
  // nmap's `--top-ports 1000` counts ports
  "--top-ports",
  "top-ports",
  "topports",
  "fd",
  "adapter",
  "code",
  "error",
  "errors",
  "err",
  "errno",
  "errorcode",
  "hresult",
  "status",
  "statuscode",
  "exit",
  "exitcode",
  "rc",
  "pid",
  "tid",
  // ss's socket details: `uid:112 ino:25147 sk:2`
  "uid",
  "gid",
  "ino",
  "inode",
  "sk",
  "processid",
  "threadid",
  "id",
  "eventid",
  "event",
  // Sigma's and analysts' `EID 5156`
  "eid",
  // ids in the plural label a list of them: `Event IDs 4624 and 4625`, `PIDs 812, 1044` (only
  // ids': `windows` is no plural of a window's size, and `events 5985 and 5986 blocked` are ports;
  // `IDS` in capitals is an intrusion detection system, told apart where the label is read)
  "ids",
  "eventids",
  "pids",
  "errorcodes",
  "statuscodes",
  "recordids",
  // event in Portuguese, Spanish, Italian, German, French
  "evento",
  "ereignis",
  "ereignisid",
  "événement",
  "recordid",
  "eventrecordid",
  "record",
  // a key's algorithm and size: openssl's `-newkey rsa:2048`, ssh-keygen's `-t rsa -b 4096`
  "rsa",
  "dsa",
  "keysize",
  "bits",
  "build",
  "version",
  "versions",
  "ver",
  "option",
  "count",
  "num",
  "retry",
  "retries",
  "maxretries",
  "try",
  "tries",
  "attempt",
  "attempts",
  "timeout",
  "connecttimeout",
  "readtimeout",
  "operationtimeout",
  "operationtimeoutsec",
  "timeoutsec",
  "delay",
  "wait",
  "sleep",
  "interval",
  "duration",
  "elapsed",
  "took",
  "after",
  "within",
  "length",
  "len",
  "size",
  "bytes",
  "ttl",
  "hops",
  "seq",
  "ack",
  "win",
  "window",
  "mtu",
  "codepage",
  "chcp",
  "level",
  "task",
  "type",
  "opcode",
  "keywords",
  "logontype",
  "page",
  "step",
  "index",
  "offset",
  "priority",
  "weight",
  "limit",
  "max",
  "min",
  "maxenvelopesizekb",
  "maxtimeoutms",
  "maxconcurrentoperations",
  "maxconcurrentoperationsperuser",
  "maxconnections",
  "maxbatchitems",
  "maxprovidersperuser",
  "maxshellsperuser",
  "maxmemorypershellmb",
  "maxprocessespershell",
  "idletimeout",
  "maxshellruntime",
  "maxidletimeoutms",
]);

/** Endings of labels whose numbers are quantities: `NetworkDelayms`, `OperationTimeout`, `MaxEnvelopeSizekb`. */
export const NON_PORT_SUFFIXES: readonly string[] = [
  "level",
  "ms",
  "msec",
  "sec",
  "secs",
  "seconds",
  "timeout",
  "delay",
  "interval",
  "kb",
  "mb",
  "bytes",
  "count",
  "size",
  "retries",
  "limit",
  // a DHCP option set by a call or a key: `packet.setOption(67, …)`, `dhcp-option=66`
  "option",
];

/** A word right after a number that makes it a quantity: `343 ms`, `30 seconds`, `3 times`. */
/** Units after a number that count time or repetitions: never a port's, even after a tool's host (`telnet host 3 times`). */
export const COUNTING_UNITS: ReadonlySet<string> = new Set([
  ..."ms msec millisecond milliseconds s sec secs second seconds m min mins minute minutes".split(" "),
  ..."h hr hrs hour hours day days time times attempt attempts retry retries try tries".split(" "),
]);

export const UNITS: ReadonlySet<string> = new Set([
  "ms",
  "msec",
  "millisecond",
  "milliseconds",
  "s",
  "sec",
  "secs",
  "second",
  "seconds",
  "m",
  "min",
  "mins",
  "minute",
  "minutes",
  "h",
  "hr",
  "hrs",
  "hour",
  "hours",
  "day",
  "days",
  "b",
  "byte",
  "bytes",
  "kb",
  "mb",
  "gb",
  "kib",
  "mib",
  "gib",
  "%",
  "percent",
  "time",
  "times",
  "attempt",
  "attempts",
  "retry",
  "retries",
  "try",
  "tries",
  "hop",
  "hops",
  "packet",
  "packets",
  "item",
  "items",
  "record",
  "records",
  "row",
  "rows",
  "line",
  "lines",
  "char",
  "chars",
  "character",
  "characters",
  "error",
  "errors",
  "warning",
  "warnings",
  "user",
  "users",
  "file",
  "files",
  "host",
  "hosts",
  "rule",
  "rules",
  "event",
  "events",
  "connection",
  "connections",
  "instance",
  "instances",
  "ports",
  "segundos",
  "sekunden",
  "secondes",
  "ms.",
  "秒",
  "ミリ秒",
  "毫秒",
  "сек",
  "мс",
]);

/** Tools whose second argument after a host is a port: `telnet host 3389`, `nc -zv host 5985`. */
export const PORT_TOOLS: ReadonlySet<string> = new Set(["telnet", "nc", "ncat", "netcat", "tnc", "psping", "paping", "tcping"]);

/**
 * Service words after which a number is that service's port: `winrm 5986 refused`, `SMB 445`,
 * `HTTP = 5985` in `winrm get winrm/config`. HTTP's own status codes (100-599) are not ports.
 */
export const SERVICE_WORDS: ReadonlySet<string> = new Set([
  "winrm",
  "wsman",
  "rdp",
  "smb",
  "cifs",
  "ldap",
  "ldaps",
  "kerberos",
  "dns",
  "ntp",
  "snmp",
  "http",
  "https",
  "ssh",
  "ftp",
  "sql",
  "mssql",
  "netbios",
  "mdns",
  "llmnr",
  "ssdp",
  "wsd",
  "rpc",
  "tls",
  "ssl",
  "listener",
]);

/** HTTP's well-known ports in the status-code range: after `http`/`https`, these are ports, not statuses. */
export const HTTP_PORTS_IN_STATUS_RANGE: ReadonlySet<number> = new Set([443]);

/** How a label relates its number to the connection. */
export type LabelRole = "plain" | "source" | "local" | "dest" | "remote" | "client";

/**
 * `text` as a string of its own. A word sliced out of a paste may share the paste's memory (V8
 * slices longer strings by reference), so a table kept across pastes stores copies: otherwise each
 * word it holds would keep a whole paste (up to 40,000 characters) alive.
 */
export function detachedCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Words whose role was worked out, kept across pastes: a paste asks about its words many times, and logs repeat words. */
const knownRoles = new Map<string, LabelRole | "nonport" | null>();
/** Enough for several pastes' distinct short words; the table is emptied when full. */
const MAX_KNOWN_ROLES = 4096;

/** Which side a label puts its number on, `nonport` for `timeout`, `line`, `error`; undefined for other words. */
export function labelRole(word: string): LabelRole | "nonport" | undefined {
  if (word === "" || word.length > 40) return undefined;
  const known = knownRoles.get(word);
  if (known !== undefined) return known ?? undefined;
  const role = roleOf(word);
  if (knownRoles.size >= MAX_KNOWN_ROLES) knownRoles.clear();
  knownRoles.set(detachedCopy(word), role ?? null);
  return role;
}

function roleOf(word: string): LabelRole | "nonport" | undefined {
  if (!LETTER.test(word)) return undefined;
  const key = labelKey(word);
  if (key === "localport") return "local";
  if (key === "remoteport") return "remote";
  if (SOURCE_LABELS.has(key)) return "source";
  if (DEST_LABELS.has(key)) return "dest";
  if (PORT_LABELS.has(key)) return "plain";
  if (NON_PORT_LABELS.has(key) || NON_PORT_SUFFIXES.some((suffix) => key.length >= suffix.length + 3 && key.endsWith(suffix))) {
    return "nonport";
  }
  if (endsLikePortLabel(key) || STARTS_LIKE_PORT_LABEL.test(word)) return "plain";
  return undefined;
}

/** strongSwan's `port_nat_t`, `port_https`: a setting named by a port word and what it is for (a switch's `port_channel` is an interface). */
const STARTS_LIKE_PORT_LABEL =
  /^ports?_(?!(?:channel|security|speed|duplex|mode|state|status|type|group|list|id|index)(?:$|_))[a-z]/i;

const DEST_LABELS: ReadonlySet<string> = new Set(["dport", "dstport", "destport", "destinationport", "dpt", "dports", "dpts"]);

/** `ExternalPort`, `LDAP_PORT`, `localPortNumber`: identifiers that end in a port word, less `Transport`, `Support`. */
function endsLikePortLabel(key: string): boolean {
  const ending = PORT_LABEL_ENDINGS.find((e) => key.length > e.length && key.endsWith(e));
  return ending !== undefined && !NOT_PORT_WORDS.has(`${key.slice(0, key.length - ending.length)}port`);
}

/** Months by name (English, French, German, Spanish, Portuguese, Italian): a number beside one is a day or a year. */
export const MONTH_NAMES: ReadonlySet<string> = new Set([
  ..."january february march april june july august september october november december".split(" "),
  ..."jan feb mar apr jun jul aug sep sept oct nov dec".split(" "),
  ..."janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(" "),
  ..."januar februar märz juni juli oktober dezember".split(" "),
  ..."enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre".split(" "),
  ..."janeiro fevereiro março maio junho julho setembro outubro dezembro".split(" "),
  ..."gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre".split(" "),
]);

/** The years Windows releases are named by (`Windows Server 2019`, `Win 2000`). */
export const WINDOWS_RELEASE_YEARS: ReadonlySet<string> = new Set([
  "2000",
  "2003",
  "2008",
  "2012",
  "2016",
  "2019",
  "2022",
  "2025",
]);

/**
 * Words that, before a number from 1970 to 2100, make it a year: `depuis 1996`, `seit 2019`.
 * (Not `in` or `en`: `ufw allow in 2049`, `escuchando en 2000` name ports.)
 */
export const YEAR_WORDS: ReadonlySet<string> = new Set(["since", "depuis", "seit", "desde", "year", "année", "jahr", "año"]);
