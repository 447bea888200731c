/**
 * Whole command lists, in order, with their purpose and shell: what the card shows an engineer,
 * for each kind of rule (inbound and outbound, TCP, UDP, ICMP, protocol numbers, port keywords).
 */
import { describe, expect, it } from "vitest";
import { commandsForPort, commandsForRule, type NextCommand, openingNote, type Rule } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const rule = (name: string) => {
  const found = book.rules.find((r) => r.rule === name);
  expect(found, name).toBeDefined();
  return found as Rule;
};
const rows = (commands: readonly NextCommand[]) => commands.map((c) => [c.purpose, c.shell, c.command]);
const checks = (name: string) => [
  [
    "check",
    "powershell",
    `Get-NetFirewallRule -DisplayName '${name}' | Select-Object DisplayName, Enabled, Profile, Direction, Action`,
  ],
  ["check", "powershell", `Get-NetFirewallRule -DisplayName '${name}' | Get-NetFirewallPortFilter`],
];
const describeGroups = (egress: boolean) => [
  "check",
  "aws-cli",
  `aws ec2 describe-security-groups --group-ids <sg-id> --query 'SecurityGroups[].${egress ? "IpPermissionsEgress" : "IpPermissions"}'`,
];
const OUTBOUND_NOTE = /^An outbound rule: security groups allow all outbound traffic/;

describe("commandsForRule, the whole list", () => {
  it("an inbound TCP rule: check it, test its port, check the group, open the port", () => {
    const name = "Windows Remote Management (HTTP-In)";
    expect(rows(commandsForRule(rule(name)))).toEqual([
      ...checks(name),
      ["test", "powershell", "Test-NetConnection -ComputerName <host> -Port 5985"],
      describeGroups(false),
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 5985 --cidr <your-cidr>",
      ],
    ]);
    expect(openingNote(rule(name))).toBeNull();
  });

  it("an outbound TCP rule tests the remote host's port, checks the egress rules and opens nothing", () => {
    const name = "Cast to Device functionality (qWave-TCP-Out)";
    expect(rows(commandsForRule(rule(name)))).toEqual([
      ...checks(name),
      ["test", "powershell", "Test-NetConnection -ComputerName <remote-host> -Port 2177"],
      describeGroups(true),
    ]);
    expect(openingNote(rule(name))).toMatch(OUTBOUND_NOTE);
    // an outbound rule whose local port is Any is explained as outbound, not as "any local port"
    expect(openingNote(rule("Core Networking - Teredo (UDP-Out)"))).toMatch(OUTBOUND_NOTE);
  });

  it("a port keyword that stands for one port is tested and opened as that port", () => {
    const name = "File and Printer Sharing (Spooler Service - RPC-EPMAP)";
    expect(rows(commandsForRule(rule(name)))).toEqual([
      ...checks(name),
      ["test", "powershell", "Test-NetConnection -ComputerName <host> -Port 135"],
      describeGroups(false),
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 135 --cidr <your-cidr>",
      ],
    ]);
    const iphttps = commandsForRule(rule("Core Networking - IPHTTPS (TCP-In)"));
    expect(rows(iphttps).filter(([purpose]) => purpose !== "check")).toEqual([
      ["test", "powershell", "Test-NetConnection -ComputerName <host> -Port 443"],
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 443 --cidr <your-cidr>",
      ],
    ]);
  });

  it("RPC's dynamic range is neither tested nor opened", () => {
    const rpc = book.rules.find((r) => r.local.keyword?.name === "RPC" && r.protocol === "TCP") as Rule;
    expect(rpc.local.keyword?.ranges.length).toBeGreaterThan(0);
    expect(rows(commandsForRule(rpc))).toEqual([...checks(rpc.rule), describeGroups(false)]);
  });

  it("a local port of Any gets its note and nothing to open", () => {
    const name = "Remote Desktop - Shadow (TCP-In)";
    expect(rows(commandsForRule(rule(name)))).toEqual([...checks(name), describeGroups(false)]);
    expect(openingNote(rule(name))).toMatch(/^The rule allows any local port/);
    expect(openingNote(rule("Core Networking - Teredo (UDP-In)"))).toBe(
      "Teredo is a Windows port keyword whose port is chosen at run time, so there is no fixed port to open.",
    );
  });

  it("ICMP echo request rules are tested with a ping, other ICMP types are not", () => {
    for (const name of [
      "File and Printer Sharing (Echo Request - ICMPv4-In)",
      "File and Printer Sharing (Echo Request - ICMPv6-In)",
      "All ICMP v4",
    ]) {
      expect(
        rows(commandsForRule(rule(name))).filter(([purpose]) => purpose === "test"),
        name,
      ).toEqual([["test", "powershell", "Test-NetConnection -ComputerName <host>"]]);
    }
    for (const name of [
      "Destination Unreachable (ICMPv6-In)",
      "Destination Unreachable Fragmentation Needed (ICMPv4-In)",
      "Packet Too Big (ICMPv6-In)",
    ]) {
      expect(
        rows(commandsForRule(rule(name))).filter(([purpose]) => purpose === "test"),
        name,
      ).toEqual([]);
    }
    const echoOut = "File and Printer Sharing (Echo Request - ICMPv4-Out)";
    expect(rows(commandsForRule(rule(echoOut)))).toEqual([...checks(echoOut), describeGroups(true)]);
  });

  it("ICMP opens the type and code of the longest name fragment that fits", () => {
    const name = "Destination Unreachable Fragmentation Needed (ICMPv4-In)";
    expect(rows(commandsForRule(rule(name)))).toEqual([
      ...checks(name),
      describeGroups(false),
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=<your-cidr>}]'",
      ],
    ]);
    const open = (r: Rule) =>
      rows(commandsForRule(r))
        .filter(([purpose]) => purpose === "open")
        .map(([, , c]) => c);
    expect(open(rule("Multicast Listener Report v2 (ICMPv6-In)"))).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmpv6,FromPort=143,ToPort=-1,Ipv6Ranges=[{CidrIpv6=<your-ipv6-cidr>}]'",
    ]);
    expect(open(rule("Multicast Listener Report (ICMPv6-In)"))).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmpv6,FromPort=131,ToPort=-1,Ipv6Ranges=[{CidrIpv6=<your-ipv6-cidr>}]'",
    ]);
    // a name with two fragments: the longer one (type 3 code 4) wins over Echo Request (8)
    const both = {
      ...rule("File and Printer Sharing (Echo Request - ICMPv4-In)"),
      rule: "Echo Request and Destination Unreachable Fragmentation Needed",
    };
    expect(open(both)).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=<your-cidr>}]'",
    ]);
  });

  it("an ICMP rule of a type amiport does not know says so and opens nothing", () => {
    for (const base of ["File and Printer Sharing (Echo Request - ICMPv4-In)", "Packet Too Big (ICMPv6-In)"]) {
      const unknown: Rule = { ...rule(base), rule: "Custom ICMP diagnostics (In)" };
      const commands = commandsForRule(unknown);
      expect(rows(commands)).toEqual([...checks("Custom ICMP diagnostics (In)"), describeGroups(false)]);
      expect(openingNote(unknown)).toBe(
        `amiport does not know the ${unknown.protocol} type of this rule; open only the type you need.`,
      );
    }
  });

  it("a protocol number is opened as that protocol, with no port", () => {
    const name = "Internet Group Management Protocol (IGMP-In)";
    expect(rows(commandsForRule(rule(name)))).toEqual([
      ...checks(name),
      describeGroups(false),
      ["open", "aws-cli", "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol 2 --cidr <your-cidr>"],
    ]);
    expect(openingNote(rule(name))).toBeNull();
  });

  it("a rule for any protocol is explained, never opened", () => {
    const anyProtocol: Rule = {
      ...rule("Internet Group Management Protocol (IGMP-In)"),
      rule: "Allow everything",
      protocol: "Any",
    };
    expect(openingNote(anyProtocol)).toBe(
      "The rule allows any protocol; open only the protocol and ports your service uses, never everything.",
    );
    expect(rows(commandsForRule(anyProtocol)).filter(([purpose]) => purpose === "open")).toEqual([]);
  });

  it("a TCP rule with no local port at all is explained like Any", () => {
    const base = rule("Windows Remote Management (HTTP-In)");
    const noPort: Rule = { ...base, local: { text: null, ranges: [] } };
    expect(openingNote(noPort)).toMatch(/^The rule allows any local port/);
    expect(rows(commandsForRule(noPort)).filter(([purpose]) => purpose !== "check")).toEqual([]);
  });

  it("opens at most five ranges of one rule", () => {
    const base = rule("Windows Remote Management (HTTP-In)");
    const ports = [1001, 1003, 1005, 1007, 1009, 1011, 1013];
    const many: Rule = { ...base, local: { text: ports.join(", "), ranges: ports.map((p) => ({ from: p, to: p })) } };
    expect(
      rows(commandsForRule(many))
        .filter(([purpose]) => purpose === "open")
        .map(([, , c]) => c?.match(/--port (\d+)/)?.[1]),
    ).toEqual(["1001", "1003", "1005", "1007", "1009"]);
  });
});

