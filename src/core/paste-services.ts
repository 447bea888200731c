/**
 * Ports that pasted text names without a number: a URL's scheme (`https://host/` is 443), a UNC
 * path (`\\server\share` is SMB 445), and a service the text names (`WinRM` is 5985). Read from
 * data/paste-services.json on first use, checked by hand (amiport starts without zod).
 */
import { createRequire } from "node:module";
import { DataError } from "./rule-book.js";

export type Transport = "TCP" | "UDP";

export interface NamedPort {
  readonly port: number;
  readonly protocol?: Transport;
}

export interface PasteService {
  readonly name: string;
  /** Lower case; several words are separated by one space. */
  readonly words: readonly string[];
  readonly ports: readonly number[];
  readonly protocol?: Transport;
  /**
   * Words that switch the service to its TLS ports (`winrm` with `-UseSSL` is 5986), and words that
   * name its plain transport (`http`): a text naming both answers for both. `bothWhenUnnamed`: a text
   * naming neither answers for both too (WinRM's listener may be on either port).
   */
  readonly secure?: {
    readonly words: readonly string[];
    readonly ports: readonly number[];
    readonly plain?: readonly string[];
    /** Words that name TLS without saying which port (LDAP's `tls`: StartTLS on 389 or LDAPS on 636): both, unless `words` names one. */
    readonly either?: readonly string[];
    readonly bothWhenUnnamed?: boolean;
  };
  /** The service's other ports, read when prose writes them bare but never added as its default (LDAP's 3268). */
  readonly related?: readonly number[];
  /** A tool that reaches any port (`telnet host 1704`): its default counts only in a text that writes no port. */
  readonly tool?: boolean;
}

export interface PasteServices {
  readonly schemes: ReadonlyMap<string, NamedPort>;
  readonly unc: NamedPort;
  /** SSHFS-Win's UNC path (`\\sshfs\user@host`): a share reached over SSH. */
  readonly sshfsUnc: NamedPort;
  /** Port names of Cisco's access lists that IANA's registry spells otherwise or lacks (`eq netbios-ss`). */
  readonly aclPortNames: ReadonlyMap<string, NamedPort>;
  readonly services: readonly PasteService[];
  /** Every service word or phrase, for a cheap "does this chunk name a service" check. */
  readonly byWord: ReadonlyMap<string, readonly PasteService[]>;
  /** First words of the phrases of several words (`remote` of `remote desktop`). */
  readonly phraseStarts: ReadonlySet<string>;
  /** Every word that names a service's transport: its TLS (`https`, `ssl`) or, beside it, its plain one (`http`). */
  readonly transportWords: ReadonlySet<string>;
  /** The words that name a service's plain transport (`http`). */
  readonly plainWords: ReadonlySet<string>;
  /** Service words in Chinese or Japanese, which texts glue to the words around them: `远程桌面连接`. */
  readonly gluedWords: readonly string[];
  /** Single service words of four letters or more, by their first four: `mdnslookup` starts with `mdns`. */
  readonly byPrefix: ReadonlyMap<string, readonly string[]>;
  /** Every port a service or scheme names (default, TLS and related): numbers a text may well mean as ports. */
  readonly knownPorts: ReadonlySet<number>;
}

/** Shortest service word that names a service at the start of a longer word (`snmpwalk`, not `smbios`). */
const MIN_PREFIX = 4;
/** Parts of a compound word: `dnsmasq-dhcp`, `ERROR:root:SMB`, `System.Data.SqlClient`. */
const COMPOUND_SEPARATORS = /[-_.:/\\[\](){}@]+/;
/** camelCase and PascalCase boundaries: `Get-SmbServerConfiguration` has `Smb`. */
const CAMEL_BOUNDARY = /(?<=[a-z])(?=[A-Z])/;
const NON_ASCII = /[\u0080-\uffff]/;
/** Scripts written without spaces between words: Chinese and Japanese. */
const GLUED_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff]/;
const ASCII_WORDS = /[a-z][a-z0-9.-]{1,30}/g;
const COMPOUND_OR_CAMEL = /[-_.:/\\[\](){}@]|[a-z][A-Z]/;

/**
 * The services a word of pasted text names (`raw` as written, for its case): the word itself, the
 * parts of a compound, and a service word that starts a longer one.
 */
