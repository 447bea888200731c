/**
 * The `route` layer: can replies get back to the source? Inside the VPC the local route always
 * carries them; from outside, the subnet's route table (its own, else the VPC's main table) needs
 * a route covering the source to an internet gateway, and the instance a public address.
 */
import { type AddressRange, overlap, parseAddressRange, prefixLength } from "./addresses.js";
import type { CheckRequest, LayerVerdict, NetworkSnapshot, RouteSnapshot, RouteTableSnapshot } from "./snapshot.js";
import { acrossMembers } from "./source.js";

/** The subnet's own table; a subnet with no explicit association uses the VPC's main table. */
export function routeTableOf(snapshot: NetworkSnapshot): { table: RouteTableSnapshot; how: string } | undefined {
  const subnetId = snapshot.instance.subnetId;
  if (!subnetId) return undefined;
  const own = snapshot.routeTables.find((t) => t.subnetIds.includes(subnetId));
  if (own) return { table: own, how: `associated with ${subnetId}` };
  const main = snapshot.routeTables.find((t) => t.main);
  return main ? { table: main, how: `the VPC's main table (${subnetId} has no explicit association)` } : undefined;
}

function describeRoute(table: RouteTableSnapshot, route: RouteSnapshot): string {
  return `${table.id} route ${route.destination} → ${route.target}${route.state === "blackhole" ? " (blackhole)" : ""}`;
}

/** The routes whose destination covers `source`, most specific first (prefix lists resolved). */
function coveringRoutes(snapshot: NetworkSnapshot, table: RouteTableSnapshot, source: AddressRange) {
  const found: { route: RouteSnapshot; prefix: number }[] = [];
  let unreadList: string | undefined;
  for (const route of table.routes) {
    const blocks = route.destination.startsWith("pl-") ? snapshot.prefixLists[route.destination] : [route.destination];
    if (!blocks) {
      unreadList = route.destination;
      continue;
    }
    for (const block of blocks) {
      const range = parseAddressRange(block);
      if (range && overlap(source, range) === "inside") found.push({ route, prefix: prefixLength(range) });
    }
  }
  found.sort((a, b) => b.prefix - a.prefix);
  return { found, unreadList };
}

function fromRange(snapshot: NetworkSnapshot, source: AddressRange): LayerVerdict {
  const chosen = routeTableOf(snapshot);
  if (!chosen) {
    return { layer: "route", verdict: "unknown", cite: "", reason: "the subnet's route table could not be read" };
  }
  const { table, how } = chosen;
  const insideVpc = snapshot.vpcCidrs.some((block) => {
    const range = parseAddressRange(block);
    return range !== undefined && overlap(source, range) === "inside";
  });
  const { found, unreadList } = coveringRoutes(snapshot, table, source);
  const best = found[0];
  if (!best) {
    return {
      layer: "route",
      verdict: unreadList ? "unknown" : "blocked",
      cite: `${table.id} (${how})`,
      reason: unreadList
        ? `no route in ${table.id} covers ${source.text}, and prefix list ${unreadList} could not be read`
        : `no route in ${table.id} covers ${source.text}: replies cannot get back`,
    };
  }
  const { route } = best;
  const cite = `${describeRoute(table, route)} (${how})`;
  if (route.state === "blackhole") {
    return { layer: "route", verdict: "blocked", cite, reason: `the route to ${source.text} is a blackhole: its target is gone` };
  }
  if (route.target === "local") {
    return { layer: "route", verdict: "pass", cite, reason: `${source.text} is inside the VPC: the local route carries it` };
  }
  if (insideVpc) {
    // a more specific route (a middlebox) inside the VPC: amiport does not follow appliances
    return { layer: "route", verdict: "unknown", cite, reason: `traffic to ${source.text} is steered through ${route.target}` };
  }
  if (route.target.startsWith("igw-")) {
    const instance = snapshot.instance;
    const hasPublic = source.family === 4 ? instance.publicAddress !== undefined : instance.ipv6Addresses.length > 0;
    if (!hasPublic) {
      return {
        layer: "route",
        verdict: "blocked",
        cite,
        reason: `${instance.id} has no ${source.family === 4 ? "public IPv4" : "IPv6"} address, so ${source.text} cannot reach it through ${route.target}`,
        fix:
          source.family === 4
            ? `aws ec2 associate-address --instance-id ${instance.id} --allocation-id <eipalloc-id>`
            : undefined,
      };
    }
    const address = source.family === 4 ? instance.publicAddress : instance.ipv6Addresses[0];
    return { layer: "route", verdict: "pass", cite, reason: `${source.text} reaches ${address} through ${route.target}` };
  }
  if (route.target.startsWith("nat-") || route.target.startsWith("eigw-")) {
    return {
      layer: "route",
      verdict: "blocked",
      cite,
      reason: `replies to ${source.text} leave through ${route.target}, which carries only connections the instance opens`,
    };
  }
  return {
    layer: "route",
    verdict: "unknown",
    cite,
    reason: `replies to ${source.text} go through ${route.target}; amiport does not look past it`,
  };
}

function fromAnywhere(snapshot: NetworkSnapshot): LayerVerdict {
  const chosen = routeTableOf(snapshot);
  if (!chosen) return { layer: "route", verdict: "unknown", cite: "", reason: "the subnet's route table could not be read" };
  const { table, how } = chosen;
  const local = table.routes.find((r) => r.target === "local");
  const internet = table.routes.find((r) => r.destination === "0.0.0.0/0" && r.state === "active" && r.target.startsWith("igw-"));
  const publicAddress = snapshot.instance.publicAddress;
  if (internet && publicAddress) {
    return {
      layer: "route",
      verdict: "pass",
      cite: `${describeRoute(table, internet)} (${how})`,
      reason: `reachable from the internet at ${publicAddress} through ${internet.target}, and from inside the VPC`,
    };
  }
  const why = internet ? `${snapshot.instance.id} has no public address` : `${table.id} has no route to an internet gateway`;
  return {
    layer: "route",
    verdict: local ? "pass" : "unknown",
    cite: local ? `${describeRoute(table, local)} (${how})` : `${table.id} (${how})`,
    reason: local
      ? `reachable from inside the VPC (${snapshot.vpcCidrs.join(", ")}) only: ${why}`
      : `${table.id} has no local route`,
  };
}

export function evaluateRoute(snapshot: NetworkSnapshot, request: CheckRequest): LayerVerdict {
  const { source } = request;
  if (source.kind === "any") return fromAnywhere(snapshot);
  if (source.kind === "range") return fromRange(snapshot, source.range);
  return acrossMembers(source.members, source.groupId, (member) => fromRange(snapshot, member), "route");
}
