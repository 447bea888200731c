/**
 * The `windows-firewall` and `listener` layers on hand-written host snapshots: which rules Windows
 * Firewall weighs for an inbound connection (enabled, inbound, in the profile of the network the
 * connection arrives on, matching protocol, local port and remote address), their precedence
 * (learn.microsoft.com: "Windows Firewall rules", rule precedence: authenticated bypass, then block,
 * then allow, then the profile's default inbound action), and what each verdict cites, says and fixes.
 */
import { describe, expect, it } from "vitest";
import {
  type CheckRequest,
  evaluateListener,
  evaluateWindowsFirewall,
  type FirewallProfile,
  type FirewallProfileState,
  type FirewallRuleState,
  type HostSnapshot,
  type LayerVerdict,
  type ListenerState,
} from "../../../src/core/reachability/index.js";
import { anySource, firewallRule, from, range, WINRM_HTTPS, WINRM_HTTPS_DISPLAY } from "./network.helpers.js";

const GROUP = "sg-0123456789abcdef0";
const rule = firewallRule;

function blockRule(overrides: Partial<FirewallRuleState> = {}): FirewallRuleState {
  return rule({ name: "Block-5986", displayName: "Block WinRM HTTPS", action: "Block", ...overrides });
}

const profile = (
  name: FirewallProfile,
  defaultInboundAction: FirewallProfileState["defaultInboundAction"] = "Block",
  enabled = true,
): FirewallProfileState => ({ name, enabled, defaultInboundAction });

/** A host on a Public network, every profile on and blocking inbound by default, unless overridden. */
function hostWith(
  rules: FirewallRuleState[],
  options: { profiles?: FirewallProfileState[]; active?: FirewallProfile[]; listeners?: ListenerState[] } = {},
): HostSnapshot {
  return {
    profiles: options.profiles ?? [profile("Domain"), profile("Private"), profile("Public")],
    activeProfiles: options.active ?? ["Public"],
    rules,
    listeners: options.listeners ?? [],
  };
}

const verdictOf = (rules: FirewallRuleState[], request: CheckRequest = from("203.0.113.9")) =>
  evaluateWindowsFirewall(hostWith(rules), request).verdict;

/** What the Public profile's default (Block) answers for TCP 5986, when no rule matches. */
function publicDefaultBlocks(port = 5986, protocol: "tcp" | "udp" = "tcp"): LayerVerdict {
  const upper = protocol.toUpperCase();
  return {
    layer: "windows-firewall",
    verdict: "blocked",
    cite: "Public profile: default inbound action Block",
    reason: `no enabled inbound rule allows ${protocol} ${port} in the Public profile, whose default inbound action blocks`,
    fix: `New-NetFirewallRule -DisplayName 'amiport: allow ${upper} ${port}' -Direction Inbound -Protocol ${upper} -LocalPort ${port} -Action Allow -Profile Public`,
  };
}

