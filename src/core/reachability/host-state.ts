/**
 * Reads the output of amiport's SSM document (PowerShell `ConvertTo-Json` of Get-NetFirewallProfile,
 * Get-NetConnectionProfile, Get-NetFirewallRule with its port, address and security filters, and
 * Get-NetTCPConnection / Get-NetUDPEndpoint) into a HostSnapshot. Windows PowerShell 5.1 writes
 * enums as numbers, PowerShell 7 may write names; a list may come bare, wrapped as
 * {"value": [...], "Count": n}, flattened to its one element, or as "" when empty. Both are read.
 */
import type {
  CheckProtocol,
  FirewallProfile,
  FirewallProfileState,
  FirewallRuleState,
  HostSnapshot,
  ListenerState,
} from "./snapshot.js";

/** SSM keeps the first 24,000 characters of a command's standard output (GetCommandInvocation). */
export const SSM_OUTPUT_LIMIT = 24_000;
/** Rules read from one output; the document filters to the asked port, so more is not a real host. */
export const MAX_HOST_RULES = 500;

export type HostRead = { readonly ok: true; readonly host: HostSnapshot } | { readonly ok: false; readonly problem: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A PowerShell list in any of its JSON shapes. */
export function listOf(value: Json | undefined): Json[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && Array.isArray(value.value)) return value.value;
  return [value];
}

/** Longest name or address read from the host: the host's text is printed on terminals and in Slack. */
const MAX_HOST_TEXT = 200;

/** The host's text without control characters (no terminal escapes, no new lines), cut to size. */
function text(value: Json | undefined): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  if (typeof value === "string") return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").slice(0, MAX_HOST_TEXT);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function texts(value: Json | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return listOf(value)
    .map(text)
    .filter((t): t is string => t !== undefined)
    .flatMap((t) => t.split(",").map((part) => part.trim()))
    .filter((t) => t !== "");
}

/** NetSecurity's Enabled enum: True = 1, False = 2; GpoBoolean: False = 0, True = 1, NotConfigured = 2. */
function ruleEnabled(value: Json | undefined): boolean | undefined {
  if (value === true || value === 1 || value === "True" || value === "1") return true;
  if (value === false || value === 2 || value === "False" || value === "2") return false;
  return undefined;
}

/** A profile's Enabled (GpoBoolean): NotConfigured leaves Windows' default, which is on. */
function profileEnabled(value: Json | undefined): boolean | undefined {
  if (value === true || value === 1 || value === 2 || value === "True" || value === "NotConfigured") return true;
  if (value === false || value === 0 || value === "False") return false;
  return undefined;
}

/** NetSecurity's Action enum: NotConfigured = 0, Allow = 2, Block = 4. */
function action(value: Json | undefined): "Allow" | "Block" | "NotConfigured" | undefined {
  if (value === 2 || value === "Allow") return "Allow";
  if (value === 4 || value === "Block") return "Block";
  if (value === 0 || value === "NotConfigured") return "NotConfigured";
  return undefined;
}

/** Direction: Inbound = 1, Outbound = 2. */
function direction(value: Json | undefined): "Inbound" | "Outbound" | undefined {
  if (value === 1 || value === "Inbound") return "Inbound";
  if (value === 2 || value === "Outbound") return "Outbound";
  return undefined;
}

const PROFILE_BITS: readonly [number, FirewallProfile][] = [
  [1, "Domain"],
  [2, "Private"],
  [4, "Public"],
];

/** Profile flags: Any = 0, Domain = 1, Private = 2, Public = 4, or their names joined by ", ". */
function profiles(value: Json | undefined): "Any" | FirewallProfile[] | undefined {
  if (typeof value === "number") {
    if (value === 0 || value === 7) return "Any";
    return PROFILE_BITS.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
  }
  // (only text names profiles: an object, a boolean or a list of them is unreadable, never "Any")
  if (typeof value === "boolean" || listOf(value ?? null).some((item) => typeof item !== "string")) return undefined;
  const names = texts(value);
  if (!names) return undefined;
  if (names.includes("Any") || names.length === 0) return "Any";
  const known = names.filter((n): n is FirewallProfile => n === "Domain" || n === "Private" || n === "Public");
  return known.length === 3 ? "Any" : known;
}

/** NetworkCategory: Public = 0, Private = 1, DomainAuthenticated = 2. */
function category(value: Json | undefined): FirewallProfile | undefined {
  if (value === 0 || value === "Public") return "Public";
  if (value === 1 || value === "Private") return "Private";
  if (value === 2 || value === "DomainAuthenticated") return "Domain";
  return undefined;
}

function objectOf(value: Json): Record<string, Json> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

export function readProfile(raw: Json): FirewallProfileState | undefined {
  const o = objectOf(raw);
  const name = o && text(o.Name);
  if (!o || (name !== "Domain" && name !== "Private" && name !== "Public")) return undefined;
  const enabled = profileEnabled(o.Enabled);
  const inbound = action(o.DefaultInboundAction);
  if (enabled === undefined || inbound === undefined) return undefined;
  return { name, enabled, defaultInboundAction: inbound };
}

