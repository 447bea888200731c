import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CheckRequest, evaluateNetworkAcl } from "../../../src/core/reachability/index.js";
import { describeEntry } from "../../../src/core/reachability/network-acl.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { anySource, entry, from, range, snapshot, withAcl } from "./network.helpers.js";

/** Everything out, so only the inbound rules decide. */
const allOut = () => entry(100, "allow", "0.0.0.0/0", undefined, { egress: true });

function fromGroup(members: string[], port = 5986): CheckRequest {
  return { port, protocol: "tcp", source: { kind: "group", groupId: "sg-0123456789abcdef0", members: members.map(range) } };
}

describe("evaluateNetworkAcl: protocols and port ranges", () => {
  it("a rule for another protocol is passed over: a UDP deny does not stop TCP, a TCP allow does not admit UDP", () => {
    const acl = withAcl([
      entry(10, "deny", "0.0.0.0/0", [5986, 5986], { protocol: "17" }),
      entry(20, "allow", "0.0.0.0/0", [5986, 5986]),
      allOut(),
    ]);
    expect(evaluateNetworkAcl(acl, from("203.0.113.7")).cite).toBe(
      "acl-88888888 inbound rule 20: allow tcp 5986 from 0.0.0.0/0; return acl-88888888 outbound rule 100: allow all traffic to 0.0.0.0/0",
    );
    expect(evaluateNetworkAcl(acl, from("203.0.113.7", 5986, "udp"))).toEqual({
      layer: "network-acl",
      verdict: "blocked",
      cite: "acl-88888888 inbound rule 10: deny udp 5986 from 0.0.0.0/0",
      reason: "inbound udp 5986 from 203.0.113.7 is denied before any rule allows it",
      fix: "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --ingress --rule-number 9 --protocol udp --port-range From=5986,To=5986 --cidr-block 203.0.113.7/32 --rule-action allow",
    });
    const tcpOnly = withAcl([entry(20, "allow", "0.0.0.0/0", [5986, 5986]), allOut()]);
    const udp = evaluateNetworkAcl(tcpOnly, from("203.0.113.7", 5986, "udp"));
    expect(udp.verdict).toBe("blocked");
    expect(udp.cite).toBe("acl-88888888 inbound rule * (implicit deny): deny all traffic from 0.0.0.0/0");
  });

  it("an all-traffic rule (-1) covers every port, whatever port range it carries (AWS ignores it)", () => {
    const acl = withAcl([
      entry(10, "deny", "0.0.0.0/0", [22, 22], { protocol: "-1" }),
      entry(20, "allow", "0.0.0.0/0"),
      allOut(),
    ]);
    const verdict = evaluateNetworkAcl(acl, from("203.0.113.7", 5986));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).toBe("acl-88888888 inbound rule 10: deny all traffic from 0.0.0.0/0");
  });

  it("names a protocol other than tcp and udp by its number", () => {
    const acl = withAcl([]).networkAcls[0];
    if (!acl) throw new Error("no ACL");
    const gre = { ruleNumber: 70, egress: false, protocol: "47", action: "deny" as const, cidr: "10.0.0.0/8" };
    const text = describeEntry(acl, gre);
    expect(text).toMatch(/^acl-88888888 inbound rule 70: deny protocol 47 /);
    expect(text).toMatch(/ from 10\.0\.0\.0\/8$/);
  });
});

