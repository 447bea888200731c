import { describe, expect, it } from "vitest";
import {
  listOf,
  readHostState,
  readListener,
  readProfile,
  readRule,
  SSM_OUTPUT_LIMIT,
} from "../../../src/core/reachability/host-state.js";
import type { FirewallRuleState, HostSnapshot } from "../../../src/core/reachability/index.js";

/** One value of the document's JSON, as host-state.ts takes it. */
type Raw = Parameters<typeof readRule>[0];

/**
 * The document's output (deploy/aws/amiport-WindowsFirewallState.json: Profiles, Connections, Rules,
 * Port, Address, Security, Listeners, compressed), with Windows PowerShell 5.1's numbers: all three
 * profiles on with DefaultInboundAction 0 (NotConfigured), one Public network, no rule, nothing listening.
 */
function documentOutput(parts: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Profiles: [
      { Name: "Domain", Enabled: 1, DefaultInboundAction: 0 },
      { Name: "Private", Enabled: 1, DefaultInboundAction: 0 },
      { Name: "Public", Enabled: 1, DefaultInboundAction: 0 },
    ],
    Connections: [{ InterfaceAlias: "Ethernet", NetworkCategory: 0 }],
    Rules: [],
    Port: [],
    Address: [],
    Security: [],
    Listeners: [],
    ...parts,
  });
}

function host(output: string, protocol: "tcp" | "udp" = "tcp"): HostSnapshot {
  const read = readHostState(output, protocol);
  if (!read.ok) throw new Error(read.problem);
  return read.host;
}

function problem(output: string): string {
  const read = readHostState(output, "tcp");
  if (read.ok) throw new Error("the output was read, a problem was expected");
  return read.problem;
}

/** A rule as the document selects it (InstanceID, Name, DisplayName, Enabled, Direction, Action, Profile) in 5.1's numbers. */
const rawRule = (overrides: Record<string, Raw> = {}): Record<string, Raw> => ({
  InstanceID: "WINRM-HTTP-In-TCP",
  Name: "WINRM-HTTP-In-TCP",
  DisplayName: "Windows Remote Management (HTTP-In)",
  Enabled: 1,
  Direction: 1,
  Action: 2,
  Profile: 0,
  ...overrides,
});

/** The same rule without one of its fields. */
function without(key: string): Record<string, Raw> {
  const { [key]: _left, ...rest } = rawRule();
  return rest;
}

describe("listOf: a PowerShell list in each of its JSON shapes", () => {
  it("bare, wrapped as {value, Count}, flattened to its one element, or empty", () => {
    expect(listOf(["5985", "5986"])).toEqual(["5985", "5986"]);
    expect(listOf({ value: ["5985", "5986"], Count: 2 })).toEqual(["5985", "5986"]);
    expect(listOf({ InstanceID: "A", LocalPort: "5985" })).toEqual([{ InstanceID: "A", LocalPort: "5985" }]);
    expect(listOf("LocalSubnet")).toEqual(["LocalSubnet"]);
    expect(listOf(0)).toEqual([0]);
    expect(listOf(false)).toEqual([false]);
    // ConvertTo-Json writes an empty collection as ""; a missing or null property is no list either
    expect(listOf("")).toEqual([]);
    expect(listOf(null)).toEqual([]);
    expect(listOf(undefined)).toEqual([]);
  });

  it("an object whose value is not a list is one element, not a wrapper", () => {
    expect(listOf({ value: "x", Count: 1 })).toEqual([{ value: "x", Count: 1 }]);
  });
});

