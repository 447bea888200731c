/** Hand-written network snapshots for the evaluators' tests: one VPC, one subnet, one instance; and a host's firewall rule. */

import type {
  AddressRange,
  CheckRequest,
  FirewallRuleState,
  NetworkAclEntry,
  NetworkSnapshot,
  SecurityGroupRule,
} from "../../../src/core/reachability/index.js";
import { parseAddressRange } from "../../../src/core/reachability/index.js";

export const INSTANCE = "i-0123456789abcdef0";

export const WINRM_HTTPS = "WINRM-HTTPS-In-TCP";
export const WINRM_HTTPS_DISPLAY = "Windows Remote Management (HTTPS-In)";

/** An enabled inbound allow rule for TCP 5986 from any address in every profile, unless overridden. */
export function firewallRule(overrides: Partial<FirewallRuleState> = {}): FirewallRuleState {
  return {
    name: WINRM_HTTPS,
    displayName: WINRM_HTTPS_DISPLAY,
    enabled: true,
    direction: "Inbound",
    action: "Allow",
    profiles: "Any",
    protocol: "TCP",
    localPorts: ["5986"],
    remoteAddresses: ["Any"],
    overrideBlockRules: false,
    ...overrides,
  };
}

export function range(text: string): AddressRange {
  const parsed = parseAddressRange(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
}

export function from(text: string, port = 5986, protocol: "tcp" | "udp" = "tcp"): CheckRequest {
  return { port, protocol, source: { kind: "range", range: range(text) } };
}

export function anySource(port = 5986, protocol: "tcp" | "udp" = "tcp"): CheckRequest {
  return { port, protocol, source: { kind: "any" } };
}

export function entry(
  ruleNumber: number,
  action: "allow" | "deny",
  cidr: string,
  ports?: [number, number],
  options: { egress?: boolean; protocol?: string } = {},
): NetworkAclEntry {
  return {
    ruleNumber,
    egress: options.egress ?? false,
    protocol: options.protocol ?? (ports ? "6" : "-1"),
    action,
    cidr,
    ...(ports ? { portRange: { from: ports[0], to: ports[1] } } : {}),
  };
}

export function tcpRule(
  port: number | [number, number],
  cidrs: string[],
  extra: Partial<SecurityGroupRule> = {},
): SecurityGroupRule {
  const [fromPort, toPort] = typeof port === "number" ? [port, port] : port;
  return { protocol: "tcp", fromPort, toPort, cidrs, prefixListIds: [], groupIds: [], ...extra };
}

/** A running Windows instance with a public address in a public subnet whose ACL and group allow everything. */
export function snapshot(
  overrides: Partial<NetworkSnapshot> = {},
  instance: Partial<NetworkSnapshot["instance"]> = {},
): NetworkSnapshot {
  return {
    instance: {
      id: INSTANCE,
      state: "running",
      platform: "windows",
      vpcId: "vpc-11111111",
      subnetId: "subnet-22222222",
      privateAddresses: ["10.0.1.10"],
      publicAddress: "198.51.100.10",
      ipv6Addresses: [],
      securityGroupIds: ["sg-33333333"],
      networkInterfaceIds: ["eni-44444444"],
      ...instance,
    },
    vpcCidrs: ["10.0.0.0/16"],
    subnetCidrs: ["10.0.1.0/24"],
    routeTables: [
      {
        id: "rtb-55555555",
        main: true,
        subnetIds: [],
        routes: [
          { destination: "10.0.0.0/16", target: "local", state: "active" },
          { destination: "0.0.0.0/0", target: "igw-66666666", state: "active" },
        ],
      },
    ],
    networkAcls: [
      {
        id: "acl-77777777",
        isDefault: true,
        subnetIds: ["subnet-22222222"],
        entries: [entry(100, "allow", "0.0.0.0/0"), entry(100, "allow", "0.0.0.0/0", undefined, { egress: true })],
      },
    ],
    securityGroups: [{ id: "sg-33333333", name: "windows", ingress: [tcpRule(5986, ["0.0.0.0/0"])] }],
    prefixLists: {},
    ...overrides,
  };
}

export function withAcl(entries: NetworkAclEntry[], base: NetworkSnapshot = snapshot()): NetworkSnapshot {
  return { ...base, networkAcls: [{ id: "acl-88888888", isDefault: false, subnetIds: ["subnet-22222222"], entries }] };
}