export function servicesNamedBy(raw: string): PasteService[] {
  const { byWord, byPrefix } = pasteServices();
  const lower = raw.toLowerCase();
  const whole = byWord.get(lower);
  if (whole) return [...whole];
  const found: PasteService[] = [];
  // Chinese and Japanese write no spaces: `ssh每次连接都提示` names SSH
  if (NON_ASCII.test(raw)) {
    for (const run of lower.match(ASCII_WORDS) ?? []) found.push(...(byWord.get(run) ?? []));
    for (const word of pasteServices().gluedWords) if (lower.includes(word)) found.push(...(byWord.get(word) ?? []));
    return found;
  }
  if (!COMPOUND_OR_CAMEL.test(raw)) {
    for (const word of byPrefix.get(lower.slice(0, MIN_PREFIX)) ?? [])
      if (startsWithWord(lower, word)) found.push(...(byWord.get(word) ?? []));
    return found;
  }
  const parts = new Set(lower.split(COMPOUND_SEPARATORS));
  // a path's last part, whole and only whole: `/etc/resolv.conf` (not `zabbix_agentd.conf` as the agent's)
  const slash = Math.max(lower.lastIndexOf("/"), lower.lastIndexOf("\\"));
  const last = slash >= 0 ? lower.slice(slash + 1) : "";
  // (a last part the split keeps whole, `/usr/bin/smbclient`, is looked up below with the others)
  if (last !== "" && !parts.has(last)) found.push(...(byWord.get(last) ?? []));
  if (/[a-z][A-Z]/.test(raw))
    for (const part of raw.split(COMPOUND_SEPARATORS).flatMap((p) => p.split(CAMEL_BOUNDARY))) parts.add(part.toLowerCase());
  parts.add(lower);
  for (const part of parts) {
    const named = byWord.get(part);
    if (named) {
      found.push(...named);
      continue;
    }
    for (const word of byPrefix.get(part.slice(0, MIN_PREFIX)) ?? []) {
      if (startsWithWord(part, word)) found.push(...(byWord.get(word) ?? []));
    }
  }
  return found;
}

/**
 * Whether `text` starts with the service word `word`: any longer word for a word of letters
 * (`snmpwalk`), only a code's next part for a word with `_` (`NT_STATUS_LOGON_FAILURE`,
 * `ncacn_np:host`; not the file `zabbix_agentd.conf`).
 */
function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && (!word.includes("_") || CODE_PART_AFTER.test(text.charAt(word.length)));
}

const CODE_PART_AFTER = /^[_:]?$/;

const FILE = "data/paste-services.json";
const require = createRequire(import.meta.url);
let loaded: PasteServices | undefined;