describe("profiles (Get-NetFirewallProfile | Select-Object Name, Enabled, DefaultInboundAction)", () => {
  it("Enabled: GpoBoolean numbers (False 0, True 1, NotConfigured 2, which leaves Windows' default: on) or names", () => {
    const cases: [Raw, boolean][] = [
      [1, true],
      [2, true],
      [true, true],
      ["True", true],
      ["NotConfigured", true],
      [0, false],
      [false, false],
      ["False", false],
    ];
    for (const [enabled, expected] of cases) {
      expect(readProfile({ Name: "Public", Enabled: enabled, DefaultInboundAction: 4 }), String(enabled)).toEqual({
        name: "Public",
        enabled: expected,
        defaultInboundAction: "Block",
      });
    }
  });

  it("DefaultInboundAction: NotConfigured 0, Allow 2, Block 4, as numbers or names", () => {
    const cases: [Raw, string][] = [
      [0, "NotConfigured"],
      ["NotConfigured", "NotConfigured"],
      [2, "Allow"],
      ["Allow", "Allow"],
      [4, "Block"],
      ["Block", "Block"],
    ];
    for (const [inbound, expected] of cases) {
      expect(readProfile({ Name: "Domain", Enabled: 0, DefaultInboundAction: inbound }), String(inbound)).toEqual({
        name: "Domain",
        enabled: false,
        defaultInboundAction: expected,
      });
    }
  });

  it("each of the three profile names", () => {
    for (const name of ["Domain", "Private", "Public"]) {
      expect(readProfile({ Name: name, Enabled: 1, DefaultInboundAction: 2 })?.name).toBe(name);
    }
  });

  it("a profile with an unknown name, Enabled or DefaultInboundAction is not read", () => {
    const unreadable: Raw[] = [
      { Name: "Any", Enabled: 1, DefaultInboundAction: 4 },
      { Name: "Bogus", Enabled: 1, DefaultInboundAction: 4 },
      { Enabled: 1, DefaultInboundAction: 4 },
      { Name: "Public", Enabled: 3, DefaultInboundAction: 4 },
      { Name: "Public", Enabled: "Yes", DefaultInboundAction: 4 },
      { Name: "Public", Enabled: null, DefaultInboundAction: 4 },
      { Name: "Public", DefaultInboundAction: 4 },
      { Name: "Public", Enabled: 1, DefaultInboundAction: 1 },
      { Name: "Public", Enabled: 1, DefaultInboundAction: "Deny" },
      { Name: "Public", Enabled: 1 },
      "Public",
      null,
      [{ Name: "Public", Enabled: 1, DefaultInboundAction: 4 }],
    ];
    for (const raw of unreadable) expect(readProfile(raw), JSON.stringify(raw)).toBeUndefined();
  });
});

