/**
 * Markdown tables read by their header (src/core/paste-tables.ts), on their own: which columns are
 * ports and which are not, where each value stands, the rows with no header, and the bounds.
 */
import { describe, expect, it } from "vitest";
import { readMarkdownTables, type TableValue } from "../../src/core/paste-tables.js";

/** The value as written at `at`, with where it stands: positions are checked against the text itself. */
function valueAt(text: string, written: string, protocols: TableValue["protocols"], value = written): TableValue {
  const from = text.indexOf(written);
  expect(from, `${written} is in the text`).toBeGreaterThanOrEqual(0);
  return { value, protocols, from, to: from + written.length };
}

const values = (text: string) => readMarkdownTables(text).ports.map((p) => p.value);

describe("readMarkdownTables: a table with a header", () => {
  it("reads the port column with the row's protocol cell, and marks the numbers of a column that names no port", () => {
    const text = [
      "| Protocol type | Protocol number | Port | Notes |",
      "| --- | --- | --- | --- |",
      "| TCP | 6 | 1433 \\(MS SQL\\) | The default port of SQL Server |",
    ].join("\n");
    const reading = readMarkdownTables(text);
    expect(reading.ports).toStrictEqual([valueAt(text, "1433", ["TCP"])]);
    expect(reading.notPorts).toStrictEqual([{ value: 6, from: text.indexOf("| 6 |") + 2 }]);
  });

  it("reads ranges (spaces and an en dash as written), lists, and a protocol written in the port cell", () => {
    const text = "| Port | Use |\n|---|---|\n| 2456 – 2457 | game |\n| 80, 443 | web |\n| TCP 445 | smb |\n";
    const reading = readMarkdownTables(text);
    expect(reading.ports).toStrictEqual([
      valueAt(text, "2456 – 2457", [], "2456-2457"),
      valueAt(text, "80", []),
      valueAt(text, "443", []),
      valueAt(text, "445", ["TCP"]),
    ]);
  });

  it("gives a row both protocols when its protocol cell names both", () => {
    const text = "| Protocol | Port |\n| :---: | ---: |\n| TCP/UDP | 53 |\n";
    expect(readMarkdownTables(text).ports).toStrictEqual([valueAt(text, "53", ["TCP", "UDP"])]);
  });

  it("takes no protocol from a cell outside the protocol column", () => {
    const text = "| Service | Port |\n|---|---|\n| Kerberos (TCP and UDP) | 88 |\n";
    expect(readMarkdownTables(text).ports).toStrictEqual([valueAt(text, "88", [])]);
  });

  it("reads headers in bold, code or with (s), and port ranges or numbers", () => {
    for (const header of ["**Port**", "`Port`", "Port(s)", "Port range", "Port numbers", "Port No", "Listening Port"]) {
      const text = `| Name | ${header} |\n|---|---|\n| rdp | 3389 |\n`;
      expect(values(text), header).toEqual(["3389"]);
    }
  });

  it("marks the numbers under a process id or a count header as no ports, never as ports", () => {
    for (const header of ["PID", "Process Id", "ProcessId"]) {
      const text = `| Port | ${header} |\n|---|---|\n| 445 | 4 |\n| 3389 | 1160 |\n`;
      const reading = readMarkdownTables(text);
      expect(
        reading.ports.map((p) => p.value),
        header,
      ).toEqual(["445", "3389"]);
      expect(reading.notPorts, header).toStrictEqual([
        { value: 4, from: text.indexOf("| 4 |") + 2 },
        { value: 1160, from: text.indexOf("1160") },
      ]);
    }
  });

  it("places each number of a no-port cell where it stands in the cell", () => {
    const text = "| Port | PID |\n|---|---|\n| 445 | System (4) |\n";
    expect(readMarkdownTables(text).notPorts).toStrictEqual([{ value: 4, from: text.indexOf("4)") }]);
  });

  it("reads no number in a column that names neither a port nor anything else", () => {
    const text = "| Service | Port | Hosts |\n|---|---|---|\n| RDP | 3389 | 12 |\n";
    expect(readMarkdownTables(text)).toStrictEqual({ ports: [valueAt(text, "3389", [])], notPorts: [] });
  });

  it("reads a table without outer pipes, and a last cell with no closing pipe", () => {
    expect(values("Port | Protocol\n--- | ---\n3389 | TCP\n")).toEqual(["3389"]);
    expect(values("| Protocol | Port\n| --- | ---\n| TCP | 3389")).toEqual(["3389"]);
  });

  it("keeps an escaped pipe inside its cell", () => {
    expect(values("| Note | Port |\n|---|---|\n| a \\| b | 445 |\n")).toEqual(["445"]);
  });

  it("reads a table whose text opens with a new line", () => {
    expect(values("\n| Port | Protocol |\n| --- | --- |\n| 3389 | TCP |")).toEqual(["3389"]);
  });

  it("needs a separator of two cells or more, each of dashes", () => {
    expect(values("| Port |\n| --- |\n| 3389 |\n")).toEqual([]);
    expect(values("| Port | Protocol |\n| --- | x |\n| 3389 | TCP |\n")).toEqual([]);
  });

  it("places each value by the cell's own start (cells padded with spaces)", () => {
    const text = "|   Port   |  Protocol |\n|---|---|\n|    5986 |   TCP   |\n|  445       | TCP |\n";
    expect(readMarkdownTables(text).ports).toStrictEqual([valueAt(text, "5986", ["TCP"]), valueAt(text, "445", ["TCP"])]);
  });

  it("keeps an empty cell in its place, so the cells after it stay under their headers", () => {
    expect(values("| Service | Note | Port |\n|---|---|---|\n| RDP | | 3389 |\n")).toEqual(["3389"]);
  });

  it("reads an indented table", () => {
    expect(values("  | Port | Protocol |\n  | --- | --- |\n  | 3389 | TCP |\n")).toEqual(["3389"]);
  });

  it("needs a header line with pipes above the separator", () => {
    expect(values("Ports\n| --- | --- |\n| 3389 | TCP |\n")).toEqual([]);
  });

  it("ends a table at a line without a pipe", () => {
    const text = "| Port | Protocol |\n|---|---|\n| 3389 | TCP |\nthen\n| 5985 | TCP |\n";
    expect(values(text)).toEqual(["3389"]);
  });
});

