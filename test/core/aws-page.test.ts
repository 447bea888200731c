import { describe, expect, it } from "vitest";
import { type AwsPage, cleanText, MAX_PAGE_BYTES, type PageRow, parseAwsPage } from "../../src/core/aws-page.js";
import { fixture, parsed } from "../helpers/aws-page.js";

const rowNamed = (page: AwsPage, rule: string, os?: string): PageRow => {
  const row = page.rows.find((r) => r.rule === rule && (os === undefined || r.os.includes(os)));
  if (!row) throw new Error(`no row ${rule}`);
  return row;
};

describe("the archived pages (escaped pipe tables, 2019-2022)", () => {
  // read off the 2019-08-13 copy: five tables carry rows, the rest say "See the AWS documentation website"
  const read = () => parsed(fixture("2019-08-13.md"));

  it("reads the rows of the tables the Markdown carries, unescaped", () => {
    const page = read();
    expect(page.rows.map((r) => [r.section, r.rule, r.os.length])).toEqual([
      ["Diag Track", "Connected User Experiences and Telemetry", 1],
      ["Diag Track", "Connected User Experiences and Telemetry", 1],
      ["DIAL Protocol Server", "DIAL protocol server (HTTP-In)", 2],
      ["ICMP v4 All", "All ICMP v4", 2],
      ["Windows Remote Management", "Windows Remote Management (HTTP-In)", 6],
    ]);
    expect(rowNamed(page, "Windows Remote Management (HTTP-In)")).toEqual({
      section: "Windows Remote Management",
      os: [
        "Windows Server 2008 R2",
        "Windows Server 2008 SP2",
        "Windows Server 2012",
        "Windows Server 2012 R2",
        "Windows Server 2016",
        "Windows Server 2019",
      ],
      rule: "Windows Remote Management (HTTP-In)",
      definition: "Inbound rule for Windows Remote Management via WS-Management.",
      local: "5985",
      remote: "Any",
      protocol: "TCP",
      direction: "In",
    });
  });

  it("reads a port cell without <br /> between Local and Remote, and a table without a Definition column", () => {
    const page = read();
    expect(rowNamed(page, "All ICMP v4")).toMatchObject({ local: "139", remote: "Any", protocol: "ICMPv4", definition: null });
    expect(rowNamed(page, "Connected User Experiences and Telemetry", "Windows Server 2019")).toMatchObject({
      os: ["Windows Server 2019"],
      local: "Any",
      remote: "443",
      direction: "Out",
    });
  });

  it("counts the tables it cannot see, section by section, with anchors from the heading line", () => {
    const page = read();
    const hidden = Object.fromEntries(page.sections.map((s) => [s.name, s.hiddenTables]));
    expect(hidden).toMatchObject({ "Core Networking": 2, "Remote Desktop": 4, "Diag Track": 0, "ICMP v4 All": 0 });
    expect(page.sections.find((s) => s.name === "Distributed File System (DFS) Management")?.anchor).toBe("dfs");
    expect(page.sections).toHaveLength(15);
  });

  it("reads the April 2022 version: 2022 rows and the Feature Experience Pack's empty port cell", () => {
    const april = parsed(fixture("2022-04-07.md"));
    expect(april.operatingSystems).toContain("Windows Server 2022");
    expect(rowNamed(april, "Windows Feature Experience Pack")).toMatchObject({ local: null, remote: null, protocol: "Any" });
    expect(rowNamed(april, "Microsoft Edge (mDNS-In)")).toMatchObject({
      local: "5353",
      protocol: "UDP",
      os: ["Windows Server 2022"],
    });
    expect(april.rows).toHaveLength(7);
  });

  it("reads the first version of 2019 like the second (they differ in one word of prose)", () => {
    const page = read();
    expect(parsed(fixture("2019-08-01.md")).rows).toEqual(page.rows);
  });
});