describe("commandsForPort, the whole list", () => {
  it("TCP: find the rule, the listener, test, then open on both layers", () => {
    expect(rows(commandsForPort(8443, "tcp"))).toEqual([
      [
        "check",
        "powershell",
        "Get-NetFirewallPortFilter -Protocol TCP | Where-Object { $_.LocalPort -contains '8443' } | Get-NetFirewallRule | Select-Object DisplayName, Enabled, Profile, Direction, Action",
      ],
      ["check", "powershell", "Get-NetTCPConnection -LocalPort 8443 -State Listen"],
      ["test", "powershell", "Test-NetConnection -ComputerName <host> -Port 8443"],
      [
        "open",
        "powershell",
        "New-NetFirewallRule -DisplayName 'Allow TCP 8443 in' -Direction Inbound -Protocol TCP -LocalPort 8443 -Action Allow",
      ],
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 8443 --cidr <your-cidr>",
      ],
    ]);
  });

  it("UDP: no TCP test, the UDP endpoint instead of a listener", () => {
    expect(rows(commandsForPort(161, "udp"))).toEqual([
      [
        "check",
        "powershell",
        "Get-NetFirewallPortFilter -Protocol UDP | Where-Object { $_.LocalPort -contains '161' } | Get-NetFirewallRule | Select-Object DisplayName, Enabled, Profile, Direction, Action",
      ],
      ["check", "powershell", "Get-NetUDPEndpoint -LocalPort 161"],
      [
        "open",
        "powershell",
        "New-NetFirewallRule -DisplayName 'Allow UDP 161 in' -Direction Inbound -Protocol UDP -LocalPort 161 -Action Allow",
      ],
      [
        "open",
        "aws-cli",
        "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol udp --port 161 --cidr <your-cidr>",
      ],
    ]);
  });

  it("names the number it refuses", () => {
    expect(() => commandsForPort(70000, "tcp")).toThrow("70000 is not a port");
  });
});