describe("evaluateNetworkAcl: the reply to the ephemeral ports", () => {
  it("passes when the return rules together cover 1024-65535, citing each of them", () => {
    const acl = withAcl([
      entry(100, "allow", "0.0.0.0/0", [5986, 5986]),
      entry(10, "allow", "0.0.0.0/0", [1024, 32767], { egress: true }),
      entry(20, "allow", "0.0.0.0/0", [32768, 65535], { egress: true }),
    ]);
    expect(evaluateNetworkAcl(acl, from("203.0.113.7"))).toEqual({
      layer: "network-acl",
      verdict: "pass",
      cite: "acl-88888888 inbound rule 100: allow tcp 5986 from 0.0.0.0/0; return acl-88888888 outbound rule 10: allow tcp 1024-32767 to 0.0.0.0/0; acl-88888888 outbound rule 20: allow tcp 32768-65535 to 0.0.0.0/0",
      reason: "inbound tcp 5986 from 203.0.113.7 is allowed, and replies to its ephemeral ports 1024-65535 are allowed out",
    });
  });

  it("an IPv6 reply meets the IPv6 implicit deny when only IPv4 is allowed out", () => {
    const acl = withAcl([
      entry(100, "allow", "::/0", [5986, 5986]),
      entry(100, "allow", "0.0.0.0/0", undefined, { egress: true }),
    ]);
    expect(evaluateNetworkAcl(acl, from("2001:db8::5"))).toEqual({
      layer: "network-acl",
      verdict: "blocked",
      cite: "acl-88888888 outbound rule * (implicit deny): deny all traffic to ::/0",
      reason:
        "the request is allowed in (acl-88888888 inbound rule 100: allow tcp 5986 from ::/0) but the reply to 2001:db8::5 on ports 1024-65535 is denied: network ACLs are stateless",
      fix: "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --egress --rule-number 32766 --protocol tcp --port-range From=1024,To=65535 --ipv6-cidr-block 2001:db8::5/128 --rule-action allow",
    });
  });

  it("denies cut the ephemeral range into pieces: the ports allowed and denied are listed, single ports alone", () => {
    const acl = withAcl([
      entry(100, "allow", "0.0.0.0/0"),
      entry(10, "deny", "0.0.0.0/0", [1024, 1024], { egress: true }),
      entry(20, "deny", "0.0.0.0/0", [5000, 6000], { egress: true }),
      entry(30, "allow", "0.0.0.0/0", undefined, { egress: true }),
    ]);
    expect(evaluateNetworkAcl(acl, from("203.0.113.7"))).toEqual({
      layer: "network-acl",
      verdict: "unknown",
      cite: "acl-88888888 outbound rule 10: deny tcp 1024 to 0.0.0.0/0",
      reason:
        "replies to 203.0.113.7 are allowed only to ports 1025-4999, 6001-65535, denied to 1024, 5000-6000: it depends on the client's ephemeral port",
      fix: "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --egress --rule-number 9 --protocol tcp --port-range From=1024,To=65535 --cidr-block 203.0.113.7/32 --rule-action allow",
    });
  });

  it("one return deny anywhere in 1024-65535 before an allow-all: denied there, allowed on both sides of it", () => {
    const span = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 1024, max: 65535 }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        const acl = withAcl([
          entry(100, "allow", "0.0.0.0/0"),
          entry(10, "deny", "0.0.0.0/0", [low, high], { egress: true }),
          entry(20, "allow", "0.0.0.0/0", undefined, { egress: true }),
        ]);
        const verdict = evaluateNetworkAcl(acl, from("203.0.113.7"));
        expect(verdict.cite).toBe(`acl-88888888 outbound rule 10: deny tcp ${span(low, high)} to 0.0.0.0/0`);
        const allowed = [...(low > 1024 ? [span(1024, low - 1)] : []), ...(high < 65535 ? [span(high + 1, 65535)] : [])];
        if (allowed.length === 0) {
          expect(verdict.verdict).toBe("blocked");
        } else {
          expect(verdict.verdict).toBe("unknown");
          expect(verdict.reason).toBe(
            `replies to 203.0.113.7 are allowed only to ports ${allowed.join(", ")}, denied to ${span(low, high)}: it depends on the client's ephemeral port`,
          );
        }
      }),
      { numRuns: propertyRuns(100) },
    );
    // the whole range denied blocks
    const closed = withAcl([
      entry(100, "allow", "0.0.0.0/0"),
      entry(10, "deny", "0.0.0.0/0", [1024, 65535], { egress: true }),
      entry(20, "allow", "0.0.0.0/0", undefined, { egress: true }),
    ]);
    expect(evaluateNetworkAcl(closed, from("203.0.113.7")).verdict).toBe("blocked");
  });
});

