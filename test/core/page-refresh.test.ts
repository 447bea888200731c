import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AwsPage, PageRow, PageSection } from "../../src/core/aws-page.js";
import { osGroupSlug, refreshFromPage, slug } from "../../src/core/page-refresh.js";
import { DEFAULT_DATA_DIR } from "../../src/core/rule-book.js";
import type { PortsFile } from "../../src/core/schema.js";
import { renderRefreshText } from "../../src/render/refresh-text.js";
import { fixture, parsed } from "../helpers/aws-page.js";

const dataText = readFileSync(join(DEFAULT_DATA_DIR, "windows-ami-ports.json"), "utf8");
const data = (): PortsFile => JSON.parse(dataText);

/** Replaces the first occurrence of an exact piece of the page, failing if it is not there. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`not in the page: ${from.slice(0, 80)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// Each test refreshes inside itself, never in a describe's body: Stryker activates a mutant only
// once the tests start, so what a describe computes while tests are collected is never mutated.
describe("refreshing from today's page", () => {
  const refresh = () => refreshFromPage(data(), parsed(fixture("current.md")));

  it("finds no difference, and every correction still needed", () => {
    const result = refresh();
    expect(result.differs).toBe(false);
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.diff.sections).toEqual({ added: [], removed: [] });
    expect(result.diff.versions).toEqual({ added: [], removed: [] });
    expect(result.diff.corrections).toHaveLength(39);
    expect(new Set(result.diff.corrections.map((c) => c.status))).toEqual(new Set(["still-needed"]));
  });

  it("would write the data exactly as it is, April 2022 and DFS rows in place", () => {
    expect(JSON.stringify(refresh().next, null, 1)).toBe(dataText);
  });
});

describe("refreshing from the 2019 page", () => {
  const refresh = () => refreshFromPage(data(), parsed(fixture("2019-08-13.md")));

  // read off the 2019 page: no 2022 anywhere; the Edge, Media Foundation and Feature Experience Pack
  // sections do not exist; telemetry is 2019 only and its definition has no full stop; DIAL is 2016
  // and 2019; WinRM starts at 2008 R2 in one row
  it("reports what really changed since, read from data/ to the page", () => {
    const { diff, differs } = refresh();
    expect(differs).toBe(true);
    expect(diff.sections).toEqual({
      added: [],
      removed: ["Microsoft Edge", "Microsoft Media Foundation Network Source", "Windows Feature Experience Pack"],
    });
    expect(diff.versions).toEqual({ added: [], removed: ["Windows Server 2022"] });
    expect(diff.rules.removed.map((r) => r.id)).toEqual([
      "microsoft-edge-mdns-in.2022",
      "microsoft-media-foundation-network-source-in-tcp-554.2022",
      "microsoft-media-foundation-network-source-in-udp-5004-5009.2022",
      "microsoft-media-foundation-network-source-out-tcp-all.2022",
      "windows-feature-experience-pack.2022",
    ]);
    expect(diff.rules.added).toEqual([]);
    const changed = Object.fromEntries(diff.rules.changed.map((c) => [c.id, c.fields]));
    expect(changed).toEqual({
      "connected-user-experiences-and-telemetry.2016": ["definition"],
      "connected-user-experiences-and-telemetry.2019-2022": ["os", "definition"],
      "dial-protocol-server-http-in.2016-2019-2022": ["os"],
      "windows-remote-management-http-in.2012-2012r2-2016-2019-2022": ["os"],
    });
  });

  it("leaves the rows of tables the archived Markdown does not carry, and the April 2022 rows, alone", () => {
    const { diff } = refresh();
    expect(diff.notCompared.sections).toContain("Core Networking");
    expect(diff.notCompared.sections).toContain("Remote Desktop");
    expect(diff.rules.removed.map((r) => r.section)).not.toContain("Core Networking");
    expect(diff.rules.removed.map((r) => r.id)).not.toContain("windows-remote-management-http-in.2008r2-2008sp2");
    expect(diff.rules.removed.some((r) => r.section.startsWith("Distributed File System"))).toBe(false);
    // ICMP v4 All is on the 2019 page with the same "Local: 139" our correction is about
    expect(diff.corrections).toEqual([{ id: "all-icmp-v4.2012-2012r2", status: "still-needed" }]);
  });
});

describe("refreshing from the April 2022 page", () => {
  // read off the 2022-04-07 copy: its six readable tables match today's except WinRM, which still
  // starts at 2008 R2; the rest say "See the AWS documentation website"
  it("finds only WinRM's versions changed, and keeps the April 2022 row beside it", () => {
    const { diff } = refreshFromPage(data(), parsed(fixture("2022-04-07.md")));
    expect(diff.rules.added).toEqual([]);
    expect(diff.rules.removed).toEqual([]);
    expect(diff.rules.changed).toEqual([
      {
        id: "windows-remote-management-http-in.2012-2012r2-2016-2019-2022",
        fields: ["os"],
        before: {
          os: [
            "Windows Server 2012",
            "Windows Server 2012 R2",
            "Windows Server 2016",
            "Windows Server 2019",
            "Windows Server 2022",
          ],
        },
        after: {
          os: [
            "Windows Server 2008 R2",
            "Windows Server 2008 SP2",
            "Windows Server 2012",
            "Windows Server 2012 R2",
            "Windows Server 2016",
            "Windows Server 2019",
            "Windows Server 2022",
          ],
        },
      },
    ]);
    expect(diff.sections).toEqual({ added: [], removed: [] });
    expect(diff.versions).toEqual({ added: [], removed: [] });
    expect(diff.notCompared.sections).toContain("Microsoft Media Foundation Network Source");
  });
});

describe("refreshing from an edited copy of today's page", () => {
  // Each edit below is ours, made in code on the verbatim copy; the expectations are what each edit means.
  let page = fixture("current.md");
  // 1. a version added: AllJoyn Router's four rules also for 2025
  page = edit(
    page,
    "- **Windows Server 2016 Windows Server 2019 Windows Server 2022**\n  - **Rule:** AllJoyn",
    "- **Windows Server 2016 Windows Server 2019 Windows Server 2022 Windows Server 2025**\n  - **Rule:** AllJoyn",
  );
  // 2. a port changed: WinRM also on 5986
  page = edit(page, "Local: 5985<br />Remote: Any", "Local: 5985, 5986<br />Remote: Any");
  // 3. a rule added: Shadow for Windows Server 2012 too (same identity as an existing rule, other versions)
  page = edit(
    page,
    "- **Windows Server 2012**\n",
    "- **Windows Server 2012**\n  - **Rule:** Remote Desktop - Shadow (TCP-In) / **Definition:** Shadowing. / **Port:** Local: Any<br />Remote: Any / **Protocol:** TCP / **Direction:** In\n",
  );
  // 4. a rule removed: LSASS-Out from the 2012 group (it stays for 2016-2022)
  const lsass2012 =
    "  - **Rule:** Core Networking - Group Policy (LSASS-Out) / **Definition:** Outbound rule to allow remote LSASS traffic for Group Policy updates. / **Port:** Local: Any<br />Remote: Any / **Protocol:** TCP / **Direction:** Out\n";
  // the same line stands in both groups: the second is 2012's
  const secondLsass = page.indexOf(lsass2012, page.indexOf(lsass2012) + 1);
  page = page.slice(0, secondLsass) + page.slice(secondLsass + lsass2012.length);
  // 5. a section added, with one rule, in the table form
  page = edit(
    page,
    "## Multicast\n",
    '## Windows Admin Center\n<a name="admin-center"></a>\n\n\n| OS | Rule | Definition | Port | Protocol | Direction | \n| --- | --- | --- | --- | --- | --- | \n| Windows Server 2022 | Windows Admin Center (HTTPS-In) | Inbound rule for Windows Admin Center. | Local: 6516<br />Remote: Any | TCP | In | \n\n## Multicast\n',
  );
  // 6. a section removed: Microsoft Edge, heading and table
  page = edit(
    page,
    '## Microsoft Edge\n<a name="protocol-edge"></a>\n\n\n| OS | Rule | Port | Protocol | Direction | \n| --- | --- | --- | --- | --- | \n| Windows Server 2022 | Microsoft Edge (mDNS-In) | Local: 5353<br />Remote: Any | UDP | In | \n\n',
    "",
  );
  // 7. a typo fixed upstream: IPHTTPS spelt right in the 2016-2022 group's inbound rule (2012's stays IPHTPS)
  page = edit(page, "Local: IPHTPS<br />Remote: Any", "Local: IPHTTPS<br />Remote: Any");
  // 8. a corrected value changed by AWS to something other than our correction: review it
  page = edit(page, "Local: 235, 542, 355, 523, 556Remote: Any", "Local: 23554-23560Remote: Any");

  const refresh = () => refreshFromPage(data(), parsed(page));

  it("reports exactly those changes", () => {
    const { diff, differs } = refresh();
    expect(differs).toBe(true);
    expect(diff.versions).toEqual({ added: ["Windows Server 2025"], removed: [] });
    expect(diff.sections).toEqual({ added: ["Windows Admin Center"], removed: ["Microsoft Edge"] });
    expect(diff.rules.added.map((r) => r.id)).toEqual([
      "windows-admin-center-https-in.2022",
      "remote-desktop-shadow-tcp-in.2012",
    ]);
    expect(diff.rules.removed.map((r) => r.id)).toEqual([
      "core-networking-group-policy-lsass-out.2012-2012r2",
      "microsoft-edge-mdns-in.2022",
    ]);
    const changed = Object.fromEntries(diff.rules.changed.map((c) => [c.id, c]));
    expect(Object.keys(changed).sort()).toEqual([
      "alljoyn-router-tcp-in.2016-2019-2022",
      "alljoyn-router-tcp-out.2016-2019-2022",
      "alljoyn-router-udp-in.2016-2019-2022",
      "alljoyn-router-udp-out.2016-2019-2022",
      "cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022",
      "core-networking-iphttps-tcp-in.2016-2019-2022",
      "windows-remote-management-http-in.2012-2012r2-2016-2019-2022",
    ]);
    expect(changed["windows-remote-management-http-in.2012-2012r2-2016-2019-2022"]).toEqual({
      id: "windows-remote-management-http-in.2012-2012r2-2016-2019-2022",
      fields: ["local"],
      before: { local: "5985" },
      after: { local: "5985, 5986" },
    });
    expect(changed["alljoyn-router-tcp-in.2016-2019-2022"]?.after.os).toContain("Windows Server 2025");
  });

  it("tells which corrections AWS fixed, which it changed, and which are still needed", () => {
    const { diff } = refresh();
    const status = Object.fromEntries(diff.corrections.map((c) => [c.id, c.status]));
    expect(status["core-networking-iphttps-tcp-in.2016-2019-2022"]).toBe("fixed-upstream");
    expect(status["core-networking-iphttps-tcp-in.2012-2012r2"]).toBe("still-needed");
    expect(status["cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022"]).toBe("source-changed");
    expect(diff.corrections.filter((c) => c.status === "still-needed")).toHaveLength(37);
  });

  it("builds the next data: ids kept, a fixed correction dropped, a changed one kept for review, new rows in page order", () => {
    const { next } = refresh();
    const byId = new Map(next.rules.map((r) => [r.id, r]));
    expect(byId.get("core-networking-iphttps-tcp-in.2016-2019-2022")).not.toHaveProperty("correction");
    expect(byId.get("core-networking-iphttps-tcp-in.2016-2019-2022")?.local).toBe("IPHTTPS");
    expect(byId.get("cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022")?.correction?.local).toBe(
      "23554, 23555, 23556",
    );
    // what AWS printed before stays beside the correction until a person reviews the new value
    expect(byId.get("cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022")?.local).toBe("235, 542, 355, 523, 556");
    expect(byId.get("windows-remote-management-http-in.2008r2-2008sp2")?.source).toBe("aws-2022-04");
    expect(byId.has("microsoft-edge-mdns-in.2022")).toBe(false);
    const ids = next.rules.map((r) => r.id);
    expect(ids.indexOf("remote-desktop-shadow-tcp-in.2012")).toBe(ids.indexOf("remote-desktop-user-mode-tcp-in.2012") - 1);
    expect(next.sections.map((s) => s.name)).toContain("Windows Admin Center");
    expect(next.sections.map((s) => s.name)).not.toContain("Microsoft Edge");
    expect(next.sections.find((s) => s.name === "Windows Feature Experience Pack")?.anchor).toBeNull();
    expect(next.sections.find((s) => s.name === "Windows Remote Management")?.anchor).toBe("remote-management");
    expect(next.operatingSystems).toContain("Windows Server 2025");
    expect(next.operatingSystems).toContain("Windows Server 2008 R2");
  });

  it("finds nothing more when refreshed again from the same page", () => {
    const again = refreshFromPage(refresh().next, parsed(page));
    expect(again.diff.rules.added).toEqual([]);
    expect(again.diff.rules.removed).toEqual([]);
    expect(again.diff.sections).toEqual({ added: [], removed: [] });
    // the correction AWS's new value puts in doubt stays flagged until a person settles it
    expect(again.diff.rules.changed.map((c) => c.id)).toEqual([
      "cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022",
    ]);
    expect(again.diff.corrections.filter((c) => c.status !== "still-needed")).toEqual([
      { id: "cast-to-device-streaming-server-rtsp-streaming-in.2016-2019-2022", status: "source-changed" },
    ]);
  });
});

describe("ids for new rows", () => {
  it("follow the data's <rule-slug>.<os-group> form", () => {
    expect(slug("Dynamic Host Configuration Protocol for IPv6(DHCPV6-In)")).toBe(
      "dynamic-host-configuration-protocol-for-ipv6-dhcpv6-in",
    );
    expect(osGroupSlug(["Windows Server 2008 R2", "Windows Server 2008 SP2"])).toBe("2008r2-2008sp2");
    expect(osGroupSlug([])).toBe("os-unstated");
    expect(slug("(*)")).toBe("rule");
  });

  it("every id in data/ is what the form gives for its first name and versions, or was kept", () => {
    // the data's ids were made the same way: a refresh that re-created them would give the same
    const mismatched = data().rules.filter((r) => r.id !== `${slug(r.rule)}.${osGroupSlug(r.os)}`);
    expect(mismatched.map((r) => r.id)).toEqual([]);
  });
});

// Small data and pages written here, a few rows each, so each test shows one rule of the refresh.
type DataRow = PortsFile["rules"][number];
const ws = (versions: readonly string[]): string[] => versions.map((v) => `Windows Server ${v}`);

/** A data row is a page row with its id and source (and a list of versions of its own). */
function dataRow(id: string, rule: string, versions: readonly string[], more: Partial<DataRow> = {}): DataRow {
  return { id, ...pageRow(rule, versions), os: ws(versions), source: "aws-current", ...more };
}

