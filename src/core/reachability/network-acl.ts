/**
 * The `network-acl` layer. Network ACLs are stateless: the request must pass the subnet's inbound
 * rules and the reply its outbound rules, to the client's ephemeral port. Rules are read in
 * rule-number order, the first match decides, and every ACL ends with the implicit deny (`*`).
 * Traffic between two addresses of one subnet never crosses the subnet's ACL.
 */
import { type AddressRange, overlap, parseAddressRange } from "./addresses.js";
import type {
  CheckProtocol,
  CheckRequest,
  LayerVerdict,
  NetworkAclEntry,
  NetworkAclSnapshot,
  NetworkSnapshot,
} from "./snapshot.js";
import { acrossMembers } from "./source.js";

/** The rule number AWS shows for the implicit deny, written `*`. */
export const IMPLICIT_DENY_RULE = 32767;
/** The ports a reply may go to: AWS's guidance covers every client (NAT gateways, ELB, Linux, Windows). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

const PROTOCOL_NUMBER: Readonly<Record<CheckProtocol, string>> = { tcp: "6", udp: "17" };

export function aclOf(snapshot: NetworkSnapshot): NetworkAclSnapshot | undefined {
  const subnetId = snapshot.instance.subnetId;
  return subnetId ? snapshot.networkAcls.find((acl) => acl.subnetIds.includes(subnetId)) : undefined;
}

/** The entries of one direction in evaluation order, ending with the implicit deny for each family. */
export function orderedEntries(acl: NetworkAclSnapshot, egress: boolean): NetworkAclEntry[] {
  const entries = acl.entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const implicit = (cidr: string): NetworkAclEntry => ({
    ruleNumber: IMPLICIT_DENY_RULE,
    egress,
    protocol: "-1",
    action: "deny",
    cidr,
  });
  return [...entries, implicit("0.0.0.0/0"), implicit("::/0")];
}

function protocolMatches(entry: NetworkAclEntry, protocol: CheckProtocol): boolean {
  return entry.protocol === "-1" || entry.protocol === PROTOCOL_NUMBER[protocol];
}

function portsOf(entry: NetworkAclEntry): { from: number; to: number } {
  return entry.protocol === "-1" || !entry.portRange ? { from: 0, to: 65535 } : entry.portRange;
}

export function describeEntry(acl: NetworkAclSnapshot, entry: NetworkAclEntry): string {
  const direction = entry.egress ? "outbound" : "inbound";
  const rule = entry.ruleNumber === IMPLICIT_DENY_RULE ? "rule * (implicit deny)" : `rule ${entry.ruleNumber}`;
  const protocol =
    entry.protocol === "-1"
      ? "all traffic"
      : `${entry.protocol === "6" ? "tcp" : entry.protocol === "17" ? "udp" : `protocol ${entry.protocol}`}`;
  const { from, to } = portsOf(entry);
  const ports = entry.protocol === "-1" ? "" : ` ${from === to ? from : `${from}-${to}`}`;
  return `${acl.id} ${direction} ${rule}: ${entry.action} ${protocol}${ports} ${entry.egress ? "to" : "from"} ${entry.cidr}`;
}

type Segment = { from: number; to: number };

/** What the ordered entries do to traffic from/to `peer` on the ports `wanted`: which ports each rule decides. */
function decide(
  entries: readonly NetworkAclEntry[],
  protocol: CheckProtocol,
  peer: AddressRange,
  wanted: Segment,
): { decisions: { entry: NetworkAclEntry; ports: Segment[] }[]; partly?: NetworkAclEntry } {
  let remaining: Segment[] = [wanted];
  const decisions: { entry: NetworkAclEntry; ports: Segment[] }[] = [];
  for (const entry of entries) {
    if (remaining.length === 0) break;
    if (!protocolMatches(entry, protocol)) continue;
    const block = parseAddressRange(entry.cidr);
    if (!block) continue;
    const relation = overlap(peer, block);
    if (relation === "outside") continue;
    const ports = portsOf(entry);
    const hit = remaining
      .map((s) => ({ from: Math.max(s.from, ports.from), to: Math.min(s.to, ports.to) }))
      .filter((s) => s.from <= s.to);
    if (hit.length === 0) continue;
    if (relation === "partly") return { decisions, partly: entry };
    decisions.push({ entry, ports: hit });
    remaining = remaining.flatMap((s) => {
      const left = s.from < ports.from ? [{ from: s.from, to: Math.min(s.to, ports.from - 1) }] : [];
      const right = s.to > ports.to ? [{ from: Math.max(s.from, ports.to + 1), to: s.to }] : [];
      return [...left, ...right];
    });
  }
  return { decisions };
}