describe("evaluateNetworkAcl: a source block that a rule only partly covers", () => {
  it("inbound: unknown, citing the rule and asking for a single address; each address then gets its own answer", () => {
    const acl = withAcl([
      entry(5, "deny", "203.0.113.0/25", [22, 22]), // another port: not in the way
      entry(10, "deny", "203.0.113.0/25", [5986, 5986]),
      entry(20, "allow", "0.0.0.0/0"),
      allOut(),
    ]);
    expect(evaluateNetworkAcl(acl, from("203.0.113.0/24"))).toEqual({
      layer: "network-acl",
      verdict: "unknown",
      cite: "acl-88888888 inbound rule 10: deny tcp 5986 from 203.0.113.0/25",
      reason: "only part of 203.0.113.0/24 matches this rule; ask again with a single address",
    });
    expect(evaluateNetworkAcl(acl, from("203.0.113.5")).verdict).toBe("blocked");
    expect(evaluateNetworkAcl(acl, from("203.0.113.200")).verdict).toBe("pass");
  });

  it("outbound: unknown, naming the inbound rule that let it in and the return rule only part of it meets", () => {
    const acl = withAcl([
      entry(100, "allow", "0.0.0.0/0"),
      entry(10, "deny", "203.0.113.128/25", [1024, 65535], { egress: true }),
      allOut(),
    ]);
    expect(evaluateNetworkAcl(acl, from("203.0.113.0/24"))).toEqual({
      layer: "network-acl",
      verdict: "unknown",
      cite: "acl-88888888 outbound rule 10: deny tcp 1024-65535 to 203.0.113.128/25",
      reason:
        "inbound is allowed by acl-88888888 inbound rule 100: allow all traffic from 0.0.0.0/0, but only part of 203.0.113.0/24 matches this return rule",
    });
    expect(evaluateNetworkAcl(acl, from("203.0.113.5")).verdict).toBe("pass");
    expect(evaluateNetworkAcl(acl, from("203.0.113.200")).verdict).toBe("blocked");
  });
});

describe("evaluateNetworkAcl: the subnet, the ACL and the source", () => {
  it("a dual-stack subnet: an address in either of its blocks does not cross the ACL; a wider range does", () => {
    const base = snapshot({ subnetCidrs: ["10.0.1.0/24", "2001:db8:1234:1a00::/64"] });
    const acl = withAcl([entry(1, "deny", "0.0.0.0/0"), entry(2, "deny", "::/0")], base);
    expect(evaluateNetworkAcl(acl, from("2001:db8:1234:1a00::5"))).toEqual({
      layer: "network-acl",
      verdict: "pass",
      cite: "acl-88888888 (not crossed)",
      reason:
        "2001:db8:1234:1a00::5 is in the instance's own subnet (10.0.1.0/24, 2001:db8:1234:1a00::/64): traffic within a subnet never crosses its network ACL",
    });
    expect(evaluateNetworkAcl(acl, from("10.0.1.5")).verdict).toBe("pass");
    // the VPC's whole block holds other subnets too: from there the traffic crosses the ACL
    expect(evaluateNetworkAcl(acl, from("10.0.0.0/16")).verdict).toBe("blocked");
  });

  it("is unknown, with no cite, when the instance has no subnet or no ACL is associated with its subnet", () => {
    const unread = { layer: "network-acl", verdict: "unknown", cite: "", reason: "the subnet's network ACL could not be read" };
    expect(evaluateNetworkAcl(snapshot({}, { subnetId: undefined }), from("203.0.113.7"))).toEqual(unread);
    expect(evaluateNetworkAcl(snapshot({ networkAcls: [] }), from("203.0.113.7"))).toEqual(unread);
    const elsewhere = snapshot();
    const other = { ...elsewhere, networkAcls: elsewhere.networkAcls.map((acl) => ({ ...acl, subnetIds: ["subnet-99999999"] })) };
    expect(evaluateNetworkAcl(other, from("203.0.113.7"))).toEqual(unread);
  });

  it("a security group source: every member address is judged, and one blocked member blocks", () => {
    const acl = withAcl([entry(10, "allow", "203.0.113.0/24", [5986, 5986]), allOut()]);
    const blocked = evaluateNetworkAcl(acl, fromGroup(["203.0.113.5", "198.51.100.7"]));
    expect(blocked).toMatchObject({
      layer: "network-acl",
      verdict: "blocked",
      cite: "acl-88888888 inbound rule * (implicit deny): deny all traffic from 0.0.0.0/0",
      reason: "inbound tcp 5986 from 198.51.100.7 is denied before any rule allows it",
    });
    expect(blocked.fix).toContain("--cidr-block 198.51.100.7/32");
    const both = evaluateNetworkAcl(acl, fromGroup(["203.0.113.5", "203.0.113.6"]));
    expect(both.verdict).toBe("pass");
    expect(both.reason).toMatch(/^inbound tcp 5986 from 203\.0\.113\.5 is allowed.*\(all 2 addresses of sg-0123456789abcdef0\)$/);
    expect(evaluateNetworkAcl(acl, fromGroup([]))).toEqual({
      layer: "network-acl",
      verdict: "unknown",
      cite: "sg-0123456789abcdef0",
      reason: "no network interface in sg-0123456789abcdef0 has an address to judge",
    });
  });

  it("the fix takes the free number just below the deny among rules of the same direction, down to rule 1", () => {
    const acl = withAcl([
      entry(2, "deny", "203.0.113.0/24", [5986, 5986]),
      entry(100, "allow", "0.0.0.0/0"),
      entry(1, "allow", "0.0.0.0/0", undefined, { egress: true }), // outbound: does not take inbound number 1
    ]);
    const verdict = evaluateNetworkAcl(acl, from("203.0.113.7"));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.fix).toBe(
      "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --ingress --rule-number 1 --protocol tcp --port-range From=5986,To=5986 --cidr-block 203.0.113.7/32 --rule-action allow",
    );
  });
});