describe("today's page (hybrid: bold version lines, bullets, some tables)", () => {
  const read = () => parsed(fixture("current.md"));

  it("reads all 144 rows in 17 sections, for 2012 to 2022", () => {
    const page = read();
    expect(page.rows).toHaveLength(144);
    expect(page.sections).toHaveLength(17);
    expect(page.operatingSystems).toEqual([
      "Windows Server 2012",
      "Windows Server 2012 R2",
      "Windows Server 2016",
      "Windows Server 2019",
      "Windows Server 2022",
    ]);
    expect(page.unreadable).toEqual([]);
  });

  it("splits Local and Remote with and without <br />", () => {
    const page = read();
    expect(rowNamed(page, "Cast to Device functionality (qWave-TCP-Out)")).toMatchObject({ local: "Any", remote: "2177" });
    expect(rowNamed(page, "Cast to Device SSDP Discovery (UDP-In)")).toMatchObject({ local: "Ply2Disc", remote: "Any" });
    expect(rowNamed(page, "Cast to Device Streaming Server (RTSP-Streaming-In)").local).toBe("235, 542, 355, 523, 556");
    expect(rowNamed(page, "Core Networking - DNS (UDP-Out)")).toMatchObject({ local: "Any", remote: "53" });
  });

  it("keeps the page's typos and odd protocols as printed: IPHTPS, 2, 41, Any, empty ports", () => {
    const page = read();
    expect(rowNamed(page, "Core Networking - IPHTTPS (TCP-In)", "Windows Server 2016").local).toBe("IPHTPS");
    expect(rowNamed(page, "Internet Group Management Protocol (IGMP-In)", "Windows Server 2016")).toMatchObject({
      protocol: "2",
      local: null,
      remote: null,
    });
    expect(rowNamed(page, "IPv6 (IPv6-Out)", "Windows Server 2012")).toMatchObject({ protocol: "41", remote: "445" });
    expect(rowNamed(page, "Windows Feature Experience Pack")).toMatchObject({ protocol: "Any", local: null, remote: null });
  });

  it("puts back the space after Windows, in names, sections and definitions, and trims stray spaces in bold lists", () => {
    const page = read();
    const winrm = rowNamed(page, "Windows Remote Management (HTTP-In)");
    expect(winrm.section).toBe("Windows Remote Management");
    expect(winrm.definition).toBe("Inbound rule for Windows Remote Management via WS-Management.");
    expect(winrm.os).toHaveLength(5);
    expect(rowNamed(page, "Windows Firewall Remote Management (RPC)").os).toEqual(["Windows Server 2012 R2"]);
    expect(page.rows.some((r) => /Windows[A-Z]/.test(`${r.rule} ${r.section} ${r.definition}`))).toBe(false);
  });

  it("takes each row's versions from its own bold line, not the tab title", () => {
    const page = read();
    const rdp = page.rows.filter((r) => r.rule === "Remote Desktop - User Mode (TCP-In)").map((r) => r.os);
    expect(rdp).toEqual([
      ["Windows Server 2012 R2", "Windows Server 2016", "Windows Server 2019", "Windows Server 2022"],
      ["Windows Server 2012"],
    ]);
  });

  it("gives a rule without Definition a null definition, and trims the name's trailing spaces", () => {
    const page = read();
    expect(rowNamed(page, "Microsoft Media Foundation Network Source IN [TCP 554]")).toMatchObject({
      definition: null,
      local: "554, 8554-8558",
    });
  });

  it("reads the anchor on the line after the heading; the page repeats remote-management", () => {
    const page = read();
    const anchors = Object.fromEntries(page.sections.map((s) => [s.name, s.anchor]));
    expect(anchors["Windows Feature Experience Pack"]).toBe("remote-management");
    expect(anchors["Windows Remote Management"]).toBe("remote-management");
    expect(anchors["Diag Track"]).toBe("diag");
  });
});

