import { describe, expect, it } from "vitest";
import { diffBySection, diffVersions, parseQuery, type Rule, readDiffQuestion } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const V = (short: string) => `Windows Server ${short}`;
const ids = (rules: readonly Rule[]) => rules.map((r) => r.id).sort();
const identity = (r: Rule) => `${r.rule}|${r.protocol}|${r.direction}`;

describe("diffVersions: hand-checked cases", () => {
  /*
   * Derived by reading data/windows-ami-ports.json: the rows whose `os` lists 2012 R2 (66) and those
   * whose `os` lists 2022 (73), matched by rule name + protocol + direction. The rows for 2012 and
   * 2012 R2 that are only on 2012 R2's side are the File and Printer Sharing rows (16), the File
   * Server Remote Management rows (3, WMI-In among them), All ICMP v4, and the two Windows Firewall
   * Remote Management rows (`.2012r2`): 22. The 2022 side adds AllJoyn (4), Cast to Device (10),
   * Delivery Optimization (2), Telemetry (1), DIAL (1), Edge mDNS (1), Media Foundation (3),
   * mDNS (2), Device Management (4) and Feature Experience Pack (1): 29. No rule on both sides has
   * other ports once corrections apply: the 2012/2012 R2 ICMPv6, IGMP and IPv6 rows print `68`/`67`
   * or `Any`/`445`, which the corrections empty, as the 2016-2022 rows are. 66 - 22 = 44 the same.
   */
  it("2012 R2 → 2022", () => {
    const diff = diffVersions(book, V("2012 R2"), V("2022"));
    expect(ids(diff.removed)).toEqual(
      [
        "file-and-printer-sharing-echo-request-icmpv4-in.2012-2012r2",
        "file-and-printer-sharing-echo-request-icmpv4-out.2012-2012r2",
        "file-and-printer-sharing-echo-request-icmpv6-in.2012-2012r2",
        "file-and-printer-sharing-echo-request-icmpv6-out.2012-2012r2",
        "file-and-printer-sharing-llmnr-udp-in.2012-2012r2",
        "file-and-printer-sharing-llmnr-udp-out.2012-2012r2",
        "file-and-printer-sharing-nb-datagram-in.2012-2012r2",
        "file-and-printer-sharing-nb-datagram-out.2012-2012r2",
        "file-and-printer-sharing-nb-name-in.2012-2012r2",
        "file-and-printer-sharing-nb-name-out.2012-2012r2",
        "file-and-printer-sharing-nb-session-in.2012-2012r2",
        "file-and-printer-sharing-nb-session-out.2012-2012r2",
        "file-and-printer-sharing-smb-in.2012-2012r2",
        "file-and-printer-sharing-smb-out.2012-2012r2",
        "file-and-printer-sharing-spooler-service-rpc.2012-2012r2",
        "file-and-printer-sharing-spooler-service-rpc-epmap.2012-2012r2",
        "file-server-remote-management-dcom-in.2012-2012r2",
        "file-server-remote-management-smb-in.2012-2012r2",
        "wmi-in.2012-2012r2",
        "all-icmp-v4.2012-2012r2",
        "windows-firewall-remote-management-rpc.2012r2",
        "windows-firewall-remote-management-rpc-epmap.2012r2",
      ].sort(),
    );
    const addedBySection = Object.fromEntries(
      diffBySection(book, diff)
        .filter((g) => g.added.length > 0)
        .map((g) => [g.section, g.added.length]),
    );
    expect(addedBySection).toEqual({
      "AllJoyn Router": 4,
      "Cast to Device": 10,
      "Delivery Optimization": 2,
      "Diag Track": 1,
      "DIAL Protocol Server": 1,
      "Microsoft Edge": 1,
      "Microsoft Media Foundation Network Source": 3,
      Multicast: 2,
      "Windows Device Management": 4,
      "Windows Feature Experience Pack": 1,
    });
    expect(diff.changed).toEqual([]);
    expect(diff.same).toHaveLength(44);
    // a corrected row on 2012 R2 and a clean row on 2022 are the same rule with the same ports
    expect(diff.same.map((r) => r.id)).toContain("packet-too-big-icmpv6-in.2016-2019-2022");
    expect(ids(diff.unstated)).toEqual(
      [
        "dfs-management-tcp-in.os-unstated",
        "dfs-management-dcom-in.os-unstated",
        "dfs-management-wmi-in.os-unstated",
        "dfs-management-smb-in.os-unstated",
      ].sort(),
    );
  });

  /*
   * Derived from the same file: 2016 has 62 rows, 2019 has 68. Every 2016 rule is on 2019 too. Three
   * rules have separate rows for 2016 and for 2019-2022 with other ports: Connected User
   * Experiences and Telemetry (remote Any → 443), mDNS (UDP-In) (local keyword mDNS → 5353) and
   * mDNS (UDP-Out) (local 5353 → Any, remote Any → 5353). New on 2019: the two Delivery
   * Optimization rules, three `.2019` Device Management rules and Windows Enrollment WinRT. 62 - 3 = 59 the same.
   */
  it("2016 → 2019", () => {
    const diff = diffVersions(book, V("2016"), V("2019"));
    expect(diff.removed).toEqual([]);
    expect(ids(diff.added)).toEqual(
      [
        "deliveryoptimization-tcp-in.2019-2022",
        "deliveryoptimization-udp-in.2019-2022",
        "windows-device-management-certificate-installer-tcp-out.2019",
        "windows-device-management-enrollment-service-tcp-out.2019",
        "windows-device-management-sync-client-tcp-out.2019",
        "windows-enrollment-winrt-tcp-out.2019",
      ].sort(),
    );
    expect(diff.changed.map((c) => [c.before.id, c.after.id, c.fields])).toEqual([
      ["connected-user-experiences-and-telemetry.2016", "connected-user-experiences-and-telemetry.2019-2022", ["remote"]],
      ["mdns-udp-in.2016", "mdns-udp-in.2019-2022", ["local"]],
      ["mdns-udp-out.2016", "mdns-udp-out.2019-2022", ["local", "remote"]],
    ]);
    expect(diff.same).toHaveLength(59);
  });
});

