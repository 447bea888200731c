/**
 * The commands an engineer runs next for a rule or for a port no rule opens. They are built only
 * from the rule data and validated port numbers, never from what someone typed, so a command
 * shared in a channel carries nothing a user wrote. What amiport cannot know is a placeholder.
 */
import { createRequire } from "node:module";
import { formatRange, joinAdjacentRanges, type PortRange } from "./ports.js";
import type { TransportProtocol } from "./registrations.js";
import { DataError, type PortCell, type Rule } from "./rule-book.js";

export type CommandPurpose = "check" | "test" | "open";
export type CommandShell = "powershell" | "aws-cli";

export interface NextCommand {
  readonly purpose: CommandPurpose;
  readonly shell: CommandShell;
  readonly command: string;
}

/** What amiport cannot know, written where a person fills it in. */
export const PLACEHOLDERS = {
  host: "<host>",
  remoteHost: "<remote-host>",
  groupId: "<sg-id>",
  cidr: "<your-cidr>",
  ipv6Cidr: "<your-ipv6-cidr>",
} as const;

export const BOTH_LAYERS = "Both layers must allow it: the Windows Firewall on the instance and the security group in AWS.";

/** Ranges of one rule given their own security-group command, at most. */
const MAX_OPEN_COMMANDS = 5;

/**
 * A PowerShell single-quoted string: nothing inside is expanded, and a quote is written twice.
 * PowerShell also reads the typographic single quotes (U+2018 to U+201B) as quotes.
 */
export function quotePowerShell(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, "$&$&")}'`;
}

export function commandsForRule(rule: Rule): NextCommand[] {
  const name = quotePowerShell(rule.rule);
  const commands: NextCommand[] = [
    {
      purpose: "check",
      shell: "powershell",
      command: `Get-NetFirewallRule -DisplayName ${name} | Select-Object DisplayName, Enabled, Profile, Direction, Action`,
    },
    { purpose: "check", shell: "powershell", command: `Get-NetFirewallRule -DisplayName ${name} | Get-NetFirewallPortFilter` },
  ];
  const inbound = rule.direction === "In";
  const ports = portsOf(inbound ? rule.local : rule.remote);
  const first = ports?.[0];
  if (rule.protocol === "TCP" && first) {
    const host = inbound ? PLACEHOLDERS.host : PLACEHOLDERS.remoteHost;
    commands.push({
      purpose: "test",
      shell: "powershell",
      command: `Test-NetConnection -ComputerName ${host} -Port ${first.from}`,
    });
  }
  const icmp = icmpTypeOf(rule);
  if (inbound && icmp && (icmp.type === -1 || icmp.type === echoRequestType(rule))) {
    commands.push({ purpose: "test", shell: "powershell", command: `Test-NetConnection -ComputerName ${PLACEHOLDERS.host}` });
  }
  commands.push({
    purpose: "check",
    shell: "aws-cli",
    command: `aws ec2 describe-security-groups --group-ids ${PLACEHOLDERS.groupId} --query 'SecurityGroups[].${inbound ? "IpPermissions" : "IpPermissionsEgress"}'`,
  });
  if (inbound) commands.push(...ingressCommands(rule, ports));
  return commands;
}

/** Commands for a port that no default rule opens: check, test, then open it on both layers. */
export function commandsForPort(port: number, protocol: TransportProtocol): NextCommand[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`${port} is not a port`);
  const upper = protocol.toUpperCase();
  const name = quotePowerShell(`Allow ${upper} ${port} in`);
  return [
    {
      purpose: "check",
      shell: "powershell",
      command: `Get-NetFirewallPortFilter -Protocol ${upper} | Where-Object { $_.LocalPort -contains '${port}' } | Get-NetFirewallRule | Select-Object DisplayName, Enabled, Profile, Direction, Action`,
    },
    {
      purpose: "check",
      shell: "powershell",
      command:
        protocol === "tcp" ? `Get-NetTCPConnection -LocalPort ${port} -State Listen` : `Get-NetUDPEndpoint -LocalPort ${port}`,
    },
    ...(protocol === "tcp"
      ? [
          {
            purpose: "test",
            shell: "powershell",
            command: `Test-NetConnection -ComputerName ${PLACEHOLDERS.host} -Port ${port}`,
          } as const,
        ]
      : []),
    {
      purpose: "open",
      shell: "powershell",
      command: `New-NetFirewallRule -DisplayName ${name} -Direction Inbound -Protocol ${upper} -LocalPort ${port} -Action Allow`,
    },
    { purpose: "open", shell: "aws-cli", command: ingress(protocol, formatRange({ from: port, to: port })) },
  ];
}

/**
 * Why a rule gets no security-group command, or null where it gets one: outbound rules, rules for
 * any protocol, and local ports that are `Any` or a keyword standing for a wide or unknown range.
 */
