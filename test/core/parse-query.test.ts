import { describe, expect, it } from "vitest";
import { MAX_PASTE_LENGTH, MAX_QUERY_LENGTH, parseQuery, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const parse = (text: string) => parseQuery(book, text);
const ws = (v: string) => `Windows Server ${v}`;

describe("parseQuery: ports", () => {
  it.each([
    ["5985", [{ from: 5985, to: 5985 }]],
    ["port 5985", [{ from: 5985, to: 5985 }]],
    ["5985/tcp", [{ from: 5985, to: 5985 }]],
    ["tcp/5985", [{ from: 5985, to: 5985 }]],
    ["5985-5986", [{ from: 5985, to: 5985 + 1 }]],
    ["137,138,139", [137, 138, 139].map((p) => ({ from: p, to: p }))],
    ["137, 138, 139", [137, 138, 139].map((p) => ({ from: p, to: p }))],
    ["is 5985 open?", [{ from: 5985, to: 5985 }]],
    ["open on 3389.", [{ from: 3389, to: 3389 }]],
  ])("%s", (text, ports) => {
    expect(parse(text).ports).toEqual(ports);
    expect(parse(text).notices).toEqual([]);
  });

  it("reads the protocol written beside a port", () => {
    expect(parse("5985/tcp").protocols).toEqual(["TCP"]);
    expect(parse("udp/3389").protocols).toEqual(["UDP"]);
  });

  it.each(["70000", "port 70000", "5985-70000", "99999999999999999999"])("%s gets a clear message", (text) => {
    const parsed = parse(text);
    expect(parsed.ports).toEqual([]);
    expect(parsed.notices).toEqual([
      { kind: "bad-port", text: expect.stringMatching(/is not a port: ports go from 0 to 65535\.$/) },
    ]);
  });

  it("takes a year as a port where it is written as one", () => {
    expect(parse("port 2019").ports).toEqual([{ from: 2019, to: 2019 }]);
    expect(parse("port 2019").versions).toEqual([]);
    expect(parse("2019/tcp").ports).toEqual([{ from: 2019, to: 2019 }]);
    expect(parse("2177").ports).toEqual([{ from: 2177, to: 2177 }]);
  });
});

describe("parseQuery: protocols and directions", () => {
  it.each([
    ["tcp", ["TCP"]],
    ["UDP", ["UDP"]],
    ["icmp", ["ICMPv4", "ICMPv6"]],
    ["icmpv4", ["ICMPv4"]],
    ["icmpv6", ["ICMPv6"]],
    ["igmp", ["2"]],
    ["protocol 41", ["41"]],
  ])("%s", (text, protocols) => {
    expect(parse(text).protocols).toEqual(protocols);
  });

  it.each(["in", "inbound", "ingress", "incoming"])("%s is inbound", (word) => {
    expect(parse(`rdp ${word}`).directions).toEqual(["In"]);
  });
  it.each(["out", "outbound", "egress", "outgoing"])("%s is outbound", (word) => {
    expect(parse(`dns ${word}`).directions).toEqual(["Out"]);
  });
  it("reads 'in' before a version as a preposition", () => {
    expect(parse("what is open in 2019").directions).toEqual([]);
    expect(parse("what is open in 2019").versions).toEqual([ws("2019")]);
  });
});

describe("parseQuery: Windows Server versions", () => {
  it.each([
    ["2019", "2019"],
    ["ws2019", "2019"],
    ["win2019", "2019"],
    ["server 2019", "2019"],
    ["Windows Server 2012 R2", "2012 R2"],
    ["windows server 2012 r2", "2012 R2"],
    ["2012r2", "2012 R2"],
    ["2012 R2", "2012 R2"],
    ["2012", "2012"],
    ["2008 r2", "2008 R2"],
    ["2008 sp2", "2008 SP2"],
    ["2016", "2016"],
    ["windows 2022", "2022"],
  ])("%s means Windows Server %s", (text, version) => {
    const parsed = parse(text);
    expect(parsed.versions).toEqual([ws(version)]);
    expect(parsed.ports).toEqual([]);
    expect(parsed.words).toEqual([]);
  });

  it("2012 alone is not 2012 R2", () => {
    expect(parse("rdp on 2012").versions).toEqual([ws("2012")]);
  });

  it.each(["2025", "windows server 2025", "2003", "server 2003 r2"])("%s is said plainly to be outside the data", (text) => {
    const parsed = parse(text);
    expect(parsed.versions).toEqual([]);
    expect(parsed.unknownVersions).toHaveLength(1);
    expect(parsed.notices[0]?.text).toMatch(/^AWS's page does not list Windows Server 20(25 yet|03|03 R2) \(retrieved /);
    expect(parsed.notices[0]?.text).toMatch(/\); the nearest it lists is (2022|2008 SP2)\.$/);
    expect(parsed.notices[0]?.text).toContain(`(retrieved ${book.attribution.retrieved})`);
  });

  it("offers the same question for the nearest version the page lists, never answering with it unasked", () => {
    expect(parse("5985 on windows server 2025").notices).toEqual([
      {
        kind: "unknown-version",
        text: `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022.`,
        offer: { label: "Show 2022's answer", question: "5985 on 2022" },
      },
    ]);
    expect(parse("ws2025 telemetry").notices[0]?.offer?.question).toBe("2022 telemetry");
    // older than anything listed: no "yet"; the nearest is the oldest listed release
    expect(parse("rdp on 2003").notices[0]?.text).toBe(
      `AWS's page does not list Windows Server 2003 (retrieved ${book.attribution.retrieved}); the nearest it lists is 2008 SP2.`,
    );
    expect(parse("2019 and 2025 winrm").notices[0]?.offer?.question).toBe("2019 and 2022 winrm");
  });
});

describe("parseQuery: words", () => {
  it.each([
    ["what does Windows 2019 need for telemetry", ["telemetry"], [ws("2019")]],
    ["which ports does RDP use on server 2012", ["rdp"], [ws("2012")]],
    ["is 5985 open on 2008 r2", [], [ws("2008 R2")]],
    ["remot desktp", ["remot", "desktp"], []],
    ["ps remoting", ["winrm"], []],
    ["group policy", ["gpo"], []],
    ["ipv6 tunnel", ["ipv6tunnel"], []],
  ])("%s", (text, words, versions) => {
    const parsed = parse(text);
    expect(parsed.words).toEqual(words);
    expect(parsed.versions).toEqual(versions);
  });

  it("ignores control characters and punctuation", () => {
    expect(parse("rdp\u0000\u0007 <> ?!").words).toEqual(["rdp"]);
  });
});

describe("parseQuery: bad input", () => {
  it.each(["constructor", "__proto__", "toString in", "hasOwnProperty 2019", "valueOf tcp"])(
    "a word that names an Object property is only a word: %s",
    (text) => {
      const parsed = parse(text);
      expect(parsed.protocols.every((p) => typeof p === "string")).toBe(true);
      expect(parsed.directions.every((d) => d === "In" || d === "Out")).toBe(true);
      expect(() => searchRules(book, text)).not.toThrow();
    },
  );

  it("says when there is nothing readable", () => {
    expect(parse("\u0000\u0001\u0002").notices.map((n) => n.kind)).toEqual(["unreadable"]);
    expect(parse("").notices).toEqual([]);
  });

  it("reads exactly 500 characters without a cut, collapsing runs of spaces and control characters", () => {
    const exact = `rdp ${"x".repeat(MAX_QUERY_LENGTH - 4)}`;
    expect(parse(exact).notices).toEqual([]);
    expect(parse(`  rdp \u0000\u0007  \t 2019  `).text).toBe("rdp 2019");
  });

  it("cuts very long input and says so", () => {
    const parsed = parse(`rdp ${"x".repeat(100_000)}`);
    expect(parsed.pasted).toBe(false);
    expect(parsed.text.length).toBe(MAX_QUERY_LENGTH);
    expect(parsed.notices).toEqual([{ kind: "truncated", text: expect.stringMatching(/^That question is 100004 characters/) }]);
  });

  it("cuts long pasted text at MAX_PASTE_LENGTH and says so", () => {
    const parsed = parse(`port 3389 from 10.0.0.1\n${"x ".repeat(50_000)}`);
    expect(parsed.pasted).toBe(true);
    expect(parsed.text.length).toBeLessThanOrEqual(MAX_PASTE_LENGTH);
    expect(parsed.found.map((f) => f.port)).toEqual([3389]);
    expect(parsed.notices.map((n) => n.kind)).toEqual(["truncated"]);
  });

  it("reads the words of long pasted text from its first MAX_QUERY_LENGTH characters only", () => {
    const parsed = parse(`2026-11-27 ${"telemetry ".repeat(60)}teredo`);
    expect(parsed.pasted).toBe(true);
    expect(parsed.text.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    expect(parsed.words).toEqual(["telemetry"]);
  });
});

describe("parseQuery: more ways people write it", () => {
  const p = (from: number, to = from) => ({ from, to });
  it.each([
    ["2019-2022", { ports: [p(2019, 2022)], versions: [] }],
    ["2019,2022", { ports: [p(2019), p(2022)], versions: [] }],
    ["rdp -2019", { ports: [p(2019)], versions: [], words: ["rdp"] }],
    ["tcp port: 2019", { ports: [p(2019)], protocols: ["TCP"], versions: [] }],
    ["win2k19", { versions: [ws("2019")] }],
    ["ws2k12 r2", { versions: [ws("2012 R2")] }],
    ["2008 sp 2", { versions: [ws("2008 SP2")] }],
    ["microsoft windows server 2016", { versions: [ws("2016")], words: [] }],
    ["srv2022", { versions: [ws("2022")] }],
    ["2019 r2", { versions: [], unknownVersions: [ws("2019 R2")] }],
    ["proto 6", { protocols: ["TCP"] }],
    ["protocol number 17", { protocols: ["UDP"] }],
    ["icmp4 icmp6", { protocols: ["ICMPv4", "ICMPv6"] }],
    ["rdp rdp", { words: ["rdp"] }],
    ["rdp\u0007smb", { words: ["rdp", "smb"] }],
    ["windows 1999", { versions: [], unknownVersions: ["Windows Server 1999"] }],
    ["2008", { versions: [ws("2008 SP2")], ports: [] }],
    ["a b rdp", { words: ["rdp"] }],
    ["ps-remoting", { words: ["winrm"] }],
    ["５９８５", { ports: [p(5985)] }],
    ["5985 5985-5986", { ports: [p(5985, 5986)] }],
    ["3389 135", { ports: [p(135), p(3389)] }],
    ["5980-5990 5985", { ports: [p(5980, 5990)] }],
  ])("%s", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
});