describe("rules (Get-NetFirewallRule, with their port, address and security filters)", () => {
  it("reads the same rule from Windows PowerShell 5.1's numbers and PowerShell 7's names", () => {
    const expected: FirewallRuleState = {
      name: "WINRM-HTTP-In-TCP",
      displayName: "Windows Remote Management (HTTP-In)",
      enabled: true,
      direction: "Inbound",
      action: "Allow",
      profiles: ["Domain", "Private"],
      protocol: "TCP",
      localPorts: ["5985"],
      remoteAddresses: ["Any"],
      overrideBlockRules: false,
    };
    const filters = { Protocol: "TCP", LocalPort: "5985", RemoteAddress: "Any", OverrideBlockRules: false };
    expect(readRule(rawRule({ Profile: 3, ...filters }))).toStrictEqual(expected);
    expect(
      readRule(rawRule({ Enabled: "True", Direction: "Inbound", Action: "Allow", Profile: "Domain, Private", ...filters })),
    ).toStrictEqual(expected);
  });

  it("Enabled: NetSecurity's True 1, False 2, as numbers, booleans or text", () => {
    const cases: [Raw, boolean][] = [
      [1, true],
      [true, true],
      ["True", true],
      ["1", true],
      [2, false],
      [false, false],
      ["False", false],
      ["2", false],
    ];
    for (const [enabled, expected] of cases)
      expect(readRule(rawRule({ Enabled: enabled }))?.enabled, String(enabled)).toBe(expected);
    for (const enabled of [0, 3, "NotConfigured", null])
      expect(readRule(rawRule({ Enabled: enabled })), String(enabled)).toBeUndefined();
  });

  it("Direction: Inbound 1, Outbound 2; Action: Allow 2, Block 4 (a rule's action is never NotConfigured)", () => {
    expect(readRule(rawRule({ Direction: 1 }))?.direction).toBe("Inbound");
    expect(readRule(rawRule({ Direction: "Inbound" }))?.direction).toBe("Inbound");
    expect(readRule(rawRule({ Direction: 2 }))?.direction).toBe("Outbound");
    expect(readRule(rawRule({ Direction: "Outbound" }))?.direction).toBe("Outbound");
    for (const dir of [0, 3, "In", null]) expect(readRule(rawRule({ Direction: dir })), String(dir)).toBeUndefined();
    expect(readRule(rawRule({ Action: 2 }))?.action).toBe("Allow");
    expect(readRule(rawRule({ Action: "Allow" }))?.action).toBe("Allow");
    expect(readRule(rawRule({ Action: 4 }))?.action).toBe("Block");
    expect(readRule(rawRule({ Action: "Block" }))?.action).toBe("Block");
    for (const act of [0, "NotConfigured", 1, 3, null]) expect(readRule(rawRule({ Action: act })), String(act)).toBeUndefined();
  });

  it("Profile flags as a number: Any 0, Domain 1, Private 2, Public 4, and their sums (all three is Any)", () => {
    const cases: [number, FirewallRuleState["profiles"]][] = [
      [0, "Any"],
      [1, ["Domain"]],
      [2, ["Private"]],
      [3, ["Domain", "Private"]],
      [4, ["Public"]],
      [5, ["Domain", "Public"]],
      [6, ["Private", "Public"]],
      [7, "Any"],
    ];
    for (const [flags, expected] of cases)
      expect(readRule(rawRule({ Profile: flags }))?.profiles, String(flags)).toEqual(expected);
  });

  it("Profile flags as names joined by ', ' or as a list", () => {
    const cases: [Raw, FirewallRuleState["profiles"]][] = [
      ["Any", "Any"],
      ["Public", ["Public"]],
      ["Domain, Private", ["Domain", "Private"]],
      ["Private,Public", ["Private", "Public"]],
      ["Domain, Private, Public", "Any"],
      [
        ["Domain", "Public"],
        ["Domain", "Public"],
      ],
      [{ value: ["Private"], Count: 1 }, ["Private"]],
      // no flag set is 0, which is Any
      ["", "Any"],
      // a name Windows does not have is left out
      ["Private, Bogus", ["Private"]],
      ["Bogus", []],
    ];
    for (const [profile, expected] of cases) {
      expect(readRule(rawRule({ Profile: profile }))?.profiles, JSON.stringify(profile)).toEqual(expected);
    }
  });

  it("Profiles (Get-NetFirewallRule's script property) is read when Profile is absent or null; neither is unreadable", () => {
    const { Profile: _profile, ...noProfile } = rawRule();
    expect(readRule({ ...noProfile, Profiles: "Domain, Private" })?.profiles).toEqual(["Domain", "Private"]);
    expect(readRule({ ...noProfile, Profile: null, Profiles: "Public" })?.profiles).toEqual(["Public"]);
    expect(readRule(noProfile)).toBeUndefined();
    expect(readRule({ ...noProfile, Profile: null })).toBeUndefined();
  });

  it("a Profile that is no number and no text (an object, a boolean, a list of them) is unreadable, never Any", () => {
    // (read as Any, such a rule would be weighed in every profile)
    const profiles: Raw[] = [{}, { Count: 1 }, true, false, [{}], ["Public", 4], { value: [true], Count: 1 }];
    for (const profile of profiles) expect(readRule(rawRule({ Profile: profile })), JSON.stringify(profile)).toBeUndefined();
  });

  it("a rule needs a name; its display name falls back to the name", () => {
    expect(readRule(without("Name"))).toBeUndefined();
    expect(readRule(rawRule({ Name: "" }))).toBeUndefined();
    expect(readRule(rawRule({ Name: null }))).toBeUndefined();
    expect(readRule(without("DisplayName"))?.displayName).toBe("WINRM-HTTP-In-TCP");
    expect(readRule(rawRule({ DisplayName: null }))?.displayName).toBe("WINRM-HTTP-In-TCP");
  });

  it("each field a rule cannot do without: missing, it is not read", () => {
    for (const key of ["Enabled", "Direction", "Action"]) expect(readRule(without(key)), key).toBeUndefined();
    expect(readRule(rawRule())).toBeDefined();
  });

  it("not an object: not a rule", () => {
    for (const raw of [null, "WINRM-HTTP-In-TCP", 1, [rawRule()]] as Raw[])
      expect(readRule(raw), JSON.stringify(raw)).toBeUndefined();
  });

  it("without its port and address filters a rule has no protocol, ports or addresses (not read), not empty ones", () => {
    const rule = readRule(rawRule());
    expect(rule).toStrictEqual({
      name: "WINRM-HTTP-In-TCP",
      displayName: "Windows Remote Management (HTTP-In)",
      enabled: true,
      direction: "Inbound",
      action: "Allow",
      profiles: "Any",
      overrideBlockRules: false,
    });
    const nulls = readRule(rawRule({ Protocol: null, LocalPort: null, RemoteAddress: null }));
    expect(nulls).not.toHaveProperty("protocol");
    expect(nulls).not.toHaveProperty("localPorts");
    expect(nulls).not.toHaveProperty("remoteAddresses");
  });

  it("ports and addresses: lists, wrapped lists, comma-joined text, numbers; blanks and non-text dropped; '' is an empty list", () => {
    const ports = (value: Raw) => readRule(rawRule({ LocalPort: value }))?.localPorts;
    expect(ports("5985")).toEqual(["5985"]);
    expect(ports(5985)).toEqual(["5985"]);
    expect(ports(["5985", "49152-65535"])).toEqual(["5985", "49152-65535"]);
    expect(ports({ value: ["RPC", "RPCEPMap"], Count: 2 })).toEqual(["RPC", "RPCEPMap"]);
    expect(ports("5985, 5986")).toEqual(["5985", "5986"]);
    expect(ports("5985,,5986,")).toEqual(["5985", "5986"]);
    expect(ports(["5985", null, "", { x: 1 }])).toEqual(["5985"]);
    expect(ports("")).toEqual([]);
    expect(readRule(rawRule({ RemoteAddress: ["LocalSubnet", "10.0.0.0/8, 192.0.2.1"] }))?.remoteAddresses).toEqual([
      "LocalSubnet",
      "10.0.0.0/8",
      "192.0.2.1",
    ]);
    expect(readRule(rawRule({ Protocol: 6 }))?.protocol).toBe("6");
  });

  it("a name or display name written as a number or a boolean is kept as its text", () => {
    const rule = readRule(rawRule({ Name: 42, DisplayName: true }));
    expect(rule?.name).toBe("42");
    expect(rule?.displayName).toBe("true");
  });

  it("OverrideBlockRules (Get-NetFirewallSecurityFilter): true or 'True' only", () => {
    expect(readRule(rawRule({ OverrideBlockRules: true }))?.overrideBlockRules).toBe(true);
    expect(readRule(rawRule({ OverrideBlockRules: "True" }))?.overrideBlockRules).toBe(true);
    expect(readRule(rawRule({ OverrideBlockRules: false }))?.overrideBlockRules).toBe(false);
    expect(readRule(rawRule({ OverrideBlockRules: "False" }))?.overrideBlockRules).toBe(false);
    expect(readRule(rawRule())?.overrideBlockRules).toBe(false);
  });

  it("host text loses C0 and C1 control characters and is cut to 200 characters", () => {
    const rule = readRule(rawRule({ DisplayName: `a\u0000b\u001fc\u007fd\u009fe f\u00a0g${"x".repeat(300)}` }));
    expect(rule?.displayName).toBe(`abcde f\u00a0g${"x".repeat(200 - 9)}`);
    expect(rule?.displayName).toHaveLength(200);
  });
});

