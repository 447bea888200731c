/**
 * PasteReader's smaller helpers, through readPaste: a release's year and its list, a spaced flow's
 * two ends, Dockerfile's EXPOSE, ids listed after an id's label, nmap's `-p T:…,U:…`, a client's
 * own address, SQL Server's `host,port`, a number in parentheses, a terminal's wrapped line.
 * Each input aims at one branch; the answers are what a reader of the text would say.
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const withProtocol = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? ""] as const);
const snippets = (text: string) => readPaste(text).found.map((f) => [f.port, f.snippet] as const);
const isNonPort = (text: string, n: number) => readPaste(text).nonPorts.has(n);
// a line of 59 and one of 60 characters (a terminal's width for a wrap), each ending with `59`
const short = "Connection to backend-server-exa was established on port 59";
const full = "Connection to backend-server-exam was established on port 59";

describe("isRelease and markReleaseList: Windows' and SQL Server's years", () => {
  it("reads a year before an edition only Windows releases have as no port, with no name before it", () => {
    const text = "upgrade to 2008 R2 tonight";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 2008)).toBe(true);
  });

  it("reads `Windows Server 2016` as a release, the name two words back", () => {
    const text = "Windows Server 2016 is patched";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 2016)).toBe(true);
  });

  it("keeps a port that happens to be a release's year when no release's name stands before it", () => {
    expect(ports("Allow port 2019")).toEqual([2019]);
    expect(isNonPort("Allow port 2019", 2019)).toBe(false);
  });

  it("ends a list of releases at a number after spaces only: the next column is a port", () => {
    const text = "OS            PORT\nWindows 2019  2003\n";
    expect(ports(text)).toEqual([2003]);
    expect(isNonPort(text, 2019)).toBe(true);
  });
});

describe("isSpacedFlow: a packet's two ends after its protocol", () => {
  it("keeps the service's end of a spaced arrow, not the client's ephemeral port", () => {
    expect(ports("denied tcp 10.0.0.5:50000 -> 10.0.0.9:3389")).toEqual([3389]);
  });
});

describe("exposeBefore: Dockerfile's EXPOSE", () => {
  it("reads sixteen ports after EXPOSE, the last one sixteen chunks after it", () => {
    const list = Array.from({ length: 16 }, (_, k) => 8001 + k);
    expect(ports(`EXPOSE ${list.join(" ")}`)).toEqual(list);
  });

  it("stops at a word that is no port", () => {
    expect(ports("EXPOSE 8080 9090 for 2 apps")).toEqual([8080, 9090]);
  });

  it("does not read a lower-case `expose` as the instruction", () => {
    const text = "EXPOSE 8080\nexpose 2 replicas\n";
    expect(ports(text)).toEqual([8080]);
  });

  it("does not carry EXPOSE over a line's end", () => {
    expect(ports("EXPOSE 8080\n5 workers")).toEqual([8080]);
  });
});

describe("markListAfter: ids listed after an id's label", () => {
  it("reads every id of a list after `Event ID` as no port", () => {
    const text = "Event ID 4625, 4624, 4634";
    expect(ports(text)).toEqual([]);
    for (const id of [4625, 4624, 4634]) expect(isNonPort(text, id)).toBe(true);
  });

  it("reads two ids after `ID` as no ports", () => {
    const text = "Event Logs with ID 36887, 36888";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 36888)).toBe(true);
  });
});

describe("readPortSpec: nmap's `-p T:…,U:…`", () => {
  it("reads each port of the spec with its protocol", () => {
    expect(withProtocol("nmap -p T:22,U:53")).toEqual([
      [22, "TCP"],
      [53, "UDP"],
    ]);
  });

  it("ends the spec at a gap that is not a comma", () => {
    expect(ports("ran nmap -p T:22 2 times")).toEqual([22]);
  });
});

describe("isClientAddress: a client's own address and port", () => {
  it("reads a label glued to the address", () => {
    expect(ports("ClientIP:10.0.0.5:52311")).toEqual([]);
  });

  it("reads a label before a lone colon", () => {
    expect(ports("ClientAddress : 10.0.0.5:52311")).toEqual([]);
  });

  it("reads an ephemeral port after `from` on a login line as the client's", () => {
    expect(ports("failed to login from 192.0.2.1:65001")).toEqual([]);
    expect(ports("failed to login from : 192.0.2.1:65001")).toEqual([]);
  });

  it("draws the line at the first ephemeral port, 32768", () => {
    expect(ports("failed to login from 192.0.2.1:32768")).toEqual([]);
    expect(ports("failed to login from 192.0.2.1:32767")).toEqual([32767]);
  });

  it("keeps a server's port on a login line when no `from` stands before it", () => {
    expect(ports("auth backend at 10.0.0.5:50443")).toEqual([50443]);
    expect(ports("Auth server : 10.0.0.5:50443")).toEqual([50443]);
  });
});

describe("isSqlServerHost: SQL Server's `host,port`", () => {
  it("reads the port after a `tcp:` host, named or numbered, with the host in its snippet", () => {
    expect(snippets("Server=tcp:db01,14330")).toEqual([[14330, "tcp:db01,14330"]]);
    expect(snippets("Server=tcp:10.0.0.5,14330")).toEqual([[14330, "tcp:10.0.0.5,14330"]]);
    expect(snippets("Server=tcp:db01,1433")).toEqual([[1433, "tcp:db01,1433"]]);
  });

  it("reads the port after a host with no `tcp:`", () => {
    expect(snippets("Server=db01,14330")).toEqual([[14330, "db01,14330"]]);
    expect(snippets("sqlcmd -S db01.corp,14330")).toEqual([[14330, "db01.corp,14330"]]);
    expect(snippets("sqlcmd -S DB01\\SQLEXPRESS,14330")).toEqual([[14330, "DB01\\SQLEXPRESS,14330"]]);
  });

  it("reads the port after `Data Source=`", () => {
    expect(snippets("Data Source=db01,14330;Initial Catalog=app")).toEqual([[14330, "db01,14330"]]);
  });
});

describe("isApacheClient: Apache's `[client :51515]`", () => {
  it("reads a masked client's port as the client's, another bracketed word's as a port", () => {
    expect(ports("[client :51515] AH01630: client denied")).toEqual([]);
    expect(ports("[proxy :8080] started")).toEqual([8080]);
  });
});

describe("isWrapped: a number cut by a terminal's line wrap", () => {
  it("reads neither half of a number cut at the end of a line of 60 characters", () => {
    expect(full).toHaveLength(60);
    expect(ports(`${full}\n86 open`)).toEqual([]);
    expect(ports(`${full}\r\n86 open`)).toEqual([]);
    expect(ports("Connection to the management endpoint was established on port 59\n86 and then closed")).toEqual([]);
  });

  it("reads both numbers when the line has only 59 characters", () => {
    expect(short).toHaveLength(59);
    expect(ports(`${short}\n86 open`)).toEqual([59, 86]);
    expect(ports(`${short}\r\n86 open`)).toEqual([59, 86]);
    expect(ports(`Report:\n${short}\n86 bytes sent`)).toEqual([59]);
  });

  it("keeps a port when the next line starts a record with its date", () => {
    expect(ports(`${full}\n07/Sep/2018 10:10:08 closed`)).toEqual([59]);
  });
});

describe("toolBefore: a tool, its flags, then a host and a port", () => {
  it("reads the port after a host six chunks from the tool, past a flag's value", () => {
    expect(ports("nc -v -n -z -w 3 db01 445")).toEqual([445]);
  });

  it("reads Telnet's OPEN after its prompt", () => {
    expect(ports("Microsoft Telnet> OPEN mail1.fabrikam.com 25")).toEqual([25]);
  });
});

describe("nextValue: a protocol's label and its value", () => {
  it("reads the protocol after a lone colon for the port listed before it", () => {
    expect(withProtocol("LocalPort : 40000\nProtocol : UDP")).toEqual([[40000, "UDP"]]);
    expect(withProtocol("LocalPort : 40000\nProtocol   : UDP")).toEqual([[40000, "UDP"]]);
  });
});

describe("commandFilter: a number a command line filters another's output by", () => {
  it("reads a number a lister's output is filtered by as a port", () => {
    expect(ports('netstat -ano | findstr "8080"')).toEqual([8080]);
  });

  it("reads a number filtering output no lister made as no port", () => {
    expect(ports("journalctl -u app | grep 4242")).toEqual([]);
  });
});

describe("readAddressWithPath: an address with more after its port", () => {
  it("reads only the port of a host and port followed by a path", () => {
    expect(ports("api.example.com:8080/orders/12345/items")).toEqual([8080]);
  });

  it("reads IIS's binding's port, not its host header", () => {
    expect(ports("192.168.1.3:443:www.example.com")).toEqual([443]);
  });

  it("reads Compose's published ports after a placeholder host, with their protocol", () => {
    expect(withProtocol('"<YOUR-IP>:53:53/udp"')).toEqual([[53, "UDP"]]);
  });

  it("reads a placeholder host's port", () => {
    expect(ports("curl <ip-of-server>:9182/metrics")).toEqual([9182]);
  });
});

describe("isSrvPort: a DNS SRV record's port", () => {
  it("reads the port after the priority and weight, not those", () => {
    expect(ports("_ldap._tcp.dc._msdcs.corp.example SRV 0 100 389 dc1.corp.example.")).toEqual([389]);
  });

  it("finds the record's type six chunks back", () => {
    expect(ports("SRV record: cache flush 0 0 7000 host.local")).toEqual([7000]);
  });
});

describe("isBeforeWideLabel: a port's label in another script after the number", () => {
  it("reads a number before a Chinese or Japanese label as a port", () => {
    expect(ports("开放 443 端口")).toEqual([443]);
    expect(ports("8080 ポート番号")).toEqual([8080]);
  });
});

describe("isPortForwardArgument: kubectl's port-forward", () => {
  it("reads the port six chunks after port-forward", () => {
    expect(ports("kubectl port-forward tiller-deploy-6 -n kube-system 44134")).toEqual([44134]);
    expect(ports("kubectl port-forward web -n prod --address 0.0.0.0 8080")).toEqual([8080]);
  });
});

describe("isPortElement: an XML element named as a port", () => {
  it("reads a port element's value, not another element's", () => {
    expect(ports('<DestinationPort condition="is">4444</DestinationPort>')).toEqual([4444]);
    expect(ports('<Data Name="Foo">4444</Data>')).toEqual([]);
  });
});

describe("isIcmpRule: a security group rule for ICMP", () => {
  it("reads an ICMP rule's type and code as no ports", () => {
    expect(ports('{"FromPort": 8, "ToPort": 0, "IpProtocol": "icmp"}')).toEqual([]);
  });

  it("keeps a TCP rule's ports when an ICMP rule follows it", () => {
    const json =
      '[{"FromPort": 3389, "ToPort": 3389, "IpProtocol": "tcp"}, {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1}]';
    expect(ports(json)).toEqual([3389]);
    const cli = "--ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22 IpProtocol=icmp,FromPort=-1,ToPort=-1";
    expect(ports(cli)).toEqual([22]);
  });
});

describe("besideMonth: a day beside a month's name", () => {
  it("does not read a month on the next line as the number's", () => {
    expect(ports("Port 25\nMarch 2020 report")).toEqual([25]);
  });
});

describe("guestBefore: Vagrant's guest and host ports", () => {
  it("reads the host port after the guest port, at the text's start", () => {
    expect(ports("guest: 80, host: 8080")).toEqual([80, 8080]);
  });
});

describe("isListMarker: a list's number opening its line", () => {
  it("reads ufw's rule number as no port, up to three digits", () => {
    expect(ports("[ 3] 25                         ALLOW IN    Anywhere")).toEqual([25]);
    expect(ports("[100] 443                       ALLOW IN    Anywhere")).toEqual([443]);
  });

  it("reads a two-digit step number as no port", () => {
    const text = "12. Opened port 1433";
    expect(ports(text)).toEqual([1433]);
    expect(isNonPort(text, 12)).toBe(true);
  });

  it("keeps a port ending a sentence inside a line", () => {
    expect(ports("Set port 22. Then restart")).toEqual([22]);
  });

  it("keeps a port in brackets inside a line", () => {
    expect(ports("open ports: [22]")).toEqual([22]);
  });
});

describe("startsItsLine and newlineBefore: EXPOSE opening its line", () => {
  it("reads EXPOSE indented, and on a later line of a text starting with a newline", () => {
    expect(ports("  EXPOSE 8080 9090")).toEqual([8080, 9090]);
    expect(ports("\nFROM alpine\nEXPOSE 3000 3001\n")).toEqual([3000, 3001]);
  });
});
