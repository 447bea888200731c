import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckRequest,
  evaluateRoute,
  type NetworkSnapshot,
  type RouteSnapshot,
  routeTableOf,
} from "../../../src/core/reachability/index.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { anySource, from, INSTANCE, range, snapshot } from "./network.helpers.js";

/** How the helpers' subnet (no explicit association) gets its table. */
const MAIN = "the VPC's main table (subnet-22222222 has no explicit association)";
const LOCAL: RouteSnapshot = { destination: "10.0.0.0/16", target: "local", state: "active" };
const INTERNET: RouteSnapshot = { destination: "0.0.0.0/0", target: "igw-66666666", state: "active" };

/** The helpers' instance and VPC with these routes in the main table rtb-55555555. */
function withRoutes(
  routes: RouteSnapshot[],
  overrides: Partial<NetworkSnapshot> = {},
  instance: Partial<NetworkSnapshot["instance"]> = {},
): NetworkSnapshot {
  return snapshot({ routeTables: [{ id: "rtb-55555555", main: true, subnetIds: [], routes }], ...overrides }, instance);
}

/** A dual-stack VPC: its IPv6 block has a local route too, and ::/0 goes to `v6Target`. */
function dualStack(v6Target: string, instance: Partial<NetworkSnapshot["instance"]> = {}): NetworkSnapshot {
  return withRoutes(
    [
      LOCAL,
      { destination: "2001:db8:1234:1a00::/56", target: "local", state: "active" },
      INTERNET,
      { destination: "::/0", target: v6Target, state: "active" },
    ],
    { vpcCidrs: ["10.0.0.0/16", "2001:db8:1234:1a00::/56"] },
    instance,
  );
}

function group(members: string[]): CheckRequest {
  return { port: 5986, protocol: "tcp", source: { kind: "group", groupId: "sg-0a1b2c3d", members: members.map(range) } };
}

const UNREAD = { layer: "route", verdict: "unknown", cite: "", reason: "the subnet's route table could not be read" };

describe("routeTableOf", () => {
  it("is the table associated with the subnet, else the main table, and says which", () => {
    const own = { id: "rtb-99999999", main: false, subnetIds: ["subnet-22222222"], routes: [LOCAL] };
    const main = { id: "rtb-55555555", main: true, subnetIds: [], routes: [LOCAL, INTERNET] };
    expect(routeTableOf(snapshot({ routeTables: [main, own] }))).toEqual({
      table: own,
      how: "associated with subnet-22222222",
    });
    expect(routeTableOf(snapshot({ routeTables: [main] }))).toEqual({ table: main, how: MAIN });
    expect(routeTableOf(snapshot({ routeTables: [{ ...main, main: false }] }))).toBeUndefined();
  });

  it("an instance that reports no subnet has no table, even where the VPC has a main one", () => {
    const noSubnet = snapshot({}, { subnetId: undefined });
    expect(routeTableOf(noSubnet)).toBeUndefined();
    expect(evaluateRoute(noSubnet, from("203.0.113.7"))).toEqual(UNREAD);
    expect(evaluateRoute(noSubnet, anySource())).toEqual(UNREAD);
  });
});

