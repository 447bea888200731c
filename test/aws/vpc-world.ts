/** Builds VPCs, subnets, route tables, gateways, ACLs, groups and Windows instances in moto through the real SDK. */
import { readFileSync } from "node:fs";
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  type IpPermission,
  ModifySubnetAttributeCommand,
  ReplaceNetworkAclAssociationCommand,
  RunInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CreateDocumentCommand, ListCommandsCommand, SSMClient } from "@aws-sdk/client-ssm";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export class VpcWorld {
  readonly ec2: EC2Client;

  /** With credentials, the world is built in the account they belong to (moto keeps accounts apart). */
  constructor(private readonly credentials?: Credentials) {
    this.ec2 = new EC2Client({ region: "us-east-1", ...(credentials ? { credentials } : {}) });
  }

  async vpc(cidr = "10.0.0.0/16") {
    const vpcId = (await this.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    const tables = await this.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    return { vpcId, mainTableId: tables.RouteTables?.[0]?.RouteTableId as string };
  }

  async subnet(vpcId: string, cidr: string, publicIps = false) {
    const subnetId = (await this.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet?.SubnetId as string;
    if (publicIps)
      await this.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
    return subnetId;
  }

  async internetGateway(vpcId: string) {
    const igw = (await this.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    await this.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    return igw;
  }

  async defaultRoute(routeTableId: string, gatewayId: string) {
    await this.ec2.send(
      new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: "0.0.0.0/0", GatewayId: gatewayId }),
    );
  }

  async ownRouteTable(vpcId: string, subnetId: string) {
    const id = (await this.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId as string;
    await this.ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId }));
    return id;
  }

  async group(vpcId: string, name: string, ingress: IpPermission[]) {
    const id = (await this.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId as string;
    if (ingress.length > 0)
      await this.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: ingress }));
    return id;
  }

  /** A custom ACL (nothing but the implicit deny until entries are added) replacing the subnet's. */
  async customAcl(
    vpcId: string,
    subnetId: string,
    entries: { rule: number; egress: boolean; action: "allow" | "deny"; cidr: string; ports?: [number, number] }[],
  ) {
    const aclId = (await this.ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl?.NetworkAclId as string;
    for (const e of entries) {
      await this.ec2.send(
        new CreateNetworkAclEntryCommand({
          NetworkAclId: aclId,
          RuleNumber: e.rule,
          Egress: e.egress,
          RuleAction: e.action,
          CidrBlock: e.cidr,
          Protocol: e.ports ? "6" : "-1",
          ...(e.ports ? { PortRange: { From: e.ports[0], To: e.ports[1] } } : {}),
        }),
      );
    }
    const current = await this.ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnetId] }] }),
    );
    const association = current.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === subnetId)
      ?.NetworkAclAssociationId as string;
    await this.ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association, NetworkAclId: aclId }));
    return aclId;
  }

  async windowsInstance(subnetId: string, groupIds: string[]) {
    const images = await this.ec2.send(new DescribeImagesCommand({ Filters: [{ Name: "platform", Values: ["windows"] }] }));
    const imageId =
      images.Images?.find((i) => i.Name?.includes("2016") || i.Name?.includes("2019"))?.ImageId ?? images.Images?.[0]?.ImageId;
    const run = await this.ec2.send(
      new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, SubnetId: subnetId, SecurityGroupIds: groupIds }),
    );
    const instance = run.Instances?.[0];
    return {
      instanceId: instance?.InstanceId as string,
      privateIp: instance?.PrivateIpAddress as string,
      publicIp: instance?.PublicIpAddress,
    };
  }

  /** A VPC with one subnet that gives public addresses, and the main table routing 0.0.0.0/0 to an internet gateway. */
  async publicSubnet(vpcCidr: string, subnetCidr: string) {
    const { vpcId, mainTableId } = await this.vpc(vpcCidr);
    const subnetId = await this.subnet(vpcId, subnetCidr, true);
    await this.defaultRoute(mainTableId, await this.internetGateway(vpcId));
    return { vpcId, mainTableId, subnetId };
  }

  /** Registers amiport's own SSM document, as the README's set-up does. */
  async installDocument() {
    const content = readFileSync(new URL("../../deploy/aws/amiport-WindowsFirewallState.json", import.meta.url), "utf8");
    await new SSMClient({ region: "us-east-1", ...(this.credentials ? { credentials: this.credentials } : {}) }).send(
      new CreateDocumentCommand({
        Name: "amiport-WindowsFirewallState",
        DocumentType: "Command",
        DocumentFormat: "JSON",
        Content: content,
      }),
    );
  }

  /** SSM commands sent to an instance, as this account sees them. */
  async commandsFor(instanceId: string) {
    const ssm = new SSMClient({ region: "us-east-1", ...(this.credentials ? { credentials: this.credentials } : {}) });
    const answer = await ssm.send(new ListCommandsCommand({ InstanceId: instanceId }));
    return (answer.Commands ?? []).length;
  }

  async stop(instanceId: string) {
    await this.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  }
}

export const winrmHttps = (cidr: string): IpPermission => ({
  IpProtocol: "tcp",
  FromPort: 5986,
  ToPort: 5986,
  IpRanges: [{ CidrIp: cidr }],
});

/** Credentials in another account, as amiport's role there would get them. */
export async function otherAccount(roleArn: string): Promise<Credentials> {
  const answer = await new STSClient({ region: "us-east-1" }).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test-builder" }),
  );
  const c = answer.Credentials;
  return {
    accessKeyId: c?.AccessKeyId as string,
    secretAccessKey: c?.SecretAccessKey as string,
    sessionToken: c?.SessionToken as string,
  };
}