describe("which rules Windows Firewall weighs", () => {
  it("protocol: TCP, tcp, 6 and Any match a TCP connection; UDP, 17 and ICMPv4 do not (and the reverse for UDP)", () => {
    for (const protocol of ["TCP", "tcp", "6", "Any", "ANY"]) {
      expect(verdictOf([rule({ protocol })]), protocol).toBe("pass");
    }
    for (const protocol of ["UDP", "17", "ICMPv4", "47"]) {
      expect(verdictOf([rule({ protocol })]), protocol).toBe("blocked");
    }
    const udp = from("203.0.113.9", 5986, "udp");
    for (const protocol of ["UDP", "udp", "17", "Any"]) expect(verdictOf([rule({ protocol })], udp), protocol).toBe("pass");
    for (const protocol of ["TCP", "6"]) expect(verdictOf([rule({ protocol })], udp), protocol).toBe("blocked");
    // a UDP block rule leaves a TCP connection to the allow rule
    expect(verdictOf([rule(), blockRule({ protocol: "UDP" })])).toBe("pass");
  });

  it("local port: single ports, lists, ranges with both ends included, and Any in either case", () => {
    for (const localPorts of [["5986"], ["5985", "5986"], ["5985-5986"], ["5986-5990"], ["Any"], ["any"], ["445", "any"]]) {
      expect(verdictOf([rule({ localPorts })]), localPorts.join(",")).toBe("pass");
    }
    for (const localPorts of [["5985"], ["5987-5990"], ["5980-5985"], ["445", "3389"]]) {
      expect(verdictOf([rule({ localPorts })]), localPorts.join(",")).toBe("blocked");
    }
    expect(verdictOf([rule({ localPorts: ["49152-65535"] })], from("203.0.113.9", 50000))).toBe("pass");
    expect(verdictOf([rule({ localPorts: ["49152-65535"] })], from("203.0.113.9", 49151))).toBe("blocked");
  });

  it("local port keywords (RPC, IPHTTPSIn…) are assigned by Windows at run time: such a rule may match, unless a number matches", () => {
    const request = from("203.0.113.9", 49700);
    expect(verdictOf([rule({ localPorts: ["RPC"] })], request)).toBe("unknown");
    expect(verdictOf([rule({ localPorts: ["IPHTTPSIn", "445"] })], request)).toBe("unknown");
    expect(verdictOf([rule({ localPorts: ["RPC", "49700"] })], request)).toBe("pass");
    expect(verdictOf([blockRule({ localPorts: ["RPC"] })], request)).toBe("unknown");
    // six digits are no port: not read as the five-digit port at either end of them
    expect(verdictOf([rule({ localPorts: ["123456"] })], from("203.0.113.9", 23456))).toBe("unknown");
    expect(verdictOf([rule({ localPorts: ["123456"] })], from("203.0.113.9", 12345))).toBe("unknown");
    expect(verdictOf([rule({ localPorts: ["12345-123456"] })], from("203.0.113.9", 12346))).toBe("unknown");
  });

  it("remote address: addresses, blocks, masks and ranges (both ends included); Any or an empty filter is every address", () => {
    const scoped = (remoteAddresses: string[], source: string) => verdictOf([rule({ remoteAddresses })], from(source));
    expect(scoped([], "203.0.113.9")).toBe("pass");
    expect(scoped(["any"], "203.0.113.9")).toBe("pass");
    expect(scoped(["LocalSubnet", "Any"], "203.0.113.9")).toBe("pass");
    expect(scoped(["203.0.113.9"], "203.0.113.9")).toBe("pass");
    expect(scoped(["203.0.113.8"], "203.0.113.9")).toBe("blocked");
    expect(scoped(["192.168.1.0/255.255.255.0"], "192.168.1.77")).toBe("pass");
    expect(scoped(["192.168.1.0/255.255.255.0"], "192.168.2.1")).toBe("blocked");
    expect(scoped(["192.168.1.0/255.255.255.128"], "192.168.1.100")).toBe("pass");
    expect(scoped(["192.168.1.0/255.255.255.128"], "192.168.1.200")).toBe("blocked");
    expect(scoped(["0.0.0.0/0.0.0.0"], "203.0.113.9")).toBe("pass");
    expect(scoped(["10.0.0.1-10.0.0.9"], "10.0.0.1")).toBe("pass");
    expect(scoped(["10.0.0.1-10.0.0.9"], "10.0.0.9")).toBe("pass");
    expect(scoped(["10.0.0.1-10.0.0.9"], "10.0.0.10")).toBe("blocked");
    expect(scoped(["10.0.0.1-10.0.0.9"], "10.0.0.0")).toBe("blocked");
    expect(scoped(["2001:db8::1-2001:db8::ff"], "2001:db8::80")).toBe("pass");
    expect(scoped(["2001:db8::1-2001:db8::ff"], "2001:db8::100")).toBe("blocked");
    // IPv4 never meets IPv6
    expect(scoped(["2001:db8::/32"], "10.0.0.5")).toBe("blocked");
    // one matching entry decides, before or after one resolved on the host
    expect(scoped(["10.0.0.0/16", "LocalSubnet"], "10.0.3.4")).toBe("pass");
    expect(scoped(["LocalSubnet", "10.0.0.0/16"], "10.0.3.4")).toBe("pass");
    expect(scoped(["192.168.0.0/16", "10.0.0.0/16"], "10.0.3.4")).toBe("pass");
  });

  it("remote address: keywords, unreadable entries and a source only partly inside leave it to the host", () => {
    const scoped = (remoteAddresses: string[], source: string) => verdictOf([rule({ remoteAddresses })], from(source));
    expect(scoped(["LocalSubnet"], "10.0.3.4")).toBe("unknown");
    expect(scoped(["10.1.0.0/16", "DefaultGateway"], "10.0.3.4")).toBe("unknown");
    expect(scoped(["10.0.0.0/255.255.0.300"], "10.0.3.4")).toBe("unknown");
    expect(scoped(["10.0.0.1-2001:db8::1"], "10.0.0.5")).toBe("unknown");
    expect(scoped(["10.0.0.1-10.0.0.x"], "10.0.0.5")).toBe("unknown");
    expect(scoped(["10.0.0.x-10.0.0.9"], "10.0.0.5")).toBe("unknown");
    // a source block only partly inside the rule's: some of its addresses match, some do not
    expect(scoped(["10.0.0.0/16"], "10.0.0.0/8")).toBe("unknown");
    expect(scoped(["10.0.0.0/16", "192.168.0.0/16"], "10.0.0.0/8")).toBe("unknown");
    expect(scoped(["10.0.0.0/8"], "10.0.0.0/16")).toBe("pass");
    // the address filter was not read
    expect(verdictOf([rule({ remoteAddresses: undefined })])).toBe("unknown");
  });

  it("from any source, an allow rule for some addresses lets some in; a block rule for some addresses does not stop all", () => {
    expect(verdictOf([rule({ remoteAddresses: ["10.0.0.0/8"] })], anySource())).toBe("pass");
    expect(verdictOf([rule({ remoteAddresses: ["LocalSubnet"] })], anySource())).toBe("pass");
    expect(verdictOf([rule(), blockRule({ remoteAddresses: ["10.0.0.0/8"] })], anySource())).toBe("pass");
    expect(verdictOf([rule(), blockRule({ remoteAddresses: ["10.0.0.0/8"] })], from("10.2.3.4"))).toBe("blocked");
    expect(verdictOf([rule(), blockRule()], anySource())).toBe("blocked");
  });

  it("only enabled inbound rules of the network's profile count", () => {
    expect(verdictOf([rule(), blockRule({ enabled: false })])).toBe("pass");
    expect(verdictOf([rule(), blockRule({ direction: "Outbound" })])).toBe("pass");
    expect(verdictOf([rule(), blockRule({ profiles: ["Domain", "Private"] })])).toBe("pass");
    expect(verdictOf([rule(), blockRule({ profiles: ["Private", "Public"] })])).toBe("blocked");
    expect(verdictOf([rule({ direction: "Outbound" })])).toBe("blocked");
    expect(verdictOf([rule({ enabled: false })])).toBe("blocked");
    expect(verdictOf([rule({ profiles: ["Domain"] })])).toBe("blocked");
    expect(verdictOf([rule({ profiles: ["Public"] })])).toBe("pass");
  });
});