describe("evaluateNetworkAcl from any source", () => {
  it("considers only allows for the asked protocol and port, and denies on other ports shadow nothing", () => {
    const acl = withAcl([
      entry(5, "deny", "0.0.0.0/0", [22, 22]),
      entry(10, "allow", "192.0.2.0/24", [5986, 5986], { protocol: "17" }),
      entry(20, "allow", "198.51.100.0/24", [22, 22]),
      entry(30, "allow", "198.51.100.0/24", [6000, 7000]),
      entry(40, "allow", "203.0.113.0/24", [5986, 5986]),
      allOut(),
    ]);
    expect(evaluateNetworkAcl(acl, anySource(5986))).toEqual({
      layer: "network-acl",
      verdict: "pass",
      cite: "acl-88888888 inbound rule 40: allow tcp 5986 from 203.0.113.0/24; return acl-88888888 outbound rule 100: allow all traffic to 0.0.0.0/0",
      reason:
        "inbound tcp 5986 from 203.0.113.0/24 is allowed, and replies to its ephemeral ports 1024-65535 are allowed out; allowed sources: 203.0.113.0/24",
    });
  });

  it("answers for the first allowed block as it is: a blocked reply is not followed by the allowed sources", () => {
    const acl = withAcl([
      entry(10, "allow", "203.0.113.0/24", [5986, 5986]),
      entry(10, "allow", "0.0.0.0/0", [443, 443], { egress: true }),
    ]);
    expect(evaluateNetworkAcl(acl, anySource(5986))).toEqual({
      layer: "network-acl",
      verdict: "blocked",
      cite: "acl-88888888 outbound rule * (implicit deny): deny all traffic to 0.0.0.0/0",
      reason:
        "the request is allowed in (acl-88888888 inbound rule 10: allow tcp 5986 from 203.0.113.0/24) but the reply to 203.0.113.0/24 on ports 1024-65535 is denied: network ACLs are stateless",
      fix: "aws ec2 create-network-acl-entry --network-acl-id acl-88888888 --egress --rule-number 32766 --protocol tcp --port-range From=1024,To=65535 --cidr-block 203.0.113.0/24 --rule-action allow",
    });
  });
});

describe("evaluateNetworkAcl: blocks that cannot be read", () => {
  it("a rule or subnet block that is not an address is passed over, from a source or from anywhere", () => {
    const acl = withAcl([
      entry(5, "allow", "not-a-block", [5986, 5986]),
      entry(10, "deny", "203.0.113.0/33", [5986, 5986]),
      entry(20, "allow", "0.0.0.0/0", [5986, 5986]),
      allOut(),
    ]);
    const cite =
      "acl-88888888 inbound rule 20: allow tcp 5986 from 0.0.0.0/0; return acl-88888888 outbound rule 100: allow all traffic to 0.0.0.0/0";
    expect(evaluateNetworkAcl(acl, from("203.0.113.7"))).toMatchObject({ verdict: "pass", cite });
    const anywhere = evaluateNetworkAcl(acl, anySource(5986));
    expect(anywhere).toMatchObject({ verdict: "pass", cite });
    expect(anywhere.reason).toMatch(/; allowed sources: 0\.0\.0\.0\/0$/);
    const base = snapshot({ subnetCidrs: ["10.0.1.0/33", "10.0.1.0/24"] });
    const own = evaluateNetworkAcl(withAcl([entry(1, "deny", "0.0.0.0/0")], base), from("10.0.1.5"));
    expect(own).toMatchObject({ verdict: "pass", cite: "acl-88888888 (not crossed)" });
  });
});
