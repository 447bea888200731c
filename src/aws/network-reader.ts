/**
 * Reads an instance's network with EC2's Describe calls only, into the core's plain snapshot.
 * A call that fails leaves its part of the snapshot empty, and the layer that needs it says
 * "unknown"; only the instance itself must be readable.
 */
import type { EC2Client, Instance, IpPermission, NetworkAcl, RouteTable } from "@aws-sdk/client-ec2";
import {
  type AddressRange,
  type CheckSource,
  type InstanceSnapshot,
  type NetworkAclSnapshot,
  type NetworkRead,
  type NetworkSnapshot,
  parseAddressRange,
  type RouteTableSnapshot,
  type SecurityGroupRule,
  type SecurityGroupSnapshot,
  type SourceInput,
} from "../core/reachability/index.js";
import { describeAwsError } from "./errors.js";
import { ec2Sdk } from "./sdk.js";

const {
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  GetManagedPrefixListEntriesCommand,
} = ec2Sdk;

/** Prefix lists read per check; each referenced list is one call. */
export const MAX_PREFIX_LISTS = 10;
/** Member addresses of a `--from sg-…` group that are judged. */
export const MAX_GROUP_MEMBERS = 50;

const defined = <T>(value: T | undefined | null): value is T => value !== undefined && value !== null;

export function toInstance(instance: Instance): InstanceSnapshot {
  const interfaces = instance.NetworkInterfaces ?? [];
  const groups = new Set(interfaces.flatMap((eni) => (eni.Groups ?? []).map((g) => g.GroupId)).filter(defined));
  for (const group of instance.SecurityGroups ?? []) if (group.GroupId) groups.add(group.GroupId);
  const privateAddresses = interfaces
    .flatMap((eni) => (eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress))
    .filter(defined);
  return {
    id: instance.InstanceId ?? "",
    state: instance.State?.Name ?? "unknown",
    ...(instance.Platform ? { platform: instance.Platform.toLowerCase() } : {}),
    ...(instance.VpcId ? { vpcId: instance.VpcId } : {}),
    ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
    privateAddresses: privateAddresses.length > 0 ? privateAddresses : [instance.PrivateIpAddress].filter(defined),
    ...(instance.PublicIpAddress ? { publicAddress: instance.PublicIpAddress } : {}),
    ipv6Addresses: interfaces.flatMap((eni) => (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address)).filter(defined),
    securityGroupIds: [...groups],
    networkInterfaceIds: interfaces.map((eni) => eni.NetworkInterfaceId).filter(defined),
  };
}

function toRouteTable(table: RouteTable): RouteTableSnapshot {
  return {
    id: table.RouteTableId ?? "",
    main: (table.Associations ?? []).some((a) => a.Main === true),
    subnetIds: (table.Associations ?? []).map((a) => a.SubnetId).filter(defined),
    routes: (table.Routes ?? []).flatMap((route) => {
      const destination = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId;
      const target =
        route.GatewayId ??
        route.NatGatewayId ??
        route.TransitGatewayId ??
        route.VpcPeeringConnectionId ??
        route.EgressOnlyInternetGatewayId ??
        route.NetworkInterfaceId ??
        route.InstanceId ??
        route.LocalGatewayId ??
        route.CarrierGatewayId ??
        route.CoreNetworkArn ??
        "unknown";
      if (!destination) return [];
      return [{ destination, target, state: route.State === "blackhole" ? ("blackhole" as const) : ("active" as const) }];
    }),
  };
}

function toNetworkAcl(acl: NetworkAcl): NetworkAclSnapshot {
  return {
    id: acl.NetworkAclId ?? "",
    isDefault: acl.IsDefault === true,
    subnetIds: (acl.Associations ?? []).map((a) => a.SubnetId).filter(defined),
    entries: (acl.Entries ?? []).flatMap((entry) => {
      const cidr = entry.CidrBlock ?? entry.Ipv6CidrBlock;
      if (!cidr || entry.RuleNumber === undefined || (entry.RuleAction !== "allow" && entry.RuleAction !== "deny")) return [];
      const range = entry.PortRange;
      return [
        {
          ruleNumber: entry.RuleNumber,
          egress: entry.Egress === true,
          protocol: entry.Protocol ?? "-1",
          action: entry.RuleAction,
          cidr,
          ...(range?.From !== undefined && range.To !== undefined ? { portRange: { from: range.From, to: range.To } } : {}),
        },
      ];
    }),
  };
}

function toRule(permission: IpPermission): SecurityGroupRule {
  return {
    protocol: permission.IpProtocol ?? "-1",
    ...(permission.FromPort !== undefined && permission.FromPort >= 0 ? { fromPort: permission.FromPort } : {}),
    ...(permission.ToPort !== undefined && permission.ToPort >= 0 ? { toPort: permission.ToPort } : {}),
    cidrs: [...(permission.IpRanges ?? []).map((r) => r.CidrIp), ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)].filter(
      defined,
    ),
    prefixListIds: (permission.PrefixListIds ?? []).map((p) => p.PrefixListId).filter(defined),
    groupIds: (permission.UserIdGroupPairs ?? []).map((p) => p.GroupId).filter(defined),
  };
}

