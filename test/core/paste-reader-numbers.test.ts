/**
 * PasteReader's readNumberChunk, through readPaste: each way one chunk with digits is written as a
 * port (a port spec, Docker's published ports, `N/tcp/udp`, `/dev/tcp/…`, iptables' and Cisco's
 * forms, Tomcat's connectors, ssh's forwards, addresses with paths, flows with arrows, glued flags)
 * or as something else (a process id, a Java line, a count, a percentage, an issue, an insertion
 * string).
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const withProtocol = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? ""] as const);
const isNonPort = (text: string, n: number) => readPaste(text).nonPorts.has(n);

describe("readNumberChunk: protocols written with the port", () => {
  it("reads nmap's port spec, each `T:` or `U:` setting the protocol of the ports after it", () => {
    expect(readPaste("nmap -p T:22,139,U:53,137 10.0.0.5").found.map((f) => [f.port, f.protocol, f.snippet])).toEqual([
      [22, "TCP", "T:22"],
      [139, "TCP", "139"],
      [53, "UDP", "U:53"],
      [137, "UDP", "137"],
    ]);
  });

  it("reads `N/tcp/udp` as the port over both protocols", () => {
    expect(withProtocol("kerberos 88/tcp/udp")).toEqual([
      [88, "TCP"],
      [88, "UDP"],
    ]);
  });

  it("reads a label glued before a list's first `N/tcp`", () => {
    expect(withProtocol("./ldap:#PORTS:389/tcp,636/tcp")).toEqual([
      [389, "TCP"],
      [636, "TCP"],
    ]);
  });

  it("reads a port and its protocol glued to Japanese text", () => {
    expect(withProtocol("10051/tcpでリッスン")).toEqual([[10051, "TCP"]]);
  });

  it("reads bash's `/dev/tcp/host/port` and `/dev/udp/host/port`", () => {
    expect(withProtocol("echo > /dev/tcp/10.0.0.5/445")).toEqual([[445, "TCP"]]);
    expect(withProtocol("echo x > /dev/udp/10.0.0.5/514")).toEqual([[514, "UDP"]]);
  });

  it("reads firewalld's `2001-2003/tcp` port by port", () => {
    expect(withProtocol("firewall-cmd --add-port=2001-2003/tcp")).toEqual([
      [2001, "TCP"],
      [2002, "TCP"],
      [2003, "TCP"],
    ]);
  });

  it("reads an address's port with its protocol after a slash", () => {
    expect(withProtocol("remote '[10.0.0.253]:1514/tcp'")).toEqual([[1514, "TCP"]]);
    expect(withProtocol("probe 10.0.0.5:445/udp")).toEqual([[445, "UDP"]]);
  });

  it("reads `TCP 1433/UDP 1434`: two ports, each after its protocol", () => {
    expect(readPaste("SQL Server uses TCP 1433/UDP 1434").found.map((f) => [f.port, f.protocol, f.snippet])).toEqual([
      [1433, "TCP", "TCP 1433/UDP"],
      [1434, "UDP", "1433/UDP 1434"],
    ]);
  });

  it("reads `tcp/445`, `445/udp` and `TCP/3389/RDP`", () => {
    expect(withProtocol("tcp/445 445/udp TCP/3389/RDP")).toEqual([
      [445, "TCP"],
      [445, "UDP"],
      [3389, "TCP"],
    ]);
  });

  it("reads an ELB's `HTTP:80/png` and `TCP:5985` and `UDP:53`", () => {
    expect(withProtocol("HealthCheck HTTP:80/png")).toEqual([[80, "TCP"]]);
    expect(withProtocol("Target TCP:5985")).toEqual([[5985, "TCP"]]);
    expect(withProtocol("Listener UDP:53")).toEqual([[53, "UDP"]]);
  });
});

describe("readNumberChunk: Docker's published ports", () => {
  it("reads a published range on both sides, with its protocol", () => {
    expect(ports("docker run -p 8091-8094:8091-8094 couchbase")).toEqual([8091, 8092, 8093, 8094]);
    expect(withProtocol("docker run -p 10.0.0.5:5000-5002:5000-5002/udp app")).toEqual([
      [5000, "UDP"],
      [5001, "UDP"],
      [5002, "UDP"],
    ]);
  });

  it("reads `-p host:container/udp`, `-p ip:host:container` and the glued `-p8600:53/udp`", () => {
    // (`-p 127.0.0.1:8080:80` reads 8080 only: see the report's bug list)
    expect(withProtocol("docker run -p 8600:53/udp consul")).toEqual([
      [8600, "UDP"],
      [53, "UDP"],
    ]);
    expect(ports("docker run -p 0.0.0.0:5986:5986 winrm")).toEqual([5986]);
    expect(withProtocol("docker run -p8600:53/udp consul")).toEqual([
      [8600, "UDP"],
      [53, "UDP"],
    ]);
    expect(ports("docker run -p98:99 img")).toEqual([98, 99]);
  });

  it("reads `docker ps`'s `0.0.0.0:49153->80/tcp` as a published mapping: both ports", () => {
    expect(ports("0.0.0.0:49153->80/tcp")).toEqual([49153, 80]);
  });
});

describe("readNumberChunk: iptables, Cisco and strongSwan", () => {
  it("reads iptables' `dpts:low:high`, with names for ports", () => {
    expect(withProtocol("ACCEPT tcp -- anywhere anywhere tcp dpts:5985:5986")).toEqual([
      [5985, "TCP"],
      [5986, "TCP"],
    ]);
    expect(ports("ACCEPT tcp -- anywhere anywhere tcp dpts:ssh:24")).toEqual([22, 23, 24]);
  });

  it("reads Cisco ASA's `address/port`, the flow's source and destination by `src` and `dst`", () => {
    expect(withProtocol("Deny tcp src outside:192.168.2.2/43803 dst inside:10.10.10.10/3389 by access-group")).toEqual([
      [3389, "TCP"],
    ]);
  });

  it("reads `address/N` with N at most 32 as a prefix, above 32 as a port", () => {
    expect(ports("route to 10.10.10.0/32 added")).toEqual([]);
    expect(ports("Built connection to 10.10.10.10/53")).toEqual([53]);
  });

  it("reads Cisco IOS's `address(port)` flow: the service's side", () => {
    expect(withProtocol("%SEC-6-IPACCESSLOGP: list 101 denied tcp 10.0.6.56(3067) -> 172.36.4.7(139), 1 packet")).toEqual([
      [139, "TCP"],
    ]);
  });

  it("reads strongSwan's traffic selectors, by number or by name", () => {
    expect(readPaste("10.0.0.0/24[tcp/443]").found.map((f) => [f.port, f.protocol, f.how])).toEqual([[443, "TCP", "written"]]);
    expect(readPaste("172.16.11.171/32[udp/l2f]").found.map((f) => [f.port, f.protocol, f.how])).toEqual([
      [1701, "UDP", "named"],
    ]);
  });

  it("reads DCE/RPC's string bindings and strongSwan's `address[port]`", () => {
    expect(withProtocol("ncacn_ip_tcp:10.0.0.5[49667]")).toEqual([[49667, "TCP"]]);
    expect(withProtocol("StringBinding: MYMACHINE[49155]")).toEqual([[49155, "TCP"]]);
    expect(withProtocol("from 172.38.200.1[500] to 172.38.1.131[4500]")).toEqual([
      [500, ""],
      [4500, ""],
    ]);
    expect(ports("see MYMACHINE[49155]")).toEqual([]);
  });
});

describe("readNumberChunk: servers and tools", () => {
  it("reads Tomcat's connector names and logged connectors", () => {
    expect(withProtocol('"http-nio-8080-exec-1"')).toEqual([[8080, "TCP"]]);
    expect(withProtocol("ajp-nio-8009")).toEqual([[8009, "TCP"]]);
    expect(withProtocol("Connector[AJP/1.3-8009]")).toEqual([[8009, "TCP"]]);
    expect(withProtocol("[Connector[HTTP/1.1-8080]]")).toEqual([[8080, "TCP"]]);
  });

  it("reads the registry's hexadecimal port after its label, and no other hexadecimal number", () => {
    expect(ports("PortNumber    REG_DWORD    0xd3d")).toEqual([3389]);
    expect(ports("flags 0xd3d")).toEqual([]);
  });

  it("reads ssh's forwards: both ports", () => {
    expect(ports("ssh -L 4000:db.example:3306 bastion")).toEqual([4000, 3306]);
    expect(ports("ssh -NR 9000:localhost:22 relay")).toEqual([9000, 22]);
  });

  it("reads a host and port with a path and no scheme", () => {
    expect(readPaste("curl consul.example.com:8500/v1/kv").found.map((f) => [f.port, f.snippet])).toEqual([
      [8500, "consul.example.com:8500/v1/kv"],
    ]);
  });

  it("reads a chain of services and their ports", () => {
    expect(ports("Haproxy:80 => Varnish:6081 => Nginx:82")).toEqual([80, 6081, 82]);
  });

  it("reads `port ~8000` as about that port", () => {
    expect(ports("try port ~8000")).toEqual([8000]);
  });

  it("reads GLib's `(program:id)` and QEMU's `-vnc :display` as no port", () => {
    expect(ports("(remmina:6885): WARNING **: failed")).toEqual([]);
    expect(isNonPort("(remmina:6885): WARNING **: failed", 6885)).toBe(true);
    // (`-vnc` names VNC, whose own port stands for it; the display's number is none)
    expect(ports("qemu -vnc 0.0.0.0:87").includes(87)).toBe(false);
  });

  it("reads ZooKeeper's log tag: an address, its port and a class", () => {
    expect(ports("[/10.10.34.11:3888:QuorumCnxManager$Listener@493]")).toEqual([3888]);
  });

  it("reads a Java class and line (`pkg.Class:173`) and a count (`Number of topics:995`) as no port", () => {
    expect(ports("at org.apache.catalina.core.StandardService:173")).toEqual([]);
    const count = "Number of topics:995";
    expect(ports(count)).toEqual([]);
    expect(isNonPort(count, 995)).toBe(true);
  });

  it("reads lsof's `client->server` as one connection: the server's port", () => {
    expect(ports("TCP 10.0.0.5:52000->10.0.0.9:3389 (ESTABLISHED)")).toEqual([3389]);
  });

  it("reads a spaced arrow between two hosts after a protocol as a flow, else as a mapping", () => {
    expect(ports("tcp 10.0.6.56:3067 -> 172.36.4.7:139")).toEqual([139]);
    expect(ports("portproxy 0.0.0.0:13389 -> 10.0.0.5:3389")).toEqual([13389, 3389]);
  });

  it("reads a client's address's port only when it is well known", () => {
    expect(ports("ClientIP: 10.0.0.5:14829")).toEqual([]);
    expect(ports("client 10.0.0.5:68")).toEqual([68]);
  });

  it("reads an ephemeral port after `from` on a login line as the client's, elsewhere as a server's", () => {
    expect(ports("failed to login from 192.0.2.1:65001")).toEqual([]);
    expect(ports("no response from 10.0.0.10:49667")).toEqual([49667]);
  });

  it("reads a client's port flag glued to its number only on that client's line", () => {
    expect(ports("mysql -P3306 -h db01")).toEqual([3306]);
    expect(ports("ssh -p2222 admin@host")).toEqual([2222]);
    expect(ports("tar -p2222 x")).toEqual([]);
  });

  it("reads lsof's `-i:port` and `-itcp:port`", () => {
    expect(ports("lsof -i:5000")).toEqual([5000]);
    expect(withProtocol("lsof -itcp:5000")).toEqual([[5000, "TCP"]]);
  });
});

describe("readNumberChunk: numbers that are not ports", () => {
  it("reads a percentage and a bit width as no port", () => {
    expect(isNonPort("cpu at 95% now", 95)).toBe(true);
    expect(isNonPort("a 64-bit build", 64)).toBe(true);
    expect(ports("cpu at 95% on a 64-bit build")).toEqual([]);
  });

  it("reads a web page's port table, its cells run together, with the cell's protocol", () => {
    expect(withProtocol("3268Global Catalog (TCP)Forest-wide searches")).toEqual([[3268, "TCP"]]);
  });

  it("reads an event message's insertion string and an issue's number as no port", () => {
    expect(isNonPort("Destination Port: %7", 7)).toBe(true);
    expect(ports("Destination Port: %7")).toEqual([]);
    expect(isNonPort("Resolves #25", 25)).toBe(true);
    expect(ports("Resolves #25")).toEqual([]);
  });

  it("reads a list's `1.Open` as a list's number", () => {
    expect(isNonPort("1.Open the console", 1)).toBe(true);
  });

  it("reads a process's id after its name as no port", () => {
    expect(isNonPort("chronyd[17789]: Selected source", 17789)).toBe(true);
    expect(ports("chronyd[17789]: Selected source").includes(17789)).toBe(false);
  });

  it("reads a listener's name and session number (`RDP-Tcp#47`) as no port", () => {
    expect(ports("Connection RDP-Tcp#47 created").includes(47)).toBe(false);
  });
});

describe("readNumberChunk: more of its forms", () => {
  it("reads ASA's `from`/`to` ends as one connection: the destination", () => {
    expect(ports("access-list x denied tcp from 10.0.0.5/1024 to 10.0.0.9/5000")).toEqual([5000]);
    expect(ports("Deny tcp src outside:10.0.0.5/1024 dst inside:10.0.0.9/5000 by access-group")).toEqual([5000]);
  });

  it("reads `~N` without a port's label as no port", () => {
    expect(ports("that costs ~8000 a month")).toEqual([]);
  });

  it("reads a host and port in parentheses with no `):` after it as a host's port", () => {
    expect(ports("(see web01:8080 for details)")).toEqual([8080]);
  });

  it("reads QEMU's `-vnc unix:path` as no port", () => {
    expect(ports("qemu -vnc unix:/tmp/vnc1").includes(1)).toBe(false);
  });

  it("reads Docker's published port after a shell variable's host", () => {
    expect(ports("docker run -p $PRIVATE_IP:8300:8300 consul")).toEqual([8300]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell's variable, as pasted
    expect(ports("docker run -p ${HOST_IP}:8080:80 app")).toEqual([8080, 80]);
  });

  it("reads a Java class's line as no port, and marks only numbers", () => {
    const reading = readPaste("at org.apache.catalina.core.StandardService:173");
    expect(reading.found).toEqual([]);
    expect([...reading.nonPorts].every(Number.isInteger)).toBe(true);
  });

  it("reads `of host:port` as a host's port, unless a count's name comes before `of`", () => {
    expect(ports("health of web01:8080 is bad")).toEqual([8080]);
  });

  it("reads an arrow glued between a client's address and a server's", () => {
    expect(ports("conn 10.0.0.5:52000->10.0.0.9:3389 up")).toEqual([3389]);
  });

  it("reads mysql's `-P` glued to a port other than its own", () => {
    expect(ports("mysql -P3307 -h db01")).toEqual([3307]);
  });

  it("reads a port table's cell with both protocols as no one protocol", () => {
    expect(withProtocol("389LDAP (TCP/UDP)Directory, replication")).toEqual([[389, ""]]);
  });

  it("reads a traffic selector with a name no service has as no port", () => {
    expect(ports("10.0.0.0/24[tcp/notaservice]")).toEqual([]);
  });

  it("reads an RPC binding over TCP to a host name", () => {
    expect(withProtocol("ncacn_ip_tcp:dc01.corp.example[49667]")).toEqual([[49667, "TCP"]]);
  });
});
