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
