import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateHost,
  evaluateListener,
  evaluateWindowsFirewall,
  type FirewallRuleState,
  type HostSnapshot,
  readHostState,
  SSM_OUTPUT_LIMIT,
} from "../../../src/core/reachability/index.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { anySource, firewallRule, from } from "./network.helpers.js";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

/** What amiport's SSM document prints, assembled from real Windows Server 2022 output (fixtures/SOURCES.md). */
function ws2022Output(category: number | string, listeners: unknown[] = []): string {
  return JSON.stringify({
    Profiles: fixture("firewall-profiles-ws2022.json"),
    Connections: { InterfaceAlias: "Ethernet", NetworkCategory: category },
    Rules: fixture("firewall-rules-ws2022.json"),
    ...fixture("firewall-rule-filters-ws2022.json"),
    Listeners: listeners,
  });
}

function host(output: string, protocol: "tcp" | "udp" = "tcp"): HostSnapshot {
  const read = readHostState(output, protocol);
  if (!read.ok) throw new Error(read.problem);
  return read.host;
}

describe("reading real Windows Server 2022 output", () => {
  it("reads every profile, rule and filter: numeric enums, text profiles, wrapped lists", () => {
    const state = host(ws2022Output(1));
    expect(state.profiles).toEqual([
      { name: "Domain", enabled: true, defaultInboundAction: "NotConfigured" },
      { name: "Private", enabled: true, defaultInboundAction: "NotConfigured" },
      { name: "Public", enabled: true, defaultInboundAction: "NotConfigured" },
    ]);
    expect(state.activeProfiles).toEqual(["Private"]);
    const winrm = state.rules.find((r) => r.name === "WINRM-HTTP-In-TCP");
    expect(winrm).toMatchObject({
      enabled: true,
      direction: "Inbound",
      action: "Allow",
      profiles: ["Domain", "Private"],
      protocol: "TCP",
      localPorts: ["5985"],
      remoteAddresses: ["Any"],
    });
    expect(state.rules.find((r) => r.name === "NETDIS-LLMNR-In-UDP")?.enabled).toBe(false);
    expect(state.rules.find((r) => r.name === "CoreNet-ICMP6-RS-Out")?.remoteAddresses).toEqual([
      "LocalSubnet6",
      "ff02::2",
      "fe80::/64",
    ]);
  });

  it("WinRM over HTTP (5985) is allowed in the Private profile by Windows Remote Management (HTTP-In)", () => {
    const verdict = evaluateWindowsFirewall(host(ws2022Output(1)), anySource(5985));
    expect(verdict.verdict).toBe("pass");
    expect(verdict.cite).toContain("Windows Remote Management (HTTP-In)");
  });

  it("the same rule does not apply on a Public network: the default inbound action (NotConfigured = Block) decides", () => {
    const verdict = evaluateWindowsFirewall(host(ws2022Output(0)), from("10.0.2.5", 5985));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).toBe("Public profile: default inbound action NotConfigured");
    expect(verdict.fix).toBe(
      "New-NetFirewallRule -DisplayName 'amiport: allow TCP 5985' -Direction Inbound -Protocol TCP -LocalPort 5985 -Action Allow -Profile Public",
    );
  });

  it("5986 has no rule on this host; RDP (3389) has one; LLMNR's rule is disabled", () => {
    expect(evaluateWindowsFirewall(host(ws2022Output("Private")), anySource(5986)).verdict).toBe("blocked");
    expect(evaluateWindowsFirewall(host(ws2022Output("Private")), anySource(3389)).cite).toContain(
      "Remote Desktop - User Mode (TCP-In)",
    );
    expect(evaluateWindowsFirewall(host(ws2022Output("Private"), "udp"), anySource(5355, "udp")).verdict).toBe("blocked");
  });

  it("real Get-NetFirewallRule output without its filters cannot decide: unknown, never pass", () => {
    const output = JSON.stringify({
      Profiles: fixture("firewall-profiles-ws2022.json"),
      Connections: [],
      Rules: fixture("get-netfirewallrule-openssh.json"),
      Listeners: [],
    });
    const state = host(output);
    expect(state.rules[0]).toMatchObject({
      name: "OpenSSH-Server-In-TCP",
      enabled: true,
      direction: "Inbound",
      action: "Allow",
      profiles: "Any",
    });
    expect(evaluateWindowsFirewall(state, from("10.0.2.5", 22)).verdict).toBe("unknown");
  });
});

