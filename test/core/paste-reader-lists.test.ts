/**
 * PasteReader's list readers, through readPaste: the numbers listed after one label (readList,
 * with names in parentheses or `for` after each port, range words, phrases, spaced runs and line
 * continuations), the numbers listed before a protocol or a word (listBefore, endsPortList), and
 * how a value is read (readPortValue, readRange: narrow ranges port by port, wider ones by their
 * ends, scans not at all).
 */
import { describe, expect, it } from "vitest";
import { MAX_PASTED_RANGE, readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const withProtocol = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? ""] as const);

describe("readList: numbers after one label", () => {
  it("reads each port of a list joined by commas and list words, each snippet from the label to its port", () => {
    expect(readPaste("open ports 80, 443 and 5985 now").found.map((f) => [f.port, f.snippet])).toEqual([
      [80, "ports 80"],
      [443, "ports 80, 443"],
      [5985, "ports 80, 443 and 5985"],
    ]);
  });

  it("reads a list's protocol written before its label", () => {
    expect(withProtocol("allow tcp ports 135, 445")).toEqual([
      [135, "TCP"],
      [445, "TCP"],
    ]);
  });

  it("reads a list joined by `or`, `&` and `;`", () => {
    expect(ports("use port 5985 or 5986")).toEqual([5985, 5986]);
    expect(ports("ports 139 & 445 blocked")).toEqual([139, 445]);
    expect(ports("ports 53; 88; 389")).toEqual([53, 88, 389]);
  });

  it("reads ranges and mappings inside a list", () => {
    expect(ports("ports 80, 5985-5986")).toEqual([80, 5985, 5986]);
    expect(ports("ports 22, 8080:80")).toEqual([22, 8080, 80]);
  });

  it("ends a list at a number with a unit after it", () => {
    expect(ports("ports 80, 443 and 30 seconds later")).toEqual([80, 443]);
  });

  it("ends a list at a word that joins no list", () => {
    expect(ports("ports 80 then 443")).toEqual([80]);
  });

  it("reads at most MAX_LIST (200) numbers of one list", () => {
    const list = Array.from({ length: 201 }, (_, n) => 1001 + n).join(",");
    const read = ports(`ports ${list}`);
    expect(read).toHaveLength(200);
    expect(read.at(-1)).toBe(1200);
  });
});

describe("readList: a name after each port", () => {
  it("reads `80 (HTTP) and 443 (HTTPS)`: a list whose ports carry their names in parentheses", () => {
    expect(ports("ports 80 (HTTP) and 443 (HTTPS) are needed")).toEqual([80, 443]);
    expect(ports("ports 135 (RPC), 445 (SMB)")).toEqual([135, 445]);
  });

  it("ends the list where the next number carries no name: `443 (https) and 30 seconds later`", () => {
    expect(ports("port 443 (https) and 30 seconds later")).toEqual([443]);
  });

  it("reads `80 for HTTP and 443 for HTTPS`, `5985 for HTTP, 5986 for HTTPS`", () => {
    expect(ports("ports 80 for HTTP and 443 for HTTPS")).toEqual([80, 443]);
    expect(ports("ports 5985 for HTTP, 5986 for HTTPS")).toEqual([5985, 5986]);
  });

  it("reads `, or 3268 for global catalog`: a comma and a list word", () => {
    expect(ports("ports 389 for LDAP, or 3268 for global catalog")).toEqual([389, 3268]);
  });

  it("ends the list where the number after is for a phrase (`30 for the timeout`)", () => {
    expect(ports("port 443 for HTTPS and 30 for the timeout")).toEqual([443]);
  });
});

describe("readList: words and marks between a list's numbers", () => {
  it("reads `through` between a range's ends only when the end is above the start", () => {
    expect(ports("ports 44300 through 44399 are used")).toEqual([44300, 44399]);
    expect(ports("port 443 through 2 load balancers")).toEqual([443]);
  });

  it("reads `instead of` and `rather than` between two ports", () => {
    expect(ports("listening port 10051 instead of 10050")).toEqual([10051, 10050]);
    expect(ports("port 3389 rather than 3390")).toEqual([3389, 3390]);
  });

  it("reads a slash spaced out between two ports", () => {
    expect(ports("default ports 8530 / 8531")).toEqual([8530, 8531]);
  });

  it("reads Markdown's code marks around the ports of a list", () => {
    expect(ports("port `2375` or `2376`")).toEqual([2375, 2376]);
  });

  it("reads a run of three or more numbers with only spaces between them", () => {
    expect(ports("ports client 21 22 23 25")).toEqual([21, 22, 23, 25]);
  });

  it("reads a spaced run continued on the next line with `\\`", () => {
    expect(ports("ports 21 22 23 \\\n  25 110")).toEqual([21, 22, 23, 25, 110]);
  });
});

