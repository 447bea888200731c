import { describe, expect, it } from "vitest";
import { parseQuery, protocolName, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const search = (text: string) => searchRules(book, text);
const ids = (text: string) => search(text).results.map((r) => r.rule.id);

describe("searchRules", () => {
  it("finds WinRM for 5985 and says how it read the question", () => {
    const answer = search("5985");
    expect(ids("5985")).toEqual([
      "windows-remote-management-http-in.2012-2012r2-2016-2019-2022",
      "windows-remote-management-http-in.2008r2-2008sp2",
    ]);
    expect(answer.understood.summary).toBe("port 5985");
    expect(answer.results[0]?.matched).toEqual([{ by: "port", port: "5985", field: "local" }]);
  });

  it("summarises every filter it understood", () => {
    expect(search("5985/tcp on 2019").understood.summary).toBe("port 5985 · TCP · Windows Server 2019");
    expect(search("inbound udp 2022").understood.summary).toBe("UDP · inbound · Windows Server 2022");
    expect(search("telemtry").understood.summary).toBe("“telemtry” (as telemetry)");
  });

  it.each([
    ["in out 2016 2019", "inbound or outbound · Windows Server 2016 or 2019"],
    ["rdp 2025 2003", "Windows Server 2025 (not on the AWS page) or Windows Server 2003 (not on the AWS page) · “rdp”"],
    ["winrn", "“winrn” (as winrt or winrm)"],
    ["1-3 5", "ports 1-3, 5"],
    ["what is", "nothing to search for"],
  ])("reads %j as %j", (text, summary) => {
    expect(search(text).understood.summary).toBe(summary);
  });

  it("says why each rule matched: a port and the words that ranked it, or the filters alone", () => {
    expect(search("135 rpc").results[0]?.matched).toEqual([
      { by: "port", port: "135", field: "local" },
      { by: "words", words: ["rpc"] },
    ]);
    expect(search("winrm").results[0]?.matched).toEqual([{ by: "words", words: ["winrm"] }]);
    expect(search("tcp").results[0]?.matched).toEqual([{ by: "filters" }]);
  });

  it("does not ask for more when a long question was cut, and does not search unreadable text", () => {
    const cut = search("x".repeat(600));
    expect(cut.notices.map((n) => n.kind)).toEqual(["truncated", "no-match"]);
    expect(cut.notices[0]?.text).toBe("That question is 600 characters long; amiport read the first 500.");
    expect(search("what is").notices).toEqual([
      {
        kind: "empty",
        text: "Ask about a port (5985), a service (rdp, winrm, smb, dns), a protocol, a direction or a Windows Server version (2019).",
      },
    ]);
    const unreadable = search("\u0001\u0002");
    expect(unreadable.notices).toEqual([{ kind: "unreadable", text: "That doesn't look like text amiport can read." }]);
  });

  it("applies corrections: 68 finds DHCP, not the ICMP rows the page misprints", () => {
    const found = ids("68");
    expect(found.length).toBeGreaterThan(0);
    for (const id of found) expect(id).toMatch(/^dynamic-host-configuration-protocol-dhcp-(in|out)\./);
    const icmp = book.rules.find((r) => r.id === "multicast-listener-done-icmpv6-in.2012-2012r2");
    expect(icmp?.published).toEqual({ local: "68", remote: "67" });
    expect(icmp?.local.text).toBeNull();
  });

  it("applies corrections: 23555 finds the Cast to Device RTSP rule", () => {
    expect(ids("23555")).toEqual(["cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022"]);
  });

  it("applies the direction correction of the Media Foundation OUT rule", () => {
    const rule = book.rules.find((r) => r.id === "microsoft-media-foundation-network-source-out-tcp-all.2022");
    expect(rule?.direction).toBe("Out");
    expect(rule?.published).toEqual({ direction: "In" });
    expect(ids("outbound 8554")).toContain("microsoft-media-foundation-network-source-out-tcp-all.2022");
  });

  it("ranks exact ports before ports reached through a keyword", () => {
    const answer = search("135");
    const kinds = answer.results.map((r) => r.matched[0]?.by);
    expect(kinds).toEqual(["port", "port", "keyword", "keyword"]);
    expect(answer.results[2]?.matched[0]).toMatchObject({ keyword: "RPC-EPMap" });
  });

  it.each([
    ["443", "IPHTTPS"],
    ["5353", "mDNS"],
    ["50000", "RPC"],
    ["49152-65535", "RPC"],
  ])("%s reaches the %s keyword", (text, keyword) => {
    const reasons = search(text).results.flatMap((r) => r.matched);
    expect(reasons).toContainEqual(expect.objectContaining({ by: "keyword", keyword }));
  });

  it.each(["8080", "kerberos", "banana bread"])("%s finds nothing and says what to try", (text) => {
    const answer = search(text);
    expect(answer.results).toEqual([]);
    expect(answer.notices.map((n) => n.kind)).toEqual(["no-match"]);
    expect(answer.notices[0]?.text).toMatch(/Try|nearest|near it/);
  });

  it("suggests the nearest ports the data knows, and says no rule uses the port only once", () => {
    expect(search("8080").notices[0]?.text).toBe("The nearest ports that rules use: 7680, 8554, 8555.");
    expect(search("8080").unopened).toEqual([{ port: 8080, protocol: "tcp" }]);
    // a range too wide to be named port by port is said to have no rule in the notice itself
    expect(search("9000-9100").notices[0]?.text).toBe(
      "No rule on the AWS page uses ports 9000-9100. Ports near it in the data: 8556, 8557, 8558.",
    );
    expect(search("9000-9100").unopened).toEqual([]);
  });

  it("never answers an unknown version with other versions", () => {
    const answer = search("rdp on windows server 2025");
    expect(answer.results).toEqual([]);
    expect(answer.notices).toEqual([
      {
        kind: "unknown-version",
        text: `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022.`,
        offer: { label: "Show 2022's answer", question: "rdp on 2022" },
      },
    ]);
    // the offer is an answer of its own, for 2022
    const offered = search(answer.notices[0]?.offer?.question ?? "");
    expect(offered.results.length).toBeGreaterThan(0);
    for (const r of offered.results) expect(r.rule.os).toContain("Windows Server 2022");
  });

  it("answers the known version and names the unknown one", () => {
    const answer = search("rdp 2019 2025");
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) expect(r.rule.os).toContain("Windows Server 2019");
    expect(answer.notices.map((n) => n.kind)).toEqual(["unknown-version"]);
  });

  it("says which filter emptied the answer", () => {
    const answer = search("5985 udp");
    expect(answer.results).toEqual([]);
    expect(answer.notices[0]).toEqual({
      kind: "filtered-out",
      text: "2 rules match port 5985, but none for UDP. Drop a filter to see them.",
    });
  });

  it("puts a rule that names its port before an equal match on any port", () => {
    expect(ids("remote desktop")[0]).toBe("remote-desktop-user-mode-tcp-in.2012r2-2016-2019-2022");
  });

  it("says when a version filter leaves out rules whose versions AWS does not state", () => {
    const answer = search("135 on 2012 r2");
    expect(answer.results.map((r) => r.rule.id)).not.toContain("dfs-management-dcom-in.os-unstated");
    expect(answer.notices).toEqual([
      {
        kind: "versions-unstated",
        text: "1 more rule (Distributed File System (DFS) Management) would match, but AWS does not say which Windows Server versions it applies to; ask without a version to see it.",
      },
    ]);
    expect(search("135").notices).toEqual([]);
  });

  it("lists the nearest ports in order", () => {
    // the answer's IANA sentence already says no default rule opens 8600
    expect(search("8600").notices[0]?.text).toBe("The nearest ports that rules use: 8556, 8557, 8558.");
  });

  it("says which side of the rule a port is on", () => {
    const reasons = search("67").results.map((r) => r.matched);
    expect(reasons.length).toBeGreaterThan(0);
    for (const matched of reasons) expect(matched).toEqual([{ by: "port", port: "67", field: "remote" }]);
  });

  it("answers a question parsed beforehand as it answers the text", () => {
    const ids = (answer: ReturnType<typeof search>) => answer.results.map((r) => r.rule.id);
    expect(ids(searchRules(book, parseQuery(book, "rdp 2019")))).toEqual(ids(search("rdp 2019")));
  });

  it("says plainly when filters alone match nothing", () => {
    expect(search("igmp 2008 r2").notices).toEqual([
      { kind: "filtered-out", text: "No rule on the AWS page is for IGMP (protocol 2) · Windows Server 2008 R2." },
    ]);
  });

  it.each([
    [
      "135,445 on 2012 r2",
      "versions-unstated",
      "2 more rules (Distributed File System (DFS) Management) would match, but AWS does not say which Windows Server versions they apply to; ask without a version to see them.",
    ],
    ["23555 udp", "filtered-out", "1 rule matches port 23555, but none for UDP. Drop a filter to see it."],
    [
      "5985-5986 icmp",
      "filtered-out",
      "2 rules match ports 5985-5986, but none for ICMPv4 or ICMPv6. Drop a filter to see them.",
    ],
    ["dfs on 2019", "filtered-out", "4 rules match “dfs”, but none for Windows Server 2019. Drop a filter to see them."],
    ["tcp 2008 r2 outbound", "filtered-out", "No rule on the AWS page is for TCP · outbound · Windows Server 2008 R2."],
    ["rdp xyzzy plugh", "ignored-words", "No rule mentions “xyzzy”, “plugh”; amiport left them out."],
    ["protocol 99", "no-match", "The AWS page has no rules for protocol number 99."],
    // the answer's own sentence says no default rule opens port 60, so the notice only suggests
    ["60", "no-match", "The nearest ports that rules use: 53, 67, 68."],
  ])("says %j in words that fit the count", (question, kind, text) => {
    expect(search(question).notices).toEqual([{ kind, text }]);
  });

  it.each([
    ["wimrm", ["winrm"]],
    ["telemetryyy", ["telemetry"]],
    ["tlemetry", ["telemetry"]],
    // shorter than five letters: the one service word a single edit away (issue 8), not fuzzy search
    ["rdpp", ["rdp"]],
    ["smbb", ["smb"]],
    // rdp and rpc are both one edit away: no guess
    ["rpd", []],
    // three letters longer, or another first letter: another word
    ["telemetryyyy", []],
    ["elemetry", []],
  ])("reads the typo %j as %j", (typed, as) => {
    expect(search(typed).understood.words).toEqual([{ typed, as }]);
  });

  it("names words no rule mentions and answers with the rest", () => {
    const answer = search("rdp flibbertigibbet");
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.notices).toEqual([{ kind: "ignored-words", text: "No rule mentions “flibbertigibbet”; amiport left it out." }]);
  });

  it("does not search on a bad port", () => {
    const answer = search("rdp port 70000");
    expect(answer.results).toEqual([]);
    expect(answer.notices.map((n) => n.kind)).toEqual(["bad-port"]);
  });

  it("helps on an empty question", () => {
    const answer = search("   ");
    expect(answer.results).toEqual([]);
    expect(answer.notices.map((n) => n.kind)).toEqual(["empty"]);
  });

  it("pages with offset and limit and keeps the total", () => {
    const all = search("icmp");
    const page = searchRules(book, "icmp", { offset: 5, limit: 5 });
    expect(page.total).toBe(all.total);
    expect(page.results.map((r) => r.rule.id)).toEqual(all.results.slice(5, 10).map((r) => r.rule.id));
  });

  it("lists every rule of a filter in page order when no words are given", () => {
    const answer = search("inbound udp 2022");
    const expected = book.rules
      .filter((r) => r.protocol === "UDP" && r.direction === "In" && r.os.includes("Windows Server 2022"))
      .map((r) => r.id);
    expect(answer.results.map((r) => r.rule.id)).toEqual(expected);
  });

  it("pages from the start for a negative offset, and whole results only", () => {
    const all = search("icmp").results.map((r) => r.rule.id);
    const page = (offset: number, limit: number) => searchRules(book, "icmp", { offset, limit }).results.map((r) => r.rule.id);
    expect(page(-3, 2.7)).toEqual(all.slice(0, 2));
    expect(page(1.9, 2)).toEqual(all.slice(1, 3));
    expect(page(0, -1)).toEqual([]);
  });

  it("answers a port and names the words beside it that no rule mentions", () => {
    const answer = search("5985 xyzzy");
    expect(ids("5985 xyzzy")).toEqual(ids("5985"));
    expect(answer.notices).toEqual([{ kind: "ignored-words", text: "No rule mentions “xyzzy”; amiport left it out." }]);
  });

  it("reads every service word of a question as its IANA ports", () => {
    const answer = search("ssh ldap");
    expect(answer.understood.ports).toEqual(["22", "389"]);
    expect(answer.understood.services.map((s) => s.service)).toEqual(["ssh", "ldap"]);
  });

  it.each([
    ["xyzzy plugh frobozz grue zork 5985", "“xyzzy”, “plugh”, “frobozz”, “grue”, “zork”"],
    ["xyzzy plugh frobozz grue zork quux 5985", "“xyzzy”, “plugh”, “frobozz”, “grue”, “zork” or 1 more word"],
    ["xyzzy plugh frobozz grue zork quux foo 5985", "“xyzzy”, “plugh”, “frobozz”, “grue”, “zork” or 2 more words"],
  ])("names five ignored words at most: %j", (question, named) => {
    expect(search(question).notices).toEqual([
      { kind: "ignored-words", text: `No rule mentions ${named}; amiport left them out.` },
    ]);
  });

  it("names each protocol for people", () => {
    expect(protocolName("Any")).toBe("any protocol");
    expect(protocolName("2")).toBe("IGMP (protocol 2)");
    expect(protocolName("41")).toBe("IPv6 in IPv4 (protocol 41)");
    expect(protocolName("ICMPv6")).toBe("ICMPv6");
  });
});
