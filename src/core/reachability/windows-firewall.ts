/**
 * The `windows-firewall` and `listener` layers, from a HostSnapshot. Windows Firewall evaluates
 * an inbound connection in the profile of the network it arrives on: a disabled profile lets all
 * through; otherwise an authenticated-bypass allow ("override block rules") wins over a block rule,
 * a block rule over an allow rule, and with no matching rule the profile's default inbound action
 * decides (NotConfigured is Block).
 */

import { quotePowerShell } from "../next-commands.js";
import { type AddressRange, overlap, parseAddressRange } from "./addresses.js";
import {
  type CheckProtocol,
  type CheckRequest,
  FIREWALL_PROFILES,
  type FirewallProfile,
  type FirewallRuleState,
  type HostSnapshot,
  type LayerVerdict,
} from "./snapshot.js";
import { acrossMembers } from "./source.js";

type Match = "yes" | "no" | "maybe";

const PROTOCOL_NUMBER: Readonly<Record<CheckProtocol, string>> = { tcp: "6", udp: "17" };

function protocolMatch(rule: FirewallRuleState, protocol: CheckProtocol): Match {
  if (rule.protocol === undefined) return "maybe";
  const p = rule.protocol.toLowerCase();
  return p === "any" || p === protocol || p === PROTOCOL_NUMBER[protocol] ? "yes" : "no";
}

function portMatch(rule: FirewallRuleState, port: number): Match {
  if (rule.localPorts === undefined) return "maybe";
  let result: Match = "no";
  for (const entry of rule.localPorts) {
    if (entry.toLowerCase() === "any") return "yes";
    const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      if (from <= port && port <= to) return "yes";
    } else {
      // keywords such as RPC or IPHTTPSIn name ports Windows assigns at run time
      result = "maybe";
    }
  }
  return result;
}

/** "10.0.0.0/255.0.0.0" is Windows' other way to write a block. */
function windowsBlock(entry: string): AddressRange | undefined {
  const masked = /^([\d.]+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(entry);
  if (masked) {
    const mask = parseAddressRange(masked[2] as string);
    if (!mask) return undefined;
    const bits = mask.first.toString(2).replace(/0+$/, "").length;
    return parseAddressRange(`${masked[1]}/${bits}`);
  }
  const span = /^(.+)-(.+)$/.exec(entry);
  if (span) {
    const first = parseAddressRange(span[1] as string);
    const last = parseAddressRange(span[2] as string);
    if (!first || !last || first.family !== last.family) return undefined;
    return { family: first.family, first: first.first, last: last.last, text: entry };
  }
  return parseAddressRange(entry);
}

function remoteMatch(rule: FirewallRuleState, source: AddressRange | undefined): Match {
  if (rule.remoteAddresses === undefined) return "maybe";
  if (rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => a.toLowerCase() === "any")) return "yes";
  // no source given: a rule for some addresses answers "some sources"
  if (!source) return rule.action === "Allow" ? "yes" : "no";
  let result: Match = "no";
  for (const entry of rule.remoteAddresses) {
    const block = windowsBlock(entry);
    if (!block) {
      result = "maybe"; // LocalSubnet, Internet, DefaultGateway…: resolved by Windows at run time
      continue;
    }
    const relation = overlap(source, block);
    if (relation === "inside") return "yes";
    if (relation === "partly") result = "maybe";
  }
  return result;
}

function appliesIn(rule: FirewallRuleState, profile: FirewallProfile): boolean {
  return rule.profiles === "Any" || rule.profiles.includes(profile);
}

function both(...matches: Match[]): Match {
  if (matches.includes("no")) return "no";
  return matches.includes("maybe") ? "maybe" : "yes";
}

function describeRule(rule: FirewallRuleState): string {
  const where = rule.profiles === "Any" ? "Any" : rule.profiles.join(", ");
  const ports = rule.localPorts?.join(",") ?? "?";
  const from = rule.remoteAddresses?.join(",") ?? "?";
  return `"${rule.displayName}" (${rule.name}): ${rule.action}${rule.overrideBlockRules ? " (override block rules)" : ""} inbound ${rule.protocol ?? "?"} ${ports} from ${from}, profiles ${where}`;
}