describe("precedence, and what each verdict cites, says and fixes", () => {
  it("an authenticated-bypass allow wins over a matching block rule", () => {
    const bypass = rule({ name: "WinRM-Bypass", displayName: "WinRM (IPsec)", overrideBlockRules: true });
    expect(evaluateWindowsFirewall(hostWith([blockRule(), bypass]), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "pass",
      cite: '"WinRM (IPsec)" (WinRM-Bypass): Allow (override block rules) inbound TCP 5986 from Any, profiles Any',
      reason:
        "an authenticated-bypass rule allows tcp 5986 in the Public profile over any block rule (for IPsec-authenticated connections)",
    });
  });

  it("a matching block rule wins over an allow rule, and its fix disables it by name, quoted for PowerShell", () => {
    const block = blockRule({
      name: "O'Brien-Block",
      displayName: "Block from the lab",
      profiles: ["Private", "Public"],
      localPorts: ["5985", "5986"],
      remoteAddresses: ["203.0.113.0/24", "198.51.100.7"],
    });
    expect(evaluateWindowsFirewall(hostWith([rule(), block]), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "blocked",
      cite: '"Block from the lab" (O\'Brien-Block): Block inbound TCP 5985,5986 from 203.0.113.0/24,198.51.100.7, profiles Private, Public',
      reason: "a block rule matches tcp 5986 in the Public profile, and block rules win over allow rules",
      fix: "Disable-NetFirewallRule -Name 'O''Brien-Block'",
    });
  });

  it("a block rule that may match makes it unknown, even beside a matching allow rule", () => {
    const maybe = blockRule({ remoteAddresses: ["Internet"] });
    expect(evaluateWindowsFirewall(hostWith([rule(), maybe]), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "unknown",
      cite: '"Block WinRM HTTPS" (Block-5986): Block inbound TCP 5986 from Internet, profiles Any',
      reason: "this block rule may match tcp 5986: its scope is resolved on the host",
    });
  });

  it("a matching allow rule passes", () => {
    expect(evaluateWindowsFirewall(hostWith([rule({ profiles: ["Public"] })]), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "pass",
      cite: `"${WINRM_HTTPS_DISPLAY}" (${WINRM_HTTPS}): Allow inbound TCP 5986 from Any, profiles Public`,
      reason: "allowed in the Public profile",
    });
  });

  it("an allow rule whose filters were not read may match: unknown, citing what is missing as ?", () => {
    const unread = rule({ protocol: undefined, localPorts: undefined, remoteAddresses: undefined });
    expect(evaluateWindowsFirewall(hostWith([unread]), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "unknown",
      cite: `"${WINRM_HTTPS_DISPLAY}" (${WINRM_HTTPS}): Allow inbound ? ? from ?, profiles Any`,
      reason: "this allow rule may match tcp 5986: its scope is resolved on the host",
    });
    // each unread filter alone is enough to leave it open
    expect(verdictOf([rule({ protocol: undefined })])).toBe("unknown");
    expect(verdictOf([rule({ localPorts: undefined })])).toBe("unknown");
    // but an unread filter never makes a rule match that another filter rules out
    expect(verdictOf([rule({ protocol: undefined, localPorts: ["445"] })])).toBe("blocked");
  });

  it("a matching allow rule wins over one that only may match", () => {
    const maybe = rule({ name: "Maybe", displayName: "Maybe", remoteAddresses: ["LocalSubnet"] });
    const verdict = evaluateWindowsFirewall(hostWith([maybe, rule()]), from("203.0.113.9"));
    expect(verdict.verdict).toBe("pass");
    expect(verdict.cite).toContain(`(${WINRM_HTTPS})`);
  });

  it("with no matching rule the profile's default inbound action decides; NotConfigured is Block", () => {
    const withDefault = (action: FirewallProfileState["defaultInboundAction"]) =>
      hostWith([rule({ localPorts: ["5985"] })], { profiles: [profile("Public", action)] });
    expect(evaluateWindowsFirewall(withDefault("Allow"), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "pass",
      cite: "Public profile: default inbound action Allow",
      reason: "no rule matches tcp 5986; the Public profile allows inbound by default",
    });
    expect(evaluateWindowsFirewall(withDefault("Block"), from("203.0.113.9"))).toEqual(publicDefaultBlocks());
    expect(evaluateWindowsFirewall(withDefault("NotConfigured"), from("203.0.113.9"))).toEqual({
      ...publicDefaultBlocks(),
      cite: "Public profile: default inbound action NotConfigured",
    });
    expect(evaluateWindowsFirewall(hostWith([]), from("203.0.113.9", 500, "udp"))).toEqual(publicDefaultBlocks(500, "udp"));
  });
});

