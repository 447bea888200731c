import { describe, expect, it } from "vitest";
import { findPorts, looksPasted, MAX_FOUND, MAX_PASTE_LENGTH, parseQuery, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const ports = (text: string) => findPorts(text).map((f) => [f.port, f.protocol ?? "", f.snippet]);

describe("findPorts", () => {
  it.each([
    ["Connection to 10.0.1.25:5986 failed", [[5986, "", "10.0.1.25:5986"]]],
    ["connect web01.corp.example:3389.", [[3389, "", "web01.corp.example:3389"]]],
    ["GET http://host:8080/path?q=1 -> 502", [[8080, "", "http://host:8080"]]],
    ["https://user@[fe80::1]:8443/x", [[8443, "", "https://user@[fe80::1]:8443"]]],
    ["[::1]:3389 refused", [[3389, "", "[::1]:3389"]]],
    ["session on port 445 reset", [[445, "", "port 445"]]],
    [
      "tcp/445 or 445/udp",
      [
        [445, "TCP", "tcp/445"],
        [445, "UDP", "445/udp"],
      ],
    ],
    ["blocked tcp port 1433", [[1433, "TCP", "tcp port 1433"]]],
    ["Test-NetConnection -ComputerName web01 -Port 5985", [[5985, "", "-Port 5985"]]],
    ["RemoteAddress    : 10.0.1.25\nRemotePort       : 5986\nTcpTestSucceeded : False", [[5986, "", "RemotePort : 5986"]]],
    ["allow tcp 3389 from 192.168.10.0/24", [[3389, "TCP", "tcp 3389"]]],
    ["SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP SPT=51515 DPT=3389", [[3389, "TCP", "DPT=3389"]]],
    [
      "ports 5985-5986 closed",
      [
        [5985, "", "ports 5985-5986"],
        [5986, "", "ports 5985-5986"],
      ],
    ],
  ])("%s", (text, expected) => {
    expect(ports(text)).toEqual(expected);
  });

  it("reads no port in a log's timestamps, EC2 ids and UUIDs, and still reads the port beside them", () => {
    const log = [
      "2026-11-27T01:00:03.123Z WARN i-0abc1234def567890 request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 connect 10.0.0.5:5986",
      "2019-05-02T10:11:12+02:00 sg-903004f8 denied 10.0.0.9:3389",
      "2019-05-02T10:11:12,5-0700 vpc-0a1b2c3d subnet-12345678 eni-0123456789abcdef0",
    ].join("\n");
    expect(findPorts(log).map((f) => f.port)).toEqual([5986, 3389]);
    // a time to the minute is no host and its port (`…T01:03` was read as port 3)
    expect(findPorts("at 2026-11-27T01:03 connect failed")).toEqual([]);
    expect(findPorts("2026-11-27T01:03+01:00 job started")).toEqual([]);
  });

  it("reads Docker's published port with its address as two ports, and IIS's binding as one", () => {
    // `-p address:hostPort:containerPort` publishes the container's 80 on the host's 8080
    expect(findPorts("docker run -p 127.0.0.1:8080:80 nginx").map((f) => f.port)).toEqual([8080, 80]);
    // ZooKeeper's `server.1=address:peerPort:electionPort`: two ports of one server
    expect(findPorts("server.1=0.0.0.0:2888:3888").map((f) => f.port)).toEqual([2888, 3888]);
    // IIS's address:port:host header names one port
    expect(findPorts("bindings 192.168.1.3:443:www.example.com").map((f) => f.port)).toEqual([443]);
  });

  it("reads a port glued to what looks like an id or a time, where it is written as one", () => {
    // (a colon and a port after the id make a host and its port: the chunk is no bare id)
    expect(findPorts("connect i-0abc1234def567890:5986").map((f) => f.port)).toEqual([5986]);
    expect(findPorts("ssh -p 2222 sg-903004f8").map((f) => f.port)).toEqual([2222]);
  });

  it("reads netstat: the listening port, else the lower of the pair, never port 0", () => {
    const netstat = [
      "  Proto  Local Address          Foreign Address        State",
      "  TCP    0.0.0.0:5985           0.0.0.0:0              LISTENING",
      "  TCP    10.0.0.5:49712         52.94.1.2:443          ESTABLISHED",
      "  TCP    [::]:3389              [::]:0                 LISTENING",
      "  UDP    0.0.0.0:5355           *:*",
    ].join("\n");
    expect(findPorts(netstat).map((f) => [f.port, f.protocol])).toEqual([
      [5985, "TCP"],
      [443, "TCP"],
      [3389, "TCP"],
      [5355, "UDP"],
    ]);
  });

  it.each([
    "2026-11-27T01:02:03.123Z took 1500ms, retried 3 times at 12:30:45",
    "i-0abc1234def567890 sg-0abc1234 vpc-1a2b3c4d ami-0123456789abcdef0 subnet-0a1b2c3d4e5f60718",
    "RequestId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301 build 10.0.17763.5329 v2.4.1",
    "10.0.1.0/24 fe80::1 2001:db8::8a2e:370:7334 192.168.0.1",
    "at Foo.bar (app.js:120:15) in Program.cs:42 error:5 line:88",
    "Windows Server 2019 rebooted 3 times in 45 minutes",
  ])("reads no port out of %s", (text) => {
    expect(findPorts(text)).toEqual([]);
  });

  it("keeps one entry per port and protocol, at most MAX_FOUND", () => {
    expect(findPorts("port 3389 port 3389 10.0.0.1:3389").map((f) => f.snippet)).toEqual(["port 3389"]);
    const many = Array.from({ length: 3000 }, (_, i) => `10.0.0.1:${i + 1}`).join(" ");
    expect(findPorts(many)).toHaveLength(MAX_FOUND);
  });

  it("reads only the first MAX_PASTE_LENGTH characters", () => {
    const text = `${"x ".repeat(MAX_PASTE_LENGTH / 2)}port 3389`;
    expect(findPorts(text)).toEqual([]);
    expect(findPorts(`port 3389 ${text}`).map((f) => f.port)).toEqual([3389]);
  });
});

describe("looksPasted", () => {
  it.each([
    "5985",
    "rdp 2019",
    "5985-5986",
    "137,138,139",
    "2019/tcp",
    "is port 22 open",
    "what does Windows 2019 need for telemetry",
  ])("a question is not pasted: %s", (text) => {
    expect(looksPasted(text)).toBe(false);
  });

  it.each([
    `${"line one\n".repeat(60)}line two`,
    "conn to 10.0.1.25 refused",
    "web01:5986 timed out",
    "see https://example.com/x",
    "instance i-0abc1234def567890 is down",
    "2026-11-27 alarm",
    "TCP 0.0.0.0:5985 0.0.0.0:0 LISTENING",
    "Test-NetConnection web01 -Port 5985",
    "Found in the message: port 3389",
  ])("pasted: %s", (text) => {
    expect(looksPasted(text)).toBe(true);
  });
});

describe("pasted text in parseQuery and searchRules", () => {
  it("puts found ports into ports, reads no directions and no bare-year versions", () => {
    const parsed = parseQuery(book, "2019-03-04 10.0.1.25:5986 timed out; user logged in, fell over\nport 3389");
    expect(parsed.pasted).toBe(true);
    expect(parsed.found.map((f) => f.snippet)).toEqual(["10.0.1.25:5986", "port 3389"]);
    expect(parsed.ports).toEqual([
      { from: 3389, to: 3389 },
      { from: 5986, to: 5986 },
    ]);
    expect(parsed.directions).toEqual([]);
    expect(parsed.versions).toEqual([]);
    expect(parsed.words).toEqual([]);
    expect(parsed.notices).toEqual([]);
  });

  it("reads a version written out in full", () => {
    expect(parseQuery(book, "EC2 i-0abc1234def567890 (Windows Server 2016) port 3389 closed").versions).toEqual([
      "Windows Server 2016",
    ]);
  });

  it("a protocol every mention shares filters the answer", () => {
    const answer = searchRules(book, "allow udp 3389 from 192.168.10.0/24");
    expect(answer.understood.protocols).toEqual(["UDP"]);
    expect(answer.results.map((r) => r.rule.protocol)).toEqual(answer.results.map(() => "UDP"));
    expect(answer.results.length).toBeGreaterThan(0);
  });

  it("answers each port of several on its own, ports with rules first, and caps the list", () => {
    const answer = searchRules(book, "10.0.1.25:5986 refused\nport 3389 timed out\ntcp/135");
    // 3389 and 135 have four rules each: the order of the message breaks the tie
    expect(answer.byPort.map((g) => g.port)).toEqual([3389, 135, 5986]);
    const rdp = answer.byPort.find((g) => g.port === 3389);
    expect(rdp?.results.map((r) => r.rule.section)).toEqual(rdp?.results.map(() => "Remote Desktop"));
    expect(answer.byPort.find((g) => g.port === 135)?.protocol).toBe("TCP");
    expect(answer.byPort.find((g) => g.port === 5986)?.notices.map((n) => n.kind)).toEqual(["no-match"]);

    const many = Array.from({ length: 25 }, (_, i) => `10.0.0.1:${5970 + i}`).join("\n");
    const capped = searchRules(book, many);
    expect(capped.byPort).toHaveLength(10);
    expect(capped.portsLeftOut).toBe(15);
    // 5985 is WinRM's: a port with rules comes before the ports without, which keep their order
    expect(capped.byPort.map((g) => g.port)).toEqual([5985, 5970, 5971, 5972, 5973, 5974, 5975, 5976, 5977, 5978]);
  });

  it("with many ports, the flat answer has each port's rules", () => {
    const filler = Array.from({ length: 40 }, (_, i) => `10.0.0.1:${20000 + i * 7}`);
    const answer = searchRules(book, [...filler, "web01:3389", "web01:5985", "web01:23555"].join("\n"));
    expect(answer.understood.ports.length).toBeGreaterThan(16);
    const ids = answer.results.map((r) => r.rule.id);
    for (const port of ["3389", "5985", "23555"]) {
      for (const r of searchRules(book, port).results) expect(ids).toContain(r.rule.id);
    }
  });

  it("a question gets no found ports and no groups", () => {
    const answer = searchRules(book, "137,138,139");
    expect(answer.found).toEqual([]);
    expect(answer.byPort).toEqual([]);
  });
});