describe("evaluateRoute from one address or block", () => {
  it("is unknown when no route table can be read", () => {
    expect(evaluateRoute(snapshot({ routeTables: [] }), from("203.0.113.7"))).toEqual(UNREAD);
    expect(evaluateRoute(snapshot({ routeTables: [] }), from("10.0.2.9"))).toEqual(UNREAD);
  });

  it("passes inside the VPC through the local route", () => {
    expect(evaluateRoute(snapshot(), from("10.0.2.9"))).toEqual({
      layer: "route",
      verdict: "pass",
      cite: `rtb-55555555 route 10.0.0.0/16 → local (${MAIN})`,
      reason: "10.0.2.9 is inside the VPC: the local route carries it",
    });
  });

  it("passes from the internet through the gateway to the instance's public IPv4 address", () => {
    expect(evaluateRoute(snapshot(), from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "pass",
      cite: `rtb-55555555 route 0.0.0.0/0 → igw-66666666 (${MAIN})`,
      reason: "203.0.113.7 reaches 198.51.100.10 through igw-66666666",
    });
  });

  it("blocks through the gateway without a public IPv4 address, with the fix to give it an Elastic IP", () => {
    expect(evaluateRoute(snapshot({}, { publicAddress: undefined }), from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 route 0.0.0.0/0 → igw-66666666 (${MAIN})`,
      reason: `${INSTANCE} has no public IPv4 address, so 203.0.113.7 cannot reach it through igw-66666666`,
      fix: `aws ec2 associate-address --instance-id ${INSTANCE} --allocation-id <eipalloc-id>`,
    });
  });

  it("blocks when no route covers the source: replies have nowhere to go", () => {
    expect(evaluateRoute(withRoutes([LOCAL]), from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 (${MAIN})`,
      reason: "no route in rtb-55555555 covers 203.0.113.7: replies cannot get back",
    });
  });

  it("blocks on a blackhole route, citing it as one", () => {
    const table = withRoutes([LOCAL, INTERNET, { destination: "203.0.113.0/24", target: "pcx-12345678", state: "blackhole" }]);
    expect(evaluateRoute(table, from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 route 203.0.113.0/24 → pcx-12345678 (blackhole) (${MAIN})`,
      reason: "the route to 203.0.113.7 is a blackhole: its target is gone",
    });
  });

  it("blocks in a private subnet whose default route is a NAT gateway: it carries only connections the instance opens", () => {
    const privateSubnet = withRoutes([LOCAL, { destination: "0.0.0.0/0", target: "nat-0a1b2c3d4e5f60718", state: "active" }]);
    expect(evaluateRoute(privateSubnet, from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 route 0.0.0.0/0 → nat-0a1b2c3d4e5f60718 (${MAIN})`,
      reason: "replies to 203.0.113.7 leave through nat-0a1b2c3d4e5f60718, which carries only connections the instance opens",
    });
  });

  it.each(["pcx-12345678", "tgw-12345678", "vgw-12345678"])(
    "is unknown when replies go through %s: amiport does not look past it",
    (target) => {
      const verdict = evaluateRoute(
        withRoutes([LOCAL, INTERNET, { destination: "192.0.2.0/24", target, state: "active" }]),
        from("192.0.2.9"),
      );
      expect(verdict).toEqual({
        layer: "route",
        verdict: "unknown",
        cite: `rtb-55555555 route 192.0.2.0/24 → ${target} (${MAIN})`,
        reason: `replies to 192.0.2.9 go through ${target}; amiport does not look past it`,
      });
    },
  );

  it("the most specific covering route decides, whatever order the table lists them in", () => {
    const routes: RouteSnapshot[] = [
      LOCAL,
      INTERNET,
      { destination: "203.0.0.0/8", target: "tgw-12345678", state: "active" },
      { destination: "203.0.113.0/24", target: "pcx-12345678", state: "active" },
      { destination: "203.0.113.0/28", target: "nat-12345678", state: "active" },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(routes, { minLength: routes.length, maxLength: routes.length }), (shuffled) => {
        const table = withRoutes(shuffled);
        const through = (source: string) => evaluateRoute(table, from(source)).cite.split(" (")[0];
        expect(through("203.0.113.7")).toBe("rtb-55555555 route 203.0.113.0/28 → nat-12345678");
        expect(through("203.0.113.100")).toBe("rtb-55555555 route 203.0.113.0/24 → pcx-12345678");
        expect(through("203.0.5.5")).toBe("rtb-55555555 route 203.0.0.0/8 → tgw-12345678");
        expect(through("8.8.8.8")).toBe("rtb-55555555 route 0.0.0.0/0 → igw-66666666");
        expect(through("10.0.9.9")).toBe("rtb-55555555 route 10.0.0.0/16 → local");
        // a block is carried by a route only when the route covers all of it
        expect(through("203.0.113.0/24")).toBe("rtb-55555555 route 203.0.113.0/24 → pcx-12345678");
      }),
      { numRuns: propertyRuns(50) },
    );
  });

  it("is unknown when a route more specific than the local one steers part of the VPC through a middlebox", () => {
    const appliance = withRoutes([
      LOCAL,
      INTERNET,
      { destination: "10.0.2.0/24", target: "vpce-0a1b2c3d4e5f60718", state: "active" },
    ]);
    expect(evaluateRoute(appliance, from("10.0.2.9"))).toEqual({
      layer: "route",
      verdict: "unknown",
      cite: `rtb-55555555 route 10.0.2.0/24 → vpce-0a1b2c3d4e5f60718 (${MAIN})`,
      reason: "traffic to 10.0.2.9 is steered through vpce-0a1b2c3d4e5f60718",
    });
    // the rest of the VPC still takes the local route
    expect(evaluateRoute(appliance, from("10.0.3.9")).verdict).toBe("pass");
  });

  it("knows a source in any of the VPC's blocks is inside it, and passes over a block it cannot read", () => {
    const secondary = withRoutes(
      [
        LOCAL,
        { destination: "100.64.0.0/16", target: "local", state: "active" },
        INTERNET,
        { destination: "100.64.8.0/24", target: "eni-0a1b2c3d4e5f60718", state: "active" },
      ],
      { vpcCidrs: ["not-a-block", "10.0.0.0/16", "100.64.0.0/16"] },
    );
    expect(evaluateRoute(secondary, from("100.64.8.20"))).toMatchObject({
      verdict: "unknown",
      reason: "traffic to 100.64.8.20 is steered through eni-0a1b2c3d4e5f60718",
    });
    expect(evaluateRoute(secondary, from("100.64.9.20")).verdict).toBe("pass");
    expect(evaluateRoute(secondary, from("203.0.113.7")).reason).toBe("203.0.113.7 reaches 198.51.100.10 through igw-66666666");
  });

  it("resolves a prefix list destination to its blocks", () => {
    const listed = withRoutes([LOCAL, INTERNET, { destination: "pl-0a1b2c3d", target: "tgw-12345678", state: "active" }], {
      prefixLists: { "pl-0a1b2c3d": ["192.0.2.0/24", "198.51.100.0/24"] },
    });
    expect(evaluateRoute(listed, from("198.51.100.77"))).toEqual({
      layer: "route",
      verdict: "unknown",
      cite: `rtb-55555555 route pl-0a1b2c3d → tgw-12345678 (${MAIN})`,
      reason: "replies to 198.51.100.77 go through tgw-12345678; amiport does not look past it",
    });
    expect(evaluateRoute(listed, from("203.0.113.7")).verdict).toBe("pass");
  });

  it("is unknown, not blocked, when no route covers the source and a prefix list could not be read", () => {
    const unread = withRoutes([LOCAL, { destination: "pl-0a1b2c3d", target: "tgw-12345678", state: "active" }]);
    expect(evaluateRoute(unread, from("203.0.113.7"))).toEqual({
      layer: "route",
      verdict: "unknown",
      cite: `rtb-55555555 (${MAIN})`,
      reason: "no route in rtb-55555555 covers 203.0.113.7, and prefix list pl-0a1b2c3d could not be read",
    });
    // the local route still carries the VPC
    expect(evaluateRoute(unread, from("10.0.2.9")).verdict).toBe("pass");
  });
});

