/**
 * PasteReader's socket-table readers, through readPaste: netstat's and ss's rows (readNetstat and
 * addressPort), raw sockets' rows, and tcpdump's `a.port > b.port` lines (readTcpdump). Each input
 * is one row aimed at one branch; the expected ports are what the row says.
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

/** port, protocol ("" for none), side, how and snippet of each port found. */
const read = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? "", f.side, f.how, f.snippet] as const);
const nonPorts = (text: string) => [...readPaste(text).nonPorts].sort((a, b) => a - b);

describe("readNetstat: Windows rows (protocol, local, foreign, state)", () => {
  it("reads a listening row's local port as the destination, from the protocol to the local address", () => {
    expect(read("  TCP    0.0.0.0:5985           0.0.0.0:0              LISTENING")).toEqual([
      [5985, "TCP", "destination", "written", "TCP 0.0.0.0:5985"],
    ]);
  });

  it("reads an established row's foreign port as the remote end when the local port is a client's", () => {
    expect(read("  TCP    10.0.0.5:49712         52.94.1.2:443          ESTABLISHED")).toEqual([
      [443, "TCP", "remote", "written", "TCP 10.0.0.5:49712 52.94.1.2:443"],
    ]);
  });

  it("reads the local port where the foreign one is the client's: a session to this host", () => {
    // 22 is the service; 50022 is the SSH client's ephemeral port and no port to open
    expect(read("  TCP    10.0.0.5:22            203.0.113.9:50022      ESTABLISHED")).toEqual([
      [22, "TCP", "destination", "written", "TCP 10.0.0.5:22"],
    ]);
  });

  it("takes the lower port where neither end is ephemeral", () => {
    expect(read("  TCP    10.0.0.5:1433          10.0.0.9:445           ESTABLISHED")).toEqual([
      [445, "TCP", "remote", "written", "TCP 10.0.0.5:1433 10.0.0.9:445"],
    ]);
    expect(read("  TCP    10.0.0.5:445           10.0.0.9:1433          ESTABLISHED")).toEqual([
      [445, "TCP", "destination", "written", "TCP 10.0.0.5:445"],
    ]);
  });

  it("reads a UDP row with no foreign port (`*:*`) as listening", () => {
    expect(read("  UDP    0.0.0.0:5355           *:*")).toEqual([[5355, "UDP", "destination", "written", "UDP 0.0.0.0:5355"]]);
  });

  it("reads a row whose foreign end is an address with port 0 and no state as listening", () => {
    expect(read("  TCP    10.0.0.5:50000         0.0.0.0:0")).toEqual([
      [50000, "TCP", "destination", "written", "TCP 10.0.0.5:50000"],
    ]);
  });

  it("keeps each row of a table: its listening port or its service's side", () => {
    const table = [
      "  Proto  Local Address          Foreign Address        State",
      "  TCP    0.0.0.0:3389           0.0.0.0:0              LISTENING",
      "  TCP    10.0.0.5:3389          198.51.100.7:51234     ESTABLISHED",
      "  TCP    10.0.0.5:52100         10.0.0.10:88           TIME_WAIT",
    ].join("\n");
    expect(readPaste(table).found.map((f) => [f.port, f.side])).toEqual([
      [3389, "destination"],
      [88, "remote"],
    ]);
  });
});

describe("readNetstat: Linux and BSD rows with queue columns", () => {
  it("reads Linux's two queue columns between the protocol and the local address", () => {
    expect(read("tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN")).toEqual([
      [22, "TCP", "destination", "written", "tcp 0 0 0.0.0.0:22"],
    ]);
  });

  it("reads an established Linux row's service side and the protocol's version suffix", () => {
    expect(read("tcp6       0      0 10.0.0.5:41234          10.0.0.9:5432           ESTABLISHED")).toEqual([
      [5432, "TCP", "remote", "written", "tcp6 0 0 10.0.0.5:41234 10.0.0.9:5432"],
    ]);
  });

  it("reads BSD's dotted addresses and a port's name in place of its number", () => {
    expect(read("tcp4       0      0  10.0.0.2.49161         17.1.1.1.5223          ESTABLISHED")).toEqual([
      [5223, "TCP", "remote", "written", "tcp4 0 0 10.0.0.2.49161 17.1.1.1.5223"],
    ]);
    expect(
      readPaste("tcp4       0      0  localhost.smtp         *.*                    LISTEN").found.map((f) => [
        f.port,
        f.protocol,
      ]),
    ).toEqual([[25, "TCP"]]);
  });

  it("reads three numeric columns before the address (a third queue column)", () => {
    expect(read("tcp4  0  0  0  10.0.0.2.49161  17.1.1.1.443  ESTABLISHED").map((f) => [f[0], f[1], f[2]])).toEqual([
      [443, "TCP", "remote"],
    ]);
  });

  it("reads ss's state between the protocol and its two queues, and its interface-scoped names", () => {
    expect(read("udp   UNCONN  0       0       127.0.0.53%lo:53      0.0.0.0:*").map((f) => [f[0], f[1], f[2]])).toEqual([
      [53, "UDP", "destination"],
    ]);
    expect(read("tcp   ESTAB   0       0       10.0.0.5:50514        10.0.0.9:3389").map((f) => [f[0], f[1], f[2]])).toEqual([
      [3389, "TCP", "remote"],
    ]);
  });

  it("does not take a word that is no socket state for ss's state column", () => {
    // `tcp hello 0 0 host:port`: no netstat row; the address is still a host and its port, with no protocol beside it
    const found = readPaste("tcp hello 0 0 10.0.0.5:8080 10.0.0.9:50000").found.map((f) => f.port);
    expect(found).toContain(8080);
    expect(readPaste("tcp hello 0 0 10.0.0.5:8080 10.0.0.9:50000").found.find((f) => f.port === 8080)?.protocol).toBeUndefined();
  });

  it("reads Linux's IPv6 loopback and mapped addresses written without brackets", () => {
    expect(read("tcp6       0      0 ::1:3350                :::*                    LISTEN").map((f) => [f[0], f[1]])).toEqual([
      [3350, "TCP"],
    ]);
    expect(
      read("tcp6       0      0 ::ffff:10.0.0.5:8080    ::ffff:10.0.0.9:50123   ESTABLISHED").map((f) => [f[0], f[1], f[2]]),
    ).toEqual([[8080, "TCP", "destination"]]);
  });

  it("reads `:::port` (all IPv6 addresses) as the local address", () => {
    expect(read("tcp6       0      0 :::445                  :::*                    LISTEN").map((f) => [f[0], f[1]])).toEqual([
      [445, "TCP"],
    ]);
  });
});