describe("diffVersions: properties over every pair of known versions", () => {
  const pairs = book.operatingSystems.flatMap((a) => book.operatingSystems.filter((b) => b !== a).map((b) => [a, b] as const));

  it.each(pairs)("%s → %s", (from, to) => {
    const diff = diffVersions(book, from, to);
    const onFrom = book.rules.filter((r) => r.os.includes(from));
    const onTo = book.rules.filter((r) => r.os.includes(to));
    const fromKeys = new Set(onFrom.map(identity));
    const toKeys = new Set(onTo.map(identity));

    // each rule is on the side it claims
    for (const r of diff.added) expect([r.os.includes(to), fromKeys.has(identity(r))]).toEqual([true, false]);
    for (const r of diff.removed) expect([r.os.includes(from), toKeys.has(identity(r))]).toEqual([true, false]);
    for (const c of diff.changed) {
      expect([c.before.os.includes(from), c.after.os.includes(to), identity(c.before)]).toEqual([true, true, identity(c.after)]);
      expect(c.fields.length).toBeGreaterThan(0);
      for (const f of c.fields) expect(c.before[f].text).not.toBe(c.after[f].text);
    }
    for (const r of diff.same) expect(fromKeys.has(identity(r)) && r.os.includes(to)).toBe(true);

    // disjoint, by rule identity
    const groups = [
      diff.added.map(identity),
      diff.removed.map(identity),
      diff.changed.map((c) => identity(c.after)),
      diff.same.map(identity),
    ];
    const all = groups.flat();
    expect(new Set(all).size).toBe(all.length);

    // counts add up to the rules of each version
    expect(diff.removed.length + diff.changed.length + diff.same.length).toBe(onFrom.length);
    expect(diff.added.length + diff.changed.length + diff.same.length).toBe(onTo.length);

    // rules whose versions are not stated are listed apart, never added or removed
    expect(diff.unstated.every((r) => r.os.length === 0)).toBe(true);
    expect([...diff.added, ...diff.removed].some((r) => r.os.length === 0)).toBe(false);

    // the reverse comparison swaps added and removed
    const back = diffVersions(book, to, from);
    expect(ids(back.added)).toEqual(ids(diff.removed));
    expect(ids(back.removed)).toEqual(ids(diff.added));
    expect(back.same.length).toBe(diff.same.length);
  });

  it.each(["In", "Out"] as const)("counts add up within a %s filter, for every pair", (direction) => {
    for (const [from, to] of pairs) {
      const diff = diffVersions(book, from, to, { protocols: [], directions: [direction] });
      const count = (os: string) => book.rules.filter((r) => r.os.includes(os) && r.direction === direction).length;
      expect(diff.removed.length + diff.changed.length + diff.same.length).toBe(count(from));
      expect(diff.added.length + diff.changed.length + diff.same.length).toBe(count(to));
    }
  });

  it("a version compared with itself has only rules that are the same", () => {
    for (const os of book.operatingSystems) {
      const diff = diffVersions(book, os, os);
      expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);
      expect(diff.same.length).toBe(book.rules.filter((r) => r.os.includes(os)).length);
    }
  });
});

