/**
 * Addresses with ports as logs write them: `host:port` (IP, `[IPv6]`, a host name, a masked or
 * placeholder host, a key glued before it), tcpdump's and BSD netstat's `address.port`, and
 * `ss`/netstat's `address:service`. Every function reads one chunk of at most a few hundred
 * characters, with anchored patterns.
 */
import { labelRole, NON_PORT_LABELS } from "./paste-words.js";
import { servicePorts } from "./registrations.js";

/** `+` is http.sys's strong wildcard (`netsh http add urlacl url=http://+:80/`), `*` its weak one. */
const HOST = /^(?:\[[^\]]{1,100}\]|\+|[a-z0-9*_$%{}][a-z0-9._*$%{}-]*)$/i;
const REDIS_DATABASE = /@\d{1,2}$/;
const HAS_LETTER = /[a-z]/i;
const UNBRACKETED_IPV6 = /^[0-9a-f:.]+$/i;
/** What a bracket holds before a port: an IPv6 or IPv4 address, a placeholder, a mask or a variable. */
const BRACKETED_ADDRESS =
  /^\[(?:[0-9a-f:.%]*:[0-9a-f:.%]*|\d{1,3}(?:\.\d{1,3}){3}|<[^>]{1,60}>|[*x.]+|\$\{?\w{1,60}\}?|[\w -]{0,30}(?:ip|host|addr|server|redact|hidden|censor|mask|remov)[\w -]{0,30})\]$/i;
/** A placeholder in capitals: `[REDACTED]`, `[MY_DC]`. */
const BRACKETED_PLACEHOLDER = /^\[[A-Z][A-Z0-9_ -]{1,40}\]$/;
/** Linux's network interfaces: `eth0`, `ens33`, `enp0s3`, `wlan0`, `lo`, `docker0`, `br0`, `bond0`. */
const INTERFACE = /^(?:eth|ens|enp\d{1,3}s|eno|wlan|wlp\d{1,3}s|docker|br|bond|veth|virbr|tun|tap)\d{1,4}$|^lo$/i;
/** An identifier of three words or more in camelCase or PascalCase: a field's name, not a host's. */
const FIELD_NAME = /^[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,}$/;
/** Upper and lower case letters and an underscore: a program's identifier; host names have no underscores, Compose's services no capitals. */
const MIXED_CASE_IDENTIFIER = /^(?=[^_]*_)(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])[A-Za-z0-9_-]+$/;
const ONLY_MASK = /^(?:[*x.]+|\+)$/i;
const MASKED_IPV4 = /^(?:(?:[*x]{1,4}|\d{1,3})?\.){1,3}(?:[*x]{1,4}|\d{1,3})$/i;
const IPV6_ANY_PORT = /^:::\d{1,5}$/;
const ROOT_ZONE_PORT = /^\.:\d{1,5}$/;
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,30}$/;
const INTERFACE_SCOPE = /%[a-z0-9._-]{1,20}$/i;
const ADDRESS_DOT_END = /^(.+)\.([a-z0-9][a-z0-9-]*)$/i;
/** A class name and a line (`SmbTransportPoolImpl:93`, `Transport:568`), not a host and a port. */
const CLASS_NAME = /^(?:[a-z][a-z0-9_]*\.){0,10}[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*$/;
const FILE_EXTENSION =
  /\.(?:js|mjs|cjs|ts|cs|py|java|go|rb|ps1|psm1|log|txt|json|xml|yml|yaml|c|cpp|h|rs|php|sh|erb|pp|tf|dll|exe|conf|cfg|ini|config|properties|toml|mod|md|gradle|lock|cc|hpp|hh|cxx|inc|mdx|rst|adoc|html|htm|vue|jsx|tsx)$/i;

// These run on most chunks of a paste: character loops, not patterns.

/** One to five ASCII digits: a port as written, in range or not (`/^\d{1,5}$/`). */
export function isPortDigits(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 5) return false;
  for (let i = 0; i < length; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}

/** Four dot-separated groups of one to three ASCII digits, each octet valid or not (`999.1.1.1` too). */
export function isIpv4Shape(text: string): boolean {
  return ipv4Octets(text, false);
}

/** An IPv4 address in dotted form with every octet 0-255. */
export function validIpv4(text: string): boolean {
  return ipv4Octets(text, true);
}

function ipv4Octets(text: string, inRange: boolean): boolean {
  const length = text.length;
  if (length < 7 || length > 15) return false;
  let groups = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 46;
    if (isDigitCode(code)) {
      if (++digits > 3) return false;
      value = value * 10 + code - 48;
    } else if (code === 46) {
      if (digits === 0 || (inRange && value > 255) || ++groups > 4) return false;
      digits = 0;
      value = 0;
    } else return false;
  }
  return groups === 4;
}