function pageRow(rule: string, versions: readonly string[], more: Partial<PageRow> = {}): PageRow {
  return {
    section: "Sec",
    os: ws(versions),
    rule,
    definition: null,
    local: "1",
    remote: "Any",
    protocol: "TCP",
    direction: "In",
    ...more,
  };
}

const sectionsOf = (names: readonly string[]): PortsFile["sections"] =>
  [...new Set(names)].map((name) => ({ name, anchor: null }));

/** The real file's attribution and keywords around these rows and sections. */
function smallData(rules: DataRow[], sections: PortsFile["sections"] = sectionsOf(rules.map((r) => r.section))): PortsFile {
  return { ...data(), sections, operatingSystems: [...new Set(rules.flatMap((r) => r.os))].sort(), rules };
}

function smallPage(
  rows: PageRow[],
  sections: PageSection[] = sectionsOf(rows.map((r) => r.section)).map((s) => ({ ...s, hiddenTables: 0 })),
  unreadable: string[] = [],
): AwsPage {
  const operatingSystems = [...new Set(rows.flatMap((r) => r.os))].sort();
  return { title: "Ports and Protocols for AWS Windows AMIs", sections, rows, operatingSystems, unreadable };
}

const changedOs = (result: ReturnType<typeof refreshFromPage>) =>
  result.diff.rules.changed.map((c) => [c.id, c.fields, c.after.os]);

