/**
 * Plain snapshots of an instance's network and host, as the evaluators read them. No AWS SDK
 * types: `src/aws` copies what it reads into these shapes, and tests write them by hand.
 */
import type { AddressRange } from "./addresses.js";

export type Verdict = "pass" | "blocked" | "unknown";
export type Overall = "open" | "blocked" | "unknown";
export type LayerName = "instance" | "route" | "network-acl" | "security-group" | "windows-firewall" | "listener";
export type CheckProtocol = "tcp" | "udp";

/** Order of the layers in every answer. */
export const LAYERS: readonly LayerName[] = [
  "instance",
  "route",
  "network-acl",
  "security-group",
  "windows-firewall",
  "listener",
];

export interface LayerVerdict {
  readonly layer: LayerName;
  readonly verdict: Verdict;
  /** The object that decided it: a rule, a route, a profile; "" when nothing could be read. */
  readonly cite: string;
  readonly reason: string;
  /** One command that would open a blocking layer, built from validated values only. */
  readonly fix?: string;
}

/** Where traffic comes from: unsaid, an address or block, or a security group with its members' addresses. */
export type CheckSource =
  | { readonly kind: "any" }
  | { readonly kind: "range"; readonly range: AddressRange }
  | { readonly kind: "group"; readonly groupId: string; readonly members: readonly AddressRange[] };

export interface CheckRequest {
  readonly port: number;
  readonly protocol: CheckProtocol;
  readonly source: CheckSource;
}

export interface InstanceSnapshot {
  readonly id: string;
  /** EC2's state name: pending, running, stopping, stopped, shutting-down, terminated. */
  readonly state: string;
  /** "windows" for Windows instances; EC2 leaves it out for Linux. */
  readonly platform?: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly privateAddresses: readonly string[];
  readonly publicAddress?: string;
  readonly ipv6Addresses: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly networkInterfaceIds: readonly string[];
}

export interface RouteSnapshot {
  /** A CIDR block or a prefix list id (pl-…). */
  readonly destination: string;
  /** "local", igw-…, nat-…, tgw-…, pcx-…, vgw-…, eni-…, vpce-…, eigw-… */
  readonly target: string;
  readonly state: "active" | "blackhole";
}

export interface RouteTableSnapshot {
  readonly id: string;
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  readonly routes: readonly RouteSnapshot[];
}

export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** "-1" for all, else the IANA protocol number as text ("6" tcp, "17" udp). */
  readonly protocol: string;
  readonly action: "allow" | "deny";
  readonly cidr: string;
  readonly portRange?: { readonly from: number; readonly to: number };
}

export interface NetworkAclSnapshot {
  readonly id: string;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  readonly entries: readonly NetworkAclEntry[];
}

export interface SecurityGroupRule {
  /** "-1", "tcp", "udp", "icmp" or a protocol number as text. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
  readonly prefixListIds: readonly string[];
  readonly groupIds: readonly string[];
}

export interface SecurityGroupSnapshot {
  readonly id: string;
  readonly name: string;
  readonly ingress: readonly SecurityGroupRule[];
}

export interface NetworkSnapshot {
  readonly instance: InstanceSnapshot;
  readonly vpcCidrs: readonly string[];
  readonly subnetCidrs: readonly string[];
  readonly routeTables: readonly RouteTableSnapshot[];
  readonly networkAcls: readonly NetworkAclSnapshot[];
  readonly securityGroups: readonly SecurityGroupSnapshot[];
  /** Prefix list id to its CIDR blocks; a list that could not be read is absent. */
  readonly prefixLists: Readonly<Record<string, readonly string[]>>;
}

export type FirewallProfile = "Domain" | "Private" | "Public";
export const FIREWALL_PROFILES: readonly FirewallProfile[] = ["Domain", "Private", "Public"];

export interface FirewallProfileState {
  readonly name: FirewallProfile;
  readonly enabled: boolean;
  /** NotConfigured behaves as Block, Windows' default for inbound. */
  readonly defaultInboundAction: "Allow" | "Block" | "NotConfigured";
}

export interface FirewallRuleState {
  readonly name: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly direction: "Inbound" | "Outbound";
  readonly action: "Allow" | "Block";
  /** "Any" or the profiles the rule applies in. */
  readonly profiles: "Any" | readonly FirewallProfile[];
  /** "Any", "TCP", "UDP" or a protocol number; undefined when the port filter was not read. */
  readonly protocol?: string;
  /** "Any", single ports, ranges ("49152-65535") or keywords (RPC, RPCEPMap…); undefined when not read. */
  readonly localPorts?: readonly string[];
  /** "Any", addresses, blocks, ranges or keywords (LocalSubnet, Internet…); undefined when not read. */
  readonly remoteAddresses?: readonly string[];
  /** "Allow the connection if it is secure" with "Override block rules": authenticated bypass. */
  readonly overrideBlockRules: boolean;
}

export interface ListenerState {
  readonly protocol: CheckProtocol;
  readonly localAddress: string;
  readonly localPort: number;
  readonly owningProcess?: number;
}

export interface HostSnapshot {
  readonly profiles: readonly FirewallProfileState[];
  /** The profiles of the instance's connected networks (Get-NetConnectionProfile). */
  readonly activeProfiles: readonly FirewallProfile[];
  /** Inbound rules for the asked port only: the document filters on the host. */
  readonly rules: readonly FirewallRuleState[];
  readonly listeners: readonly ListenerState[];
}