describe("what is not the page", () => {
  it.each([
    ["", "empty"],
    ["   \n\n", "empty"],
    ["# Ports\u0000\u0001", "binary"],
    ["# Security groups for your EC2 instances\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n", "not the AWS page"],
    ["no heading at all", "not the AWS page"],
    ["# Ports and Protocols for AWS Windows AMIs\n\nNothing else.\n", "no firewall rules"],
    [`# Ports and Protocols for AWS Windows AMIs\n${"x".repeat(MAX_PAGE_BYTES)}`, "over"],
  ])("refuses %j with a clear reason", (text, reason) => {
    const result = parseAwsPage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(reason);
  });

  it("reports a rule line it cannot read instead of guessing", () => {
    const text = `${fixture("current.md")}\n## Extra\n\n- **Windows Server 2022**\n  - **Rule:** Odd (In) / **Port:** Local: 1<br />Remote: 2 / **Protocol:** SCTP / **Direction:** In\n`;
    const page = parsed(text);
    expect(page.unreadable).toHaveLength(1);
    expect(page.unreadable[0]).toContain('protocol "SCTP"');
    expect(page.rows).toHaveLength(144);
  });

  it("cuts a huge line and survives many table lines", () => {
    const text = `# Ports and Protocols for AWS Windows AMIs\n## A\n${"|".repeat(200_000)}\n${"| a |\n".repeat(50_000)}- **Windows Server 2022**\n  - **Rule:** X / **Port:** Local: 1<br />Remote: Any / **Protocol:** TCP / **Direction:** In\n`;
    const page = parsed(text);
    expect(page.rows.map((r) => r.rule)).toEqual(["X"]);
  });
});

describe("cleanText", () => {
  it("undoes Markdown escapes and glued Windows words", () => {
    expect(cleanText("Windows Remote Management \\(HTTP\\-In\\)\\.")).toBe("Windows Remote Management (HTTP-In).");
    expect(cleanText("WindowsDevice  Management ")).toBe("Windows Device Management");
    expect(cleanText("Windows Server")).toBe("Windows Server");
  });
});

// Small pages written here, one Markdown line per fact: each test builds and reads its page inside itself.
const TITLE_LINE = "# Ports and Protocols for AWS Windows AMIs";
const page = (...lines: string[]): AwsPage => parsed([TITLE_LINE, ...lines].join("\n"));
/** A section with one readable rule, so a page that is otherwise about odd lines is still a page. */
const GOOD = [
  "## Good",
  "- **Windows Server 2022**",
  "  - **Rule:** Good / **Port:** Local: 1<br />Remote: Any / **Protocol:** TCP / **Direction:** In",
];
const TABLE_HEAD = ["| OS | Rule | Port | Protocol | Direction |", "| --- | --- | --- | --- | --- |"];