export function pasteServices(): PasteServices {
  loaded ??= readPasteServices(require("../../data/paste-services.json"));
  return loaded;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isPort = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
const isTransport = (value: unknown): value is Transport | undefined => value === undefined || value === "TCP" || value === "UDP";
const isWordList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((w) => typeof w === "string" && w.trim() === w && w !== "");

function readNamedPort(value: unknown, where: string): NamedPort {
  const { port, protocol } = (value ?? {}) as { port?: unknown; protocol?: unknown };
  if (!isPort(port) || !isTransport(protocol))
    throw new DataError(`${FILE}: ${where} needs { "port": 1-65535, "protocol": "TCP" | "UDP" }`);
  return { port, ...(protocol ? { protocol } : {}) };
}

export function readPasteServices(raw: unknown): PasteServices {
  const { schemes, unc, sshfsUnc, aclPortNames, services } = (raw ?? {}) as {
    schemes?: unknown;
    unc?: unknown;
    sshfsUnc?: unknown;
    aclPortNames?: unknown;
    services?: unknown;
  };
  if (!isObject(schemes) || !isObject(aclPortNames) || !Array.isArray(services)) {
    throw new DataError(`${FILE}: expected { "schemes": {...}, "unc": {...}, "aclPortNames": {...}, "services": [...] }`);
  }
  const aclNameMap = new Map<string, NamedPort>();
  for (const [name, value] of Object.entries(aclPortNames)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new DataError(`${FILE}: "${name}" is not a port name`);
    aclNameMap.set(name, readNamedPort(value, `aclPortNames "${name}"`));
  }
  const schemeMap = new Map<string, NamedPort>();
  for (const [scheme, value] of Object.entries(schemes)) {
    if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new DataError(`${FILE}: "${scheme}" is not a URL scheme`);
    schemeMap.set(scheme, readNamedPort(value, `scheme "${scheme}"`));
  }
  const read: PasteService[] = services.map((entry, i) => {
    const { name, words, ports, protocol, secure, related, tool } = (entry ?? {}) as Record<string, unknown>;
    const valid =
      typeof name === "string" &&
      name !== "" &&
      isWordList(words) &&
      Array.isArray(ports) &&
      ports.length > 0 &&
      ports.every(isPort) &&
      isTransport(protocol) &&
      (related === undefined || (Array.isArray(related) && related.every(isPort))) &&
      (tool === undefined || typeof tool === "boolean");
    if (!valid)
      throw new DataError(`${FILE}: services[${i}] needs a name, words, ports, and optional protocol, related ports and tool`);
    let secureWords:
      | { words: string[]; ports: number[]; plain?: string[]; either?: string[]; bothWhenUnnamed?: boolean }
      | undefined;
    if (secure !== undefined) {
      const s = (secure ?? {}) as {
        words?: unknown;
        ports?: unknown;
        plain?: unknown;
        either?: unknown;
        bothWhenUnnamed?: unknown;
      };
      if (
        !isWordList(s.words) ||
        !Array.isArray(s.ports) ||
        s.ports.length === 0 ||
        !s.ports.every(isPort) ||
        !(s.plain === undefined || isWordList(s.plain)) ||
        !(s.either === undefined || isWordList(s.either)) ||
        !(s.bothWhenUnnamed === undefined || typeof s.bothWhenUnnamed === "boolean")
      ) {
        throw new DataError(
          `${FILE}: services[${i}].secure needs words and ports, and optional plain and either words and bothWhenUnnamed`,
        );
      }
      secureWords = {
        words: s.words.map((w) => w.toLowerCase()),
        ports: s.ports as number[],
        ...(s.plain ? { plain: s.plain.map((w) => w.toLowerCase()) } : {}),
        ...(s.either ? { either: s.either.map((w) => w.toLowerCase()) } : {}),
        ...(s.bothWhenUnnamed ? { bothWhenUnnamed: true } : {}),
      };
    }
    return {
      name,
      words: words.map((w) => w.toLowerCase()),
      ports: ports as number[],
      ...(protocol ? { protocol } : {}),
      ...(secureWords ? { secure: secureWords } : {}),
      ...(related ? { related: related as number[] } : {}),
      ...(tool ? { tool: true } : {}),
    };
  });
  const byWord = new Map<string, PasteService[]>();
  for (const service of read) {
    for (const word of service.words) byWord.set(word, [...(byWord.get(word) ?? []), service]);
  }
  const phraseStarts = new Set([...byWord.keys()].filter((w) => w.includes(" ")).map((w) => w.slice(0, w.indexOf(" "))));
  const plainWords = new Set(read.flatMap((service) => service.secure?.plain ?? []));
  const transportWords = new Set([
    ...read.flatMap((service) => [...(service.secure?.words ?? []), ...(service.secure?.either ?? [])]),
    ...plainWords,
  ]);
  const gluedWords = [...byWord.keys()].filter((w) => !w.includes(" ") && GLUED_SCRIPT.test(w));
  const byPrefix = new Map<string, string[]>();
  for (const word of byWord.keys()) {
    if (word.length < MIN_PREFIX || !/^[a-z0-9_]+$/.test(word)) continue;
    const key = word.slice(0, MIN_PREFIX);
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), word]);
  }
  return {
    schemes: schemeMap,
    unc: readNamedPort(unc, "unc"),
    sshfsUnc: readNamedPort(sshfsUnc, "sshfsUnc"),
    aclPortNames: aclNameMap,
    services: read,
    byWord,
    phraseStarts,
    transportWords,
    plainWords,
    gluedWords,
    byPrefix,
    knownPorts: new Set([
      ...read.flatMap((service) => [...service.ports, ...(service.secure?.ports ?? []), ...(service.related ?? [])]),
      ...[...schemeMap.values()].map((named) => named.port),
    ]),
  };
}
