import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateInstance,
  evaluateNetworkAcl,
  evaluateRoute,
  evaluateSecurityGroups,
  IMPLICIT_DENY_RULE,
  overlap,
  parseAddressRange,
} from "../../../src/core/reachability/index.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { anySource, entry, from, INSTANCE, range, snapshot, tcpRule, withAcl } from "./network.helpers.js";

/**
 * https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html ("Custom network ACL
 * for a VPC that supports IPv4 only"): the inbound and outbound rules as the page lists them.
 */
const AWS_CUSTOM_ACL = [
  entry(100, "allow", "0.0.0.0/0", [80, 80]),
  entry(110, "allow", "0.0.0.0/0", [443, 443]),
  entry(120, "allow", "192.0.2.0/24", [22, 22]),
  entry(130, "allow", "192.0.2.0/24", [3389, 3389]),
  entry(140, "allow", "0.0.0.0/0", [32768, 65535]),
  entry(100, "allow", "0.0.0.0/0", [80, 80], { egress: true }),
  entry(110, "allow", "0.0.0.0/0", [443, 443], { egress: true }),
  entry(120, "allow", "0.0.0.0/0", [32768, 65535], { egress: true }),
];

describe("addresses", () => {
  it("reads IPv4 and IPv6 addresses and blocks, and refuses the rest", () => {
    expect(parseAddressRange("10.0.0.0/16")?.last).toBe(range("10.0.255.255").first);
    expect(parseAddressRange("2001:db8::/32")?.family).toBe(6);
    expect(overlap(range("2001:db8:1::5"), range("2001:db8::/32"))).toBe("inside");
    expect(overlap(range("::ffff:10.0.0.1"), range("10.0.0.0/8"))).toBe("outside");
    for (const bad of [
      "",
      "10.0.0",
      "10.0.0.256",
      "10.0.0.0/33",
      "01.2.3.4",
      "1::2::3",
      "sg-1",
      "10.0.0.0/8/8",
      "x".repeat(1000),
    ]) {
      expect(parseAddressRange(bad), bad).toBeUndefined();
    }
  });

  it("a block holds every address its prefix names, and IPv4 never meets IPv6", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV6(), (address, prefix, v6) => {
        const block = range(`${address}/${prefix}`);
        expect(overlap(range(address), block)).toBe("inside");
        expect(overlap(block, range("0.0.0.0/0"))).toBe("inside");
        expect(overlap(range(v6), block)).toBe("outside");
        expect(overlap(range(v6), range("::/0"))).toBe("inside");
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe("instance layer", () => {
  it("a stopped instance blocks, and says it has no public address", () => {
    const verdict = evaluateInstance(snapshot({}, { state: "stopped", publicAddress: undefined }).instance);
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.reason).toContain("stopped");
    expect(verdict.fix).toBe(`aws ec2 start-instances --instance-ids ${INSTANCE}`);
    expect(evaluateInstance(snapshot().instance).verdict).toBe("pass");
  });
});

describe("route layer", () => {
  it("a subnet with no explicit association uses the VPC's main table (AWS: Route tables, main route table)", () => {
    const noInternet = snapshot({
      routeTables: [
        {
          id: "rtb-main0001",
          main: true,
          subnetIds: [],
          routes: [{ destination: "10.0.0.0/16", target: "local", state: "active" }],
        },
        {
          id: "rtb-other001",
          main: false,
          subnetIds: ["subnet-99999999"],
          routes: [{ destination: "0.0.0.0/0", target: "igw-66666666", state: "active" }],
        },
      ],
    });
    const verdict = evaluateRoute(noInternet, from("203.0.113.7"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).toContain("rtb-main0001");
    expect(verdict.cite).toContain("main table");
  });

  it("an explicit association wins over the main table", () => {
    const own = snapshot({
      routeTables: [
        {
          id: "rtb-main0001",
          main: true,
          subnetIds: [],
          routes: [{ destination: "10.0.0.0/16", target: "local", state: "active" }],
        },
        {
          id: "rtb-own00001",
          main: false,
          subnetIds: ["subnet-22222222"],
          routes: [
            { destination: "10.0.0.0/16", target: "local", state: "active" },
            { destination: "0.0.0.0/0", target: "igw-66666666", state: "active" },
          ],
        },
      ],
    });
    expect(evaluateRoute(own, from("203.0.113.7"))).toMatchObject({ verdict: "pass" });
  });

  it("from outside the VPC an instance without a public address cannot be reached", () => {
    const verdict = evaluateRoute(snapshot({}, { publicAddress: undefined }), from("203.0.113.7"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.reason).toContain("no public IPv4 address");
  });

  it("inside the VPC the local route carries it, public address or not", () => {
    expect(evaluateRoute(snapshot({}, { publicAddress: undefined }), from("10.0.2.9")).verdict).toBe("pass");
  });

  it("the most specific route decides: a blackhole or a NAT gateway blocks the replies", () => {
    const table = (target: string, state: "active" | "blackhole") =>
      snapshot({
        routeTables: [
          {
            id: "rtb-55555555",
            main: true,
            subnetIds: [],
            routes: [
              { destination: "10.0.0.0/16", target: "local", state: "active" },
              { destination: "0.0.0.0/0", target: "igw-66666666", state: "active" },
              { destination: "203.0.113.0/24", target, state },
            ],
          },
        ],
      });
    expect(evaluateRoute(table("pcx-12345678", "blackhole"), from("203.0.113.7")).verdict).toBe("blocked");
    expect(evaluateRoute(table("nat-12345678", "active"), from("203.0.113.7")).verdict).toBe("blocked");
    expect(evaluateRoute(table("tgw-12345678", "active"), from("203.0.113.7")).verdict).toBe("unknown");
    expect(evaluateRoute(table("tgw-12345678", "active"), from("198.51.100.1")).verdict).toBe("pass");
  });
});

describe("network ACL layer", () => {
  it("AWS's custom ACL example: RDP from 192.0.2.0/24 gets in, and its reply depends on the client's ephemeral port", () => {
    const verdict = evaluateNetworkAcl(withAcl(AWS_CUSTOM_ACL), from("192.0.2.10", 3389));
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.reason).toContain("32768-65535");
    expect(verdict.reason).toContain("1024-32767");
  });

  it("AWS's custom ACL example: RDP from elsewhere meets the implicit deny", () => {
    const verdict = evaluateNetworkAcl(withAcl(AWS_CUSTOM_ACL), from("203.0.113.5", 3389));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).toContain("rule * (implicit deny)");
    expect(verdict.fix).toContain(`--rule-number ${IMPLICIT_DENY_RULE - 1}`);
  });

  it("AWS's default ACL (rule 100 allows all both ways) passes", () => {
    expect(evaluateNetworkAcl(snapshot(), from("203.0.113.5")).verdict).toBe("pass");
  });

  it("an allowed request whose reply is denied is blocked: ACLs are stateless", () => {
    const acl = [entry(100, "allow", "0.0.0.0/0", [5986, 5986]), entry(100, "allow", "0.0.0.0/0", [443, 443], { egress: true })];
    const verdict = evaluateNetworkAcl(withAcl(acl), from("203.0.113.5"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.reason).toContain("stateless");
    expect(verdict.fix).toContain("--egress");
    expect(verdict.fix).toContain("From=1024,To=65535");
  });

  it("the lowest rule number decides, whatever order the entries come in", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          [
            entry(90, "deny", "203.0.113.0/24", [5986, 5986]),
            entry(100, "allow", "0.0.0.0/0", [5986, 5986]),
            entry(200, "allow", "203.0.113.5/32"),
            entry(100, "allow", "0.0.0.0/0", [1024, 65535], { egress: true }),
          ],
          { minLength: 4, maxLength: 4 },
        ),
        (entries) => {
          const verdict = evaluateNetworkAcl(withAcl(entries), from("203.0.113.5"));
          expect(verdict.verdict).toBe("blocked");
          expect(verdict.cite).toContain("rule 90");
        },
      ),
      { numRuns: propertyRuns(50) },
    );
  });

  it("a deny numbered before every rule blocks any port from any outside address; an empty custom ACL denies all", () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 0, max: 65535 }),
        fc.constantFrom("tcp" as const, "udp" as const),
        (ip, port, protocol) => {
          fc.pre(overlap(range(ip), range("10.0.1.0/24")) === "outside");
          const denyFirst = withAcl([
            entry(1, "deny", "0.0.0.0/0"),
            entry(100, "allow", "0.0.0.0/0"),
            entry(100, "allow", "0.0.0.0/0", undefined, { egress: true }),
          ]);
          expect(evaluateNetworkAcl(denyFirst, from(ip, port, protocol)).verdict).toBe("blocked");
          const empty = evaluateNetworkAcl(withAcl([]), from(ip, port, protocol));
          expect(empty.verdict).toBe("blocked");
          expect(empty.cite).toContain("implicit deny");
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it("traffic within one subnet never crosses its ACL, even one that denies all", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (last) => {
        const verdict = evaluateNetworkAcl(withAcl([entry(1, "deny", "0.0.0.0/0")]), from(`10.0.1.${last}`));
        expect(verdict.verdict).toBe("pass");
        expect(verdict.reason).toContain("never crosses");
      }),
      { numRuns: propertyRuns(50) },
    );
    // another subnet of the same VPC does cross it
    expect(evaluateNetworkAcl(withAcl([entry(1, "deny", "0.0.0.0/0")]), from("10.0.2.5")).verdict).toBe("blocked");
  });

  it("IPv6 sources meet IPv6 entries and the IPv6 implicit deny", () => {
    const acl = withAcl([
      entry(100, "allow", "0.0.0.0/0"),
      entry(100, "allow", "0.0.0.0/0", undefined, { egress: true }),
      entry(101, "allow", "2001:db8::/32", [5986, 5986]),
      entry(101, "allow", "::/0", [1024, 65535], { egress: true }),
    ]);
    expect(evaluateNetworkAcl(acl, from("2001:db8::9")).verdict).toBe("pass");
    const other = evaluateNetworkAcl(acl, from("2001:db9::9"));
    expect(other.verdict).toBe("blocked");
    expect(other.cite).toContain("::/0");
  });

  it("without a source it answers for the first allowed block", () => {
    const verdict = evaluateNetworkAcl(withAcl(AWS_CUSTOM_ACL), anySource(443));
    expect(verdict.verdict).toBe("unknown"); // the example's replies go only to 32768-65535
    expect(evaluateNetworkAcl(withAcl(AWS_CUSTOM_ACL), anySource(5986)).verdict).toBe("blocked");
  });
});