function spans(segments: readonly Segment[]): string {
  return segments.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`)).join(", ");
}

function fromRange(
  snapshot: NetworkSnapshot,
  acl: NetworkAclSnapshot,
  request: CheckRequest,
  source: AddressRange,
): LayerVerdict {
  const { port, protocol } = request;
  const subnetBlocks = snapshot.subnetCidrs.map(parseAddressRange).filter((r): r is AddressRange => r !== undefined);
  if (subnetBlocks.some((block) => overlap(source, block) === "inside")) {
    return {
      layer: "network-acl",
      verdict: "pass",
      cite: `${acl.id} (not crossed)`,
      reason: `${source.text} is in the instance's own subnet (${snapshot.subnetCidrs.join(", ")}): traffic within a subnet never crosses its network ACL`,
    };
  }
  const inbound = decide(orderedEntries(acl, false), protocol, source, { from: port, to: port });
  if (inbound.partly) {
    return {
      layer: "network-acl",
      verdict: "unknown",
      cite: describeEntry(acl, inbound.partly),
      reason: `only part of ${source.text} matches this rule; ask again with a single address`,
    };
  }
  const first = inbound.decisions[0];
  if (!first) return { layer: "network-acl", verdict: "unknown", cite: acl.id, reason: `no rule of ${acl.id} could be read` };
  if (first.entry.action === "deny") {
    return {
      layer: "network-acl",
      verdict: "blocked",
      cite: describeEntry(acl, first.entry),
      reason: `inbound ${protocol} ${port} from ${source.text} is denied before any rule allows it`,
      fix: aclFix(acl, first.entry, false, protocol, { from: port, to: port }, source.text),
    };
  }
  const outbound = decide(orderedEntries(acl, true), protocol, source, EPHEMERAL_PORTS);
  if (outbound.partly) {
    return {
      layer: "network-acl",
      verdict: "unknown",
      cite: describeEntry(acl, outbound.partly),
      reason: `inbound is allowed by ${describeEntry(acl, first.entry)}, but only part of ${source.text} matches this return rule`,
    };
  }
  const allowed = outbound.decisions.filter((d) => d.entry.action === "allow");
  const denied = outbound.decisions.filter((d) => d.entry.action === "deny");
  const firstDeny = denied[0];
  if (!firstDeny) {
    return {
      layer: "network-acl",
      verdict: "pass",
      cite: `${describeEntry(acl, first.entry)}; return ${allowed.map((d) => describeEntry(acl, d.entry)).join("; ")}`,
      reason: `inbound ${protocol} ${port} from ${source.text} is allowed, and replies to its ephemeral ports ${EPHEMERAL_PORTS.from}-${EPHEMERAL_PORTS.to} are allowed out`,
    };
  }
  const deniedPorts = denied.flatMap((d) => d.ports);
  const fix = aclFix(acl, firstDeny.entry, true, protocol, EPHEMERAL_PORTS, source.text);
  if (allowed.length === 0) {
    return {
      layer: "network-acl",
      verdict: "blocked",
      cite: describeEntry(acl, firstDeny.entry),
      reason: `the request is allowed in (${describeEntry(acl, first.entry)}) but the reply to ${source.text} on ports ${EPHEMERAL_PORTS.from}-${EPHEMERAL_PORTS.to} is denied: network ACLs are stateless`,
      fix,
    };
  }
  return {
    layer: "network-acl",
    verdict: "unknown",
    cite: describeEntry(acl, firstDeny.entry),
    reason: `replies to ${source.text} are allowed only to ports ${spans(allowed.flatMap((d) => d.ports))}, denied to ${spans(deniedPorts)}: it depends on the client's ephemeral port`,
    fix,
  };
}

/** Without a source: the first inbound allow for the port that no earlier deny wholly covers, then as from that block. */
function fromAnywhere(snapshot: NetworkSnapshot, acl: NetworkAclSnapshot, request: CheckRequest): LayerVerdict {
  const { port, protocol } = request;
  const applies = (entry: NetworkAclEntry) => {
    const ports = portsOf(entry);
    return protocolMatches(entry, protocol) && ports.from <= port && port <= ports.to;
  };
  const entries = orderedEntries(acl, false).filter(applies);
  for (const [index, entry] of entries.entries()) {
    if (entry.action !== "allow") continue;
    const block = parseAddressRange(entry.cidr);
    if (!block) continue;
    const shadowed = entries.slice(0, index).some((earlier) => {
      const deny = parseAddressRange(earlier.cidr);
      return earlier.action === "deny" && deny !== undefined && overlap(block, deny) === "inside";
    });
    if (!shadowed) {
      const verdict = fromRange(snapshot, acl, request, block);
      return verdict.verdict === "pass" ? { ...verdict, reason: `${verdict.reason}; allowed sources: ${entry.cidr}` } : verdict;
    }
  }
  const decider = entries.find((e) => e.action === "deny") as NetworkAclEntry;
  return {
    layer: "network-acl",
    verdict: "blocked",
    cite: describeEntry(acl, decider),
    reason: `no inbound rule of ${acl.id} allows ${protocol} ${port} from any source outside the subnet`,
  };
}

/** An allow entry numbered just before the deny that decided, with the asked source. */
function aclFix(
  acl: NetworkAclSnapshot,
  deny: NetworkAclEntry,
  egress: boolean,
  protocol: CheckProtocol,
  ports: Segment,
  cidr: string,
): string | undefined {
  const taken = new Set(acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  let number = Math.min(deny.ruleNumber - 1, IMPLICIT_DENY_RULE - 1);
  while (number > 0 && taken.has(number)) number--;
  if (number < 1) return undefined;
  const block = cidr.includes("/") ? cidr : `${cidr}/${cidr.includes(":") ? 128 : 32}`;
  const family = block.includes(":") ? "--ipv6-cidr-block" : "--cidr-block";
  return `aws ec2 create-network-acl-entry --network-acl-id ${acl.id} ${egress ? "--egress" : "--ingress"} --rule-number ${number} --protocol ${protocol} --port-range From=${ports.from},To=${ports.to} ${family} ${block} --rule-action allow`;
}

export function evaluateNetworkAcl(snapshot: NetworkSnapshot, request: CheckRequest): LayerVerdict {
  const acl = aclOf(snapshot);
  if (!acl) return { layer: "network-acl", verdict: "unknown", cite: "", reason: "the subnet's network ACL could not be read" };
  const { source } = request;
  if (source.kind === "any") return fromAnywhere(snapshot, acl, request);
  if (source.kind === "range") return fromRange(snapshot, acl, request, source.range);
  return acrossMembers(source.members, source.groupId, (member) => fromRange(snapshot, acl, request, member), "network-acl");
}