describe("the profile of the network the connection arrives on", () => {
  it("is the one judged: the other profiles' state and defaults do not count", () => {
    const profiles = [profile("Domain", "Allow", false), profile("Private", "Allow"), profile("Public", "Block")];
    expect(evaluateWindowsFirewall(hostWith([], { profiles }), from("203.0.113.9"))).toEqual(publicDefaultBlocks());
    expect(evaluateWindowsFirewall(hostWith([], { profiles, active: ["Private"] }), from("203.0.113.9")).cite).toBe(
      "Private profile: default inbound action Allow",
    );
  });

  it("a profile that is off lets everything through, even past a block rule", () => {
    const profiles = [profile("Domain"), profile("Private"), profile("Public", "Block", false)];
    expect(evaluateWindowsFirewall(hostWith([blockRule()], { profiles }), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "pass",
      cite: "Public profile: off",
      reason: "the firewall is off in the Public profile",
    });
  });

  it("a profile the host did not report is unknown", () => {
    const profiles = [profile("Domain", "Allow"), profile("Private", "Allow")];
    expect(evaluateWindowsFirewall(hostWith([rule()], { profiles }), from("203.0.113.9"))).toEqual({
      layer: "windows-firewall",
      verdict: "unknown",
      cite: "Public",
      reason: "the Public profile was not reported",
    });
  });

  it("with several connected networks, a block in any profile wins, then an unknown, else the first profile's pass", () => {
    const privateOff = [profile("Domain"), profile("Private", "Block", false), profile("Public")];
    const twoNetworks = (profiles: FirewallProfileState[], active: FirewallProfile[]) =>
      evaluateWindowsFirewall(hostWith([], { profiles, active }), from("203.0.113.9"));
    expect(twoNetworks(privateOff, ["Private", "Public"])).toEqual(publicDefaultBlocks());
    expect(twoNetworks(privateOff.slice(0, 2), ["Private", "Public"])).toMatchObject({ verdict: "unknown", cite: "Public" });
    // the unknown profile listed first still loses to the blocked one
    expect(twoNetworks([profile("Private", "Allow"), profile("Public")], ["Domain", "Public"])).toEqual(publicDefaultBlocks());
    const allOff = [profile("Domain", "Block", false), profile("Private", "Block", false), profile("Public", "Block", false)];
    expect(twoNetworks(allOff, ["Private", "Public"])).toEqual({
      layer: "windows-firewall",
      verdict: "pass",
      cite: "Private profile: off",
      reason: "the firewall is off in the Private profile",
    });
  });

  it("with no connected network's profile reported, all three are judged, and the reason says so", () => {
    const profiles = [profile("Domain", "Block", false), profile("Private", "Allow"), profile("Public")];
    const verdict = evaluateWindowsFirewall(hostWith([], { profiles, active: [] }), from("203.0.113.9"));
    expect(verdict).toEqual({
      ...publicDefaultBlocks(),
      reason: `${publicDefaultBlocks().reason} (no connected network reported its profile; all three judged)`,
    });
    const open = evaluateWindowsFirewall(
      hostWith([rule()], { profiles: [profile("Domain"), profile("Private"), profile("Public", "Block", false)], active: [] }),
      from("203.0.113.9"),
    );
    expect(open.verdict).toBe("pass");
    expect(open.cite).toContain(`(${WINRM_HTTPS})`);
    expect(open.reason).toBe("allowed in the Domain profile (no connected network reported its profile; all three judged)");
  });
});