describe("listBefore and endsPortList: a list's protocol or word after its last number", () => {
  it("gives every port of a list the protocol written after the last", () => {
    expect(withProtocol("allow 25,110,143/tcp")).toEqual([
      [25, "TCP"],
      [110, "TCP"],
      [143, "TCP"],
    ]);
  });

  it("gives every port and range of a list the protocol written after the last range", () => {
    expect(withProtocol("allow 5060,10000-10002/udp")).toEqual([
      [5060, "UDP"],
      [10000, "UDP"],
      [10001, "UDP"],
      [10002, "UDP"],
    ]);
  });

  it("reads `1,000 ports` as a count written with a thousands separator", () => {
    expect(ports("scanned 1,000 ports")).toEqual([]);
  });

  it("reads numbers listed before `are open` as ports", () => {
    expect(ports("102,502 and 161 are open")).toEqual([102, 502, 161]);
  });
});

describe("readPortValue and readRange", () => {
  it("reads a range narrower than MAX_PASTED_RANGE port by port", () => {
    expect(MAX_PASTED_RANGE).toBe(10);
    expect(ports("ports 1000-1009")).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009]);
  });

  it("reads a range of MAX_PASTED_RANGE or wider by its two ends", () => {
    expect(ports("ports 1000-1010")).toEqual([1000, 1010]);
    expect(ports("PASV ports 21000-21999")).toEqual([21000, 21999]);
  });

  it("reads no port of a range 1000 wide or wider (a scan's or the ephemeral range)", () => {
    expect(ports("ports 1000-2000")).toEqual([]);
    expect(ports("ports 1-65535")).toEqual([]);
  });

  it("reads a range of one port as that port, a reversed range as none", () => {
    expect(ports("ports 5985-5985")).toEqual([5985]);
    expect(ports("ports 5986-5985")).toEqual([]);
  });

  it("reads two ports written with a slash, and a mapping's two ports", () => {
    expect(ports("ports 5985/5986")).toEqual([5985, 5986]);
    expect(ports("port 8080:80")).toEqual([8080, 80]);
  });
});

describe("endsPortList: a list before `ports`, or a count with a thousands separator", () => {
  it("reads `80,443 ports` as two ports: 80 is no thousands", () => {
    expect(ports("allow 80,443 ports")).toEqual([80, 443]);
    expect(ports("allow 22,3389 ports")).toEqual([22, 3389]);
  });

  it("reads `2,345 ports` and `65,535 ports` as counts", () => {
    expect(ports("scanned 2,345 ports")).toEqual([]);
    expect(ports("scanned 65,535 ports")).toEqual([]);
  });

  it("reads `66,535 ports` as two ports: no count of ports is that high", () => {
    expect(ports("allow 66,535 ports")).toEqual([66, 535]);
  });

  it("reads a list spaced after its comma as a list", () => {
    expect(ports("allow 22, 345 ports")).toEqual([22, 345]);
  });

  it("reads a number alone before `ports` as a count", () => {
    expect(ports("scanned 22 ports")).toEqual([]);
    expect(readPaste("scanned 22 ports").nonPorts.has(22)).toBe(true);
  });
});

describe("readList: more of its forms", () => {
  it("reads a spaced run continued with `\\` within its first three numbers", () => {
    expect(ports("ports 21 \\\n  22 23")).toEqual([21, 22, 23]);
  });

  it("reads no spaced run of two: a status after a port is none", () => {
    expect(ports("GET /health port 443 200 OK")).toEqual([443]);
  });

  it("goes on after a range or a mapping in a list", () => {
    expect(ports("ports 5985-5986, 8080")).toEqual([5985, 5986, 8080]);
    expect(ports("ports 8080:80, 443")).toEqual([8080, 80, 443]);
  });

  it("reads names in parentheses that name no service", () => {
    // (with nothing after the last name, the last port is lost: see the report's bug list)
    expect(ports("ports 8080 (web), 8443 (admin) are open")).toEqual([8080, 8443]);
    expect(ports("ports 8080 (web) and 8443 (admin) are open")).toEqual([8080, 8443]);
  });
});
