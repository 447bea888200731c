/**
 * The AWS reader through the real SDK against moto on loopback: VPCs, subnets, route tables,
 * internet gateways, network ACLs, security groups and Windows instances created through EC2's API,
 * then checked end to end with the core's evaluators.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsReader } from "../../src/aws/index.js";
import {
  type CheckReport,
  type InstanceReader,
  parseAddressRange,
  readCheckArguments,
  runCheck,
} from "../../src/core/reachability/index.js";
import { book } from "../helpers/book.js";
import { type MotoOrReason, startMoto, useMotoEnv } from "../helpers/moto.js";
import { otherAccount, VpcWorld, winrmHttps } from "./vpc-world.js";

const started: MotoOrReason = await startMoto();
const moto = "moto" in started ? started.moto : undefined;

async function check(reader: InstanceReader, instance: string, port: number, options: { from?: string; host?: boolean } = {}) {
  const args = readCheckArguments({ instance, port: String(port), ...options });
  if (!args.ok) throw new Error(args.problem);
  return runCheck(reader, book, args);
}

function report(outcome: Awaited<ReturnType<typeof check>>): CheckReport {
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.report;
}

const layer = (r: CheckReport, name: string) => r.layers.find((l) => l.layer === name);

describe.skipIf(!moto)("amiport check against moto", () => {
  let restore: () => void;
  let world: VpcWorld;
  let reader: InstanceReader;

  beforeAll(async () => {
    restore = useMotoEnv(moto as NonNullable<typeof moto>);
    world = new VpcWorld();
    reader = createAwsReader({ region: "us-east-1", hostBudgetMs: 3000 });
    await world.installDocument();
  });

  afterAll(async () => {
    reader?.close?.();
    restore?.();
    await moto?.stop();
  });

  it("a public subnet: the group decides, and the host layers stay unknown on moto's empty SSM output", async () => {
    const { vpcId, mainTableId, subnetId: subnet } = await world.publicSubnet("10.0.0.0/16", "10.0.1.0/24");
    const group = await world.group(vpcId, "winrm-https", [winrmHttps("203.0.113.0/24")]);
    const { instanceId, publicIp } = await world.windowsInstance(subnet, [group]);
    expect(publicIp).toBeTruthy();

    const allowed = report(await check(reader, instanceId, 5986, { from: "203.0.113.9" }));
    expect(allowed.layers.map((l) => [l.layer, l.verdict])).toEqual([
      ["instance", "pass"],
      ["route", "pass"],
      ["network-acl", "pass"],
      ["security-group", "pass"],
      ["windows-firewall", "unknown"],
      ["listener", "unknown"],
    ]);
    expect(allowed.verdict).toBe("unknown");
    expect(layer(allowed, "windows-firewall")?.reason).toBe("the SSM command returned no output");
    expect(layer(allowed, "route")?.cite).toContain(mainTableId);
    expect(layer(allowed, "security-group")?.cite).toContain(group);

    const refused = report(await check(reader, instanceId, 5986, { from: "198.51.100.7", host: false }));
    expect(refused.verdict).toBe("blocked");
    expect(layer(refused, "security-group")?.reason).toContain("only from 203.0.113.0/24");
    expect(refused.fix).toBe(
      `aws ec2 authorize-security-group-ingress --group-id ${group} --protocol tcp --port 5986 --cidr 198.51.100.7/32`,
    );
    expect(layer(refused, "windows-firewall")?.reason).toBe("not checked (--no-host)");
  });

  it("a subnet with no explicit association uses the main table, which has no internet route", async () => {
    const { vpcId, mainTableId } = await world.vpc("10.1.0.0/16");
    const routed = await world.subnet(vpcId, "10.1.1.0/24", true);
    const unassociated = await world.subnet(vpcId, "10.1.2.0/24", true);
    const own = await world.ownRouteTable(vpcId, routed);
    await world.defaultRoute(own, await world.internetGateway(vpcId));
    const group = await world.group(vpcId, "open", [winrmHttps("0.0.0.0/0")]);
    const { instanceId } = await world.windowsInstance(unassociated, [group]);

    const r = report(await check(reader, instanceId, 5986, { from: "203.0.113.9", host: false }));
    const route = layer(r, "route");
    expect(route?.verdict).toBe("blocked");
    expect(route?.cite).toContain(mainTableId);
    expect(route?.cite).toContain("no explicit association");
    expect(route?.cite).not.toContain(own);

    const inRouted = report(
      await check(reader, (await world.windowsInstance(routed, [group])).instanceId, 5986, { from: "203.0.113.9", host: false }),
    );
    expect(layer(inRouted, "route")?.verdict).toBe("pass");
    expect(layer(inRouted, "route")?.cite).toContain(own);
  });

  it("a custom ACL that lets the request in but not the reply blocks; the same subnet never crosses it", async () => {
    const { vpcId, subnetId: subnet } = await world.publicSubnet("10.2.0.0/16", "10.2.3.0/24");
    const acl = await world.customAcl(vpcId, subnet, [
      { rule: 100, egress: false, action: "allow", cidr: "0.0.0.0/0", ports: [5986, 5986] },
    ]);
    const group = await world.group(vpcId, "open", [winrmHttps("0.0.0.0/0")]);
    const { instanceId } = await world.windowsInstance(subnet, [group]);

    const outside = report(await check(reader, instanceId, 5986, { from: "203.0.113.9", host: false }));
    const nacl = layer(outside, "network-acl");
    expect(nacl?.verdict).toBe("blocked");
    expect(nacl?.cite).toContain(`${acl} outbound rule * (implicit deny)`);
    expect(nacl?.fix).toContain(`--network-acl-id ${acl} --egress`);
    expect(outside.verdict).toBe("blocked");

    const sameSubnet = report(await check(reader, instanceId, 5986, { from: "10.2.3.77", host: false }));
    expect(layer(sameSubnet, "network-acl")?.verdict).toBe("pass");
    expect(layer(sameSubnet, "network-acl")?.reason).toContain("never crosses");
  });

  it("--from a security group: allowed by reference, and its members' addresses meet the ACL", async () => {
    const { vpcId } = await world.vpc("10.3.0.0/16");
    const subnet = await world.subnet(vpcId, "10.3.1.0/24");
    const bastions = await world.group(vpcId, "bastions", []);
    const target = await world.group(vpcId, "from-bastions", [
      { IpProtocol: "tcp", FromPort: 5985, ToPort: 5986, UserIdGroupPairs: [{ GroupId: bastions }] },
    ]);
    const bastion = await world.windowsInstance(subnet, [bastions]);
    const { instanceId } = await world.windowsInstance(subnet, [target]);

    const r = report(await check(reader, instanceId, 5986, { from: bastions, host: false }));
    expect(layer(r, "security-group")?.verdict).toBe("pass");
    expect(layer(r, "security-group")?.cite).toContain(`from ${bastions}`);
    expect(layer(r, "route")?.verdict).toBe("pass");
    expect(parseAddressRange(bastion.privateIp)).toBeDefined();
    expect(layer(r, "network-acl")?.reason).toContain(bastion.privateIp);

    const other = await world.group(vpcId, "others", []);
    await world.windowsInstance(subnet, [other]);
    expect(layer(report(await check(reader, instanceId, 5986, { from: other, host: false })), "security-group")?.verdict).toBe(
      "blocked",
    );
  });

  it("a stopped instance blocks at the instance layer, has no public address, and gets no SSM command", async () => {
    const { vpcId, subnetId: subnet } = await world.publicSubnet("10.4.0.0/16", "10.4.1.0/24");
    const { instanceId } = await world.windowsInstance(subnet, [await world.group(vpcId, "open", [winrmHttps("0.0.0.0/0")])]);
    await world.stop(instanceId);

    const r = report(await check(reader, instanceId, 5986, { from: "203.0.113.9" }));
    expect(layer(r, "instance")?.verdict).toBe("blocked");
    expect(layer(r, "route")?.reason).toContain("no public IPv4 address");
    expect(layer(r, "windows-firewall")?.reason).toBe("not checked: the instance is stopped");
    expect(r.fix).toBe(`aws ec2 start-instances --instance-ids ${instanceId}`);
  });

  it("an instance in another account is found through AMIPORT_CHECK_ROLE_ARNS, and its host read goes there too", async () => {
    const role = "arn:aws:iam::222233334444:role/amiport-check";
    const there = new VpcWorld(await otherAccount(role));
    const { vpcId, subnetId } = await there.publicSubnet("10.6.0.0/16", "10.6.1.0/24");
    const group = await there.group(vpcId, "winrm", [winrmHttps("203.0.113.0/24")]);
    const { instanceId } = await there.windowsInstance(subnetId, [group]);

    const homeOnly = await check(reader, instanceId, 5986, { host: false });
    expect(homeOnly).toMatchObject({ ok: false, kind: "not-found" });

    const wider = createAwsReader({
      region: "us-east-1",
      hostBudgetMs: 3000,
      roleArns: ["arn:aws:iam::333344445555:role/amiport-check", role],
    });
    try {
      const r = report(await check(wider, instanceId, 5986, { from: "203.0.113.9" }));
      expect(layer(r, "security-group")).toMatchObject({ verdict: "pass" });
      expect(layer(r, "security-group")?.cite).toContain(group);
      expect(layer(r, "windows-firewall")?.reason).toBe("the SSM command returned no output");
      // the SSM command went to the instance's account, not amiport's own
      expect(await there.commandsFor(instanceId)).toBe(1);
      expect(await world.commandsFor(instanceId)).toBe(0);
      const missing = await check(wider, "i-0123456789abcdef0", 5986);
      expect(missing).toEqual({
        ok: false,
        kind: "not-found",
        problem: "there is no instance i-0123456789abcdef0 in this account or the 2 other account(s) in AMIPORT_CHECK_ROLE_ARNS",
      });
    } finally {
      wider.close?.();
    }
  });

  it("an instance that does not exist is named as such", async () => {
    const outcome = await check(reader, "i-0123456789abcdef0", 5986);
    expect(outcome).toEqual({
      ok: false,
      kind: "not-found",
      problem: "there is no instance i-0123456789abcdef0 in this account and region",
    });
  });

  it("the VPC layers reach the caller before the host layers", async () => {
    const { vpcId } = await world.vpc("10.5.0.0/16");
    const subnet = await world.subnet(vpcId, "10.5.1.0/24");
    const { instanceId } = await world.windowsInstance(subnet, [await world.group(vpcId, "g", [winrmHttps("10.0.0.0/8")])]);
    const args = readCheckArguments({ instance: instanceId, port: "5986", from: "10.5.9.9" });
    if (!args.ok) throw new Error(args.problem);
    const early: CheckReport[] = [];
    const outcome = await runCheck(reader, book, args, (first) => {
      early.push(first);
    });
    expect(early).toHaveLength(1);
    expect(layer(early[0] as CheckReport, "windows-firewall")?.reason).toBe("still checking…");
    expect(layer(report(outcome), "windows-firewall")?.reason).toBe("the SSM command returned no output");
  });
});