describe("a security group as the source", () => {
  const groupRequest = (members: string[]): CheckRequest => ({
    port: 5986,
    protocol: "tcp",
    source: { kind: "group", groupId: GROUP, members: members.map(range) },
  });

  it("is judged for each member address: blocked when one is blocked, pass when all pass", () => {
    const lab = hostWith([rule({ remoteAddresses: ["10.0.1.0/24"] })]);
    expect(evaluateWindowsFirewall(lab, groupRequest(["10.0.1.5", "10.0.2.5"]))).toEqual(publicDefaultBlocks());
    const both = evaluateWindowsFirewall(lab, groupRequest(["10.0.1.5", "10.0.1.6"]));
    expect(both.verdict).toBe("pass");
    expect(both.reason).toBe(`allowed in the Public profile (all 2 addresses of ${GROUP})`);
  });

  it("with no member addresses, the layer is unknown", () => {
    expect(evaluateWindowsFirewall(hostWith([rule()]), groupRequest([]))).toEqual({
      layer: "windows-firewall",
      verdict: "unknown",
      cite: GROUP,
      reason: `no network interface in ${GROUP} has an address to judge`,
    });
  });
});

describe("listener layer", () => {
  const listening = (...listeners: ListenerState[]) => evaluateListener(hostWith([], { listeners }), anySource(5986));
  const tcp = (localAddress: string, owningProcess?: number, localPort = 5986): ListenerState => ({
    protocol: "tcp",
    localAddress,
    localPort,
    ...(owningProcess !== undefined ? { owningProcess } : {}),
  });

  it("nothing on the port and protocol asked blocks", () => {
    const nothing = {
      layer: "listener",
      verdict: "blocked",
      cite: "nothing on tcp 5986",
      reason: "nothing listens on tcp 5986",
    };
    expect(listening()).toEqual(nothing);
    expect(listening(tcp("0.0.0.0", 4, 5985), { protocol: "udp", localAddress: "0.0.0.0", localPort: 5986 })).toEqual(nothing);
  });

  it("loopback addresses only block, citing each socket and its process", () => {
    expect(listening(tcp("127.0.0.1", 812), tcp("::1"))).toEqual({
      layer: "listener",
      verdict: "blocked",
      cite: "127.0.0.1:5986 (pid 812), ::1:5986",
      reason: "tcp 5986 listens on the loopback address only",
    });
  });

  it("an address of the instance passes, loopback beside it or not; a wildcard address is every address", () => {
    expect(listening(tcp("127.0.0.1"), tcp("10.0.1.10", 4))).toEqual({
      layer: "listener",
      verdict: "pass",
      cite: "127.0.0.1:5986, 10.0.1.10:5986 (pid 4)",
      reason: "listening on tcp 5986 on 127.0.0.1, 10.0.1.10",
    });
    expect(listening(tcp("127.0.0.1"), tcp("0.0.0.0", 4))).toEqual({
      layer: "listener",
      verdict: "pass",
      cite: "127.0.0.1:5986, 0.0.0.0:5986 (pid 4)",
      reason: "listening on tcp 5986 on every address",
    });
    expect(listening(tcp("::")).reason).toBe("listening on tcp 5986 on every address");
    expect(listening(tcp("10.0.1.10"), tcp("::")).reason).toBe("listening on tcp 5986 on every address");
  });
});