function inProfile(
  host: HostSnapshot,
  profile: FirewallProfile,
  request: CheckRequest,
  source: AddressRange | undefined,
): LayerVerdict {
  const { port, protocol } = request;
  const state = host.profiles.find((p) => p.name === profile);
  const layer = "windows-firewall" as const;
  if (!state) return { layer, verdict: "unknown", cite: profile, reason: `the ${profile} profile was not reported` };
  if (!state.enabled) {
    return { layer, verdict: "pass", cite: `${profile} profile: off`, reason: `the firewall is off in the ${profile} profile` };
  }
  const candidates = host.rules
    .filter((r) => r.enabled && r.direction === "Inbound" && appliesIn(r, profile))
    .map((rule) => ({ rule, match: both(protocolMatch(rule, protocol), portMatch(rule, port), remoteMatch(rule, source)) }))
    .filter((c) => c.match !== "no");
  const find = (action: "Allow" | "Block", match: Match, bypass?: boolean) =>
    candidates.find(
      (c) => c.rule.action === action && c.match === match && (bypass === undefined || c.rule.overrideBlockRules === bypass),
    );
  const asked = `${protocol} ${port}`;
  const bypass = find("Allow", "yes", true);
  if (bypass) {
    return {
      layer,
      verdict: "pass",
      cite: describeRule(bypass.rule),
      reason: `an authenticated-bypass rule allows ${asked} in the ${profile} profile over any block rule (for IPsec-authenticated connections)`,
    };
  }
  const block = find("Block", "yes");
  if (block) {
    return {
      layer,
      verdict: "blocked",
      cite: describeRule(block.rule),
      reason: `a block rule matches ${asked} in the ${profile} profile, and block rules win over allow rules`,
      fix: `Disable-NetFirewallRule -Name ${quotePowerShell(block.rule.name)}`,
    };
  }
  const uncertain = find("Block", "maybe");
  if (uncertain) {
    return {
      layer,
      verdict: "unknown",
      cite: describeRule(uncertain.rule),
      reason: `this block rule may match ${asked}: its scope is resolved on the host`,
    };
  }
  const allow = find("Allow", "yes");
  if (allow) return { layer, verdict: "pass", cite: describeRule(allow.rule), reason: `allowed in the ${profile} profile` };
  const maybeAllow = find("Allow", "maybe");
  if (maybeAllow) {
    return {
      layer,
      verdict: "unknown",
      cite: describeRule(maybeAllow.rule),
      reason: `this allow rule may match ${asked}: its scope is resolved on the host`,
    };
  }
  const cite = `${profile} profile: default inbound action ${state.defaultInboundAction}`;
  if (state.defaultInboundAction === "Allow") {
    return { layer, verdict: "pass", cite, reason: `no rule matches ${asked}; the ${profile} profile allows inbound by default` };
  }
  return {
    layer,
    verdict: "blocked",
    cite,
    reason: `no enabled inbound rule allows ${asked} in the ${profile} profile, whose default inbound action blocks`,
    fix: `New-NetFirewallRule -DisplayName ${quotePowerShell(`amiport: allow ${protocol.toUpperCase()} ${port}`)} -Direction Inbound -Protocol ${protocol.toUpperCase()} -LocalPort ${port} -Action Allow -Profile ${profile}`,
  };
}

function forSource(host: HostSnapshot, request: CheckRequest, source: AddressRange | undefined): LayerVerdict {
  const active = host.activeProfiles.length > 0 ? host.activeProfiles : FIREWALL_PROFILES;
  const verdicts = active.map((profile) => inProfile(host, profile, request, source));
  const blocked = verdicts.find((v) => v.verdict === "blocked");
  const unknown = verdicts.find((v) => v.verdict === "unknown");
  const chosen = blocked ?? unknown ?? (verdicts[0] as LayerVerdict);
  const note = host.activeProfiles.length === 0 ? " (no connected network reported its profile; all three judged)" : "";
  return { ...chosen, reason: `${chosen.reason}${note}` };
}

export function evaluateWindowsFirewall(host: HostSnapshot, request: CheckRequest): LayerVerdict {
  const { source } = request;
  if (source.kind === "any") return forSource(host, request, undefined);
  if (source.kind === "range") return forSource(host, request, source.range);
  return acrossMembers(source.members, source.groupId, (member) => forSource(host, request, member), "windows-firewall");
}

const LOOPBACK = ["127.0.0.1", "::1"];
const WILDCARD = ["0.0.0.0", "::"];

export function evaluateListener(host: HostSnapshot, request: CheckRequest): LayerVerdict {
  const { port, protocol } = request;
  const asked = `${protocol} ${port}`;
  const listening = host.listeners.filter((l) => l.protocol === protocol && l.localPort === port);
  const where = listening.map(
    (l) => `${l.localAddress}:${l.localPort}${l.owningProcess !== undefined ? ` (pid ${l.owningProcess})` : ""}`,
  );
  if (listening.length === 0) {
    return { layer: "listener", verdict: "blocked", cite: `nothing on ${asked}`, reason: `nothing listens on ${asked}` };
  }
  if (listening.every((l) => LOOPBACK.includes(l.localAddress))) {
    return {
      layer: "listener",
      verdict: "blocked",
      cite: where.join(", "),
      reason: `${asked} listens on the loopback address only`,
    };
  }
  const wide = listening.some((l) => WILDCARD.includes(l.localAddress));
  return {
    layer: "listener",
    verdict: "pass",
    cite: where.join(", "),
    reason: wide
      ? `listening on ${asked} on every address`
      : `listening on ${asked} on ${listening.map((l) => l.localAddress).join(", ")}`,
  };
}