describe("readMarkdownTables: rows with no port column", () => {
  it("reads a data dictionary's row whose name cells say it is a port: its value cell alone, from the third cell on", () => {
    const text = [
      "| Field | Name | Type | Example |",
      "|---|---|---|---|",
      "| src_port | SourcePort | UnicodeString | `5555` |",
      "| src_ip | SourceIp | UnicodeString | `10.0.0.5` |",
    ].join("\n");
    expect(readMarkdownTables(text).ports).toStrictEqual([valueAt(text, "5555", [])]);
    const third = "| Field | Name | Example |\n|---|---|---|\n| dst_port | DestinationPort | 3389 |\n";
    expect(readMarkdownTables(third).ports).toStrictEqual([valueAt(third, "3389", [])]);
    // one name cell is enough; a cell that is no number alone is no value
    const one = "| Field | Name | Example | Note |\n|---|---|---|---|\n| dst_port | The destination | 3389 | the RDP one |\n";
    expect(readMarkdownTables(one).ports).toStrictEqual([valueAt(one, "3389", [])]);
    // (the second cell is a name cell, even when it is a number)
    expect(values("| Field | Example |\n|---|---|\n| src_port | 5555 |\n")).toEqual([]);
    // (a `Type` column names no port: its numbers are none, as an ICMP type's)
    const typed = "| Field | Name | Type |\n|---|---|---|\n| dst_port | DestinationPort | 3389 |\n";
    expect(readMarkdownTables(typed)).toStrictEqual({ ports: [], notPorts: [{ value: 3389, from: typed.indexOf("3389") }] });
  });

  it("needs the port's name in the row's first two cells", () => {
    const text = "| A | B | C | D |\n|---|---|---|---|\n| id | name | SourcePort | 5555 |\n";
    expect(values(text)).toEqual([]);
  });

  it("reads a row about a port: a number of 2 to 5 digits first, a cell that speaks of a port", () => {
    const text = "| 3023 | Proxy | SSH port clients connect to. |\n";
    expect(readMarkdownTables(text).ports).toStrictEqual([valueAt(text, "3023", [])]);
    for (const row of ["| v3023 | SSH port |", "| 3023a | SSH port |", "| 8 | SSH port |", "| 3023 | Proxy |"])
      expect(values(`${row}\n`), row).toEqual([]);
  });

  it("reads a row about a port under a header that names no port", () => {
    const row = "| 3023 | Proxy | SSH port clients connect to. |";
    expect(values(`| Number | Role | Notes |\n|---|---|---|\n${row}\n`)).toEqual(["3023"]);
  });

  it("needs the row to open with a pipe", () => {
    expect(values("3023 | Proxy | SSH port clients connect to.\n")).toEqual([]);
  });
});

describe("readMarkdownTables: bounds", () => {
  it("reads at most 200 values, ports and no-ports together", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| ${1000 + i} | ${i + 1} |`).join("\n");
    const reading = readMarkdownTables(`| Port | PID |\n|---|---|\n${rows}\n`);
    expect(reading.ports).toHaveLength(100);
    expect(reading.notPorts).toHaveLength(100);
    const portsOnly = Array.from({ length: 250 }, (_, i) => `| ${1000 + i} |`).join("\n");
    expect(readMarkdownTables(`| Port | Use |\n|---|---|\n${portsOnly}\n`).ports).toHaveLength(200);
  });

  it("skips a line of more than 2,000 characters; one of 2,000 is read", () => {
    const head = "| Port | Note |\n|---|---|\n";
    const row = (length: number) => {
      const start = "| 3389 | ";
      return `${start}${"x".repeat(length - start.length - 2)} |`;
    };
    expect(row(2000)).toHaveLength(2000);
    expect(values(`${head}${row(2000)}\n`)).toEqual(["3389"]);
    expect(values(`${head}${row(2001)}\n`)).toEqual([]);
  });

  it("reads a table that starts after 2,000 characters of text", () => {
    expect(values(`${"word ".repeat(500)}\n| Port | Use |\n|---|---|\n| 5985 | winrm |\n`)).toEqual(["5985"]);
  });

  it("reads at most 30 cells of a row", () => {
    const header = `| ${Array.from({ length: 30 }, (_, i) => `c${i}`).join(" | ")} | Port |`;
    const separator = `|${" --- |".repeat(31)}`;
    const row = `| ${Array.from({ length: 30 }, () => "x").join(" | ")} | 3389 |`;
    expect(values(`${header}\n${separator}\n${row}\n`)).toEqual([]);
    const near = `| ${Array.from({ length: 29 }, (_, i) => `c${i}`).join(" | ")} | Port |`;
    const nearRow = `| ${Array.from({ length: 29 }, () => "x").join(" | ")} | 3389 |`;
    expect(values(`${near}\n|${" --- |".repeat(30)}\n${nearRow}\n`)).toEqual(["3389"]);
  });
});