/** What ends a key glued before a host: `:`, `@`, `=`, `/`, `[`, `(`, `]`. */
function isKeyEnd(code: number): boolean {
  return code === 58 || code === 64 || code === 61 || code === 47 || code === 91 || code === 40 || code === 93;
}

/** An ASCII digit's character code. */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The port of `host:port` (`text` as written, any case), or undefined where the part before the
 * colon is not a host: a time, an unbracketed IPv6 address, a file's line, an error code, a class.
 */
/** An IPv4 address and a port after a dash: a hop of proxychains' chain. */
const DASHED_IPV4 = /^-\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{1,5}$/;

export function hostPort(address: string): number | undefined {
  // Redis's `127.0.0.1:6379@0` names a database after the port
  const text =
    address.endsWith("]") || !address.includes("@") || !REDIS_DATABASE.test(address)
      ? address
      : address.replace(REDIS_DATABASE, "");
  // dig's and BIND's `127.0.0.53#53`, `client 10.0.0.5#52311`
  const hash = text.lastIndexOf("#");
  if (hash > 0 && validIpv4(text.slice(0, hash))) {
    const digits = text.slice(hash + 1);
    return isPortDigits(digits) && Number(digits) >= 1 && Number(digits) <= 65535 ? Number(digits) : undefined;
  }
  // Node.js's own modules in a stack: `node:events:371`, `node:internal/streams/destroy:157`
  if (text.startsWith("node:")) return undefined;
  // proxychains' chain glues its hops with dashes: `|S-chain|-<>-127.0.0.1:9050-<><>-172.16.5.19:1720-<--timeout`
  if (text.startsWith("-") && DASHED_IPV4.test(text)) return hostPort(text.slice(1));
  // `bind :::443`, netstat's `:::22`: IPv6's any address and a port; CoreDNS's root zone `.:53`
  if (text.startsWith(":::") && IPV6_ANY_PORT.test(text)) return portOf(text.slice(3));
  if (text.startsWith(".:") && ROOT_ZONE_PORT.test(text)) return portOf(text.slice(2));
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const digits = text.slice(colon + 1);
  if (!isPortDigits(digits)) return undefined;
  const port = Number(digits);
  if (port < 1 || port > 65535) return undefined;
  const before = text.slice(0, colon);
  // the commonest form, an IPv4 address: decided here as the checks below would decide it
  if (isIpv4Shape(before)) return validIpv4(before) ? port : undefined;
  // a host masked in part: `***.69:2379`, `http://.70:2380`
  if (isMaskedIpv4(before)) return port;
  const host = hostBefore(before);
  if (host === undefined) return undefined;
  // `[::1]`, `[10.0.0.5]`, `[<ip>]`; never a log's tag (`helpers.js [sm]:97` is a source line)
  if (host.startsWith("[")) return BRACKETED_ADDRESS.test(host) || BRACKETED_PLACEHOLDER.test(host) ? port : undefined;
  // an interface's alias (`eth0:1`, `ens33:2`) is no host and its number no port
  if (INTERFACE.test(host)) return undefined;
  // a masked host, whole or in part (`***.69`, `x.x.x.12`) after a key (`addr:***.69`)
  if (ONLY_MASK.test(host) || isMaskedIpv4(host)) return port;
  if (isIpv4Shape(host)) return validIpv4(host) ? port : undefined;
  if (!HAS_LETTER.test(host) || FILE_EXTENSION.test(host) || CLASS_NAME.test(host)) return undefined;
  // a field of a printed struct: Go's `{MaxSpansPerPayload:1000 FlushPeriod:5s}`; an identifier in
  // mixed case with underscores, pacemaker's operation key `SELOG_migrate_to_0:71` (a call's id)
  if (FIELD_NAME.test(host.startsWith("{") ? host.slice(1) : host) || MIXED_CASE_IDENTIFIER.test(host)) return undefined;
  const lower = host.toLowerCase();
  if (NON_PORT_LABELS.has(lower)) return undefined;
  const role = labelRole(lower);
  if (role !== undefined && role !== "nonport") return port; // `port:5986`
  // a plain word before a small number is a field (`type:3`), not a host
  if (/^[a-z]+$/i.test(host) && port < 20) return undefined;
  return port;
}

/** An IPv4 address with a part masked or left out (`***.69`, `x.x.x.12`, `.70`); four numbers are an address, valid or not. */
function isMaskedIpv4(host: string): boolean {
  return MASKED_IPV4.test(host) && !isIpv4Shape(host);
}