describe("security group layer", () => {
  it("a rule covering the source passes and is cited; others are listed when it does not", () => {
    const groups = snapshot({
      securityGroups: [
        { id: "sg-33333333", name: "winrm", ingress: [tcpRule(5986, ["10.0.0.0/16"]), tcpRule(3389, ["0.0.0.0/0"])] },
      ],
    });
    const inside = evaluateSecurityGroups(groups, from("10.0.7.7"));
    expect(inside.verdict).toBe("pass");
    expect(inside.cite).toContain("10.0.0.0/16");
    const outside = evaluateSecurityGroups(groups, from("203.0.113.5"));
    expect(outside.verdict).toBe("blocked");
    expect(outside.reason).toContain("only from 10.0.0.0/16");
    expect(outside.fix).toBe(
      "aws ec2 authorize-security-group-ingress --group-id sg-33333333 --protocol tcp --port 5986 --cidr 203.0.113.5/32",
    );
    expect(evaluateSecurityGroups(groups, anySource()).reason).toContain("10.0.0.0/16");
  });

  it("IPv6 ranges, prefix lists, all-traffic rules and referenced groups", () => {
    const groups = snapshot({
      securityGroups: [
        {
          id: "sg-33333333",
          name: "mixed",
          ingress: [
            tcpRule(5986, ["2001:db8::/32"]),
            tcpRule([5985, 5986], [], { prefixListIds: ["pl-aaaaaaaa"] }),
            { protocol: "-1", cidrs: [], prefixListIds: [], groupIds: ["sg-bastion1"] },
          ],
        },
      ],
      prefixLists: { "pl-aaaaaaaa": ["192.0.2.0/24"] },
    });
    expect(evaluateSecurityGroups(groups, from("2001:db8::1")).verdict).toBe("pass");
    expect(evaluateSecurityGroups(groups, from("192.0.2.44")).cite).toContain("pl-aaaaaaaa");
    const referenced = evaluateSecurityGroups(groups, {
      port: 5986,
      protocol: "tcp",
      source: { kind: "group", groupId: "sg-bastion1", members: [] },
    });
    expect(referenced.verdict).toBe("pass");
    expect(referenced.cite).toContain("all traffic");
    const otherGroup = evaluateSecurityGroups(groups, {
      port: 5986,
      protocol: "tcp",
      source: { kind: "group", groupId: "sg-other123", members: [range("10.0.9.9")] },
    });
    expect(otherGroup.verdict).toBe("blocked");
    const unread = evaluateSecurityGroups({ ...groups, prefixLists: {} }, from("192.0.2.44"));
    expect(unread.verdict).toBe("unknown");
  });

  it("adding a group never takes away what another allows (groups are a union)", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (ip, port, other) => {
        const base = snapshot({ securityGroups: [{ id: "sg-33333333", name: "a", ingress: [tcpRule(port, [`${ip}/32`])] }] });
        const more = {
          ...base,
          securityGroups: [...base.securityGroups, { id: "sg-44444444", name: "b", ingress: [tcpRule(other, ["0.0.0.0/8"])] }],
        };
        expect(evaluateSecurityGroups(base, from(ip, port)).verdict).toBe("pass");
        expect(evaluateSecurityGroups(more, from(ip, port)).verdict).toBe("pass");
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("instance layer: what it cites and when it cannot tell", () => {
  it("cites the state, every address and the platform, and counts the interfaces", () => {
    expect(evaluateInstance(snapshot().instance)).toEqual({
      layer: "instance",
      verdict: "pass",
      cite: `${INSTANCE} (running; private 10.0.1.10, public 198.51.100.10; Windows)`,
      reason: `${INSTANCE} is running with 1 network interface(s): eni-44444444`,
    });
    const linux = evaluateInstance(
      snapshot({}, { platform: undefined, ipv6Addresses: ["2001:db8::10"], networkInterfaceIds: ["eni-1", "eni-2"] }).instance,
    );
    expect(linux.cite).toBe(`${INSTANCE} (running; private 10.0.1.10, public 198.51.100.10, IPv6 2001:db8::10; not Windows)`);
    expect(linux.reason).toBe(`${INSTANCE} is running with 2 network interface(s): eni-1, eni-2`);
  });

  it("cites no address list where the instance has none", () => {
    const bare = evaluateInstance(snapshot({}, { privateAddresses: [], publicAddress: undefined }).instance);
    expect(bare.cite).toBe(`${INSTANCE} (running; Windows)`);
  });

  it.each([
    ["no subnet", { subnetId: undefined }],
    ["no network interface", { networkInterfaceIds: [] }],
  ])("is unknown for a running instance with %s", (_, instance) => {
    expect(evaluateInstance(snapshot({}, instance).instance)).toMatchObject({
      layer: "instance",
      verdict: "unknown",
      reason: `${INSTANCE} reports no subnet or network interface`,
    });
  });
});

describe("evaluateRoute from any source", () => {
  const table = (routes: { destination: string; target: string; state: "active" | "blackhole" }[], subnetIds: string[] = []) => [
    { id: "rtb-55555555", main: subnetIds.length === 0, subnetIds, routes },
  ];
  const local = { destination: "10.0.0.0/16", target: "local", state: "active" as const };
  const internet = { destination: "0.0.0.0/0", target: "igw-66666666", state: "active" as const };

  it("passes from the internet through the gateway to the public address, citing the route and how the table was chosen", () => {
    const verdict = evaluateRoute(snapshot(), anySource());
    expect(verdict).toMatchObject({ layer: "route", verdict: "pass" });
    expect(verdict.cite).toContain("rtb-55555555 route 0.0.0.0/0 → igw-66666666");
    expect(verdict.reason).toContain("reachable from the internet at 198.51.100.10 through igw-66666666");
    expect(verdict.reason).toContain("and from inside the VPC");
  });

  it("passes from inside the VPC only, and says why, with no public address or no route to the internet", () => {
    const noPublic = evaluateRoute(snapshot({}, { publicAddress: undefined }), anySource());
    expect(noPublic).toMatchObject({ verdict: "pass" });
    expect(noPublic.cite).toContain("rtb-55555555 route 10.0.0.0/16 → local");
    expect(noPublic.reason).toBe(`reachable from inside the VPC (10.0.0.0/16) only: ${INSTANCE} has no public address`);
    const noGateway = evaluateRoute(snapshot({ routeTables: table([local]) }), anySource());
    expect(noGateway.reason).toBe(
      "reachable from inside the VPC (10.0.0.0/16) only: rtb-55555555 has no route to an internet gateway",
    );
    // a blackholed gateway route is no way in
    const blackhole = evaluateRoute(snapshot({ routeTables: table([local, { ...internet, state: "blackhole" }]) }), anySource());
    expect(blackhole.reason).toContain("has no route to an internet gateway");
  });

  it("is unknown with no local route, or with no route table to read", () => {
    const noLocal = evaluateRoute(snapshot({ routeTables: table([internet]) }, { publicAddress: undefined }), anySource());
    expect(noLocal).toMatchObject({ verdict: "unknown" });
    expect(noLocal.cite).toMatch(/^rtb-55555555 \(the VPC's main table/);
    expect(noLocal.reason).toBe("rtb-55555555 has no local route");
    const none = evaluateRoute(snapshot({ routeTables: [] }), anySource());
    expect(none).toMatchObject({ verdict: "unknown", cite: "" });
    expect(none.reason).toContain("the subnet's route table could not be read");
  });

  it("uses the table associated with the subnet before the main one, and says so", () => {
    const own = evaluateRoute(
      snapshot({
        routeTables: [
          ...table([local]),
          { id: "rtb-99999999", main: false, subnetIds: ["subnet-22222222"], routes: [local, internet] },
        ],
      }),
      anySource(),
    );
    expect(own.cite).toBe("rtb-99999999 route 0.0.0.0/0 → igw-66666666 (associated with subnet-22222222)");
  });
});

describe("evaluateNetworkAcl: what it cites and the fix it builds", () => {
  it("a deny before any allow blocks, citing it, with an allow entry numbered just below it for the asked source", () => {
    const acl = withAcl([
      entry(50, "deny", "203.0.113.0/24", [5986, 5986]),
      entry(49, "allow", "198.51.100.0/24", [22, 22]),
      entry(100, "allow", "0.0.0.0/0"),
      entry(100, "allow", "0.0.0.0/0", undefined, { egress: true }),
    ]);
    const verdict = evaluateNetworkAcl(acl, from("203.0.113.7"));
    expect(verdict).toMatchObject({ layer: "network-acl", verdict: "blocked" });
    expect(verdict.cite).toBe("acl-88888888 inbound rule 50: deny tcp 5986 from 203.0.113.0/24");
    expect(verdict.reason).toBe("inbound tcp 5986 from 203.0.113.7 is denied before any rule allows it");
    // 49 is taken by the SSH rule: the next free number below the deny
    expect(verdict.fix).toBe(
      "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --ingress --rule-number 48 --protocol tcp --port-range From=5986,To=5986 --cidr-block 203.0.113.7/32 --rule-action allow",
    );
  });

  it("an IPv6 source gets an IPv6 block in the fix; no free number below the deny means no fix", () => {
    const v6 = withAcl([entry(10, "deny", "::/0", [5986, 5986], { protocol: "6" }), entry(100, "allow", "::/0")]);
    expect(evaluateNetworkAcl(v6, from("2001:db8::5")).fix).toContain("--ipv6-cidr-block 2001:db8::5/128");
    const first = withAcl([entry(1, "deny", "0.0.0.0/0", [5986, 5986]), entry(100, "allow", "0.0.0.0/0")]);
    const verdict = evaluateNetworkAcl(first, from("203.0.113.7"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.fix).toBeUndefined();
  });

  it("names each entry by its direction, number, action, protocol, ports and block", () => {
    const acl = withAcl([
      entry(90, "allow", "0.0.0.0/0", [1024, 65535], { egress: true }),
      entry(80, "allow", "10.0.0.0/8", [5985, 5986], { protocol: "17" }),
      entry(70, "allow", "10.0.0.0/8", [5985, 5986], { protocol: "47" }),
      entry(100, "allow", "0.0.0.0/0"),
    ]);
    const verdict = evaluateNetworkAcl(acl, from("203.0.113.7"));
    expect(verdict.verdict).toBe("pass");
    expect(verdict.cite).toBe(
      "acl-88888888 inbound rule 100: allow all traffic from 0.0.0.0/0; return acl-88888888 outbound rule 90: allow tcp 1024-65535 to 0.0.0.0/0",
    );
  });

  it("from any source: the first allow no earlier deny covers, and the sources it allows; else blocked, citing the deny", () => {
    const open = withAcl([
      entry(10, "deny", "203.0.113.0/24", [5986, 5986]),
      entry(20, "allow", "203.0.113.0/24", [5986, 5986]),
      entry(30, "allow", "198.51.100.0/24", [5986, 5986]),
      entry(100, "allow", "0.0.0.0/0", undefined, { egress: true }),
    ]);
    const verdict = evaluateNetworkAcl(open, anySource(5986));
    expect(verdict.verdict).toBe("pass");
    expect(verdict.reason).toMatch(/; allowed sources: 198\.51\.100\.0\/24$/);
    const closed = withAcl([entry(10, "deny", "0.0.0.0/0", [5986, 5986]), entry(20, "allow", "203.0.113.0/24", [5986, 5986])]);
    expect(evaluateNetworkAcl(closed, anySource(5986))).toEqual({
      layer: "network-acl",
      verdict: "blocked",
      cite: "acl-88888888 inbound rule 10: deny tcp 5986 from 0.0.0.0/0",
      reason: "no inbound rule of acl-88888888 allows tcp 5986 from any source outside the subnet",
    });
  });

  it("a source inside the instance's own subnet never crosses the ACL", () => {
    const verdict = evaluateNetworkAcl(withAcl([entry(10, "deny", "0.0.0.0/0")]), from("10.0.1.99"));
    expect(verdict).toMatchObject({ verdict: "pass", cite: "acl-88888888 (not crossed)" });
    expect(verdict.reason).toContain("10.0.1.99 is in the instance's own subnet (10.0.1.0/24)");
  });
});

describe("evaluateSecurityGroups: what it cites and the fix it builds", () => {
  const groups = (ingress: ReturnType<typeof tcpRule>[]) => ({
    securityGroups: [{ id: "sg-33333333", name: "windows", ingress }],
  });

  it("names the allowing rule: its group, ports and source, and an all-traffic rule covering the port", () => {
    const verdict = evaluateSecurityGroups(snapshot(groups([tcpRule([5985, 5986], ["203.0.113.0/24"])])), from("203.0.113.7"));
    expect(verdict).toEqual({
      layer: "security-group",
      verdict: "pass",
      cite: "sg-33333333 (windows) inbound: allow tcp 5985-5986 from 203.0.113.0/24",
      reason: "203.0.113.7 is allowed",
    });
    const all = evaluateSecurityGroups(snapshot(groups([tcpRule(0, ["0.0.0.0/0"], { protocol: "-1" })])), from("203.0.113.7"));
    expect(all.cite).toBe("sg-33333333 (windows) inbound: allow all traffic from 0.0.0.0/0 (covers 5986)");
  });

  it("blocks a source no rule covers, listing the sources that are allowed, with the fix for that address", () => {
    const many = ["198.51.100.0/24", "192.0.2.0/24", "10.9.0.0/16", "10.8.0.0/16", "10.7.0.0/16", "10.6.0.0/16", "10.5.0.0/16"];
    const verdict = evaluateSecurityGroups(snapshot(groups([tcpRule(5986, many)])), from("203.0.113.7"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).toBe("sg-33333333");
    expect(verdict.reason).toMatch(
      /^no inbound rule of sg-33333333 allows tcp 5986 from 203\.0\.113\.7; it allows tcp 5986 only from 198\.51\.100\.0\/24, /,
    );
    expect(verdict.reason).toMatch(/ and \d+ more$/);
    expect(verdict.fix).toBe(
      "aws ec2 authorize-security-group-ingress --group-id sg-33333333 --protocol tcp --port 5986 --cidr 203.0.113.7/32",
    );
    const v6 = evaluateSecurityGroups(snapshot(groups([tcpRule(5986, ["10.0.0.0/8"])])), from("2001:db8::5"));
    expect(v6.fix).toBe(
      "aws ec2 authorize-security-group-ingress --group-id sg-33333333 --ip-permissions IpProtocol=tcp,FromPort=5986,ToPort=5986,Ipv6Ranges=[{CidrIpv6=2001:db8::5/128}]",
    );
  });

  it("from any source: passes listing every allowed source, or blocks with a fix for the asker's block", () => {
    const open = evaluateSecurityGroups(
      snapshot(groups([tcpRule(5986, ["203.0.113.0/24", "198.51.100.0/24"])])),
      anySource(5986),
    );
    expect(open).toMatchObject({ verdict: "pass", reason: "tcp 5986 is allowed from 203.0.113.0/24, 198.51.100.0/24" });
    const closed = evaluateSecurityGroups(snapshot(groups([tcpRule(22, ["0.0.0.0/0"])])), anySource(5986));
    expect(closed).toEqual({
      layer: "security-group",
      verdict: "blocked",
      cite: "sg-33333333",
      reason: "no inbound rule of sg-33333333 allows tcp 5986",
      fix: "aws ec2 authorize-security-group-ingress --group-id sg-33333333 --protocol tcp --port 5986 --cidr <your-cidr>",
    });
  });

  it("is unknown, with no fix, when one of the instance's groups could not be read", () => {
    const verdict = evaluateSecurityGroups(
      snapshot(groups([tcpRule(22, ["0.0.0.0/0"])]), { securityGroupIds: ["sg-33333333", "sg-99999999"] }),
      from("203.0.113.7"),
    );
    expect(verdict.verdict).toBe("unknown");
    expect(verdict.reason).toMatch(/; sg-99999999 could not be read$/);
    expect(verdict).not.toHaveProperty("fix");
  });
});