describe("joining the filters to their rules by InstanceID", () => {
  it("Port, Address and Security filters, each in any list shape, join their rule; a rule without InstanceID joins by Name", () => {
    const state = host(
      documentOutput({
        Rules: [rawRule(), { Name: "DNS-In-UDP", DisplayName: "DNS (UDP-In)", Enabled: 1, Direction: 1, Action: 4, Profile: 4 }],
        // bare, with entries that name no rule
        Port: [
          { InstanceID: "WINRM-HTTP-In-TCP", Protocol: "TCP", LocalPort: "5985" },
          { Protocol: "TCP", LocalPort: "445" },
          null,
          { InstanceID: "DNS-In-UDP", Protocol: "UDP", LocalPort: "53" },
        ],
        // wrapped
        Address: {
          value: [
            { InstanceID: "WINRM-HTTP-In-TCP", RemoteAddress: ["10.0.0.0/8", "LocalSubnet"] },
            { InstanceID: "DNS-In-UDP", RemoteAddress: "Any" },
          ],
          Count: 2,
        },
        // flattened to its one element
        Security: { InstanceID: "WINRM-HTTP-In-TCP", OverrideBlockRules: true },
      }),
    );
    expect(state.rules).toStrictEqual([
      {
        name: "WINRM-HTTP-In-TCP",
        displayName: "Windows Remote Management (HTTP-In)",
        enabled: true,
        direction: "Inbound",
        action: "Allow",
        profiles: "Any",
        protocol: "TCP",
        localPorts: ["5985"],
        remoteAddresses: ["10.0.0.0/8", "LocalSubnet"],
        overrideBlockRules: true,
      },
      {
        name: "DNS-In-UDP",
        displayName: "DNS (UDP-In)",
        enabled: true,
        direction: "Inbound",
        action: "Block",
        profiles: ["Public"],
        protocol: "UDP",
        localPorts: ["53"],
        remoteAddresses: ["Any"],
        overrideBlockRules: false,
      },
    ]);
  });

  it("a filter joins by InstanceID even where the rule's Name differs", () => {
    const state = host(
      documentOutput({
        Rules: rawRule({ InstanceID: "{5a1c}", Name: "WinRM custom" }),
        Port: [{ InstanceID: "{5a1c}", Protocol: "TCP", LocalPort: "5986" }],
        Address: [{ InstanceID: "WinRM custom", RemoteAddress: "192.0.2.1" }],
      }),
    );
    expect(state.rules[0]?.localPorts).toEqual(["5986"]);
    expect(state.rules[0]?.remoteAddresses).toBeUndefined();
  });
});