describe("output that is not the document's", () => {
  it("empty, cut off, not JSON or missing parts make both host layers unknown", () => {
    const cases = [
      "",
      "   \n",
      "x".repeat(SSM_OUTPUT_LIMIT),
      "Get-NetFirewallProfile : Access is denied.",
      "[]",
      JSON.stringify({ Profiles: [] }),
    ];
    for (const output of cases) {
      const layers = evaluateHost(readHostState(output, "tcp"), anySource(5985));
      expect(layers.map((l) => [l.layer, l.verdict])).toEqual([
        ["windows-firewall", "unknown"],
        ["listener", "unknown"],
      ]);
    }
  });

  it("never throws and never passes on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.json({ maxDepth: 4 })), (output) => {
        const read = readHostState(output, "tcp");
        if (!read.ok) expect(evaluateHost(read, anySource()).every((l) => l.verdict === "unknown")).toBe(true);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

const rule = (overrides: Partial<FirewallRuleState>): FirewallRuleState =>
  firewallRule({ name: "r", displayName: "r", ...overrides });

const snapshotWith = (
  rules: FirewallRuleState[],
  enabled = true,
  defaultInboundAction: "Allow" | "Block" | "NotConfigured" = "Block",
): HostSnapshot => ({
  profiles: (["Domain", "Private", "Public"] as const).map((name) => ({ name, enabled, defaultInboundAction })),
  activeProfiles: ["Public"],
  rules,
  listeners: [],
});

describe("Windows Firewall precedence (learn.microsoft.com: Windows Firewall rules, rule precedence)", () => {
  const kinds = fc.constantFrom("allow", "block", "bypass", "other-port", "disabled", "other-profile");
  const build = (kind: string, index: number): FirewallRuleState => {
    const name = `${kind}-${index}`;
    if (kind === "block") return rule({ name, displayName: name, action: "Block" });
    if (kind === "bypass") return rule({ name, displayName: name, overrideBlockRules: true });
    if (kind === "other-port") return rule({ name, displayName: name, action: "Block", localPorts: ["445"] });
    if (kind === "disabled") return rule({ name, displayName: name, action: "Block", enabled: false });
    if (kind === "other-profile") return rule({ name, displayName: name, action: "Block", profiles: ["Domain"] });
    return rule({ name, displayName: name });
  };

  it("allow-bypass over block over allow over the default, in any order of rules", () => {
    fc.assert(
      fc.property(
        fc.array(kinds, { maxLength: 8 }),
        fc.constantFrom("Allow" as const, "Block" as const, "NotConfigured" as const),
        (list, fallback) => {
          const verdict = evaluateWindowsFirewall(snapshotWith(list.map(build), true, fallback), from("203.0.113.9"));
          const expected = list.includes("bypass")
            ? "pass"
            : list.includes("block")
              ? "blocked"
              : list.includes("allow") || fallback === "Allow"
                ? "pass"
                : "blocked";
          expect(verdict.verdict).toBe(expected);
          if (expected === "blocked" && list.includes("block") && !list.includes("bypass"))
            expect(verdict.cite).toContain("block-");
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it("a disabled profile lets everything through, whatever the rules", () => {
    fc.assert(
      fc.property(fc.array(kinds, { maxLength: 6 }), (list) => {
        expect(evaluateWindowsFirewall(snapshotWith(list.map(build), false), from("203.0.113.9")).verdict).toBe("pass");
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("remote address scopes: blocks, masks, ranges, and keywords resolved only on the host", () => {
    const scoped = (remoteAddresses: string[]) => snapshotWith([rule({ remoteAddresses })]);
    expect(evaluateWindowsFirewall(scoped(["10.0.0.0/255.255.0.0"]), from("10.0.3.4")).verdict).toBe("pass");
    expect(evaluateWindowsFirewall(scoped(["10.0.0.1-10.0.0.9"]), from("10.0.0.5")).verdict).toBe("pass");
    expect(evaluateWindowsFirewall(scoped(["10.0.0.0/16"]), from("192.0.2.1")).verdict).toBe("blocked");
    expect(evaluateWindowsFirewall(scoped(["LocalSubnet"]), from("192.0.2.1")).verdict).toBe("unknown");
    expect(evaluateWindowsFirewall(scoped(["LocalSubnet"]), anySource()).verdict).toBe("pass");
    const blockKeyword = snapshotWith([rule({}), rule({ name: "b", action: "Block", remoteAddresses: ["Internet"] })]);
    expect(evaluateWindowsFirewall(blockKeyword, from("192.0.2.1")).verdict).toBe("unknown");
  });
});

describe("listener layer", () => {
  const withListeners = (listeners: HostSnapshot["listeners"]): HostSnapshot => ({ ...snapshotWith([]), listeners });

  it("nothing listening, or loopback only, blocks; any address or the instance's own passes", () => {
    expect(evaluateListener(withListeners([]), anySource(5986)).reason).toBe("nothing listens on tcp 5986");
    expect(
      evaluateListener(withListeners([{ protocol: "tcp", localAddress: "127.0.0.1", localPort: 5986 }]), anySource(5986)).verdict,
    ).toBe("blocked");
    expect(
      evaluateListener(withListeners([{ protocol: "tcp", localAddress: "10.0.1.10", localPort: 5986 }]), anySource(5986)).verdict,
    ).toBe("pass");
    expect(
      evaluateListener(withListeners([{ protocol: "udp", localAddress: "0.0.0.0", localPort: 5986 }]), anySource(5986)).verdict,
    ).toBe("blocked");
  });

  it("a dual-stack socket shown only as :: serves IPv4 too (MicrosoftDocs/windows-powershell-docs#3277)", () => {
    // hand-written in Get-NetTCPConnection's shape: State 2 is Listen, PID 4 is System (HTTP.sys, which WinRM uses)
    const output = ws2022Output(1, [
      { LocalAddress: "::", LocalPort: 5985, RemoteAddress: "::", RemotePort: 0, State: 2, OwningProcess: 4 },
    ]);
    const verdict = evaluateListener(host(output), from("10.0.2.5", 5985));
    expect(verdict.verdict).toBe("pass");
    expect(verdict.cite).toBe(":::5985 (pid 4)");
  });
});

describe("hostile text from the host", () => {
  it("rule names lose control characters (terminal escapes, new lines) and are cut to size", () => {
    const evil = `\u001b]8;;http://x\u0007click\u001b[2J\nme${"x".repeat(500)}`;
    const output = JSON.stringify({
      Profiles: [{ Name: "Public", Enabled: 1, DefaultInboundAction: 4 }],
      Connections: [{ NetworkCategory: 0 }],
      Rules: [
        {
          Name: evil,
          DisplayName: evil,
          Enabled: 1,
          Direction: 1,
          Action: 4,
          Profile: 0,
          Protocol: "TCP",
          LocalPort: "5986",
          RemoteAddress: "Any",
        },
      ],
      Listeners: [],
    });
    const verdict = evaluateWindowsFirewall(host(output), anySource(5986));
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.cite).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(verdict.fix?.startsWith("Disable-NetFirewallRule -Name ']8;;http://xclick[2Jme")).toBe(true);
    expect(verdict.fix?.length).toBeLessThan(260);
  });
});
