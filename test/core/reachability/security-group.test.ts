/**
 * The security group layer on its own: which inbound rules apply to a protocol and port (AWS:
 * protocol -1 is all traffic; `tcp`/`6`, `udp`/`17`; no port range means every port), what each
 * verdict cites and says, and a group as the source (by reference, or by its members' addresses).
 */
import { describe, expect, it } from "vitest";
import type { CheckRequest, NetworkSnapshot, SecurityGroupRule } from "../../../src/core/reachability/index.js";
import { evaluateSecurityGroups } from "../../../src/core/reachability/index.js";
import { anySource, from, range, snapshot, tcpRule } from "./network.helpers.js";

const GROUP = "sg-33333333";

function withIngress(ingress: SecurityGroupRule[], extra: Partial<NetworkSnapshot> = {}): NetworkSnapshot {
  return snapshot({ securityGroups: [{ id: GROUP, name: "windows", ingress }], ...extra });
}

const members = (groupId: string, addresses: string[]): CheckRequest => ({
  port: 5986,
  protocol: "tcp",
  source: { kind: "group", groupId, members: addresses.map(range) },
});

describe("security group layer: which rules apply", () => {
  it("reads the protocol by name or number, in any case, and never the other protocol", () => {
    for (const protocol of ["tcp", "TCP", "6"]) {
      const verdict = evaluateSecurityGroups(withIngress([tcpRule(5986, ["0.0.0.0/0"], { protocol })]), from("203.0.113.5"));
      expect(verdict.verdict, protocol).toBe("pass");
    }
    for (const protocol of ["udp", "17", "icmp"]) {
      const verdict = evaluateSecurityGroups(withIngress([tcpRule(5986, ["0.0.0.0/0"], { protocol })]), from("203.0.113.5"));
      expect(verdict.verdict, protocol).toBe("blocked");
    }
    expect(
      evaluateSecurityGroups(withIngress([tcpRule(53, ["0.0.0.0/0"], { protocol: "17" })]), from("203.0.113.5", 53, "udp"))
        .verdict,
    ).toBe("pass");
  });

  it("reads a rule without ports as every port, and a range with both ends included", () => {
    const noPorts: SecurityGroupRule = { protocol: "tcp", cidrs: ["0.0.0.0/0"], prefixListIds: [], groupIds: [] };
    for (const port of [1, 5986, 65535])
      expect(evaluateSecurityGroups(withIngress([noPorts]), from("203.0.113.5", port)).verdict, String(port)).toBe("pass");
    const onlyTo: SecurityGroupRule = { ...noPorts, toPort: 100 };
    expect(evaluateSecurityGroups(withIngress([onlyTo]), from("203.0.113.5", 1)).verdict).toBe("pass");
    expect(evaluateSecurityGroups(withIngress([onlyTo]), from("203.0.113.5", 101)).verdict).toBe("blocked");
    const ranged = withIngress([tcpRule([5985, 5986], ["0.0.0.0/0"])]);
    expect(evaluateSecurityGroups(ranged, from("203.0.113.5", 5985)).verdict).toBe("pass");
    expect(evaluateSecurityGroups(ranged, from("203.0.113.5", 5987)).verdict).toBe("blocked");
  });
});

