/**
 * The `security-group` layer. Security groups only allow, and are stateful (replies need no
 * rule): the port is open to a source when any inbound rule of any group of the instance's
 * network interfaces covers it, by CIDR (IPv4 or IPv6), prefix list, or referenced group.
 */
import { type AddressRange, overlap, parseAddressRange } from "./addresses.js";
import type {
  CheckProtocol,
  CheckRequest,
  LayerVerdict,
  NetworkSnapshot,
  SecurityGroupRule,
  SecurityGroupSnapshot,
} from "./snapshot.js";

const PROTOCOL_NAMES: Readonly<Record<CheckProtocol, readonly string[]>> = { tcp: ["tcp", "6"], udp: ["udp", "17"] };
/** How many allowed sources an answer lists before "and N more". */
const MAX_LISTED_SOURCES = 6;

function appliesTo(rule: SecurityGroupRule, protocol: CheckProtocol, port: number): boolean {
  if (rule.protocol === "-1") return true;
  if (!PROTOCOL_NAMES[protocol].includes(rule.protocol.toLowerCase())) return false;
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

interface Grant {
  readonly group: SecurityGroupSnapshot;
  readonly rule: SecurityGroupRule;
  /** A CIDR, a prefix list id or a group id. */
  readonly from: string;
}

function describeGrant(grant: Grant, protocol: CheckProtocol, port: number): string {
  const { rule } = grant;
  const what =
    rule.protocol === "-1"
      ? "all traffic"
      : `${protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort ?? 0}-${rule.toPort ?? 65535}`}`;
  return `${grant.group.id} (${grant.group.name}) inbound: allow ${what} from ${grant.from}${rule.protocol === "-1" ? ` (covers ${port})` : ""}`;
}

function grantsFor(snapshot: NetworkSnapshot, protocol: CheckProtocol, port: number): Grant[] {
  return snapshot.securityGroups.flatMap((group) =>
    group.ingress
      .filter((rule) => appliesTo(rule, protocol, port))
      .flatMap((rule) => [...rule.cidrs, ...rule.prefixListIds, ...rule.groupIds].map((from) => ({ group, rule, from }))),
  );
}

/** Whether a grant covers every address of `source`; undefined when its prefix list is unread. */
function covers(snapshot: NetworkSnapshot, grant: Grant, source: AddressRange): boolean | undefined {
  if (grant.from.startsWith("sg-")) return false;
  const blocks = grant.from.startsWith("pl-") ? snapshot.prefixLists[grant.from] : [grant.from];
  if (!blocks) return undefined;
  return blocks.some((block) => {
    const range = parseAddressRange(block);
    return range !== undefined && overlap(source, range) === "inside";
  });
}

function listSources(grants: readonly Grant[]): string {
  const sources = [...new Set(grants.map((g) => g.from))];
  const shown = sources.slice(0, MAX_LISTED_SOURCES).join(", ");
  return sources.length > MAX_LISTED_SOURCES ? `${shown} and ${sources.length - MAX_LISTED_SOURCES} more` : shown;
}

export function evaluateSecurityGroups(snapshot: NetworkSnapshot, request: CheckRequest): LayerVerdict {
  const { port, protocol, source } = request;
  const groupIds = snapshot.instance.securityGroupIds;
  const read = snapshot.securityGroups.map((g) => g.id);
  const missing = groupIds.filter((id) => !read.includes(id));
  const grants = grantsFor(snapshot, protocol, port);
  const fixFor = (cidr: string) => {
    const group = groupIds[0];
    if (!group) return undefined;
    const flag = cidr.includes(":") ? "--ip-permissions" : "--cidr";
    return flag === "--cidr"
      ? `aws ec2 authorize-security-group-ingress --group-id ${group} --protocol ${protocol} --port ${port} --cidr ${cidr}`
      : `aws ec2 authorize-security-group-ingress --group-id ${group} --ip-permissions IpProtocol=${protocol},FromPort=${port},ToPort=${port},Ipv6Ranges=[{CidrIpv6=${cidr}}]`;
  };
  const blockedOr = (reason: string, fix?: string): LayerVerdict => ({
    layer: "security-group",
    verdict: missing.length > 0 ? "unknown" : "blocked",
    cite: groupIds.join(", "),
    reason: missing.length > 0 ? `${reason}; ${missing.join(", ")} could not be read` : reason,
    ...(fix && missing.length === 0 ? { fix } : {}),
  });

  if (source.kind === "any") {
    const first = grants[0];
    if (!first) {
      return blockedOr(`no inbound rule of ${groupIds.join(", ")} allows ${protocol} ${port}`, fixFor("<your-cidr>"));
    }
    return {
      layer: "security-group",
      verdict: "pass",
      cite: describeGrant(first, protocol, port),
      reason: `${protocol} ${port} is allowed from ${listSources(grants)}`,
    };
  }

  if (source.kind === "group") {
    const byReference = grants.find((g) => g.from === source.groupId);
    if (byReference) {
      return {
        layer: "security-group",
        verdict: "pass",
        cite: describeGrant(byReference, protocol, port),
        reason: `members of ${source.groupId} are allowed by reference`,
      };
    }
  }

  const addresses = source.kind === "range" ? [source.range] : source.members;
  const label = source.kind === "range" ? source.range.text : source.groupId;
  const allowing: Grant[] = [];
  let unread: string | undefined;
  for (const address of addresses) {
    const grant = grants.find((g) => covers(snapshot, g, address) === true);
    if (grant) {
      allowing.push(grant);
      continue;
    }
    unread = grants.find((g) => covers(snapshot, g, address) === undefined)?.from;
    const others = grants.length > 0 ? `; it allows ${protocol} ${port} only from ${listSources(grants)}` : "";
    if (unread) {
      return {
        layer: "security-group",
        verdict: "unknown",
        cite: unread,
        reason: `no rule covers ${address.text} unless prefix list ${unread} does, and it could not be read`,
      };
    }
    const fix =
      source.kind === "group"
        ? undefined
        : fixFor(address.text.includes("/") ? address.text : `${address.text}/${address.family === 4 ? 32 : 128}`);
    return blockedOr(`no inbound rule of ${groupIds.join(", ")} allows ${protocol} ${port} from ${address.text}${others}`, fix);
  }
  if (addresses.length === 0) {
    return {
      layer: "security-group",
      verdict: "unknown",
      cite: label,
      reason: `no network interface in ${label} has an address to judge`,
    };
  }
  const first = allowing[0] as Grant;
  return { layer: "security-group", verdict: "pass", cite: describeGrant(first, protocol, port), reason: `${label} is allowed` };
}