describe("pairing a rule's rows with the data's rows of the same identity", () => {
  it("keeps every id and finds nothing when the page prints the data, correction-free", () => {
    const rules = [dataRow("a.2022", "A", ["2022"]), dataRow("b.2022", "B", ["2022"], { definition: "About B." })];
    const result = refreshFromPage(
      smallData(rules),
      smallPage([pageRow("A", ["2022"]), pageRow("B", ["2022"], { definition: "About B." })]),
    );
    expect(result.differs).toBe(false);
    expect(result.diff.corrections).toEqual([]);
    expect(result.next).toEqual(smallData(rules));
  });

  it("pairs the rows for the same versions first, whatever the page's order", () => {
    const rules = [dataRow("a.2016-2019", "A", ["2016", "2019"]), dataRow("a.2016", "A", ["2016"])];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2016"]), pageRow("A", ["2016", "2019"])]));
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.next.rules.map((r) => [r.id, r.os])).toEqual([
      ["a.2016", ws(["2016"])],
      ["a.2016-2019", ws(["2016", "2019"])],
    ]);
  });

  it("pairs only exactly the same versions first: a row for fewer versions waits for the row that has exactly them", () => {
    // the page's first row [2016, 2019] holds a.2016's versions, but [2016] is the second row's exactly
    const rules = [dataRow("a.2016", "A", ["2016"]), dataRow("a.2016-2019-2022", "A", ["2016", "2019", "2022"])];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2016", "2019"]), pageRow("A", ["2016"])]));
    expect(changedOs(result)).toEqual([["a.2016-2019-2022", ["os"], ws(["2016", "2019"])]]);
    expect(result.diff.rules.added).toEqual([]);
  });

  it("pairs a row sharing some versions only after every exact pair is made", () => {
    // the first row [2016, 2019] shares 2019 with a.2019-2022, which is the second row's exactly
    const rules = [dataRow("a.2019-2022", "A", ["2019", "2022"]), dataRow("a.2012-2016", "A", ["2012", "2016"])];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2016", "2019"]), pageRow("A", ["2019", "2022"])]));
    expect(changedOs(result)).toEqual([["a.2012-2016", ["os"], ws(["2016", "2019"])]]);
  });

  it("then pairs by shared versions before rows with none in common, and lists changes by id", () => {
    // [2025] shares nothing: it takes what is left after [2019] took the row it shares 2019 with
    const rules = [dataRow("a.2019-2022", "A", ["2019", "2022"]), dataRow("a.2012", "A", ["2012"])];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2025"]), pageRow("A", ["2019"])]));
    expect(changedOs(result)).toEqual([
      ["a.2012", ["os"], ws(["2025"])],
      ["a.2019-2022", ["os"], ws(["2019"])],
    ]);
    expect(result.diff.rules.added).toEqual([]);
    expect(result.diff.rules.removed).toEqual([]);
  });

  it("gives a row sharing versions with two data rows the one it shares most with", () => {
    const rules = [dataRow("a.2012-2016", "A", ["2012", "2016"]), dataRow("a.2016-2019", "A", ["2016", "2019"])];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2016", "2019", "2022"]), pageRow("A", ["2012"])]));
    expect(changedOs(result)).toEqual([
      ["a.2012-2016", ["os"], ws(["2012"])],
      ["a.2016-2019", ["os"], ws(["2016", "2019", "2022"])],
    ]);
  });

  it("keeps the id of a rule that moved to versions it had none of", () => {
    const result = refreshFromPage(smallData([dataRow("a.2012", "A", ["2012"])]), smallPage([pageRow("A", ["2016"])]));
    expect(changedOs(result)).toEqual([["a.2012", ["os"], ws(["2016"])]]);
    expect(result.next.rules.map((r) => r.id)).toEqual(["a.2012"]);
    expect(result.differs).toBe(true);
  });

  it("never pairs with an April 2022 row, even for exactly its versions", () => {
    const april = dataRow("a.2008r2", "A", ["2008 R2"], { source: "aws-2022-04" });
    const rules = [dataRow("a.2012-2016", "A", ["2012", "2016"]), april];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2008 R2"])]));
    expect(changedOs(result)).toEqual([["a.2012-2016", ["os"], ws(["2008 R2"])]]);
    expect(result.diff.rules.removed).toEqual([]);
    expect(result.next.rules).toContainEqual(april);
  });

  it("matches names and sections in any case and spacing, and keeps the data's spelling of a section", () => {
    const rules = [dataRow("remote-desktop.2022", " Remote  Desktop ", ["2022"], { section: "Core Networking" })];
    const page = smallPage([
      pageRow("remote desktop", ["2022"], { section: "core  networking" }),
      pageRow("New", ["2022"], { section: "core  networking" }),
    ]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.rules.removed).toEqual([]);
    expect(result.diff.rules.added.map((r) => [r.id, r.section])).toEqual([["new.2022", "Core Networking"]]);
    expect(result.next.sections).toEqual([{ name: "Core Networking", anchor: null }]);
    expect(result.diff.sections).toEqual({ added: [], removed: [] });
  });

  it("keeps the section and the name apart: the same words split differently make another rule", () => {
    const result = refreshFromPage(
      smallData([dataRow("bc.2022", "BC", ["2022"], { section: "A" })]),
      smallPage([pageRow("C", ["2022"], { section: "AB" })]),
    );
    expect(result.diff.rules.added.map((r) => r.id)).toEqual(["c.2022"]);
    expect(result.diff.rules.removed.map((r) => r.id)).toEqual(["bc.2022"]);
  });
});