/** The filter collections (Get-NetFirewallPortFilter, …AddressFilter, …SecurityFilter) by rule InstanceID. */
type Filters = ReadonlyMap<string, Record<string, Json>>;

function joinFilters(...collections: (Json | undefined)[]): Filters {
  const map = new Map<string, Record<string, Json>>();
  for (const item of collections.flatMap(listOf)) {
    const o = objectOf(item);
    const id = o && text(o.InstanceID);
    if (o && id !== undefined) map.set(id, { ...map.get(id), ...o });
  }
  return map;
}

/** A rule from Get-NetFirewallRule, with its filters' fields taken from the rule itself or joined by InstanceID. */
export function readRule(raw: Json, filters: Filters = new Map()): FirewallRuleState | undefined {
  const own = objectOf(raw);
  if (!own) return undefined;
  const joined = filters.get(text(own.InstanceID) ?? text(own.Name) ?? "");
  const o: Record<string, Json> = joined ? { ...joined, ...own } : own;
  const enabled = ruleEnabled(o.Enabled);
  const dir = direction(o.Direction);
  const act = action(o.Action);
  const applies = profiles(o.Profile ?? o.Profiles);
  const name = text(o.Name);
  if (enabled === undefined || !dir || (act !== "Allow" && act !== "Block") || !applies || !name) return undefined;
  const protocol = text(o.Protocol);
  const localPorts = texts(o.LocalPort);
  const remoteAddresses = texts(o.RemoteAddress);
  return {
    name,
    displayName: text(o.DisplayName) ?? name,
    enabled,
    direction: dir,
    action: act,
    profiles: applies,
    ...(protocol !== undefined ? { protocol } : {}),
    ...(localPorts !== undefined ? { localPorts } : {}),
    ...(remoteAddresses !== undefined ? { remoteAddresses } : {}),
    overrideBlockRules: o.OverrideBlockRules === true || o.OverrideBlockRules === "True",
  };
}

export function readListener(raw: Json, protocol: CheckProtocol): ListenerState | undefined {
  const o = objectOf(raw);
  const localAddress = o && text(o.LocalAddress);
  const localPort = o && wholeNumber(o.LocalPort);
  if (!o || !localAddress || localPort === undefined) return undefined;
  const pid = wholeNumber(o.OwningProcess);
  return { protocol, localAddress, localPort, ...(pid === undefined ? {} : { owningProcess: pid }) };
}

/** A whole number written as a number or as digits; null and "" are none (JavaScript's Number reads both as 0). */
function wholeNumber(value: Json | undefined): number | undefined {
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The document's whole output. Empty, cut off, or not the document's shape: a problem, which the
 * evaluators turn into "unknown", never into "pass".
 */
export function readHostState(output: string, protocol: CheckProtocol): HostRead {
  if (output.trim() === "") return { ok: false, problem: "the SSM command returned no output" };
  if (output.length >= SSM_OUTPUT_LIMIT) {
    return { ok: false, problem: `the SSM output reached SSM's ${SSM_OUTPUT_LIMIT}-character limit and may be cut off` };
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(output.trim().replace(/^\uFEFF/, "")) as Json;
  } catch {
    return { ok: false, problem: "the SSM output is not the document's JSON" };
  }
  const o = objectOf(parsed);
  if (!o || o.Profiles === undefined || o.Rules === undefined || o.Listeners === undefined) {
    return { ok: false, problem: "the SSM output lacks the document's Profiles, Rules or Listeners" };
  }
  const rawProfiles = listOf(o.Profiles);
  const profileStates = rawProfiles.map(readProfile);
  if (profileStates.length === 0 || profileStates.some((p) => p === undefined)) {
    return { ok: false, problem: "the firewall profiles in the SSM output could not be read" };
  }
  const rawRules = listOf(o.Rules);
  if (rawRules.length > MAX_HOST_RULES) return { ok: false, problem: `the SSM output lists over ${MAX_HOST_RULES} rules` };
  const filters = joinFilters(o.Port, o.Address, o.Security);
  const rules = rawRules.map((rule) => readRule(rule, filters));
  if (rules.some((r) => r === undefined)) return { ok: false, problem: "a firewall rule in the SSM output could not be read" };
  const active = listOf(o.Connections)
    .map((c) => category(objectOf(c)?.NetworkCategory))
    .filter((c): c is FirewallProfile => c !== undefined);
  const listeners = listOf(o.Listeners)
    .map((l) => readListener(l, protocol))
    .filter((l): l is ListenerState => l !== undefined);
  return {
    ok: true,
    host: {
      profiles: profileStates as FirewallProfileState[],
      activeProfiles: [...new Set(active)],
      rules: rules as FirewallRuleState[],
      listeners,
    },
  };
}