describe("listeners (Get-NetTCPConnection -State Listen / Get-NetUDPEndpoint | Select-Object LocalAddress, LocalPort, OwningProcess)", () => {
  // written by hand with the cmdlets' documented properties (fixtures/SOURCES.md: no public capture was found)
  it("reads the address, the port (a number, or its text) and the owning process", () => {
    expect(readListener({ LocalAddress: "0.0.0.0", LocalPort: 5985, OwningProcess: 4 }, "tcp")).toStrictEqual({
      protocol: "tcp",
      localAddress: "0.0.0.0",
      localPort: 5985,
      owningProcess: 4,
    });
    expect(readListener({ LocalAddress: "::", LocalPort: "5355", OwningProcess: "1876" }, "udp")).toStrictEqual({
      protocol: "udp",
      localAddress: "::",
      localPort: 5355,
      owningProcess: 1876,
    });
  });

  it("without a whole-number process id the listener has no owningProcess", () => {
    expect(readListener({ LocalAddress: "10.0.1.10", LocalPort: 5986 }, "tcp")).toStrictEqual({
      protocol: "tcp",
      localAddress: "10.0.1.10",
      localPort: 5986,
    });
    expect(readListener({ LocalAddress: "10.0.1.10", LocalPort: 5986, OwningProcess: "System" }, "tcp")).not.toHaveProperty(
      "owningProcess",
    );
    expect(readListener({ LocalAddress: "10.0.1.10", LocalPort: 5986, OwningProcess: 4.5 }, "tcp")).not.toHaveProperty(
      "owningProcess",
    );
    for (const pid of [null, "", true])
      expect(
        readListener({ LocalAddress: "10.0.1.10", LocalPort: 5986, OwningProcess: pid }, "tcp"),
        String(pid),
      ).not.toHaveProperty("owningProcess");
  });

  it("no address, no whole-number port, or not an object: not a listener", () => {
    const unreadable: Raw[] = [
      { LocalPort: 5985, OwningProcess: 4 },
      { LocalAddress: "", LocalPort: 5985 },
      { LocalAddress: null, LocalPort: 5985 },
      { LocalAddress: "0.0.0.0", OwningProcess: 4 },
      { LocalAddress: "0.0.0.0", LocalPort: "http" },
      { LocalAddress: "0.0.0.0", LocalPort: 5985.5 },
      // JavaScript's Number reads null, "" and true as 0 or 1: none of them is a port
      { LocalAddress: "0.0.0.0", LocalPort: null },
      { LocalAddress: "0.0.0.0", LocalPort: "" },
      { LocalAddress: "0.0.0.0", LocalPort: " " },
      { LocalAddress: "0.0.0.0", LocalPort: true },
      { LocalAddress: "0.0.0.0", LocalPort: "0x16" },
      null,
      "0.0.0.0:5985",
      [{ LocalAddress: "0.0.0.0", LocalPort: 5985 }],
    ];
    for (const raw of unreadable) expect(readListener(raw, "tcp"), JSON.stringify(raw)).toBeUndefined();
  });

  it("in the document: unreadable listeners are left out, the others kept in order with the asked protocol", () => {
    const state = host(
      documentOutput({
        Listeners: [
          { LocalAddress: "0.0.0.0", LocalPort: 500, OwningProcess: 3100 },
          { LocalAddress: "0.0.0.0" },
          null,
          { LocalAddress: "::", LocalPort: 500, OwningProcess: 3100 },
        ],
      }),
      "udp",
    );
    expect(state.listeners).toStrictEqual([
      { protocol: "udp", localAddress: "0.0.0.0", localPort: 500, owningProcess: 3100 },
      { protocol: "udp", localAddress: "::", localPort: 500, owningProcess: 3100 },
    ]);
    expect(host(documentOutput({ Listeners: { LocalAddress: "::", LocalPort: 5985, OwningProcess: 4 } })).listeners).toEqual([
      { protocol: "tcp", localAddress: "::", localPort: 5985, owningProcess: 4 },
    ]);
    expect(host(documentOutput({ Listeners: "" })).listeners).toEqual([]);
  });
});