describe("evaluateRoute from IPv6 sources", () => {
  it("passes through the gateway to the instance's IPv6 address, with or without a public IPv4 one", () => {
    const v6 = dualStack("igw-66666666", { publicAddress: undefined, ipv6Addresses: ["2001:db8:1234:1a00::10"] });
    expect(evaluateRoute(v6, from("2001:db8:ffff::1"))).toEqual({
      layer: "route",
      verdict: "pass",
      cite: `rtb-55555555 route ::/0 → igw-66666666 (${MAIN})`,
      reason: "2001:db8:ffff::1 reaches 2001:db8:1234:1a00::10 through igw-66666666",
    });
    expect(evaluateRoute(v6, from("2001:db8:1234:1a00::99")).cite).toBe(
      `rtb-55555555 route 2001:db8:1234:1a00::/56 → local (${MAIN})`,
    );
  });

  it("blocks through the gateway when the instance has no IPv6 address; an Elastic IP would not help, so no fix", () => {
    const verdict = evaluateRoute(dualStack("igw-66666666"), from("2001:db8:ffff::1"));
    expect(verdict).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 route ::/0 → igw-66666666 (${MAIN})`,
      reason: `${INSTANCE} has no IPv6 address, so 2001:db8:ffff::1 cannot reach it through igw-66666666`,
    });
    expect(verdict.fix).toBeUndefined();
  });

  it("blocks through an egress-only internet gateway: it carries only connections the instance opens", () => {
    const verdict = evaluateRoute(
      dualStack("eigw-0a1b2c3d4e5f60718", { ipv6Addresses: ["2001:db8:1234:1a00::10"] }),
      from("2001:db8:ffff::1"),
    );
    expect(verdict).toEqual({
      layer: "route",
      verdict: "blocked",
      cite: `rtb-55555555 route ::/0 → eigw-0a1b2c3d4e5f60718 (${MAIN})`,
      reason:
        "replies to 2001:db8:ffff::1 leave through eigw-0a1b2c3d4e5f60718, which carries only connections the instance opens",
    });
  });

  it("an IPv4 default route does not carry IPv6 replies", () => {
    const verdict = evaluateRoute(snapshot({}, { ipv6Addresses: ["2001:db8:1234:1a00::10"] }), from("2001:db8:ffff::1"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.reason).toBe("no route in rtb-55555555 covers 2001:db8:ffff::1: replies cannot get back");
  });
});

describe("evaluateRoute from a security group's members", () => {
  it("passes when every member's replies get back, saying so for all of them", () => {
    expect(evaluateRoute(snapshot(), group(["10.0.3.4", "10.0.4.5"]))).toEqual({
      layer: "route",
      verdict: "pass",
      cite: `rtb-55555555 route 10.0.0.0/16 → local (${MAIN})`,
      reason: "10.0.3.4 is inside the VPC: the local route carries it (all 2 addresses of sg-0a1b2c3d)",
    });
  });

  it("blocks when one member's replies cannot get back, citing that member", () => {
    const verdict = evaluateRoute(withRoutes([LOCAL]), group(["10.0.3.4", "172.16.0.5"]));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.reason).toBe("no route in rtb-55555555 covers 172.16.0.5: replies cannot get back");
  });

  it("is unknown for a group with no member address", () => {
    expect(evaluateRoute(snapshot(), group([]))).toEqual({
      layer: "route",
      verdict: "unknown",
      cite: "sg-0a1b2c3d",
      reason: "no network interface in sg-0a1b2c3d has an address to judge",
    });
  });
});

describe("evaluateRoute from any source: only a default route to an internet gateway opens it to the internet", () => {
  it("a default route to a NAT gateway leaves the instance reachable from inside the VPC only, public address or not", () => {
    const natted = withRoutes([LOCAL, { destination: "0.0.0.0/0", target: "nat-12345678", state: "active" }]);
    expect(evaluateRoute(natted, anySource())).toEqual({
      layer: "route",
      verdict: "pass",
      cite: `rtb-55555555 route 10.0.0.0/16 → local (${MAIN})`,
      reason: "reachable from inside the VPC (10.0.0.0/16) only: rtb-55555555 has no route to an internet gateway",
    });
  });

  it("cites the default route, not a narrower route to the same gateway listed before it", () => {
    const verdict = evaluateRoute(
      withRoutes([LOCAL, { destination: "192.0.2.0/24", target: "igw-66666666", state: "active" }, INTERNET]),
      anySource(),
    );
    expect(verdict.cite).toBe(`rtb-55555555 route 0.0.0.0/0 → igw-66666666 (${MAIN})`);
  });

  it("names every block of the VPC it is reachable from", () => {
    const verdict = evaluateRoute(
      withRoutes([LOCAL, { destination: "100.64.0.0/16", target: "local", state: "active" }], {
        vpcCidrs: ["10.0.0.0/16", "100.64.0.0/16"],
      }),
      anySource(),
    );
    expect(verdict.reason).toBe(
      "reachable from inside the VPC (10.0.0.0/16, 100.64.0.0/16) only: rtb-55555555 has no route to an internet gateway",
    );
  });
});