function portOf(digits: string): number | undefined {
  const port = Number(digits);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** The host of `[key:]host`, or undefined where there is none (`fe80::1`, `12:30`). */
function hostBefore(text: string): string | undefined {
  // `fe80::1:5985`, `::0:0:a0:1`: an unbracketed IPv6 address has no port
  if (text.includes(":") && UNBRACKETED_IPV6.test(text)) return undefined;
  if (text.endsWith("]")) {
    const open = text.lastIndexOf("[");
    return open < 0 ? undefined : text.slice(open);
  }
  // a key glued before the host: `addr:10.0.0.10`, `user@host`, `/v:host`, `Transport0[HOST/10.0.0.5`,
  // OpenVPN's `[AF_INET]165.227.143.71`
  let cut = text.length - 1;
  while (cut >= 0 && !isKeyEnd(text.charCodeAt(cut))) cut--;
  const host = cut >= 0 ? text.slice(cut + 1) : text;
  if (host === "") return undefined;
  // (after a key's colon a host has a letter, or is an address: `12:30` is a time; `addr:***.69` is masked)
  const addressLike = isIpv4Shape(host) || (host.includes("*") && MASKED_IPV4.test(host));
  if (cut >= 0 && text[cut] === ":" && (text[cut - 1] === ":" || (!HAS_LETTER.test(host) && !addressLike))) return undefined;
  return HOST.test(host) ? host : undefined;
}

/** `0.0.0.0:nfs`, `*:bootpc`, `[::]:ssh`: netstat's and ss's service names, read through IANA's. */
export function hostService(text: string, anyHostName = false): number | undefined {
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const name = text.slice(colon + 1).toLowerCase();
  // ss names the interface a socket is bound to: `127.0.0.53%lo:domain`, `192.168.71.131%ens33:bootpc`
  const host = text.slice(0, colon).replace(INTERFACE_SCOPE, "");
  if (!SERVICE_NAME.test(name)) return undefined;
  // in a netstat row any host name will do (`ip-172-31-20-40.eu-:ssh`, cut to fit its column)
  const anyHost =
    host === "*" ||
    host === "[::]" ||
    host.toLowerCase() === "localhost" ||
    validIpv4(host) ||
    (anyHostName && /^[a-z0-9][a-z0-9.-]*$/i.test(host));
  return anyHost ? servicePort(name) : undefined;
}

/** IANA's (lowest) port of a service name: `microsoft-ds` 445, `domain` 53, `bootpc` 68. */
export function servicePort(name: string): number | undefined {
  return servicePorts(name)?.ports[0]?.from;
}

/**
 * tcpdump's and BSD netstat's `address.port` (`10.0.0.5.52718`, `server.example.com.ldap`,
 * `*.3389`): the port, and whether it was a name.
 */
export function dottedPort(text: string, names: boolean): { port: number; named: boolean } | undefined {
  const match = ADDRESS_DOT_END.exec(text);
  if (!match) return undefined;
  const address = match[1] as string;
  const end = (match[2] as string).toLowerCase();
  const isAddress =
    address === "*" || validIpv4(address) || address.includes(":") || (HAS_LETTER.test(address) && HOST.test(address));
  if (!isAddress) return undefined;
  if (isPortDigits(end)) {
    const port = Number(end);
    return port >= 1 && port <= 65535 ? { port, named: false } : undefined;
  }
  if (!names) return undefined;
  const port = servicePort(end);
  return port === undefined ? undefined : { port, named: true };
}

/** Linux netstat's `:::22` (IPv6 any, unbracketed). */
export function netstatAny(text: string): number | undefined {
  if (!text.startsWith(":::")) return undefined;
  const end = text.slice(3).toLowerCase();
  if (isPortDigits(end)) return Number(end);
  return SERVICE_NAME.test(end) ? servicePort(end) : undefined;
}

/** Whether a chunk could be the host of a `host port` pair (`10.0.0.5`, `web01`, `dc01.corp.example`). */
export function isHostLike(text: string): boolean {
  if (text === "" || text.length > 100 || text.startsWith("-") || text.includes("/") || text.includes(":")) return false;
  if (isIpv4Shape(text)) return validIpv4(text);
  const lower = text.toLowerCase();
  return (
    (HAS_LETTER.test(lower) && HOST.test(lower) && lower.includes(".")) ||
    /^[a-z][a-z0-9-]*\d[a-z0-9-]*$/.test(lower) ||
    lower === "localhost"
  );
}

/** An address as a Python tuple or socket address writes it: IPv4, IPv6 (`::ffff:10.0.0.5`) or a name. */
export function isTupleAddress(text: string): boolean {
  if (validIpv4(text)) return true;
  // `::ffff:10.0.0.5` or all eight groups; `11:38:40` (a time) and `10.0.0.1:2888` are not
  if (UNBRACKETED_IPV6.test(text) && (text.includes("::") || text.split(":").length === 8)) return true;
  return isHostLike(text);
}