describe("the title and the sections", () => {
  it("drops a leading byte-order mark, and gives the title without its #, escapes or anchor", () => {
    const withBom = parsed(`\uFEFF${[TITLE_LINE, ...GOOD].join("\n")}`);
    expect(withBom.title).toBe("Ports and Protocols for AWS Windows AMIs");
    expect(withBom.rows.map((r) => r.rule)).toEqual(["Good"]);
    expect(parsed(fixture("2019-08-13.md")).title).toBe("Ports and Protocols for Windows Amazon Machine Images (AMIs)");
  });

  it("starts each section with no versions: a rule above the section's first bold line names none", () => {
    const read = page(
      ...GOOD,
      "## Later",
      "  - **Rule:** Unstated / **Port:** Local: 2<br />Remote: Any / **Protocol:** UDP / **Direction:** Out",
    );
    expect(read.rows.map((r) => [r.section, r.rule, r.os])).toEqual([
      ["Good", "Good", ["Windows Server 2022"]],
      ["Later", "Unstated", []],
    ]);
    expect(read.operatingSystems).toEqual(["Windows Server 2022"]);
  });

  it("reads nothing above the first section: the introduction's lines are no rules", () => {
    const read = page(
      "- **Windows Server 2019**",
      "  - **Rule:** Intro / **Port:** Local: 3<br />Remote: Any / **Protocol:** TCP / **Direction:** In",
      "[\\[See the AWS documentation website for more details\\]](http://docs.aws.amazon.com/)",
      ...GOOD,
    );
    expect(read.rows.map((r) => r.rule)).toEqual(["Good"]);
    expect(read.sections).toEqual([{ name: "Good", anchor: null, hiddenTables: 0 }]);
    expect(read.unreadable).toEqual([]);
  });

  it("takes a heading's anchor from the next non-empty line within three lines, and none from further down or past the end", () => {
    const read = page(
      ...GOOD,
      "## After a blank line",
      "",
      '<a name="blank"></a>',
      "## After spaces",
      "   ",
      '<a name="spaces"></a>',
      "## Too far",
      "",
      "",
      "",
      '<a name="far"></a>',
      "## Last",
      "",
    );
    expect(read.sections.map((s) => [s.name, s.anchor])).toEqual([
      ["Good", null],
      ["After a blank line", "blank"],
      ["After spaces", "spaces"],
      ["Too far", null],
      ["Last", null],
    ]);
  });

  it("is a page with no rows when every section's tables are hidden, and not one when sections hold only prose", () => {
    const hidden = page(
      '## Hidden<a name="hidden"></a>',
      "[\\[See the AWS documentation website for more details\\]](http://docs.aws.amazon.com/)",
    );
    expect(hidden.rows).toEqual([]);
    expect(hidden.sections).toEqual([{ name: "Hidden", anchor: "hidden", hiddenTables: 1 }]);
    const prose = parseAwsPage([TITLE_LINE, "## Prose", "", "Some words about rules."].join("\n"));
    expect(prose.ok).toBe(false);
    if (!prose.ok) expect(prose.problem).toContain("no firewall rules");
  });

  it("cuts a line over 4000 characters before reading it, so a rule whose fields lie past the cut is unreadable", () => {
    const long = `  - **Rule:** Long / **Definition:** ${"d".repeat(5000)} / **Port:** Local: 1<br />Remote: Any / **Protocol:** TCP / **Direction:** In`;
    const read = page(...GOOD, long);
    expect(read.rows.map((r) => r.rule)).toEqual(["Good"]);
    expect(read.unreadable).toHaveLength(1);
    expect(read.unreadable[0]).toMatch(
      /^Good: - \*\*Rule:\*\* Long \/ \*\*Definition:\*\* d+ \(protocol "" is not one amiport knows\)$/,
    );
    // the same cut for the line a heading takes its anchor from
    const anchorPastCut = page(...GOOD, "## Far anchor", `${"x".repeat(4000)}<a name="far"></a>`);
    expect(anchorPastCut.sections.map((s) => s.anchor)).toEqual([null, null]);
  });
});

describe("bullets it cannot read", () => {
  it("says which field is wrong, after the section and the trimmed line", () => {
    const lines = [
      "  - **Rule:**  / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP / **Direction:** In",
      "  - **Rule:** No protocol / **Port:** Local: 1<br />Remote: 2 / **Direction:** In",
      "  - **Rule:** Sideways / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP / **Direction:** Sideways",
      "  - **Rule:** No direction / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP",
      "  - **Rule:** Bare port / **Port:** Any / **Protocol:** TCP / **Direction:** In",
    ];
    expect(page(...GOOD, ...lines).unreadable).toEqual([
      "Good: - **Rule:**  / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP / **Direction:** In (no rule name)",
      'Good: - **Rule:** No protocol / **Port:** Local: 1<br />Remote: 2 / **Direction:** In (protocol "" is not one amiport knows)',
      'Good: - **Rule:** Sideways / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP / **Direction:** Sideways (direction "Sideways" is neither In nor Out)',
      'Good: - **Rule:** No direction / **Port:** Local: 1<br />Remote: 2 / **Protocol:** TCP (direction "" is neither In nor Out)',
      'Good: - **Rule:** Bare port / **Port:** Any / **Protocol:** TCP / **Direction:** In (port cell "Any" has no Local:/Remote: parts)',
    ]);
  });

  it("quotes at most 200 characters of the line", () => {
    const start = "  - **Rule:** Long / **Definition:** ";
    const line = `${start}${"d".repeat(300)} / **Port:** Local: 1<br />Remote: 2 / **Protocol:** SCTP / **Direction:** In`;
    const quoted = `- **Rule:** Long / **Definition:** ${"d".repeat(200 - "- **Rule:** Long / **Definition:** ".length)}`;
    expect(page(...GOOD, line).unreadable).toEqual([`Good: ${quoted} (protocol "SCTP" is not one amiport knows)`]);
  });

  it("reads a bullet without a Port field like an empty port cell: no ports", () => {
    const read = page(...GOOD, "  - **Rule:** Portless / **Protocol:** 2 / **Direction:** In");
    expect(read.rows.find((r) => r.rule === "Portless")).toMatchObject({ local: null, remote: null, protocol: "2" });
    expect(read.unreadable).toEqual([]);
  });
});