describe("ids and order of the next data", () => {
  it("numbers a new row whose id is taken, from -2 on, and reports one rule added and one removed as a difference", () => {
    // same name and versions as the data's row, other protocol or direction: other rules, so other ids
    const result = refreshFromPage(
      smallData([dataRow("a.2022", "A", ["2022"], { protocol: "UDP" })]),
      smallPage([pageRow("A", ["2022"]), pageRow("A", ["2022"], { direction: "Out" })]),
    );
    expect(result.diff.rules.added.map((r) => r.id)).toEqual(["a.2022-2", "a.2022-3"]);
    expect(result.diff.rules.removed.map((r) => r.id)).toEqual(["a.2022"]);
    expect(result.differs).toBe(true);

    const swapped = refreshFromPage(
      smallData([dataRow("a.2022", "A", ["2022"], { protocol: "UDP" })]),
      smallPage([pageRow("A", ["2022"])]),
    );
    expect(swapped.diff.rules.added.map((r) => r.id)).toEqual(["a.2022-2"]);
    expect(swapped.diff.rules.removed.map((r) => r.id)).toEqual(["a.2022"]);
    expect(swapped.differs).toBe(true);
  });

  it("keeps a row the page does not take part in where it stood, first included", () => {
    const rules = [
      dataRow("p.2008", "P", ["2008 SP2"], { source: "aws-2022-04" }),
      dataRow("a.2022", "A", ["2022"]),
      dataRow("b.2022", "B", ["2022"]),
    ];
    const result = refreshFromPage(smallData(rules), smallPage([pageRow("A", ["2022"]), pageRow("B", ["2022"])]));
    expect(result.next.rules.map((r) => r.id)).toEqual(["p.2008", "a.2022", "b.2022"]);
    expect(result.differs).toBe(false);
  });
});

