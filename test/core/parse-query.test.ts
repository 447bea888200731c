import { describe, expect, it } from "vitest";
import { loadRuleBook, MAX_PASTE_LENGTH, MAX_QUERY_LENGTH, parseQuery, searchRules } from "../../src/core/index.js";
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

  it("names the bad number in a sentence of its own", () => {
    expect(parse("port 70000").notices).toEqual([{ kind: "bad-port", text: "70000 is not a port: ports go from 0 to 65535." }]);
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

  it("counts a long question's length once runs of spaces are one", () => {
    const spaced = `rdp${"  x".repeat(300)}`;
    expect(parse(spaced).notices).toEqual([
      { kind: "truncated", text: `That question is ${3 + 2 * 300} characters long; amiport read the first ${MAX_QUERY_LENGTH}.` },
    ]);
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

describe("parseQuery: a one-line question with a sign of a paste", () => {
  const instance = "on i-0abc12345678";
  it.each([
    [`why can't I reach 5986 ${instance}`, [5986]],
    [`why can't I reach 5986 ${instance}\n`, [5986]],
    [`can't reach 5985 5986 3389 ${instance}`, [3389, 5985, 5986]],
  ])("%j keeps the ports it asks about", (text, ports) => {
    const parsed = parse(text);
    expect(parsed.pasted).toBe(false);
    expect(parsed.ports).toEqual(ports.map((p) => ({ from: p, to: p })));
  });

  it.each([
    ["four ports", `can't reach 5985 5986 3389 445 ${instance}`],
    ["a range", `can't reach 5985-5986 ${instance}`],
    ["a range beside a port", `5985-5986 3389 ${instance}`],
    ["an error's words", `error: can't reach 5986 ${instance}`],
    ["two lines", `why can't I reach 5986\n${instance}`],
  ])("is read as pasted with %s", (_, text) => {
    const parsed = parse(text);
    expect(parsed.pasted).toBe(true);
    expect(parsed.ports).toEqual([]);
  });

  it("is a question up to 200 characters, pasted beyond", () => {
    const question = `why can't I reach 5986 ${instance} `;
    const at200 = question.padEnd(200, "x");
    expect(parse(at200)).toMatchObject({ pasted: false, ports: [{ from: 5986, to: 5986 }] });
    expect(parse(`${at200}x`)).toMatchObject({ pasted: true, ports: [] });
  });
});

describe("parseQuery: pasted text", () => {
  const log = (text: string) => `2026-11-27 10:00:01 host01 ${text}`;

  it("takes the protocol only where every port found has the same one", () => {
    const listening = "  TCP    0.0.0.0:3389    0.0.0.0:0    LISTENING";
    expect(parse(`${listening}\n  TCP    0.0.0.0:5985    0.0.0.0:0    LISTENING`).protocols).toEqual(["TCP"]);
    const mixed = parse(`${listening}\n  UDP    0.0.0.0:123    *:*`);
    expect(mixed.ports).toEqual([
      { from: 123, to: 123 },
      { from: 3389, to: 3389 },
    ]);
    expect(mixed.protocols).toEqual([]);
  });

  it("narrows to a Windows version the data knows, written with a prefix or an edition", () => {
    expect(parse(log("Windows Server 2019 agent stopped"))).toMatchObject({
      pasted: true,
      versions: [ws("2019")],
      versionsAsWritten: [ws("2019")],
    });
    expect(parse(log("build 2012 R2 agent stopped")).versions).toEqual([ws("2012 R2")]);
  });

  it("names no version the data lacks and offers none: a log may name any release", () => {
    const parsed = parse(log("Windows Server 2003 R2 agent stopped"));
    expect(parsed).toMatchObject({ pasted: true, versions: [], unknownVersions: [], versionsAsWritten: [] });
    expect(parsed.notices).toEqual([]);
  });

  it.each(["server 2016-04-01", "ws2016/04", "ws2016 -04", "ws2016 - 04", "windows 2019.10"])(
    "reads no version in %j, a year that starts a date or a number",
    (text) => {
      expect(parse(log(`${text} agent stopped`)).versions).toEqual([]);
    },
  );

  it("reads a version followed by a letter after a dash", () => {
    expect(parse(log("windows 2019-ab agent stopped")).versions).toEqual([ws("2019")]);
  });

  it("says nothing about a protocol number in a log", () => {
    const parsed = parse(log("protocol 99 dropped"));
    expect(parsed.pasted).toBe(true);
    expect(parsed.notices).toEqual([]);
  });

  it("reads exactly MAX_PASTE_LENGTH characters without a cut, and says so past it", () => {
    const line = "TCP 10.0.0.5:3389 ESTABLISHED\n";
    const exact = line.repeat(Math.ceil(MAX_PASTE_LENGTH / line.length)).slice(0, MAX_PASTE_LENGTH);
    expect(parse(exact).notices).toEqual([]);
    expect(parse(`${exact}x`).notices).toEqual([
      {
        kind: "truncated",
        text: `That message is longer than ${MAX_PASTE_LENGTH} characters; amiport read the first ${MAX_PASTE_LENGTH}.`,
      },
    ]);
  });
});

describe("parseQuery: where a year is a port", () => {
  const p = (from: number, to = from) => ({ from, to });
  it.each([
    ["port 2019 is it open for remote desktop users", [p(2019)]],
    ["2019 - 2022", [p(2019, 2022)]],
    ["2019, 2022", [p(2019), p(2022)]],
    ["2019 / tcp", [p(2019)]],
    ["port 0", [p(0)]],
  ])("%s", (text, ports) => {
    expect(parse(text)).toMatchObject({ ports, versions: [] });
  });

  it("reads a year as a version when only a later number is a port list", () => {
    expect(parse("2019 and 445,446 open?")).toMatchObject({ ports: [p(445), p(446)], versions: [ws("2019")] });
  });

  it("reads any year with an edition as a version", () => {
    expect(parse("2010 r2")).toMatchObject({ ports: [], unknownVersions: [ws("2010 R2")] });
  });
});

describe("parseQuery: versions the page does not list", () => {
  const retrieved = book.attribution.retrieved;

  it("says 'yet' only for a version newer than every listed one", () => {
    expect(parse("2019 r2").notices[0]?.text).toBe(
      `AWS's page does not list Windows Server 2019 R2 (retrieved ${retrieved}); the nearest it lists is 2019.`,
    );
    expect(parse("2022 r2").notices[0]?.text).toBe(
      `AWS's page does not list Windows Server 2022 R2 (retrieved ${retrieved}); the nearest it lists is 2022.`,
    );
  });

  it("offers the nearest release in the words of a question: `2012 r2`", () => {
    expect(parse("rdp windows 2013").notices[0]?.offer).toEqual({ label: "Show 2012 R2's answer", question: "rdp 2012 r2" });
  });

  it("replaces every mention of the version, however long it was written", () => {
    expect(parse("ws2025 vs windows server 2025 rdp").notices[0]?.offer?.question).toBe("2022 vs 2022 rdp");
  });

  it("offers one question per unknown version, each changing only its own", () => {
    expect(parse("2003 and 2025 rdp").notices.map((n) => n.offer?.question)).toEqual([
      "2008 sp2 and 2025 rdp",
      "2003 and 2022 rdp",
    ]);
  });

  it("offers a question with single spaces where a phrase was read", () => {
    expect(parse("ps remoting on 2025").notices[0]?.offer?.question).toBe("winrm on 2022");
  });

  it("keeps every version as written, known or not, in order", () => {
    expect(parse("2016 vs 2025").versionsAsWritten).toEqual([ws("2016"), ws("2025")]);
  });

  it("chooses the nearest year whatever the order of the data's versions: on a tie the later year", () => {
    const reversed = { ...book, operatingSystems: [...book.operatingSystems].reverse() };
    expect(parseQuery(reversed, "rdp windows 2010").notices[0]?.text).toMatch(/the nearest it lists is 2012( R2)?\.$/);
    expect(parseQuery(reversed, "rdp windows 2003").notices[0]?.text).toMatch(/the nearest it lists is 2008 (R2|SP2)\.$/);
  });
});

describe("parseQuery: phrases of the vocabulary", () => {
  const withPhrases = (phrases: Record<string, string>) => ({ ...book, vocabulary: { ...book.vocabulary, phrases } });

  it("reads phrases with a book of its own as with the shared one", () => {
    expect(parseQuery(loadRuleBook(), "ps remoting").words).toEqual(["winrm"]);
  });

  it("prefers the longest phrase whatever the order of the data", () => {
    const shortFirst = withPhrases({ "file sharing": "smb", "windows file sharing": "filesharing" });
    expect(parseQuery(shortFirst, "windows file sharing").words).toEqual(["filesharing"]);
  });

  it("reads a phrase's punctuation literally", () => {
    const dotted = withPhrases({ "wf.msc": "rdp" });
    expect(parseQuery(dotted, "wf.msc").words).toEqual(["rdp"]);
    expect(parseQuery(dotted, "wfxmsc").words).toEqual(["wfxmsc"]);
  });
});
