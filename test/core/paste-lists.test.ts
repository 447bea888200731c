/**
 * Lists of ports under a heading that names them (src/core/paste-lists.ts), read on their own:
 * what counts as the heading's items, what ends the list, and the limits that bound the work.
 */
import { describe, expect, it } from "vitest";
import { readListedPorts } from "../../src/core/paste-lists.js";

const ports = (text: string) => readListedPorts(text).map((p) => (p.protocol ? `${p.port}/${p.protocol}` : p.port));

describe("readListedPorts: bulleted items under a heading", () => {
  it("reads each item's port, with the item's protocol or the heading's", () => {
    expect(ports("Open ports:\n- 22\n- 3389/tcp rdp\n- 161/UDP snmp\n")).toEqual([22, "3389/TCP", "161/UDP"]);
    expect(ports("* TCP Ports and Services\n  * 135\n  * 8080\n")).toEqual(["135/TCP", "8080/TCP"]);
  });

  it("gives each item where it stands, and no protocol field when none is written", () => {
    const text = "Open ports:\n- 22\n";
    expect(readListedPorts(text)).toStrictEqual([{ port: 22, from: 12, to: 16 }]);
  });

  it("keeps only items that are ports: 1 to 65535", () => {
    expect(ports("Open ports:\n- 0\n- 1\n- 65535\n- 65536\n- 70000\n")).toEqual([1, 65535]);
  });

  it("holds the heading over blank lines, lines of spaces and Windows line ends", () => {
    expect(ports("Open ports:\n\n   \n- 22\r\n- 3389\r\n")).toEqual([22, 3389]);
  });

  it("reads a list whose text opens with a new line", () => {
    expect(ports("\nOpen ports:\n- 22\n")).toEqual([22]);
  });

  it("skips a line too long to read (over 200 characters) as if blank; a heading of 200 is read", () => {
    const long = `note: ${"x".repeat(250)}`;
    expect(ports(`Open ports:\n${long}\n- 22\n`)).toEqual([22]);
    const heading = `${"a".repeat(95)} ports ${"b".repeat(98)}`;
    expect(heading).toHaveLength(200);
    expect(ports(`${heading}\n- 445\n`)).toEqual([445]);
    expect(ports(`${heading}b\n- 445\n`)).toEqual([]);
  });

  it("reads a note under an item (a deeper bullet), not as a port", () => {
    expect(ports("* TCP Ports and Services\n  * 135\n    * MSRPC\n    * 5 instances\n  * 8080\n")).toEqual([
      "135/TCP",
      "8080/TCP",
    ]);
  });

  it("ends the list at a bullet of the items' depth that is no port, or at an item less indented than the heading", () => {
    expect(ports("Open ports:\n- 22\n- see below\n- 80\n")).toEqual([22]);
    expect(ports("    Open ports:\n  - 22\n")).toEqual([]);
    expect(ports("  Open ports:\n  - 22\n    - 80\n")).toEqual([22]);
  });

  it("reads at most 100 items", () => {
    const items = Array.from({ length: 120 }, (_, i) => `- ${1000 + i}`).join("\n");
    const read = ports(`Open ports:\n${items}\n`);
    expect(read).toHaveLength(100);
    expect(read.at(-1)).toBe(1099);
  });

  it("takes a YAML key that names a port as a heading, not one that names another number", () => {
    expect(ports("dst_port:\n  - 3389\n  - 5985\n")).toEqual([3389, 5985]);
    expect(ports("timeout:\n  - 30\n  - 60\n")).toEqual([]);
  });

  it("takes no heading with a number of its own", () => {
    expect(ports("Top 10 ports:\n- 22\n")).toEqual([]);
  });
});

describe("readListedPorts: a code block right under a heading", () => {
  it("reads one port per line, with the line's protocol in any case", () => {
    expect(ports("Blocked ports file:\n```\n445\n3389/TCP\n137/udp\n```\n")).toEqual([445, "3389/TCP", "137/UDP"]);
  });

  it("ends the block at a line that is no port (0, above 65535, words)", () => {
    expect(ports("Blocked ports:\n```\n1\n65535\n65536\n22\n```\n")).toEqual([1, 65535]);
    expect(ports("Blocked ports:\n```\n0\n22\n```\n")).toEqual([]);
  });

  it("needs a heading that introduces the block and names nothing else the numbers could be", () => {
    expect(ports("Ports the IDE forwards:\n```\n3000\n```\n")).toEqual([3000]);
    expect(ports("PIDs holding the port:\n```\n4312\n```\n")).toEqual([]);
    expect(ports("Port versions:\n```\n2\n```\n")).toEqual([]);
  });
});