export function openingNote(rule: Rule): string | null {
  if (rule.direction === "Out") {
    return "An outbound rule: security groups allow all outbound traffic unless their outbound rules were narrowed, so there is no inbound rule to add.";
  }
  if (rule.protocol === "Any") {
    return "The rule allows any protocol; open only the protocol and ports your service uses, never everything.";
  }
  if (rule.protocol.startsWith("ICMP")) {
    return icmpTypeOf(rule) ? null : `amiport does not know the ${rule.protocol} type of this rule; open only the type you need.`;
  }
  if (rule.protocol !== "TCP" && rule.protocol !== "UDP") return null;
  const cell = rule.local;
  if (cell.text === "Any" || cell.text === null) {
    return "The rule allows any local port, so there is no one port to open; open only the ports your service listens on.";
  }
  if (cell.keyword?.name === "RPC") {
    return "RPC stands for the dynamic ports (49152-65535) that the RPC endpoint mapper on TCP 135 hands out; rather than open the whole range, fix the service to known ports and open those.";
  }
  if (cell.ranges.length === 0 && !cell.keyword) {
    return `${cell.text} is a Windows port keyword whose port is chosen at run time, so there is no fixed port to open.`;
  }
  return null;
}

function portsOf(cell: PortCell): readonly PortRange[] | undefined {
  if (cell.ranges.length > 0) return cell.ranges;
  // a keyword that stands for one port (RPC-EPMap is 135) is that port; RPC's range is not opened
  const ranges = cell.keyword?.ranges;
  return ranges?.length === 1 && ranges[0]?.from === ranges[0]?.to ? ranges : undefined;
}

function ingressCommands(rule: Rule, ports: readonly PortRange[] | undefined): NextCommand[] {
  if (openingNote(rule) !== null) return [];
  const open = (command: string): NextCommand => ({ purpose: "open", shell: "aws-cli", command });
  switch (rule.protocol) {
    case "TCP":
    case "UDP": {
      const protocol = rule.protocol === "TCP" ? "tcp" : "udp";
      return joinAdjacentRanges(ports ?? [])
        .slice(0, MAX_OPEN_COMMANDS)
        .map((range) => open(ingress(protocol, formatRange(range))));
    }
    case "ICMPv4": {
      const icmp = icmpTypeOf(rule);
      if (!icmp) return [];
      return [
        open(
          icmp.type === -1
            ? ingress("icmp", "-1")
            : `aws ec2 authorize-security-group-ingress --group-id ${PLACEHOLDERS.groupId} --ip-permissions 'IpProtocol=icmp,FromPort=${icmp.type},ToPort=${icmp.code ?? -1},IpRanges=[{CidrIp=${PLACEHOLDERS.cidr}}]'`,
        ),
      ];
    }
    case "ICMPv6": {
      const icmp = icmpTypeOf(rule);
      if (!icmp) return [];
      return [
        open(
          `aws ec2 authorize-security-group-ingress --group-id ${PLACEHOLDERS.groupId} --ip-permissions 'IpProtocol=icmpv6,FromPort=${icmp.type},ToPort=${icmp.code ?? -1},Ipv6Ranges=[{CidrIpv6=${PLACEHOLDERS.ipv6Cidr}}]'`,
        ),
      ];
    }
    default:
      // IGMP (2) and IPv6 in IPv4 (41) carry no ports: the protocol number is the whole rule
      return [
        open(
          `aws ec2 authorize-security-group-ingress --group-id ${PLACEHOLDERS.groupId} --protocol ${rule.protocol} --cidr ${PLACEHOLDERS.cidr}`,
        ),
      ];
  }
}

function ingress(protocol: "tcp" | "udp" | "icmp", port: string): string {
  return `aws ec2 authorize-security-group-ingress --group-id ${PLACEHOLDERS.groupId} --protocol ${protocol} --port ${port} --cidr ${PLACEHOLDERS.cidr}`;
}

interface IcmpType {
  readonly type: number;
  readonly code?: number;
}
type IcmpTypes = Readonly<Record<"ICMPv4" | "ICMPv6", Readonly<Record<string, IcmpType>>>>;

let icmpTypes: IcmpTypes | undefined;

/** Checked by hand: amiport starts without zod, and this file is read only for ICMP commands. */
function readIcmpTypes(raw: unknown): IcmpTypes {
  const isInt = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= 255;
  const valid = (["ICMPv4", "ICMPv6"] as const).every((protocol) => {
    const byName = (raw as Record<string, unknown> | null)?.[protocol];
    return (
      typeof byName === "object" &&
      byName !== null &&
      Object.values(byName).every(
        (t: { type?: unknown; code?: unknown }) => isInt(t?.type, -1) && (t.code === undefined || isInt(t.code, 0)),
      )
    );
  });
  if (!valid)
    throw new DataError('data/icmp-types.json: expected { "ICMPv4": { "name fragment": { "type": 8 } }, "ICMPv6": { … } }');
  return raw as IcmpTypes;
}

/** The ICMP type of a rule, from data/icmp-types.json by the longest name fragment that fits. */
function icmpTypeOf(rule: Rule): IcmpType | undefined {
  if (rule.protocol !== "ICMPv4" && rule.protocol !== "ICMPv6") return undefined;
  icmpTypes ??= readIcmpTypes(createRequire(import.meta.url)("../../data/icmp-types.json"));
  const byName = Object.entries(icmpTypes[rule.protocol])
    .filter(([fragment]) => rule.rule.includes(fragment))
    .sort(([a], [b]) => b.length - a.length);
  return byName[0]?.[1];
}

function echoRequestType(rule: Rule): number {
  return rule.protocol === "ICMPv6" ? 128 : 8;
}