describe("the active profiles (Get-NetConnectionProfile's NetworkCategory)", () => {
  it("Public 0, Private 1, DomainAuthenticated 2 (the Domain profile), as numbers or names; each once", () => {
    const active = (connections: unknown) => host(documentOutput({ Connections: connections })).activeProfiles;
    expect(active({ InterfaceAlias: "Ethernet", NetworkCategory: 0 })).toEqual(["Public"]);
    expect(active([{ NetworkCategory: "Public" }])).toEqual(["Public"]);
    expect(active([{ NetworkCategory: 1 }])).toEqual(["Private"]);
    expect(active([{ NetworkCategory: "Private" }])).toEqual(["Private"]);
    expect(active([{ NetworkCategory: 2 }])).toEqual(["Domain"]);
    expect(active([{ NetworkCategory: "DomainAuthenticated" }])).toEqual(["Domain"]);
    expect(
      active({
        value: [
          { InterfaceAlias: "Ethernet", NetworkCategory: 2 },
          { InterfaceAlias: "Ethernet 2", NetworkCategory: 0 },
          { InterfaceAlias: "Ethernet 3", NetworkCategory: "Public" },
        ],
        Count: 3,
      }),
    ).toEqual(["Domain", "Public"]);
  });

  it("an unknown category, a connection without one, or no connection at all adds no profile", () => {
    const active = (connections: unknown) => host(documentOutput({ Connections: connections })).activeProfiles;
    expect(
      active([{ NetworkCategory: 3 }, { NetworkCategory: "Domain" }, { InterfaceAlias: "Ethernet" }, null, "Ethernet"]),
    ).toEqual([]);
    expect(active([null, { NetworkCategory: 1 }, { NetworkCategory: 7 }])).toEqual(["Private"]);
    expect(active("")).toEqual([]);
    const { Connections: _connections, ...rest } = JSON.parse(documentOutput());
    expect(host(JSON.stringify(rest)).activeProfiles).toEqual([]);
  });
});