describe("security group layer: what a verdict says", () => {
  it("cites a port range with its ends, all traffic with the asked port, and a rule without ports from 0 to 65535", () => {
    const cite = (rule: SecurityGroupRule) => evaluateSecurityGroups(withIngress([rule]), from("203.0.113.5")).cite;
    expect(cite(tcpRule([5985, 5986], ["0.0.0.0/0"]))).toBe(`${GROUP} (windows) inbound: allow tcp 5985-5986 from 0.0.0.0/0`);
    expect(cite(tcpRule(5986, ["0.0.0.0/0"]))).toBe(`${GROUP} (windows) inbound: allow tcp 5986 from 0.0.0.0/0`);
    expect(cite({ protocol: "-1", cidrs: ["0.0.0.0/0"], prefixListIds: [], groupIds: [] })).toBe(
      `${GROUP} (windows) inbound: allow all traffic from 0.0.0.0/0 (covers 5986)`,
    );
    expect(cite({ protocol: "tcp", fromPort: 5000, cidrs: ["0.0.0.0/0"], prefixListIds: [], groupIds: [] })).toBe(
      `${GROUP} (windows) inbound: allow tcp 5000-65535 from 0.0.0.0/0`,
    );
  });

  it("a source outside every rule: blocked, naming the sources the rules allow (six, then how many more)", () => {
    const cidrs = Array.from({ length: 8 }, (_, i) => `10.0.${i}.0/24`);
    const verdict = evaluateSecurityGroups(withIngress([tcpRule(5986, cidrs)]), from("203.0.113.5"));
    expect(verdict).toStrictEqual({
      layer: "security-group",
      verdict: "blocked",
      cite: GROUP,
      reason: `no inbound rule of ${GROUP} allows tcp 5986 from 203.0.113.5; it allows tcp 5986 only from ${cidrs.slice(0, 6).join(", ")} and 2 more`,
      fix: `aws ec2 authorize-security-group-ingress --group-id ${GROUP} --protocol tcp --port 5986 --cidr 203.0.113.5/32`,
    });
    const six = evaluateSecurityGroups(withIngress([tcpRule(5986, cidrs.slice(0, 6))]), from("203.0.113.5"));
    expect(six.reason).toBe(
      `no inbound rule of ${GROUP} allows tcp 5986 from 203.0.113.5; it allows tcp 5986 only from ${cidrs.slice(0, 6).join(", ")}`,
    );
    const none = evaluateSecurityGroups(withIngress([]), from("203.0.113.0/24"));
    expect(none.reason).toBe(`no inbound rule of ${GROUP} allows tcp 5986 from 203.0.113.0/24`);
    expect(none.fix).toBe(
      `aws ec2 authorize-security-group-ingress --group-id ${GROUP} --protocol tcp --port 5986 --cidr 203.0.113.0/24`,
    );
  });

  it("a rule that covers only part of a source block does not allow it", () => {
    const verdict = evaluateSecurityGroups(withIngress([tcpRule(5986, ["203.0.113.0/25"])]), from("203.0.113.0/24"));
    expect(verdict.verdict).toBe("blocked");
  });

  it("a group it could not read makes a block unknown, with no fix, naming that group", () => {
    const snap = snapshot(
      { securityGroups: [{ id: GROUP, name: "windows", ingress: [] }] },
      { securityGroupIds: [GROUP, "sg-99999999"] },
    );
    expect(evaluateSecurityGroups(snap, from("203.0.113.5"))).toStrictEqual({
      layer: "security-group",
      verdict: "unknown",
      cite: `${GROUP}, sg-99999999`,
      reason: `no inbound rule of ${GROUP}, sg-99999999 allows tcp 5986 from 203.0.113.5; sg-99999999 could not be read`,
    });
  });

  it("an instance with no group (EC2 always gives one): blocked, with no fix to suggest", () => {
    const verdict = evaluateSecurityGroups(snapshot({ securityGroups: [] }, { securityGroupIds: [] }), anySource());
    expect(verdict.verdict).toBe("blocked");
    expect(verdict).not.toHaveProperty("fix");
  });

  it("an unread prefix list that might cover the source: unknown, citing the list", () => {
    const rule = tcpRule(5986, [], { prefixListIds: ["pl-0abc"] });
    expect(evaluateSecurityGroups(withIngress([rule]), from("203.0.113.5"))).toStrictEqual({
      layer: "security-group",
      verdict: "unknown",
      cite: "pl-0abc",
      reason: "no rule covers 203.0.113.5 unless prefix list pl-0abc does, and it could not be read",
    });
    const read = withIngress([rule], { prefixLists: { "pl-0abc": ["203.0.113.0/24", "not a block"] } });
    expect(evaluateSecurityGroups(read, from("203.0.113.5"))).toMatchObject({
      verdict: "pass",
      cite: `${GROUP} (windows) inbound: allow tcp 5986 from pl-0abc`,
      reason: "203.0.113.5 is allowed",
    });
  });
});

describe("security group layer: a group as the source", () => {
  it("a rule that references the group lets its members in, whatever their addresses", () => {
    const snap = withIngress([tcpRule(5986, [], { groupIds: ["sg-0src"] })]);
    expect(evaluateSecurityGroups(snap, members("sg-0src", ["192.0.2.7"]))).toStrictEqual({
      layer: "security-group",
      verdict: "pass",
      cite: `${GROUP} (windows) inbound: allow tcp 5986 from sg-0src`,
      reason: "members of sg-0src are allowed by reference",
    });
  });

  it("a reference to another group is no address rule: the members are judged by address, with no fix", () => {
    const snap = withIngress([tcpRule(5986, [], { groupIds: ["sg-0other"] })]);
    expect(evaluateSecurityGroups(snap, members("sg-0src", ["192.0.2.7"]))).toStrictEqual({
      layer: "security-group",
      verdict: "blocked",
      cite: GROUP,
      reason: `no inbound rule of ${GROUP} allows tcp 5986 from 192.0.2.7; it allows tcp 5986 only from sg-0other`,
    });
    expect(evaluateSecurityGroups(snap, from("192.0.2.7")).verdict).toBe("blocked");
  });

  it("members all covered by address: allowed, citing the first rule that covers them", () => {
    const snap = withIngress([tcpRule(5986, ["192.0.2.0/24"])]);
    expect(evaluateSecurityGroups(snap, members("sg-0src", ["192.0.2.7", "192.0.2.8"]))).toStrictEqual({
      layer: "security-group",
      verdict: "pass",
      cite: `${GROUP} (windows) inbound: allow tcp 5986 from 192.0.2.0/24`,
      reason: "sg-0src is allowed",
    });
  });

  it("a group with no member address: unknown", () => {
    expect(evaluateSecurityGroups(withIngress([tcpRule(5986, ["0.0.0.0/0"])]), members("sg-0src", []))).toStrictEqual({
      layer: "security-group",
      verdict: "unknown",
      cite: "sg-0src",
      reason: "no network interface in sg-0src has an address to judge",
    });
  });
});
