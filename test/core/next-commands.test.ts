import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commandsForPort,
  commandsForRule,
  type NextCommand,
  openingNote,
  PLACEHOLDERS,
  quotePowerShell,
  type Rule,
} from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const byName = (name: string, protocol?: string) =>
  book.rules.find((r) => r.rule === name && (protocol === undefined || r.protocol === protocol)) as Rule;
const commandTexts = (commands: readonly NextCommand[], purpose?: string) =>
  commands.filter((c) => purpose === undefined || c.purpose === purpose).map((c) => c.command);

/** Reads a PowerShell single-quoted string the way PowerShell does. */
function unquotePowerShell(quoted: string): string {
  expect(quoted).toMatch(/^['\u2018-\u201B].*['\u2018-\u201B]$/s);
  const inner = quoted.slice(1, -1);
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (/['\u2018-\u201B]/.test(c)) {
      // inside, a quote only stands for itself when doubled; a lone one would end the string
      expect(/['\u2018-\u201B]/.test(inner[i + 1] ?? "")).toBe(true);
      i++;
    }
    out += c;
  }
  return out;
}

/** Numbers in a command, leaving out the digits of names such as `ec2` and `Ipv6`. */
const NUMBERS = /(?<![A-Za-z])\d+/g;

/** The characters the command templates themselves use, besides digits, names and placeholders. */
const TEMPLATE_CHARACTERS = new Set(" -|'{}$_.,=[]()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

/** Every character of `command` outside the quoted rule name and the placeholders is a template's. */
function expectOnlyDataAndTemplate(command: string, name?: string) {
  let rest = command;
  if (name !== undefined) rest = rest.split(quotePowerShell(name)).join(" ");
  for (const placeholder of Object.values(PLACEHOLDERS)) rest = rest.split(placeholder).join(" ");
  for (const c of rest) expect(TEMPLATE_CHARACTERS.has(c), `${JSON.stringify(c)} in ${command}`).toBe(true);
  // the only digits are numbers of the rule data or the port, never anything else
  expect(rest).not.toMatch(/[<>"`;&\n]/);
}

describe("quotePowerShell", () => {
  it("doubles quotes, including PowerShell's typographic ones", () => {
    expect(quotePowerShell("Windows Remote Management (HTTP-In)")).toBe("'Windows Remote Management (HTTP-In)'");
    expect(quotePowerShell("O'Brien's rule")).toBe("'O''Brien''s rule'");
    expect(quotePowerShell("it\u2019s")).toBe("'it\u2019\u2019s'");
  });

  it("round-trips any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "'", "\u2018", "\u2019", "$", "(", "`", '"') }), (name) => {
        expect(unquotePowerShell(quotePowerShell(name))).toBe(name);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(unquotePowerShell(quotePowerShell(name))).toBe(name);
      }),
    );
  });
});

describe("commandsForRule", () => {
  it("checks the rule by its exact display name and tests its port", () => {
    const winrm = commandsForRule(byName("Windows Remote Management (HTTP-In)"));
    expect(commandTexts(winrm, "check")).toContain(
      "Get-NetFirewallRule -DisplayName 'Windows Remote Management (HTTP-In)' | Get-NetFirewallPortFilter",
    );
    expect(commandTexts(winrm, "test")).toEqual(["Test-NetConnection -ComputerName <host> -Port 5985"]);
    expect(commandTexts(winrm, "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 5985 --cidr <your-cidr>",
    ]);
  });

  it("opens a list as its ranges, UDP as UDP", () => {
    const mmf = commandsForRule(byName("Microsoft Media Foundation Network Source IN [TCP 554]"));
    expect(commandTexts(mmf, "open").map((c) => c.match(/--port (\S+)/)?.[1])).toEqual(["554", "8554-8558"]);
    const rtsp = commandsForRule(byName("Cast to Device Streaming Server (RTSP-Streaming-In)"));
    expect(commandTexts(rtsp, "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 23554-23556 --cidr <your-cidr>",
    ]);
    const rdpUdp = commandsForRule(byName("Remote Desktop - User Mode (UDP-In)"));
    expect(commandTexts(rdpUdp, "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol udp --port 3389 --cidr <your-cidr>",
    ]);
    expect(commandTexts(rdpUdp, "test")).toEqual([]);
  });

  it("opens ICMP by its type, and all ICMP only for the rule that allows all of it", () => {
    expect(commandTexts(commandsForRule(byName("File and Printer Sharing (Echo Request - ICMPv4-In)")), "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmp,FromPort=8,ToPort=-1,IpRanges=[{CidrIp=<your-cidr>}]'",
    ]);
    expect(commandTexts(commandsForRule(byName("Packet Too Big (ICMPv6-In)")), "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=icmpv6,FromPort=2,ToPort=-1,Ipv6Ranges=[{CidrIpv6=<your-ipv6-cidr>}]'",
    ]);
    expect(commandTexts(commandsForRule(byName("All ICMP v4")), "open")).toEqual([
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol icmp --port -1 --cidr <your-cidr>",
    ]);
  });

  it("explains instead of opening Any, RPC, run-time keywords and outbound rules", () => {
    const cases = [
      book.rules.find((r) => r.direction === "In" && r.local.text === "Any" && r.protocol === "TCP"),
      book.rules.find((r) => r.local.keyword?.name === "RPC"),
      book.rules.find((r) => r.local.text === "Teredo" && r.direction === "In"),
      byName("Connected User Experiences and Telemetry"),
    ];
    for (const rule of cases) {
      expect(rule).toBeDefined();
      const commands = commandsForRule(rule as Rule);
      expect(commandTexts(commands, "open"), rule?.id).toEqual([]);
      expect(openingNote(rule as Rule), rule?.id).toMatch(/\w/);
    }
    expect(openingNote(book.rules.find((r) => r.local.keyword?.name === "RPC") as Rule)).toMatch(/49152-65535/);
  });

  it("gives every inbound TCP or UDP rule with numbered ports an ingress command, and no rule one that opens everything", () => {
    for (const rule of book.rules) {
      const open = commandTexts(commandsForRule(rule), "open");
      if (rule.direction === "Out") expect(open, rule.id).toEqual([]);
      if (rule.direction === "In" && /^(TCP|UDP)$/.test(rule.protocol) && rule.local.ranges.length > 0) {
        expect(open.length, rule.id).toBeGreaterThan(0);
      }
      for (const command of open) {
        expect(command, rule.id).not.toMatch(/--port 0-65535|FromPort=0,ToPort=65535|--protocol -1|IpProtocol=-1/);
        expect(command).toMatch(/^aws ec2 authorize-security-group-ingress --group-id <sg-id> /);
      }
    }
  });

  it("builds every rule's commands from its data and the templates alone", () => {
    for (const rule of book.rules) {
      for (const { command } of commandsForRule(rule)) {
        expectOnlyDataAndTemplate(command, rule.rule);
        const outsideName = command.split(quotePowerShell(rule.rule)).join(" ");
        for (const number of outsideName.match(NUMBERS) ?? []) {
          const fromData = [rule.local.text ?? "", rule.remote.text ?? "", rule.protocol].some((t) => t.includes(number));
          const fromKeyword = [rule.local, rule.remote].some((c) => c.keyword?.ranges.some((r) => String(r.from) === number));
          const icmpType = outsideName.includes(`Port=${number},`) || outsideName.includes(`ToPort=${number}`) || number === "1";
          expect(fromData || fromKeyword || icmpType, `${number} in ${command}`).toBe(true);
        }
      }
    }
  });
});

describe("commandsForPort", () => {
  it("opens a port on both layers and checks it first", () => {
    const commands = commandsForPort(5986, "tcp");
    expect(commandTexts(commands, "open")).toEqual([
      "New-NetFirewallRule -DisplayName 'Allow TCP 5986 in' -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow",
      "aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 5986 --cidr <your-cidr>",
    ]);
    expect(commandTexts(commands, "test")).toEqual(["Test-NetConnection -ComputerName <host> -Port 5986"]);
    expect(commands.map((c) => c.shell)).toContain("aws-cli");
    expect(commandTexts(commandsForPort(88, "udp"), "check")).toContain("Get-NetUDPEndpoint -LocalPort 88");
  });

  it("refuses a number that is not a port", () => {
    for (const bad of [-1, 65536, 1.5, Number.NaN]) expect(() => commandsForPort(bad, "tcp")).toThrow(RangeError);
  });

  it("contains only template characters and the port's own digits, for any port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.constantFrom("tcp" as const, "udp" as const), (port, protocol) => {
        for (const { command } of commandsForPort(port, protocol)) {
          expectOnlyDataAndTemplate(command);
          for (const number of command.match(NUMBERS) ?? []) expect(number, command).toBe(String(port));
        }
      }),
      { numRuns: 300 },
    );
  });
});
