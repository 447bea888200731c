/**
 * Addresses with ports as logs write them (src/core/paste-addresses.ts), read on their own: which
 * chunks are `host:port`, `address.port`, `address:service`, and which look like one but are not.
 */
import { describe, expect, it } from "vitest";
import {
  dottedPort,
  hostPort,
  hostService,
  isHostLike,
  isIpv4Shape,
  isPortDigits,
  isTupleAddress,
  netstatAny,
  servicePort,
  validIpv4,
} from "../../src/core/paste-addresses.js";

describe("validIpv4", () => {
  it("takes four octets of 0 to 255, nothing else", () => {
    expect(validIpv4("10.0.0.5")).toBe(true);
    expect(validIpv4("0.0.0.0")).toBe(true);
    expect(validIpv4("255.255.255.255")).toBe(true);
    expect(validIpv4("256.0.0.1")).toBe(false);
    expect(validIpv4("10.0.0.300")).toBe(false);
    expect(validIpv4("10.0.0")).toBe(false);
    expect(validIpv4("10.0.0.5.1")).toBe(false);
    expect(validIpv4("web01")).toBe(false);
  });
});

describe("validIpv4 and isIpv4Shape: every way a dotted quad can be malformed", () => {
  it("refuses empty groups, a fourth digit, a sign, a space, a fifth group and non-ASCII digits", () => {
    for (const text of ["", "...", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.", "1.2.3.4.5", "1234.1.1.1", "1.2.3.0004"]) {
      expect(validIpv4(text), text).toBe(false);
      expect(isIpv4Shape(text), text).toBe(false);
    }
    for (const text of ["+1.2.3.4", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1.2.3.a", "1:2.3.4", "١.٢.٣.٤"]) {
      expect(validIpv4(text), text).toBe(false);
      expect(isIpv4Shape(text), text).toBe(false);
    }
  });

  it("tells a quad whose octet is over 255 (a shape, not an address) from an address", () => {
    for (const text of ["256.1.1.1", "1.256.1.1", "1.1.256.1", "1.1.1.256", "999.999.999.999"]) {
      expect(isIpv4Shape(text), text).toBe(true);
      expect(validIpv4(text), text).toBe(false);
    }
    for (const text of ["0.0.0.0", "1.2.3.4", "255.255.255.255", "010.001.000.009", "192.168.100.200"]) {
      expect(isIpv4Shape(text), text).toBe(true);
      expect(validIpv4(text), text).toBe(true);
    }
  });
});

describe("isPortDigits: one to five ASCII digits", () => {
  it("takes 1 to 5 digits, in range or not", () => {
    for (const text of ["0", "7", "80", "443", "5985", "65535", "99999", "00080"]) expect(isPortDigits(text), text).toBe(true);
  });

  it("refuses nothing, six digits, signs, spaces, letters and other scripts' digits", () => {
    for (const text of ["", "123456", "-80", "+80", " 80", "80 ", "8O", "80a", "0x50", "٨٠", "８０"])
      expect(isPortDigits(text), text).toBe(false);
  });
});

describe("hostPort: host:port", () => {
  it("reads an IPv4 address, a host name, a bracketed IPv6 address and a key glued before the host", () => {
    expect(hostPort("10.0.0.5:3389")).toBe(3389);
    expect(hostPort("web01:8080")).toBe(8080);
    // a name of hex digits only is no IPv6 address without a colon in it
    expect(hostPort("db1:5432")).toBe(5432);
    expect(hostPort("dc01.corp.example:389")).toBe(389);
    expect(hostPort("[::1]:8080")).toBe(8080);
    expect(hostPort("[10.0.0.5]:443")).toBe(443);
    expect(hostPort("addr:10.0.0.10:80")).toBe(80);
    expect(hostPort("addr:web01:80")).toBe(80);
    expect(hostPort("admin@web01:22")).toBe(22);
    expect(hostPort("server=db01:5432")).toBe(5432);
    expect(hostPort("/v:srv01:3389")).toBe(3389);
    expect(hostPort("(db01:5432")).toBe(5432);
    expect(hostPort("Transport0[web01:445")).toBe(445);
    expect(hostPort("Transport0[HOST/10.0.0.5:445")).toBe(445);
    expect(hostPort("[AF_INET]165.227.143.71:1194")).toBe(1194);
  });

  it("takes the host after the last separator of a URL, not its first key", () => {
    expect(hostPort("jdbc:postgresql://db01:5432")).toBe(5432);
  });

  it("keeps ports from 1 to 65535 only, in up to five digits", () => {
    expect(hostPort("web01:1")).toBe(1);
    expect(hostPort("web01:65535")).toBe(65535);
    expect(hostPort("web01:0")).toBeUndefined();
    expect(hostPort("web01:65536")).toBeUndefined();
    expect(hostPort("web01:123456")).toBeUndefined();
    expect(hostPort("web01:http")).toBeUndefined();
    expect(hostPort("web01:")).toBeUndefined();
    expect(hostPort("web01")).toBeUndefined();
    expect(hostPort(":80")).toBeUndefined();
  });

  it("reads Redis's database after the port (`@0`), not a longer tail", () => {
    expect(hostPort("127.0.0.1:6379@0")).toBe(6379);
    expect(hostPort("127.0.0.1:6379@15")).toBe(6379);
    expect(hostPort("127.0.0.1:6379@123")).toBeUndefined();
  });

  it("reads dig's and BIND's `address#port` after an IPv4 address only", () => {
    expect(hostPort("127.0.0.53#53")).toBe(53);
    expect(hostPort("10.0.0.5#52311")).toBe(52311);
    expect(hostPort("10.0.0.5#1")).toBe(1);
    expect(hostPort("10.0.0.5#65535")).toBe(65535);
    expect(hostPort("10.0.0.5#0")).toBeUndefined();
    expect(hostPort("10.0.0.5#65536")).toBeUndefined();
    expect(hostPort("10.0.0.5#53a")).toBeUndefined();
    expect(hostPort("web01#53")).toBeUndefined();
  });

  it("reads IPv6's any address (`:::443`) and CoreDNS's root zone (`.:53`), in range", () => {
    expect(hostPort(":::443")).toBe(443);
    expect(hostPort(":::1")).toBe(1);
    expect(hostPort(":::65535")).toBe(65535);
    expect(hostPort(":::0")).toBeUndefined();
    expect(hostPort(":::65536")).toBeUndefined();
    expect(hostPort(".:53")).toBe(53);
    expect(hostPort(".:0")).toBeUndefined();
  });

  it("reads a hop of proxychains' chain (`-127.0.0.1:9050`)", () => {
    expect(hostPort("-127.0.0.1:9050")).toBe(9050);
    expect(hostPort("-web01:9050")).toBeUndefined();
  });

  it("reads four numbers as an IPv4 address, valid or not, never as a masked one", () => {
    for (const text of ["256.300.1.1:80", "addr:999.1.1.1:80", "-999.0.0.1:9050", "10.0.0.256:445"])
      expect(hostPort(text), text).toBeUndefined();
    expect(hostPort("255.255.255.255:80")).toBe(80);
  });

  it("reads a host masked whole or in part, bare or after a key", () => {
    expect(hostPort("***.69:2379")).toBe(2379);
    // a URL's authority: `http://.70:2380`
    expect(hostPort(".70:2380")).toBe(2380);
    expect(hostPort("x.x.x.12:80")).toBe(80);
    expect(hostPort("addr:x.x.x.12:80")).toBe(80);
    expect(hostPort("host=***.69:2379")).toBe(2379);
    expect(hostPort("addr:***.69:2379")).toBe(2379);
    // (a time after a key stays no host: digits alone after the colon)
    expect(hostPort("at:12:30")).toBeUndefined();
    expect(hostPort("***:22")).toBe(22);
    expect(hostPort("*:80")).toBe(80);
    // http.sys's strong wildcard: `netsh http add urlacl url=http://+:80/`
    expect(hostPort("http://+:80")).toBe(80);
  });

  it("reads a bracket that holds an address, a placeholder, a mask or a variable, never a log's tag", () => {
    expect(hostPort("[fe80::1%12]:22")).toBe(22);
    expect(hostPort("[<ip>]:22")).toBe(22);
    expect(hostPort("[x.x.x.x]:22")).toBe(22);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable left unexpanded in a config, as pasted
    expect(hostPort("[${HOST_IP}]:8080")).toBe(8080);
    expect(hostPort("[IP censored]:3389")).toBe(3389);
    expect(hostPort("[REDACTED]:3389")).toBe(3389);
    expect(hostPort("[MY_DC]:445")).toBe(445);
    expect(hostPort("helpers.js [sm]:97")).toBeUndefined();
    expect(hostPort("[worker]:97")).toBeUndefined();
    expect(hostPort("web]:97")).toBeUndefined();
  });
});

describe("hostPort: what looks like host:port and is not", () => {
  it("refuses a time and an unbracketed IPv6 address", () => {
    expect(hostPort("12:30:45")).toBeUndefined();
    expect(hostPort("fe80::1:5985")).toBeUndefined();
    expect(hostPort("::ffff:a0:1")).toBeUndefined();
  });

  it("refuses a number after a key's colon that is no IPv4 address, and a name after `::`", () => {
    expect(hostPort("v:1.2:80")).toBeUndefined();
    expect(hostPort("Socket::connect:120")).toBeUndefined();
  });

  it("refuses Node.js's own modules in a stack trace", () => {
    expect(hostPort("node:events:371")).toBeUndefined();
    expect(hostPort("node:internal/streams/destroy:157")).toBeUndefined();
  });

  it("refuses an interface's alias", () => {
    expect(hostPort("eth0:1")).toBeUndefined();
    expect(hostPort("ens33:2")).toBeUndefined();
    expect(hostPort("enp0s3:1")).toBeUndefined();
    expect(hostPort("wlp2s0:1")).toBeUndefined();
    expect(hostPort("docker0:25")).toBeUndefined();
    expect(hostPort("lo:25")).toBeUndefined();
  });

  it("refuses a number before the colon, a file's line and a class's line", () => {
    expect(hostPort("1234:80")).toBeUndefined();
    expect(hostPort("server.js:42")).toBeUndefined();
    expect(hostPort("app.py:120")).toBeUndefined();
    expect(hostPort("Transport:568")).toBeUndefined();
    expect(hostPort("com.example.Transport:568")).toBeUndefined();
    expect(hostPort("SmbTransportPoolImpl:93")).toBeUndefined();
  });

  it("refuses a printed struct's field and a program's mixed-case identifier", () => {
    expect(hostPort("{MaxSpansPerPayload:1000")).toBeUndefined();
    expect(hostPort("maxSpansPerPayload:1000")).toBeUndefined();
    expect(hostPort("SELOG_migrate_to_0:71")).toBeUndefined();
    // a Compose service has underscores but no capitals
    expect(hostPort("web_app:8080")).toBe(8080);
  });

  it("refuses a label whose number is no port, in any case", () => {
    expect(hostPort("line:42")).toBeUndefined();
    expect(hostPort("LINE:42")).toBeUndefined();
  });

  it("reads a port label's number however small", () => {
    expect(hostPort("port:5986")).toBe(5986);
    expect(hostPort("port:5")).toBe(5);
    expect(hostPort("dport:7")).toBe(7);
  });

  it("refuses a plain word before a number under 20 (a field: `type:3`), not from 20 on", () => {
    expect(hostPort("web:3")).toBeUndefined();
    expect(hostPort("web:19")).toBeUndefined();
    expect(hostPort("web:20")).toBe(20);
    expect(hostPort("retrydelay:5")).toBeUndefined();
    expect(hostPort("web01:3")).toBe(3);
    expect(hostPort("db-primary:7")).toBe(7);
  });
});

describe("hostService: address:service", () => {
  it("reads netstat's and ss's service names after an any address, localhost or an IPv4 address", () => {
    expect(hostService("0.0.0.0:nfs")).toBe(2049);
    expect(hostService("*:bootpc")).toBe(68);
    expect(hostService("[::]:ssh")).toBe(22);
    expect(hostService("localhost:domain")).toBe(53);
    expect(hostService("LOCALHOST:domain")).toBe(53);
    expect(hostService("10.0.0.5:microsoft-ds")).toBe(445);
    expect(hostService("*:SSH")).toBe(22);
  });

  it("drops ss's interface scope before the colon", () => {
    expect(hostService("127.0.0.53%lo:domain")).toBe(53);
    expect(hostService("192.168.71.131%ens33:bootpc")).toBe(68);
  });

  it("takes any host name only where asked (a netstat row)", () => {
    expect(hostService("ip-172-31-20-40.eu-:ssh")).toBeUndefined();
    expect(hostService("ip-172-31-20-40.eu-:ssh", true)).toBe(22);
    expect(hostService("web_01:ssh", true)).toBeUndefined();
    expect(hostService("-web01:ssh", true)).toBeUndefined();
  });

  it("refuses numbers, one letter, unknown names and a missing host", () => {
    expect(hostService("*:22")).toBeUndefined();
    expect(hostService("*:s")).toBeUndefined();
    expect(hostService("*:nosuchservicehere")).toBeUndefined();
    expect(hostService("999.0.0.1:ssh")).toBeUndefined();
    expect(hostService(":ssh", true)).toBeUndefined();
    expect(hostService("ssh")).toBeUndefined();
  });
});

describe("servicePort", () => {
  it("gives IANA's port of a service name, in any case", () => {
    expect(servicePort("microsoft-ds")).toBe(445);
    expect(servicePort("domain")).toBe(53);
    expect(servicePort("BOOTPC")).toBe(68);
    expect(servicePort("nosuchservicehere")).toBeUndefined();
  });
});

describe("dottedPort: address.port", () => {
  it("reads tcpdump's and BSD netstat's numbered ports after an address", () => {
    expect(dottedPort("10.0.0.5.52718", false)).toStrictEqual({ port: 52718, named: false });
    expect(dottedPort("*.3389", false)).toStrictEqual({ port: 3389, named: false });
    expect(dottedPort("fe80::1.22", false)).toStrictEqual({ port: 22, named: false });
    expect(dottedPort("web01.corp.5985", false)).toStrictEqual({ port: 5985, named: false });
  });

  it("reads a service's name only where asked, in any case", () => {
    expect(dottedPort("server.example.com.ldap", true)).toStrictEqual({ port: 389, named: true });
    expect(dottedPort("10.0.0.5.HTTPS", true)).toStrictEqual({ port: 443, named: true });
    expect(dottedPort("server.example.com.ldap", false)).toBeUndefined();
    expect(dottedPort("10.0.0.5.nosuchservicehere", true)).toBeUndefined();
  });

  it("keeps ports from 1 to 65535", () => {
    expect(dottedPort("10.0.0.5.1", false)).toStrictEqual({ port: 1, named: false });
    expect(dottedPort("10.0.0.5.65535", false)).toStrictEqual({ port: 65535, named: false });
    expect(dottedPort("10.0.0.5.0", false)).toBeUndefined();
    expect(dottedPort("10.0.0.5.65536", false)).toBeUndefined();
  });

  it("refuses what is no address: a version, an invalid IPv4 address, words with spaces, no dot", () => {
    expect(dottedPort("1.2.80", true)).toBeUndefined();
    expect(dottedPort("300.0.0.1.80", true)).toBeUndefined();
    expect(dottedPort("my host.80", true)).toBeUndefined();
    expect(dottedPort("10.0.0.5.", true)).toBeUndefined();
    expect(dottedPort("80", true)).toBeUndefined();
  });
});

describe("netstatAny", () => {
  it("reads Linux netstat's `:::port` and `:::service`", () => {
    expect(netstatAny(":::22")).toBe(22);
    expect(netstatAny(":::ssh")).toBe(22);
    expect(netstatAny(":::SSH")).toBe(22);
  });

  it("refuses fewer colons, a star and no port", () => {
    expect(netstatAny("::22")).toBeUndefined();
    expect(netstatAny(":::*")).toBeUndefined();
    expect(netstatAny(":::")).toBeUndefined();
    expect(netstatAny(":::nosuchservicehere")).toBeUndefined();
  });
});

describe("isHostLike", () => {
  it("takes a valid IPv4 address, a dotted name, a name with a digit, localhost", () => {
    expect(isHostLike("10.0.0.5")).toBe(true);
    expect(isHostLike("dc01.corp.example")).toBe(true);
    expect(isHostLike("www.example.com")).toBe(true);
    expect(isHostLike("web01")).toBe(true);
    expect(isHostLike("Web-01")).toBe(true);
    expect(isHostLike("k8s-node")).toBe(true);
    // netstat cuts a long name to fit its column
    expect(isHostLike("ip-172-31-20-40.eu-")).toBe(true);
    expect(isHostLike("localhost")).toBe(true);
    expect(isHostLike("LocalHost")).toBe(true);
  });

  it("refuses an invalid IPv4 address, a plain word, a number, options, paths and ports", () => {
    expect(isHostLike("256.0.0.1")).toBe(false);
    expect(isHostLike("example")).toBe(false);
    expect(isHostLike("1.2")).toBe(false);
    expect(isHostLike("01web")).toBe(false);
    expect(isHostLike("9web01")).toBe(false);
    // host names have no underscores
    expect(isHostLike("web01_x")).toBe(false);
    expect(isHostLike("")).toBe(false);
    expect(isHostLike("-web01")).toBe(false);
    expect(isHostLike("web01/x")).toBe(false);
    expect(isHostLike("web01:80")).toBe(false);
    expect(isHostLike("my host.com")).toBe(false);
  });

  it("takes up to 100 characters", () => {
    expect(isHostLike(`${"a".repeat(99)}1`)).toBe(true);
    expect(isHostLike(`${"a".repeat(100)}1`)).toBe(false);
  });
});

describe("isTupleAddress", () => {
  it("takes IPv4, IPv6 with `::` or eight groups, and host names", () => {
    expect(isTupleAddress("10.0.0.5")).toBe(true);
    expect(isTupleAddress("::ffff:10.0.0.5")).toBe(true);
    expect(isTupleAddress("::1")).toBe(true);
    expect(isTupleAddress("fe80:0:0:0:0:0:0:1")).toBe(true);
    expect(isTupleAddress("web01")).toBe(true);
  });

  it("refuses a time, an address with a port, seven groups and an invalid IPv4 address", () => {
    expect(isTupleAddress("11:38:40")).toBe(false);
    expect(isTupleAddress("10.0.0.1:2888")).toBe(false);
    expect(isTupleAddress("1:2:3:4:5:6:7")).toBe(false);
    expect(isTupleAddress("999.0.0.1")).toBe(false);
  });
});
