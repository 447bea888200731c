import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { osGroupSlug, refreshFromPage, slug } from "../../src/core/page-refresh.js";
import { DEFAULT_DATA_DIR } from "../../src/core/rule-book.js";
import type { PortsFile } from "../../src/core/schema.js";
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
  });

  it("every id in data/ is what the form gives for its first name and versions, or was kept", () => {
    // the data's ids were made the same way: a refresh that re-created them would give the same
    const mismatched = data().rules.filter((r) => r.id !== `${slug(r.rule)}.${osGroupSlug(r.os)}`);
    expect(mismatched.map((r) => r.id)).toEqual([]);
  });
});