describe("what the diff and differs count", () => {
  it("leaves the rows of a section whose tables are hidden uncompared, and names only the sections that hide tables", () => {
    const rules = [
      dataRow("a.2022", "A", ["2022"]),
      dataRow("gone.2022", "Gone", ["2022"]),
      dataRow("h.2022", "H", ["2022"], { section: "Hidden" }),
      dataRow("i.2022", "I", ["2022"], { section: "Hidden" }),
      dataRow("p.2022", "P", ["2022"], { section: "Hidden", source: "windows-predefined" }),
    ];
    const page = smallPage(
      [pageRow("A", ["2022"])],
      [
        { name: "Sec", anchor: null, hiddenTables: 0 },
        { name: "Hidden", anchor: null, hiddenTables: 2 },
      ],
    );
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.notCompared).toEqual({ sections: ["Hidden"], rules: 2 });
    // a rule of a section the page shows, and not on it, is removed
    expect(result.diff.rules.removed.map((r) => r.id)).toEqual(["gone.2022"]);
    expect(result.next.rules).toEqual(rules.filter((r) => r.id !== "gone.2022"));
  });

  it("does not remove a section the page still has, though no rule is in it", () => {
    const sections = [
      { name: "Sec", anchor: null },
      { name: "Empty", anchor: null },
    ];
    const page = smallPage(
      [pageRow("A", ["2022"])],
      sections.map((s) => ({ ...s, hiddenTables: 0 })),
    );
    const result = refreshFromPage(smallData([dataRow("a.2022", "A", ["2022"])], sections), page);
    expect(result.diff.sections).toEqual({ added: [], removed: [] });
    expect(result.next.sections).toEqual(sections);
    expect(result.differs).toBe(false);
  });

  it("differs when only a section's anchor changed", () => {
    const result = refreshFromPage(
      smallData([dataRow("a.2022", "A", ["2022"])], [{ name: "Sec", anchor: "old" }]),
      smallPage([pageRow("A", ["2022"])], [{ name: "Sec", anchor: "new", hiddenTables: 0 }]),
    );
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.next.sections).toEqual([{ name: "Sec", anchor: "new" }]);
    expect(result.diff.order).toEqual({ rules: false, sections: true });
    expect(result.differs).toBe(true);
    expect(renderRefreshText(result.diff, result.differs)).toContain("Sections stand in another order, or have other anchors");
  });

  it("differs when only the order of the sections changed", () => {
    const rules = ["P", "Q", "R"].map((name) => dataRow(`${name.toLowerCase()}.2022`, name, ["2022"], { section: name }));
    const result = refreshFromPage(
      smallData(rules),
      smallPage(["Q", "P", "R"].map((name) => pageRow(name, ["2022"], { section: name }))),
    );
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.diff.sections).toEqual({ added: [], removed: [] });
    expect(result.next.sections.map((s) => s.name)).toEqual(["Q", "P", "R"]);
    expect(result.diff.order.sections).toBe(true);
    expect(result.differs).toBe(true);
  });

  it("keeps the data's spelling of a text the same up to spacing: --write changes only what the report lists", () => {
    const rules = [dataRow("a.2022", "A", ["2022"], { definition: " Inbound  rule for A.", local: "5985, 5986" })];
    const page = smallPage([pageRow("A", ["2022"], { definition: "Inbound rule for A.", local: "5985,  5986" })]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.differs).toBe(false);
    expect(result.next).toEqual(smallData(rules));
    expect(renderRefreshText(result.diff, result.differs)).toMatch(/^No differences/);
  });

  it("differs, and says so, when only the order of a rule's rows changed", () => {
    const rules = [dataRow("a.2016", "A", ["2016"]), dataRow("a.2022", "A", ["2022"]), dataRow("b.2022", "B", ["2022"])];
    const page = smallPage([pageRow("A", ["2022"]), pageRow("A", ["2016"]), pageRow("B", ["2022"])]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.diff.order).toEqual({ rules: true, sections: false });
    expect(result.next.rules.map((r) => r.id)).toEqual(["a.2022", "a.2016", "b.2022"]);
    expect(result.differs).toBe(true);
    expect(renderRefreshText(result.diff, result.differs)).toContain("Rules stand in another order on the page");
  });

  it("reads no change of order from a row added or removed", () => {
    const rules = [dataRow("a.2022", "A", ["2022"]), dataRow("b.2022", "B", ["2022"]), dataRow("c.2022", "C", ["2022"])];
    const page = smallPage([pageRow("A", ["2022"]), pageRow("New", ["2022"]), pageRow("C", ["2022"])]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.rules.added.map((r) => r.rule)).toEqual(["New"]);
    expect(result.diff.rules.removed.map((r) => r.id)).toEqual(["b.2022"]);
    expect(result.diff.order).toEqual({ rules: false, sections: false });
  });

  it("differs when only a line of the page could not be read", () => {
    const unreadable = ['Sec: - **Rule:** Odd / **Protocol:** SCTP (protocol "SCTP" is not one amiport knows)'];
    const page = smallPage([pageRow("A", ["2022"])], undefined, unreadable);
    const result = refreshFromPage(smallData([dataRow("a.2022", "A", ["2022"])]), page);
    expect(result.diff.unreadable).toEqual(unreadable);
    expect(result.diff.rules).toEqual({ added: [], removed: [], changed: [] });
    expect(result.differs).toBe(true);
  });

  it("compares texts up to spacing, but a value appearing or going, or other versions, is a change", () => {
    const rules = [
      dataRow("a.2022", "A", ["2022"], { definition: " Inbound  rule for A." }),
      dataRow("b.2022", "B", ["2022"], { local: null, remote: null }),
      dataRow("c.2016-2019", "C", ["2016", "2019"], { definition: "Inboundrule for C." }),
      dataRow("d.2022", "D", ["2022"], { definition: "About D." }),
    ];
    const page = smallPage([
      pageRow("A", ["2022"], { definition: "Inbound rule for A." }),
      pageRow("B", ["2022"], { definition: "About B.", local: "5", remote: null }),
      pageRow("C", ["2016", "2022"], { definition: "Inbound rule for C." }),
      pageRow("D", ["2022"], { definition: null }),
    ]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.rules.changed).toEqual([
      {
        id: "b.2022",
        fields: ["definition", "local"],
        before: { definition: null, local: null },
        after: { definition: "About B.", local: "5" },
      },
      {
        id: "c.2016-2019",
        fields: ["os", "definition"],
        before: { os: ws(["2016", "2019"]), definition: "Inboundrule for C." },
        after: { os: ws(["2016", "2022"]), definition: "Inbound rule for C." },
      },
      { id: "d.2022", fields: ["definition"], before: { definition: "About D." }, after: { definition: null } },
    ]);
  });
});

describe("corrections on small data", () => {
  it("is source-changed when AWS prints one corrected field our way and another neither way; statuses listed by id", () => {
    const reason = "The page's ports are wrong.";
    const rules = [
      dataRow("b.2022", "B", ["2022"], { local: "1", remote: "2", correction: { local: "10", remote: "20", reason } }),
      dataRow("a.2022", "A", ["2022"], { local: "7", correction: { local: "70", reason } }),
    ];
    const page = smallPage([pageRow("B", ["2022"], { local: "10", remote: "2" }), pageRow("A", ["2022"], { local: "7" })]);
    const result = refreshFromPage(smallData(rules), page);
    expect(result.diff.corrections).toEqual([
      { id: "a.2022", status: "still-needed" },
      { id: "b.2022", status: "source-changed" },
    ]);
    // what AWS printed before stays, with the correction, until a person reviews it
    expect(result.next.rules[0]).toEqual(rules[0]);
    expect(result.differs).toBe(true);
  });
});