describe("readNetstat: rows that are not a connection's", () => {
  it("reads a raw socket's protocol number as no port", () => {
    const text = "raw6       0      0 :::58                   :::*                    7";
    expect(readPaste(text).found).toEqual([]);
    expect(nonPorts(text)).toContain(58);
  });

  it("reads a protocol and one address with nothing after it as a host's port, not a row", () => {
    expect(read("tcp 10.0.0.5:8443")).toEqual([[8443, "TCP", "destination", "written", "tcp 10.0.0.5:8443"]]);
  });

  it("reads no row where the second address is no address", () => {
    expect(read("tcp 10.0.0.5:22 is up").map((f) => [f[0], f[1], f[2]])).toEqual([[22, "TCP", "destination"]]);
  });
});

describe("readTcpdump: `a.port > b.port` lines", () => {
  it("reads the port a packet goes to, not the client's", () => {
    expect(read("IP 10.0.0.5.49712 > 10.0.0.9.3389: Flags [S], seq 1")).toEqual([
      [3389, "", "destination", "written", "10.0.0.5.49712 > 10.0.0.9.3389"],
    ]);
  });

  it("reads a reply (to an ephemeral port) by its source: the service", () => {
    expect(read("IP 10.0.0.9.3389 > 10.0.0.5.49712: Flags [S.], seq 1").map((f) => f[0])).toEqual([3389]);
  });

  it("reads the ephemeral range from 32768: a reply to 32768 is read by its source, to 32767 by its destination", () => {
    expect(read("IP 10.0.0.9.3389 > 10.0.0.5.32768: Flags [S.]").map((f) => f[0])).toEqual([3389]);
    expect(read("IP 10.0.0.9.3389 > 10.0.0.5.32767: Flags [S.]").map((f) => f[0])).toEqual([32767]);
  });

  it("keeps a well-known source port (below 1024) with the destination, and the protocol written after", () => {
    expect(read("IP 10.0.0.5.514 > 10.0.0.9.5140: UDP, length 100").map((f) => [f[0], f[1]])).toEqual([
      [5140, "UDP"],
      [514, "UDP"],
    ]);
    expect(read("IP 10.0.0.5.1023 > 10.0.0.9.5140: UDP, length 100").map((f) => f[0])).toEqual([5140, 1023]);
    expect(read("IP 10.0.0.5.1024 > 10.0.0.9.5140: UDP, length 100").map((f) => f[0])).toEqual([5140]);
  });

  it("reads DHCP's client and server ports", () => {
    expect(read("IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request").map((f) => f[0])).toEqual([67, 68]);
  });

  it("reads a port named by its service as named", () => {
    expect(read("IP dc01.corp.ldap > 10.0.0.5.50123: Flags [P.]").map((f) => [f[0], f[3]])).toEqual([[389, "named"]]);
  });

  it("reads nothing where no `>` stands between the two addresses", () => {
    expect(read("10.0.0.5.49712 10.0.0.9.3389")).toEqual([]);
  });
});

describe("readNetstat and readTcpdump: more of their forms", () => {
  it("reads a raw socket's row without its last column as no port too", () => {
    const text = "raw6       0      0 :::58                   :::*";
    expect(readPaste(text).found).toEqual([]);
    expect(nonPorts(text)).toContain(58);
  });

  it("reads a row whose local address is a host name and a port's name (netstat without -n)", () => {
    expect(read("tcp        0      0 web01:ssh               *:*                     LISTEN")).toEqual([
      [22, "TCP", "destination", "written", "tcp 0 0 web01:ssh"],
    ]);
  });

  it("reads tcpdump's destination named by its service", () => {
    expect(read("IP 10.0.0.5.50123 > dc01.corp.ldap: Flags [P.]").map((f) => [f[0], f[3]])).toEqual([[389, "named"]]);
  });

  it("reads a packet between two ephemeral ports by its destination", () => {
    expect(read("IP 10.0.0.5.40000 > 10.0.0.9.50000: UDP, length 12").map((f) => [f[0], f[1]])).toEqual([[50000, "UDP"]]);
    expect(read("IP 10.0.0.5.32768 > 10.0.0.9.50000: UDP, length 12").map((f) => f[0])).toEqual([50000]);
  });
});
