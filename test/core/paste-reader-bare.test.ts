/**
 * PasteReader's readBareNumber, through readPaste: a number alone, read through what stands
 * before or after it. Each input aims at one of its branches: the numbers that are not ports
 * (releases, conntrack's columns, protocol numbers, counts, list markers, `ls -l`, reply codes,
 * units, ids, versions, dates, filters by process id) and the ways a bare number is a port
 * (FTP's passive reply, `listen(…)`, a state after it, a mapping, a note, a filter, a tool and its
 * host, an address's named ports, a connection string, a tuple).
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const withProtocol = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? ""] as const);
const isNonPort = (text: string, n: number) => readPaste(text).nonPorts.has(n);

describe("readBareNumber: numbers that are not ports", () => {
  it("reads Windows releases' years, listed with their editions, as no ports", () => {
    const text = "Windows Server 2008, 2008 R2, 2012 and 2016 are supported";
    expect(ports(text)).toEqual([]);
    for (const year of [2008, 2012, 2016]) expect(isNonPort(text, year)).toBe(true);
  });

  it("ends a list of releases at a number no release has", () => {
    expect(ports("Windows 2019, 2049 blocked")).toEqual([2049]);
    expect(ports("data exchange 2049 blocked")).toEqual([2049]);
  });

  it("reads conntrack's protocol number and timeout as no ports", () => {
    const text = "tcp      6 431999 ESTABLISHED src=10.0.0.5 dst=10.0.0.9 sport=51000 dport=3389";
    expect(ports(text)).toEqual([3389]);
    expect(isNonPort(text, 6)).toBe(true);
    expect(isNonPort(text, 431999)).toBe(true);
  });

  it("reads a protocol's number beside its name as no port", () => {
    expect(ports("Protocol used (6=TCP)")).toEqual([]);
    expect(isNonPort("Protocol used (6=TCP)", 6)).toBe(true);
    const words = "the protocol numbers are 6 for tcp, 17 for udp";
    expect(ports(words)).toEqual([]);
    expect(isNonPort(words, 17)).toBe(true);
  });

  it("reads nmap's count of ports in a state as no port", () => {
    expect(ports("Not shown: 995 filtered ports")).toEqual([]);
    expect(isNonPort("Not shown: 995 filtered ports", 995)).toBe(true);
  });

  it("reads an audit event's heading as no port", () => {
    const text = "5152(F): The Windows Filtering Platform blocked a packet.";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 5152)).toBe(true);
  });

  it("reads a list's number opening its line as no port", () => {
    expect(ports("Steps:\n2. Opened port 1433\n3) Restart")).toEqual([1433]);
    expect(isNonPort("Steps:\n2. Opened port 1433\n3) Restart", 3)).toBe(true);
  });

  it("reads `ls -l`'s link count and size as no ports", () => {
    expect(ports("-rw-r--r--   1 alice  staff  901 Aug  2  2020 index.php.bak")).toEqual([]);
  });

  it("reads OpenSSH's `UNKNOWN port 65535` as no port", () => {
    expect(ports("Connection closed by UNKNOWN port 65535")).toEqual([]);
  });

  it("reads an event's protocol number as the protocol of its ports", () => {
    expect(withProtocol("Protocol: 6\nDestination Port: 3389")).toEqual([[3389, "TCP"]]);
    expect(withProtocol("Protocol: 17\nDestination Port: 53")).toEqual([[53, "UDP"]]);
  });

  it("reads an HTTP status before an API's reason as no port", () => {
    expect(ports("got a 501 InternalFailure")).toEqual([]);
    expect(isNonPort("got a 501 InternalFailure", 501)).toBe(true);
  });

  it("reads a mail server's reply code opening its line as no port", () => {
    expect(ports("the server said:\n220 MyMailServer ESMTP ready")).toEqual([]);
  });

  it("reads a diff's hunk header as no ports", () => {
    expect(ports("--- a/x\n+++ b/x\n@@ -61,6 +62,7 @@")).toEqual([]);
  });

  it("reads a comparison's bound as no port", () => {
    expect(ports("only values > 1023 here")).toEqual([]);
    expect(isNonPort("only values > 1023 here", 1023)).toBe(true);
  });

  it("reads a quantity with its unit as no port", () => {
    expect(ports("it took 67 seconds")).toEqual([]);
    expect(isNonPort("it took 67 seconds", 67)).toBe(true);
    // (telnet names Telnet, whose own port stands for it; the count is none)
    expect(ports("telnet host 3 times").includes(3)).toBe(false);
  });

  it("reads ids listed after an id's label as no ports", () => {
    const text = "Event IDs 4624 and 4625";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 4625)).toBe(true);
  });

  it("reads an error's number before its message as no port", () => {
    expect(ports('(10060 "Unknown error")')).toEqual([]);
    expect(isNonPort("[Errno] (111, 'Connection refused')", 111)).toBe(true);
  });

  it("reads a JSON object's numeric key as no port", () => {
    expect(isNonPort('{"1":"rule"}', 1)).toBe(true);
  });

  it("reads an ICMP rule's type and code as no ports, a TCP rule's range as its ports", () => {
    expect(ports("IpProtocol=icmp,FromPort=3,ToPort=4")).toEqual([]);
    expect(ports("IpProtocol=tcp,FromPort=3389,ToPort=3389")).toEqual([3389]);
  });

  it("reads a time and a process and thread pair as no mapping", () => {
    expect(ports("at 12:30 today")).toEqual([]);
    expect(ports("[28689:28690] started")).toEqual([]);
  });

  it("reads a number with a leading zero (a file's mode) as no port", () => {
    expect(ports("SecUploadFileMode 0600")).toEqual([]);
  });

  it("reads versions, dates and years as no ports", () => {
    expect(ports("Windows 10 client")).toEqual([]);
    expect(ports("CentOS 7 host")).toEqual([]);
    expect(ports("Python 3 script")).toEqual([]);
    expect(ports("Sun Jun 10 12:04:02 2018 UDP link")).toEqual([]);
    expect(ports("July 4, 2019")).toEqual([]);
    expect(ports("running since 1996")).toEqual([]);
  });

  it("reads a number a process list is filtered by as a process id", () => {
    expect(ports("tasklist | findstr 4242")).toEqual([]);
    expect(isNonPort("tasklist | findstr 4242", 4242)).toBe(true);
  });

  it("reads dig's `udp: 1232` (a buffer size) as no port", () => {
    expect(ports("; EDNS: version: 0, flags:; udp: 1232")).toEqual([]);
  });
});

describe("readBareNumber: numbers that are ports", () => {
  it("reads FTP's extended passive reply's port", () => {
    expect(withProtocol("229 Entering Extended Passive Mode (|||44077|)")).toEqual([[44077, "TCP"]]);
  });

  it("reads `161/162 udp` and a pair of ports after a protocol or before `are in use`", () => {
    expect(withProtocol("161/162 udp")).toEqual([
      [161, "UDP"],
      [162, "UDP"],
    ]);
    expect(ports("5985/5986 ports are opened")).toEqual([5985, 5986]);
    expect(withProtocol("TCP 445/139 blocked")).toEqual([
      [445, "TCP"],
      [139, "TCP"],
    ]);
    expect(ports("8000/8001 are already in use")).toEqual([8000, 8001]);
    expect(ports("TCP 10/10 succeeded")).toEqual([]);
  });

  it("reads a server's `listen(port)`, not a socket's backlog", () => {
    expect(ports("app.listen(3000)")).toEqual([3000]);
    expect(ports("sock.listen(5)")).toEqual([]);
  });

  it("reads numbers said to be open or blocked", () => {
    expect(ports("only 135 and 139 open.")).toEqual([135, 139]);
  });

  it("reads Wireshark's frame length before two ports as no port", () => {
    expect(ports("TCP 74 55208 → 445 [SYN]").includes(74)).toBe(false);
  });

  it("reads a rule's list of ports", () => {
    expect(ports("inbound_rules '0.0.0.0/0' => [22, 443, 80, 3389]")).toEqual([22, 443, 80, 3389]);
  });

  it("reads SQL Server's `<ipv4> 1433`", () => {
    expect(ports("Server is listening on [ 0.0.0.0 <ipv4> 1433].")).toEqual([1433]);
  });

  it("reads a connecting tool's port whatever word follows it, unless it counts", () => {
    expect(ports("nc -nv 10.0.0.5 110 user bob")).toEqual([110]);
  });

  it("reads a mapping written with an arrow", () => {
    expect(ports("forward 22 => 2222")).toEqual([22, 2222]);
    expect(ports("forward 3389 -> 13389")).toEqual([3389, 13389]);
  });

  it("reads a note after a number naming it a port", () => {
    expect(ports("tried 9200 (wrong port)")).toEqual([9200]);
    expect(ports("3 (closed ports)")).toEqual([]);
  });

  it("reads a mapping with a side above 59", () => {
    expect(ports("kubectl port-forward pod 5010:6000")).toEqual([5010, 6000]);
  });

  it("reads a number a socket list is filtered by as a port", () => {
    expect(ports('netstat -ano | findstr "3389"')).toEqual([3389]);
    expect(ports("lsof -i 5000")).toEqual([5000]);
    expect(ports("kubectl port-forward tiller 44134")).toEqual([44134]);
  });

  it("reads a listening address with no host", () => {
    expect(ports("prometheus :9153")).toEqual([9153]);
    expect(ports("--web.listen-address=:10006")).toEqual([10006]);
  });

  it("reads an XML element named as a port", () => {
    expect(ports('<DestinationPort condition="is">4444</DestinationPort>')).toEqual([4444]);
  });

  it("reads Apache's masked client as a client: its ephemeral port dropped", () => {
    expect(ports("[client :51515] AH01630")).toEqual([]);
  });

  it("reads a masked host's port", () => {
    expect(ports("connect ***:3389")).toEqual([3389]);
  });

  it("reads a DNS SRV record's port", () => {
    expect(ports("_ldap._tcp.corp.example SRV 0 100 389 dc1.corp.example.")).toEqual([389]);
  });

  it("reads a protocol on the line before a number in a console's cells", () => {
    expect(withProtocol("Custom TCP\nTCP\n5986")).toEqual([[5986, "TCP"]]);
  });

  it("reads sockstat's descriptor before the protocol as no port", () => {
    expect(withProtocol("ntpd 4933 20 udp4 172.16.48.1:123")).toEqual([[123, "UDP"]]);
  });

  it("reads a protocol written after the number", () => {
    expect(withProtocol("open 445 tcp now")).toEqual([[445, "TCP"]]);
  });

  it("reads a number after a service word as its port; HTTP's statuses and switches as none", () => {
    expect(ports("winrm 5986 refused")).toEqual([5986]);
    expect(ports("HTTP 401 Unauthorized")).toEqual([]);
    expect(isNonPort("HTTP 401 Unauthorized", 401)).toBe(true);
    expect(ports("HTTPS 443 refused")).toEqual([443]);
    expect(ports("HTTP = 5985")).toEqual([5985]);
    expect(ports("use ssl = 1")).toEqual([]);
  });

  it("reads numbers before `port`, and Vagrant's guest and host ports", () => {
    expect(ports("SMB 445 port")).toEqual([445]);
    expect(ports("found 80,8080,443 port")).toEqual([80, 8080, 443]);
    expect(ports("5985 (guest) => 55985 (host)")).toEqual([5985, 55985]);
  });

  it("reads a placeholder host's port after a spaced colon", () => {
    expect(ports("<$ MASTER>: 6443")).toEqual([6443]);
  });

  it("reads an address's named ports in parentheses", () => {
    expect(ports("Client Addr: 127.0.0.1 (HTTP: 8500, DNS: 8600)")).toEqual([8500, 8600]);
  });

  it("reads Test-NetConnection's spaced `(host : port)`", () => {
    expect(ports("WARNING: TCP connect to (10.0.0.5 : 5986) failed")).toEqual([5986]);
  });

  it("reads SQL Server's `host,port`", () => {
    expect(ports("Server=tcp:db01,1433")).toEqual([1433]);
    expect(ports("sqlcmd -S db01.corp,1433")).toEqual([1433]);
  });

  it("reads an endpoint's constructor and a Python tuple", () => {
    expect(ports('new IPEndPoint(IPAddress.Parse("192.168.1.2"), 161)')).toEqual([161]);
    expect(ports("('10.10.1.51', 161)")).toEqual([161]);
    expect(ports("sock.connect((sys.argv[1], 445))")).toEqual([445]);
  });

  it("reads `address port address port` as a connection: the service's side", () => {
    expect(readPaste("10.10.1.3 49990 14.16.2.36 31337").found.map((f) => [f.port, f.side])).toEqual([[31337, "remote"]]);
  });

  it("reads a port after a tool's host", () => {
    expect(ports("SMB 10.0.0.5 445 DC01")).toEqual([445]);
    expect(ports("telnet 10.0.0.5 3389")).toEqual([3389]);
    expect(ports("VNC connecting to 127.0.0.1 5900")).toEqual([5900]);
    expect(ports("listen 127.0.0.1 7777 script")).toEqual([7777]);
    expect(ports("remote vpn.example.com 1194")).toEqual([1194]);
    expect(ports("telnet pegasus 1704")).toEqual([1704]);
    expect(ports("nc -v api 80")).toEqual([80]);
  });
});