describe("pipe tables", () => {
  it("reads a Description column, Inbound and Outbound, <br> and <br/>, a row without its closing pipe, and an empty OS cell as the row above's", () => {
    const read = page(
      "## Table",
      "| OS | Rule | Description | Port | Protocol | Direction | ",
      "| --- | --- | --- | --- | --- | --- | ",
      "| Windows Server 2016 | A | About a. | Local: 1<br>Remote: 2 | TCP | Inbound",
      "|  | B | About b. | Local: 3<br/>Remote: Any | UDP | Outbound | ",
    );
    expect(read.rows).toEqual([
      {
        section: "Table",
        os: ["Windows Server 2016"],
        rule: "A",
        definition: "About a.",
        local: "1",
        remote: "2",
        protocol: "TCP",
        direction: "In",
      },
      {
        section: "Table",
        os: ["Windows Server 2016"],
        rule: "B",
        definition: "About b.",
        local: "3",
        remote: "Any",
        protocol: "UDP",
        direction: "Out",
      },
    ]);
    // a break is a break: it never glues two numbers of a list together
    const broken = page("## Table", ...TABLE_HEAD, "| Windows Server 2022 | C | Local: 5985<br />5986 Remote: Any | TCP | In |");
    expect(broken.rows.map((r) => r.local)).toEqual(["5985 5986"]);
  });

  it("gives a first row with an empty OS cell no versions", () => {
    const read = page("## Table", ...TABLE_HEAD, "|  | Unstated | Local: 1 Remote: Any | TCP | In |");
    expect(read.rows.map((r) => [r.rule, r.os])).toEqual([["Unstated", []]]);
  });

  it("reads pipe lines as a table only under a --- separator, and a header only when it starts with a pipe", () => {
    const read = page(
      ...GOOD,
      "",
      "| OS | Rule | Port | Protocol | Direction |",
      "| Windows Server 2022 | X | Local: 1 Remote: Any | TCP | In |",
      "| Windows Server 2022 | Y | Local: 2 Remote: Any | TCP | In |",
      "",
      "| OS | Rule | Port | Protocol | Direction |",
      "| | | | | |",
      "| Windows Server 2022 | Z | Local: 3 Remote: Any | TCP | In |",
      "",
      "OS | Rule | Port | Protocol | Direction",
      "| --- | --- | --- | --- | --- |",
      "| Windows Server 2022 | W | Local: 4 Remote: Any | TCP | In |",
    );
    expect(read.rows.map((r) => r.rule)).toEqual(["Good"]);
    expect(read.unreadable).toEqual([]);
  });

  it("reports a row it cannot read with the section and its cells, and keeps it out of the rows", () => {
    const read = page(
      ...GOOD,
      "",
      ...TABLE_HEAD,
      "| Windows Server 2022 | Odd | Local: 1 Remote: 2 | SCTP | In | ",
      "| Windows Server 2022 | Short |",
      "",
      "| OS | Port | Protocol | Direction |",
      "| --- | --- | --- | --- |",
      "| Windows Server 2022 | Local: 1 Remote: 2 | TCP | In |",
    );
    expect(read.rows.map((r) => r.rule)).toEqual(["Good"]);
    expect(read.unreadable).toEqual([
      'Good: Windows Server 2022 | Odd | Local: 1 Remote: 2 | SCTP | In (protocol "SCTP" is not one amiport knows)',
      'Good: Windows Server 2022 | Short (protocol "" is not one amiport knows)',
      "Good: Windows Server 2022 | Local: 1 Remote: 2 | TCP | In (no rule name)",
    ]);
  });
});