describe("the document's whole output", () => {
  it("reads a complete output, with a byte order mark and surrounding new lines", () => {
    const output = documentOutput({ Rules: [rawRule({ Profile: 4 })] });
    expect(host(`\uFEFF${output}\r\n`)).toEqual({
      profiles: [
        { name: "Domain", enabled: true, defaultInboundAction: "NotConfigured" },
        { name: "Private", enabled: true, defaultInboundAction: "NotConfigured" },
        { name: "Public", enabled: true, defaultInboundAction: "NotConfigured" },
      ],
      activeProfiles: ["Public"],
      rules: [
        {
          name: "WINRM-HTTP-In-TCP",
          displayName: "Windows Remote Management (HTTP-In)",
          enabled: true,
          direction: "Inbound",
          action: "Allow",
          profiles: ["Public"],
          overrideBlockRules: false,
        },
      ],
      listeners: [],
    });
  });

  it("no output", () => {
    expect(problem("")).toBe("the SSM command returned no output");
    expect(problem(" \r\n\t")).toBe("the SSM command returned no output");
  });

  it("an output of SSM's 24,000 characters may be cut off; one character less is read", () => {
    const output = documentOutput();
    expect(problem(output.padEnd(SSM_OUTPUT_LIMIT, " "))).toBe(
      "the SSM output reached SSM's 24000-character limit and may be cut off",
    );
    expect(host(output.padEnd(SSM_OUTPUT_LIMIT - 1, " ")).profiles).toHaveLength(3);
  });

  it("not JSON: a PowerShell error, or JSON cut short", () => {
    expect(problem("Get-NetFirewallProfile : Access is denied.")).toBe("the SSM output is not the document's JSON");
    expect(problem(documentOutput().slice(0, 100))).toBe("the SSM output is not the document's JSON");
  });

  it("JSON without the document's Profiles, Rules or Listeners", () => {
    const lacks = "the SSM output lacks the document's Profiles, Rules or Listeners";
    for (const output of ["null", "[]", '"Profiles"', "42", "true", "{}"]) expect(problem(output), output).toBe(lacks);
    for (const key of ["Profiles", "Rules", "Listeners"]) {
      const { [key]: _left, ...rest } = JSON.parse(documentOutput());
      expect(problem(JSON.stringify(rest)), key).toBe(lacks);
    }
  });

  it("no profile, or one profile that cannot be read among readable ones", () => {
    const unread = "the firewall profiles in the SSM output could not be read";
    expect(problem(documentOutput({ Profiles: [] }))).toBe(unread);
    expect(problem(documentOutput({ Profiles: "" }))).toBe(unread);
    expect(
      problem(
        documentOutput({
          Profiles: [
            { Name: "Domain", Enabled: 1, DefaultInboundAction: 0 },
            { Name: "Private", Enabled: 1, DefaultInboundAction: 1 },
          ],
        }),
      ),
    ).toBe(unread);
    // one profile, flattened, is enough
    expect(host(documentOutput({ Profiles: { Name: "Public", Enabled: 0, DefaultInboundAction: 4 } })).profiles).toEqual([
      { name: "Public", enabled: false, defaultInboundAction: "Block" },
    ]);
  });

  it("over 500 rules is not one port's rules; 500 pass the count (these empty ones then fail as unreadable)", () => {
    expect(problem(documentOutput({ Rules: Array.from({ length: 501 }, () => ({})) }))).toBe(
      "the SSM output lists over 500 rules",
    );
    expect(problem(documentOutput({ Rules: Array.from({ length: 500 }, () => ({})) }))).toBe(
      "a firewall rule in the SSM output could not be read",
    );
  });

  it("one rule that cannot be read among readable ones; no rule at all is read as none", () => {
    const unread = "a firewall rule in the SSM output could not be read";
    expect(problem(documentOutput({ Rules: [rawRule(), rawRule({ Action: 0 })] }))).toBe(unread);
    expect(problem(documentOutput({ Rules: [rawRule(), null] }))).toBe(unread);
    expect(host(documentOutput({ Rules: "" })).rules).toEqual([]);
    expect(host(documentOutput({ Rules: [] })).rules).toEqual([]);
  });
});
