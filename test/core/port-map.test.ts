import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asksForPortMap, browseRules, buildPortMap, parseQuery, type Rule, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";

const rulesFor = (question: string) => searchRules(book, question).results.map((m) => m.rule);
const key = (l: { protocol: string; port: string; direction: string }) => `${l.protocol} ${l.port} ${l.direction}`;

describe("asksForPortMap", () => {
  it.each(["2022 inbound", "2019 udp", "what is open inbound on 2022", "icmp", "outbound"])("%j is filters alone", (q) => {
    expect(asksForPortMap(parseQuery(book, q))).toBe(true);
  });
  it.each(["5985", "rdp 2022", "inbound telemetry", "", "banana"])("%j is not", (q) => {
    expect(asksForPortMap(parseQuery(book, q))).toBe(false);
  });
});

describe("buildPortMap", () => {
  it("gives one line per protocol, port and direction with the rules behind it (2022 inbound)", () => {
    const lines = buildPortMap(rulesFor("2022 inbound"));
    const rdp = lines.find((l) => l.protocol === "TCP" && l.port === "3389");
    expect(rdp?.rules.map((r) => r.rule)).toEqual(["Remote Desktop - User Mode (TCP-In)"]);
    // Microsoft Edge and mDNS both open UDP 5353 inbound on 2022 (data: microsoft-edge-mdns-in.2022, mdns-udp-in.2019-2022)
    expect(lines.find((l) => l.protocol === "UDP" && l.port === "5353")?.rules.map((r) => r.id)).toEqual([
      "microsoft-edge-mdns-in.2022",
      "mdns-udp-in.2019-2022",
    ]);
    expect(lines.every((l) => l.direction === "In")).toBe(true);
  });

  it("sorts by protocol, then numbers (keywords by their ports), named types, then any", () => {
    const tcp = buildPortMap(rulesFor("2022 inbound tcp")).map((l) => l.port);
    expect(tcp.at(-1)).toBe("any");
    expect(tcp.indexOf("IPHTTPS")).toBeLessThan(tcp.indexOf("2177")); // IPHTTPS stands for 443
    expect(tcp.indexOf("3389")).toBeLessThan(tcp.indexOf("5985"));
    const protocols = buildPortMap(rulesFor("2022")).map((l) => l.protocol);
    const order = ["TCP", "UDP", "ICMPv4", "ICMPv6", "2", "41", "Any"];
    expect([...protocols].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(protocols);
  });

  it("names ICMP lines by message type", () => {
    const icmp = buildPortMap(rulesFor("icmpv4")).map((l) => `${l.port} ${l.direction}`);
    expect(icmp).toEqual([
      "all types In",
      "Destination Unreachable Fragmentation Needed In",
      "Echo Request In",
      "Echo Request Out",
    ]);
  });

  it("puts every rule on exactly one line, over any filters", () => {
    const filter = fc
      .subarray(
        ["tcp", "udp", "icmp", "igmp", "protocol 41", "in", "out", "2008 r2", "2012", "2012 r2", "2016", "2019", "2022"],
        {
          minLength: 1,
        },
      )
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(filter, (q) => {
        const rules = rulesFor(q);
        const lines = buildPortMap(rules);
        const placed = lines.flatMap((l) => l.rules);
        expect(placed.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
        expect(new Set(lines.map(key)).size).toBe(lines.length);
        for (const line of lines) {
          for (const r of line.rules as Rule[]) expect([r.protocol, r.direction]).toEqual([line.protocol, line.direction]);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});

describe("browseRules", () => {
  it("lists every rule in the page's order when nothing is picked", () => {
    const all = browseRules(book, { text: "", version: null, section: null });
    expect(all.total).toBe(book.rules.length);
    expect(all.results.map((m) => m.rule.id)).toEqual(book.rules.map((r) => r.id));
  });

  it("narrows by version and section, and by text within them", () => {
    const rd = browseRules(book, { text: "", version: "Windows Server 2022", section: "Remote Desktop" });
    expect(rd.total).toBeGreaterThan(0);
    for (const m of rd.results)
      expect([m.rule.section, m.rule.os.includes("Windows Server 2022")]).toEqual(["Remote Desktop", true]);
    const udp = browseRules(book, { text: "udp", version: "Windows Server 2022", section: "Remote Desktop" });
    expect(udp.results.map((m) => m.rule.rule)).toEqual(["Remote Desktop - User Mode (UDP-In)"]);
  });

  it("says so when the section leaves out every match", () => {
    const none = browseRules(book, { text: "5985", version: null, section: "Remote Desktop" });
    expect(none.total).toBe(0);
    expect(none.notices.map((n) => n.text)).toContain("2 rules match, but none in Remote Desktop.");
  });
});