/** Runs a read; a failure is an empty answer, so the layer that needed it says unknown. */
async function orNothing<T>(read: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await read();
  } catch {
    return nothing;
  }
}

export async function readNetwork(
  ec2: EC2Client,
  instanceId: string,
  source: Exclude<SourceInput, { ok: false }>,
): Promise<NetworkRead> {
  let found: Instance | undefined;
  try {
    const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    found = answer.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
  } catch (error) {
    return { ok: false, ...describeAwsError(error, instanceId) };
  }
  if (!found) return { ok: false, kind: "not-found", problem: `there is no instance ${instanceId} in this account and region` };
  const instance = toInstance(found);
  const subnetId = instance.subnetId;
  const vpcId = instance.vpcId;

  const [ownTables, mainTables, acls, subnets, groups, members] = await Promise.all([
    subnetId
      ? orNothing(
          async () =>
            (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnetId] }] })))
              .RouteTables ?? [],
          [],
        )
      : [],
    vpcId
      ? orNothing(
          async () =>
            (
              await ec2.send(
                new DescribeRouteTablesCommand({
                  Filters: [
                    { Name: "vpc-id", Values: [vpcId] },
                    { Name: "association.main", Values: ["true"] },
                  ],
                }),
              )
            ).RouteTables ?? [],
          [],
        )
      : [],
    subnetId
      ? orNothing(
          async () =>
            (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnetId] }] })))
              .NetworkAcls ?? [],
          [],
        )
      : [],
    subnetId
      ? orNothing(async () => (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets ?? [], [])
      : [],
    instance.securityGroupIds.length > 0
      ? orNothing(
          async () =>
            (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...instance.securityGroupIds] }))).SecurityGroups ??
            [],
          [],
        )
      : [],
    source.kind === "group" ? readGroupMembers(ec2, source.groupId) : Promise.resolve([]),
  ]);

  const routeTables = [...ownTables, ...mainTables.filter((t) => !ownTables.some((o) => o.RouteTableId === t.RouteTableId))].map(
    toRouteTable,
  );
  const securityGroups: SecurityGroupSnapshot[] = groups.map((g) => ({
    id: g.GroupId ?? "",
    name: g.GroupName ?? "",
    ingress: (g.IpPermissions ?? []).map(toRule),
  }));
  const listIds = [
    ...new Set([
      ...securityGroups.flatMap((g) => g.ingress.flatMap((r) => r.prefixListIds)),
      ...routeTables.flatMap((t) => t.routes.map((r) => r.destination).filter((d) => d.startsWith("pl-"))),
    ]),
  ].slice(0, MAX_PREFIX_LISTS);
  const lists = await Promise.all(
    listIds.map(async (id) => {
      const entries = await orNothing(
        async () => (await ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 100 }))).Entries,
        undefined,
      );
      return [id, entries?.map((e) => e.Cidr).filter(defined)] as const;
    }),
  );
  const subnet = subnets[0];
  const snapshot: NetworkSnapshot = {
    instance,
    // the local routes are the VPC's CIDR blocks, IPv4 and IPv6
    vpcCidrs: routeTables.flatMap((t) => t.routes.filter((r) => r.target === "local").map((r) => r.destination)).filter(unique),
    subnetCidrs: subnet
      ? [subnet.CidrBlock, ...(subnet.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock)].filter(defined)
      : [],
    routeTables,
    networkAcls: acls.map(toNetworkAcl),
    securityGroups,
    prefixLists: Object.fromEntries(lists.filter((entry): entry is readonly [string, string[]] => entry[1] !== undefined)),
  };
  const checkSource: CheckSource =
    source.kind === "any"
      ? { kind: "any" }
      : source.kind === "range"
        ? { kind: "range", range: source.range }
        : { kind: "group", groupId: source.groupId, members };
  return { ok: true, snapshot, source: checkSource };
}

function unique(value: string, index: number, all: readonly string[]): boolean {
  return all.indexOf(value) === index;
}

/** The private addresses of the network interfaces in a security group (for `--from sg-…`). */
async function readGroupMembers(ec2: EC2Client, groupId: string): Promise<AddressRange[]> {
  const interfaces = await orNothing(
    async () =>
      (
        await ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: "group-id", Values: [groupId] }],
            MaxResults: MAX_GROUP_MEMBERS,
          }),
        )
      ).NetworkInterfaces ?? [],
    [],
  );
  return interfaces
    .flatMap((eni) => (eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress))
    .filter(defined)
    .map((address) => parseAddressRange(address))
    .filter(defined)
    .slice(0, MAX_GROUP_MEMBERS);
}