describe("readDiffQuestion", () => {
  it.each([
    ["diff 2012r2 2022", "2012 R2", "2022"],
    ["what changed between 2012 R2 and 2022", "2012 R2", "2022"],
    ["compare 2016 and 2019", "2016", "2019"],
    ["2016 vs 2022", "2016", "2022"],
    ["moving from 2016 to 2022", "2016", "2022"],
    ["Moving from Windows Server 2022 to 2016?", "2022", "2016"],
    ["diff ws2019 server 2008 r2", "2019", "2008 R2"],
    ["2019 versus 2012", "2019", "2012"],
  ])("reads %j as %s → %s", (text, from, to) => {
    expect(readDiffQuestion(book, text)).toEqual({
      ok: true,
      from: V(from),
      to: V(to),
      filter: { protocols: [], directions: [] },
    });
  });

  it("keeps protocols and directions in the question as a filter of the comparison", () => {
    expect(readDiffQuestion(book, "what changes inbound udp moving from 2016 to 2022")).toEqual({
      ok: true,
      from: V("2016"),
      to: V("2022"),
      filter: { protocols: ["UDP"], directions: ["In"] },
    });
    const inbound = diffVersions(book, V("2016"), V("2022"), { protocols: [], directions: ["In"] });
    const all = diffVersions(book, V("2016"), V("2022"));
    expect(ids(inbound.added)).toEqual(ids(all.added.filter((r) => r.direction === "In")));
    expect(inbound.same.length).toBe(all.same.filter((r) => r.direction === "In").length);
    expect(inbound.unstated.every((r) => r.direction === "In")).toBe(true);
  });

  it.each(["5985", "rdp 2019", "2016 2022", "smb between 2016 and 2022", "5985 2016 vs 2022", "what changed", "banana"])(
    "%j is not a comparison",
    (text) => {
      expect(readDiffQuestion(book, text)).toBeNull();
    },
  );

  it("never reads pasted text (a log) as a comparison", () => {
    const log = `Found in the message: moving from 2016 to 2022`;
    expect(parseQuery(book, log).pasted).toBe(true);
    expect(readDiffQuestion(book, log)).toBeNull();
    expect(readDiffQuestion(book, "moving from 2016 to 2022")?.ok).toBe(true);
  });

  it("says which versions it knows when one is missing, unknown or repeated", () => {
    for (const text of [
      "diff",
      "diff 2016",
      "what changed in 2022",
      "diff 2016 2025",
      "compare 2003 and 2022",
      "diff 2016 2016",
      "diff 2012 2016 2019",
    ]) {
      const read = readDiffQuestion(book, text);
      expect(read?.ok, text).toBe(false);
      if (read && !read.ok) expect(read.problem).toContain("The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022.");
    }
    const unknown = readDiffQuestion(book, "diff 2016 2025");
    expect(unknown && !unknown.ok && unknown.problem).toBe(
      `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022. ` +
        "Try `diff 2016 2022`. The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022.",
    );
  });
});
