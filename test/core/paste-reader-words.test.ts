/**
 * PasteReader's readers of chunks without digits, through readPaste: Cisco access lists' port
 * operators (readAclOperand, endsAclAddress, aclPort), iptables' and firewalld's service names,
 * clients' switches (`dig @server`, `xfreerdp /g:`), service words and the transports they name
 * (readServiceWords, isSwitchedOff), URLs and UNC paths.
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const read = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? "", f.how] as const);

describe("readAclOperand: Cisco access lists", () => {
  it("reads `eq` after a host's address, with the entry's protocol, from the operator", () => {
    expect(
      readPaste("access-list 101 permit tcp any host 10.0.0.5 eq 3389").found.map((f) => [f.port, f.protocol, f.snippet]),
    ).toEqual([[3389, "TCP", "eq 3389"]]);
  });

  it("reads the ports and names after one `eq`: a name as named, a number as written (written first)", () => {
    expect(read("access-list 101 permit tcp any any eq www 443")).toEqual([
      [443, "TCP", "written"],
      [80, "TCP", "named"],
    ]);
  });

  it("reads at most ten ports after one `eq`", () => {
    expect(ports("access-list 101 permit tcp any any eq 1 2 3 4 5 6 7 8 9 10 11")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("reads `range low high` as a range", () => {
    expect(read("access-list 101 permit tcp any any range 5985 5986")).toEqual([
      [5985, "TCP", "written"],
      [5986, "TCP", "written"],
    ]);
  });

  it("reads a bound (`gt 1023`, `lt 1024`) as no port", () => {
    expect(ports("access-list 101 permit tcp any any gt 1023")).toEqual([]);
    expect(ports("access-list 101 permit udp any any lt 1024")).toEqual([]);
  });

  it("reads an address part ending in `any`, a wildcard mask, a prefix, an object group or a name", () => {
    expect(read("permit udp any 10.0.0.0/24 eq 53")).toEqual([[53, "UDP", "written"]]);
    expect(ports("permit tcp 10.1.2.0 0.0.0.255 any eq 22")).toEqual([22]);
    expect(ports("permit tcp any object-group DST eq 443")).toEqual([443]);
    expect(ports("permit tcp any webserver eq www")).toEqual([80]);
    expect(ports("permit tcp any WEB-SERVER eq 8080")).toEqual([8080]);
  });

  it("reads ASA's `port-object` and Huawei's `destination-port`", () => {
    expect(read("port-object eq ssh")).toEqual([[22, "", "named"]]);
    expect(read("rule 5 permit tcp destination-port eq 3389")).toEqual([[3389, "TCP", "written"]]);
  });

  it("reads another match's `eq` (`ttl eq 10`) and prose's (`the count eq 5`) as no port", () => {
    expect(ports("access-list 101 permit tcp any any eq 22 ttl eq 10")).toEqual([22]);
    expect(ports("the count eq 5")).toEqual([]);
  });
});

describe("iptables' and firewalld's service names", () => {
  it("reads `dpt:name` with the protocol before it", () => {
    expect(read("ACCEPT udp -- anywhere anywhere udp dpt:openvpn")).toEqual([[1194, "UDP", "named"]]);
  });

  it("reads a list of names after `dports`", () => {
    expect(read("ACCEPT tcp -- anywhere anywhere multiport dports http,https,pop3")).toEqual([
      [80, "", "named"],
      [443, "", "named"],
      [110, "", "named"],
    ]);
  });

  it("reads firewalld's `services:` line: each name's port", () => {
    expect(read("public (active)\n  services: dhcpv6-client ssh http")).toEqual([
      [546, "", "named"],
      [22, "", "named"],
      [80, "", "named"],
    ]);
  });

  it("reads no service list outside firewalld's output", () => {
    expect(ports("services: dhcpv6-client ssh http").includes(546)).toBe(false);
  });
});

describe("clients' switches", () => {
  it("reads dig's `@server` as DNS", () => {
    expect(ports("dig +short myip.opendns.com @resolver1.opendns.com")).toEqual([53]);
  });

  it("reads a person's `@name` after dig's word as no server", () => {
    expect(ports("can you dig into it @sam")).toEqual([]);
  });

  it("reads `@server` far from dig, or on another line, as no server", () => {
    expect(ports("dig a b c d e f g h i @10.0.0.2")).toEqual([]);
    expect(ports("dig example.com\nping @10.0.0.2")).toEqual([]);
  });

  it("reads xfreerdp's `/g:` as its gateway: HTTPS", () => {
    expect(ports("xfreerdp /g:gw.example.com").includes(443)).toBe(true);
  });
});

describe("readServiceWords: services and their transports", () => {
  it("reads a service named with neither transport by both its ports (WinRM)", () => {
    expect(read("WinRM cannot complete the operation")).toEqual([
      [5985, "TCP", "service"],
      [5986, "TCP", "service"],
    ]);
  });

  it("reads a transport named with the service: its port alone", () => {
    expect(ports("WinRM over HTTPS failed")).toEqual([5986]);
    expect(ports("WinRM over HTTP failed")).toEqual([5985]);
  });

  it("reads TLS turned off (`-UseSSL:$false`, `use_ssl = false`) as the plain transport", () => {
    expect(ports("Enter-PSSession -UseSSL:$false to WinRM")).toEqual([5985]);
    expect(ports("winrm use_ssl = false")).toEqual([5985]);
  });

  it("reads advice to use a transport as both transports", () => {
    expect(ports("WinRM: the HTTPS transport must be used")).toEqual([5985, 5986]);
  });

  it("reads `multicast dns` as mDNS, not DNS", () => {
    expect(ports("multicast dns blocked")).toEqual([5353]);
  });

  it("reads ODBC's `Driver={SQL Server}` as SQL Server", () => {
    expect(ports("Driver={SQL Server};Server=db01")).toEqual([1433]);
  });
});

describe("readUrl and readUnc", () => {
  it("reads a URL's port, from its scheme to its authority", () => {
    expect(readPaste("GET http://host:8080/path?q=1").found.map((f) => [f.port, f.snippet])).toEqual([
      [8080, "http://host:8080"],
    ]);
  });

  it("reads a URL without a port by its scheme's port, as named", () => {
    expect(read("see https://gw.example/")).toEqual([[443, "TCP", "named"]]);
    expect(read("secured ldaps:// does not work")).toEqual([[636, "TCP", "named"]]);
  });

  it("reads Kibana's all-addresses host `0` and Kafka's listener names", () => {
    expect(ports("open http://0:5601")).toEqual([5601]);
    expect(ports("LISTENER_BOB://kafka0:29092")).toEqual([29092]);
  });

  it("reads a UNC path as SMB, and SSHFS-Win's as SSH", () => {
    expect(readPaste("net use \\\\fs01\\share").found.map((f) => [f.port, f.protocol, f.how, f.snippet])).toEqual([
      [445, "TCP", "named", "\\\\fs01\\share"],
    ]);
    expect(read("mount \\\\sshfs\\user@host")).toEqual([[22, "TCP", "named"]]);
  });
});

describe("readers of words: more of their forms", () => {
  it("reads tcpdump's named source written without digits, to an ephemeral port", () => {
    expect(
      readPaste("IP ldapserver.corp.ldap > 10.0.0.5.50123: Flags [P.]").found.map((f) => [f.port, f.how, f.snippet]),
    ).toEqual([[389, "named", "ldapserver.corp.ldap > 10.0.0.5.50123"]]);
  });

  it("reads iptables' `dpt:name` with a name no service has as no port", () => {
    expect(ports("ACCEPT tcp -- anywhere anywhere tcp dpt:notaservice")).toEqual([]);
  });

  it("reads a host and a port's name (`localhost:https`) as named", () => {
    expect(read("connect to localhost:https")).toEqual([[443, "", "named"]]);
  });

  it("reads an access list's operator from its keyword: `range` to its high end, `eq` to each port", () => {
    expect(readPaste("access-list 101 permit tcp any any range 5985 5986").found.map((f) => f.snippet)).toEqual([
      "range 5985 5986",
      "range 5985 5986",
    ]);
    expect(readPaste("access-list 101 permit tcp any any eq 22 443").found.map((f) => f.snippet)).toEqual(["eq 22", "443"]);
  });

  it("reads an object's name after `host`, written in lower case", () => {
    expect(ports("access-list 101 permit tcp any host webserver eq 22")).toEqual([22]);
  });

  it("reads a service's name outside `dports` in iptables' output as no port", () => {
    expect(ports("ACCEPT tcp -- anywhere anywhere tcp dpt:ssh /* from www */")).toEqual([22]);
  });

  it("reads each name of a `dports` list from the label", () => {
    expect(readPaste("ACCEPT tcp -- anywhere anywhere multiport dports http,https").found.map((f) => f.snippet)).toEqual([
      "dports http",
      "dports http,https",
    ]);
  });

  it("reads firewalld's listing: its ports and its services, nothing of its other lines", () => {
    const listing = [
      "public (active)",
      "  target: default",
      "  icmp-block-inversion: no",
      "  interfaces: eth0",
      "  services: dhcpv6-client ssh",
      "  ports: 8080/tcp",
      "  forward: no",
      "  masquerade: no",
    ].join("\n");
    expect(read(listing)).toEqual([
      [8080, "TCP", "written"],
      [546, "", "named"],
      [22, "", "named"],
    ]);
  });

  it("reads dig's server up to eight words after dig, from the word before it", () => {
    expect(ports("dig a b c d e f g @10.0.0.2")).toEqual([53]);
    expect(readPaste("dig +short myip.opendns.com @resolver1.opendns.com").found.map((f) => f.snippet)).toEqual([
      "myip.opendns.com @resolver1.opendns.com",
    ]);
  });

  it("reads xfreerdp's `/g:` with no gateway after it as no gateway", () => {
    expect(ports("xfreerdp /g: /v:host").includes(443)).toBe(false);
  });

  it("reads a compound denying another thing than TLS (`non-domain`) as no transport", () => {
    expect(ports("WinRM to a non-domain computer fails")).toEqual([5985, 5986]);
  });

  it("reads advice that names no transport (`Kerberos must be used`) as no transport's", () => {
    expect(ports("WinRM: Kerberos must be used")).toEqual([5985, 5986, 88]);
  });

  it("reads a broken URL (`://` with no scheme) as nothing", () => {
    expect(ports("see ://broken link")).toEqual([]);
  });

  it("reads a WinRM endpoint's URL (no path, `/wsman`, a query) as naming HTTPS", () => {
    for (const url of ["https://dc01", "https://dc01/wsman", "https://dc01/wsman?PSVersion=5.1"]) {
      const found = ports(`WinRM to ${url} failed`);
      expect(found).toContain(5986);
      expect(found).not.toContain(5985);
    }
  });

  it("reads a UNC path's snippet to its host and 40 characters after it, within its chunk", () => {
    expect(readPaste("net use \\\\fs01\\share /persistent:yes").found[0]?.snippet).toBe("\\\\fs01\\share");
    const long = "\\\\fs01\\departments\\finance\\reports\\2026\\quarterly\\final";
    expect(readPaste(`open ${long} now`).found[0]?.snippet).toBe(long.slice(0, 2 + 4 + 40));
  });
});
