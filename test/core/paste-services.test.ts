import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readPasteServices, servicesNamedBy } from "../../src/core/paste-services.js";
import { DataError } from "../../src/core/rule-book.js";

const data = createRequire(import.meta.url)("../../data/paste-services.json") as {
  services: Record<string, unknown>[];
};
const withService = (change: Record<string, unknown>) => ({
  ...data,
  services: [{ ...data.services[0], ...change }, ...data.services.slice(1)],
});

describe("data/paste-services.json", () => {
  it("loads, and a service's related ports are kept apart from its defaults", () => {
    const ldap = readPasteServices(data).services.find((s) => s.name === "LDAP");
    expect(ldap?.ports).toEqual([389]);
    expect(ldap?.related).toEqual(expect.arrayContaining([3268]));
  });

  it("marks telnet as a tool that reaches any port, and no service that listens on its own", () => {
    const services = readPasteServices(data).services;
    expect(services.filter((s) => s.tool).map((s) => s.name)).toEqual(["Telnet"]);
  });

  it.each([
    ["a related port out of range", { related: [70000] }],
    ["related ports that are no list", { related: 3268 }],
    ["no ports", { ports: [] }],
    ["no words", { words: [] }],
    ["a tool mark that is no boolean", { tool: "yes" }],
  ])("is refused with %s", (_, change) => {
    expect(() => readPasteServices(withService(change))).toThrow(DataError);
  });
});

/** The smallest data readPasteServices takes; built per test (a mutant is on only while a test runs). */
function minimal(): Record<string, unknown> {
  return {
    schemes: { https: { port: 443, protocol: "TCP" } },
    unc: { port: 445, protocol: "TCP" },
    sshfsUnc: { port: 22, protocol: "TCP" },
    aclPortNames: { sqlnet: { port: 1521, protocol: "TCP" } },
    services: [{ name: "SSH", words: ["ssh"], ports: [22], protocol: "TCP" }],
  };
}
const withFirst = (change: Record<string, unknown>) => ({ ...minimal(), services: [{ ...minimalService(), ...change }] });
const minimalService = () => ({ name: "SSH", words: ["ssh"], ports: [22], protocol: "TCP" });
const names = (services: readonly { name: string }[]) => services.map((s) => s.name);

describe("readPasteServices: what it reads", () => {
  it("reads schemes, UNC paths and access-list names as ports with their protocol", () => {
    const read = readPasteServices(minimal());
    expect(read.schemes).toEqual(new Map([["https", { port: 443, protocol: "TCP" }]]));
    expect(read.unc).toStrictEqual({ port: 445, protocol: "TCP" });
    expect(read.sshfsUnc).toStrictEqual({ port: 22, protocol: "TCP" });
    expect(read.aclPortNames).toEqual(new Map([["sqlnet", { port: 1521, protocol: "TCP" }]]));
  });

  it("gives a named port with no protocol no protocol field", () => {
    const read = readPasteServices({ ...minimal(), unc: { port: 445 }, schemes: { gc: { port: 3268 } } });
    expect(read.unc).toStrictEqual({ port: 445 });
    expect(read.schemes.get("gc")).toStrictEqual({ port: 3268 });
  });

  it("reads a service with its words in lower case and only the fields it writes", () => {
    const read = readPasteServices(withFirst({ words: ["SSH", "OpenSSH", "Host Key Verification"], protocol: undefined }));
    expect(read.services).toStrictEqual([{ name: "SSH", words: ["ssh", "openssh", "host key verification"], ports: [22] }]);
  });

  it("keeps the protocol, related ports and a tool mark when written, and drops a tool mark of false", () => {
    const ldap = { name: "LDAP", words: ["ldap"], ports: [389], protocol: "TCP", related: [3268, 3269] };
    const telnet = { name: "Telnet", words: ["telnet"], ports: [23], protocol: "TCP", tool: true };
    const ssh = { ...minimalService(), tool: false };
    const read = readPasteServices({ ...minimal(), services: [ldap, telnet, ssh] });
    expect(read.services).toStrictEqual([ldap, telnet, minimalService()]);
  });

  it("reads a service's TLS words, ports, plain and either words in lower case, and only the fields written", () => {
    const winrm = {
      name: "WinRM",
      words: ["winrm"],
      ports: [5985],
      secure: { words: ["HTTPS", "-UseSSL"], ports: [5986], plain: ["HTTP"], either: ["TLS"], bothWhenUnnamed: true },
    };
    const amqp = {
      name: "AMQP",
      words: ["amqp"],
      ports: [5672],
      secure: { words: ["amqps"], ports: [5671], bothWhenUnnamed: false },
    };
    const read = readPasteServices({ ...minimal(), services: [winrm, amqp] });
    expect(read.services[0]?.secure).toStrictEqual({
      words: ["https", "-usessl"],
      ports: [5986],
      plain: ["http"],
      either: ["tls"],
      bothWhenUnnamed: true,
    });
    expect(read.services[1]?.secure).toStrictEqual({ words: ["amqps"], ports: [5671] });
  });

  it("indexes every word by the services it names, a word of two services naming both in order", () => {
    const amqp = { name: "AMQP", words: ["amqp", "rabbitmq"], ports: [5672] };
    const rabbit = { name: "RabbitMQ", words: ["RabbitMQ", "rabbitmqctl"], ports: [5672] };
    const read = readPasteServices({ ...minimal(), services: [amqp, rabbit] });
    expect([...read.byWord.keys()]).toEqual(["amqp", "rabbitmq", "rabbitmqctl"]);
    expect(names(read.byWord.get("rabbitmq") ?? [])).toEqual(["AMQP", "RabbitMQ"]);
    expect(names(read.byWord.get("rabbitmqctl") ?? [])).toEqual(["RabbitMQ"]);
  });

  it("collects the first words of phrases, and the Chinese and Japanese words written without spaces", () => {
    const rdp = {
      name: "RDP",
      words: ["rdp", "remote desktop", "远程桌面", "リモートデスクトップ", "原格 デスク"],
      ports: [3389],
    };
    const smb = { name: "SMB", words: ["net use", "network path", "remotedesktop-like"], ports: [445] };
    const read = readPasteServices({ ...minimal(), services: [rdp, smb] });
    expect(read.phraseStarts).toEqual(new Set(["remote", "原格", "net", "network"]));
    expect(read.gluedWords).toEqual(["远程桌面", "リモートデスクトップ"]);
  });

  it("collects the words that name a transport: TLS words, either words and plain words", () => {
    const winrm = {
      name: "WinRM",
      words: ["winrm"],
      ports: [5985],
      secure: { words: ["https"], ports: [5986], plain: ["http"] },
    };
    const ldap = { name: "LDAP", words: ["ldap"], ports: [389], secure: { words: ["ldaps"], ports: [636], either: ["tls"] } };
    const read = readPasteServices({ ...minimal(), services: [winrm, ldap, minimalService()] });
    expect(read.plainWords).toEqual(new Set(["http"]));
    expect(read.transportWords).toEqual(new Set(["https", "ldaps", "tls", "http"]));
  });

  it("indexes by their first four letters the single words of four letters or more made of letters, digits and _", () => {
    const snmp = {
      name: "SNMP",
      words: ["snmp", "snmpwalk", "snmp trap", "smb", "mount.cifs", "ws-discovery", "zabbix_agentd"],
      ports: [161],
    };
    const read = readPasteServices({ ...minimal(), services: [snmp] });
    expect(read.byPrefix).toEqual(
      new Map([
        ["snmp", ["snmp", "snmpwalk"]],
        ["zabb", ["zabbix_agentd"]],
      ]),
    );
  });

  it("knows every port a service or scheme names: defaults, TLS and related ports, not access-list names or UNC paths", () => {
    const ldap = { name: "LDAP", words: ["ldap"], ports: [389], secure: { words: ["ldaps"], ports: [636] }, related: [3268] };
    const raw = { ...minimal(), services: [ldap, minimalService()], unc: { port: 139 }, schemes: { ftp: { port: 21 } } };
    expect(readPasteServices(raw).knownPorts).toEqual(new Set([389, 636, 3268, 22, 21]));
  });
});

describe("readPasteServices: what it refuses", () => {
  it.each([
    ["no data", undefined],
    ["no schemes", { ...minimal(), schemes: undefined }],
    ["schemes that are a list", { ...minimal(), schemes: [] }],
    ["schemes of null", { ...minimal(), schemes: null }],
    ["no access-list names", { ...minimal(), aclPortNames: undefined }],
    ["access-list names that are a list", { ...minimal(), aclPortNames: [] }],
    ["services that are no list", { ...minimal(), services: {} }],
    ["no UNC port", { ...minimal(), unc: undefined }],
    ["no SSHFS UNC port", { ...minimal(), sshfsUnc: undefined }],
  ])("refuses %s", (_, raw) => {
    expect(() => readPasteServices(raw)).toThrow(DataError);
  });

  it("takes ports from 1 to 65535 with protocol TCP, UDP or none, and refuses any other", () => {
    const withUnc = (unc: unknown) => readPasteServices({ ...minimal(), unc }).unc;
    expect(withUnc({ port: 1 })).toStrictEqual({ port: 1 });
    expect(withUnc({ port: 65535, protocol: "UDP" })).toStrictEqual({ port: 65535, protocol: "UDP" });
    for (const bad of [
      { port: 0 },
      { port: 65536 },
      { port: 44.5 },
      { port: "445" },
      { port: 445, protocol: "tcp" },
      { port: 445, protocol: "SCTP" },
      null,
    ]) {
      expect(() => withUnc(bad), JSON.stringify(bad)).toThrow(DataError);
    }
  });

  it("takes access-list names of lower-case letters, digits and dashes that start with a letter", () => {
    const acl = (name: string) => readPasteServices({ ...minimal(), aclPortNames: { [name]: { port: 139 } } }).aclPortNames;
    for (const name of ["netbios-ss", "h323", "non500-isakmp", "rip"])
      expect(acl(name).get(name), name).toStrictEqual({ port: 139 });
    for (const name of ["NetBIOS-ss", "1abc", "-ident", "netbios_ss", "netbios ss", "sqlnet!", ""]) {
      expect(() => acl(name), name).toThrow(DataError);
    }
    expect(() => readPasteServices({ ...minimal(), aclPortNames: { sqlnet: { port: 0 } } })).toThrow(DataError);
  });

  it("takes URL schemes of RFC 3986's characters that start with a lower-case letter", () => {
    const schemes = (name: string) => readPasteServices({ ...minimal(), schemes: { [name]: { port: 22 } } }).schemes;
    for (const name of ["svn+ssh", "soap.beep", "coap-tcp", "s3"])
      expect(schemes(name).get(name), name).toStrictEqual({ port: 22 });
    for (const name of ["HTTP", "3http", "+ssh", "http:", "ht tp", "http_s", ""])
      expect(() => schemes(name), name).toThrow(DataError);
    expect(() => readPasteServices({ ...minimal(), schemes: { ssh: { port: 70000 } } })).toThrow(DataError);
  });

  it.each([
    ["no entry", null],
    ["no name", { name: undefined }],
    ["an empty name", { name: "" }],
    ["a name that is no string", { name: 7 }],
    ["words that are no list", { words: "ssh" }],
    ["an empty word", { words: ["ssh", ""] }],
    ["a word with spaces around it", { words: [" ssh"] }],
    ["a word that is no string", { words: ["ssh", 22] }],
    ["ports that are no list", { ports: 22 }],
    ["a port of 0", { ports: [0] }],
    ["a port above 65535", { ports: [22, 65536] }],
    ["a protocol in lower case", { protocol: "tcp" }],
    ["a related port of 0 after a good one", { related: [3268, 0] }],
    ["a tool mark that is no boolean", { tool: 1 }],
  ])("refuses a service with %s", (_, change) => {
    const raw = change === null ? { ...minimal(), services: [null] } : withFirst(change);
    expect(() => readPasteServices(raw)).toThrow(DataError);
  });

  it.each([
    ["no TLS words", { ports: [5986] }],
    ["no TLS ports", { words: ["https"] }],
    ["TLS ports that are no list", { words: ["https"], ports: 5986 }],
    ["a TLS port out of range after a good one", { words: ["https"], ports: [5986, 0] }],
    ["plain words that are no list of words", { words: ["https"], ports: [5986], plain: [] }],
    ["a plain word with a space around it", { words: ["https"], ports: [5986], plain: ["http "] }],
    ["either words that are no list of words", { words: ["https"], ports: [5986], either: "tls" }],
    ["a bothWhenUnnamed that is no boolean", { words: ["https"], ports: [5986], bothWhenUnnamed: "yes" }],
    ["secure that is a word", "tls"],
    // (null once threw a TypeError, not the file's error naming the entry)
    ["secure that is null", null],
    ["an empty list of TLS ports", { words: ["https"], ports: [] }],
  ])("refuses a service's TLS with %s", (_, secure) => {
    expect(() => readPasteServices(withFirst({ secure }))).toThrow(DataError);
  });
});

describe("readPasteServices: its refusals say which file and which entry", () => {
  it("names the file and the part of it that is wrong", () => {
    const file = "data/paste-services.json";
    expect(() => readPasteServices({ ...minimal(), services: {} })).toThrow(`${file}: expected { "schemes"`);
    expect(() => readPasteServices({ ...minimal(), unc: { port: 0 } })).toThrow(`${file}: unc needs { "port": 1-65535`);
    expect(() => readPasteServices({ ...minimal(), sshfsUnc: {} })).toThrow(`${file}: sshfsUnc needs { "port"`);
    expect(() => readPasteServices({ ...minimal(), aclPortNames: { "Netbios-SS": { port: 139 } } })).toThrow(
      `${file}: "Netbios-SS" is not a port name`,
    );
    expect(() => readPasteServices({ ...minimal(), aclPortNames: { rip: { port: 520, protocol: "udp" } } })).toThrow(
      `${file}: aclPortNames "rip" needs`,
    );
    expect(() => readPasteServices({ ...minimal(), schemes: { "LDAP:": { port: 389 } } })).toThrow(
      `${file}: "LDAP:" is not a URL scheme`,
    );
    expect(() => readPasteServices({ ...minimal(), schemes: { ldap: {} } })).toThrow(`${file}: scheme "ldap" needs`);
  });

  it("names the service by its place in the list", () => {
    const file = "data/paste-services.json";
    const second = (change: Record<string, unknown>) => ({
      ...minimal(),
      services: [minimalService(), { ...minimalService(), ...change }],
    });
    expect(() => readPasteServices(second({ ports: [] }))).toThrow(`${file}: services[1] needs a name`);
    expect(() => readPasteServices(second({ secure: { words: [] } }))).toThrow(`${file}: services[1].secure needs words`);
  });
});

describe("servicesNamedBy", () => {
  it("names the services of a whole word in any case, a word of two services both", () => {
    expect(names(servicesNamedBy("WinRM"))).toEqual(["WinRM"]);
    expect(names(servicesNamedBy("ldaps"))).toEqual(["LDAPS"]);
    expect(names(servicesNamedBy("RabbitMQ"))).toEqual(["AMQP", "RabbitMQ"]);
  });

  it("gives a list of its own, which the caller may change", () => {
    servicesNamedBy("rabbitmq").pop();
    expect(names(servicesNamedBy("rabbitmq"))).toEqual(["AMQP", "RabbitMQ"]);
  });

  it("names a service whose word of four letters or more starts a longer word: `snmpbulkwalk`, `mdnslookup`", () => {
    expect(names(servicesNamedBy("snmpbulkwalk"))).toEqual(["SNMP"]);
    expect(names(servicesNamedBy("mdnslookup"))).toEqual(["mDNS"]);
    expect(names(servicesNamedBy("ldapdomaindump"))).toEqual(["LDAP"]);
  });

  it("names no service by a word of three letters inside a longer word, or by a word that names none", () => {
    expect(servicesNamedBy("smbios")).toEqual([]);
    expect(servicesNamedBy("sshkeygen")).toEqual([]);
    expect(servicesNamedBy("hello")).toEqual([]);
    expect(servicesNamedBy("ab")).toEqual([]);
  });

  it("names the services of a compound's parts, and of the whole compound by the word it starts with", () => {
    // `dnsmasq` and `dhcp` as parts, and `dnsmasq-dhcp` as a longer word that `dnsmasq` starts
    expect(names(servicesNamedBy("dnsmasq-dhcp"))).toEqual(["DNS", "DHCP", "DNS"]);
    expect(names(servicesNamedBy("ERROR:root:SMB"))).toEqual(["SMB"]);
    expect(names(servicesNamedBy("System.Data.SqlClient"))).toEqual(["SQL Server"]);
    expect(names(servicesNamedBy("[kafka]"))).toEqual(["Kafka"]);
  });

  it("names a service by a part of camelCase or PascalCase: `Get-SmbShare`, `MySqlConnector`", () => {
    expect(names(servicesNamedBy("Get-SmbShare"))).toEqual(["SMB"]);
    expect(names(servicesNamedBy("MySqlConnector"))).toEqual(["MySQL"]);
    expect(names(servicesNamedBy("MyLDAP"))).toEqual(["LDAP"]);
    expect(names(servicesNamedBy("getLdapConnection"))).toEqual(["LDAP"]);
  });

  it("names a service by a part that starts with its word, and by none that only looks like it", () => {
    expect(new Set(names(servicesNamedBy("snmpwalk_v2")))).toEqual(new Set(["SNMP"]));
    expect(names(servicesNamedBy("check-mdnsresponder"))).toEqual(["mDNS"]);
    expect(servicesNamedBy("Invoke-Kerberoast")).toEqual([]);
  });

  it("names a service by a path's last part, whole, once: `/etc/resolv.conf`, `/usr/bin/smbclient`", () => {
    expect(names(servicesNamedBy("/etc/resolv.conf"))).toEqual(["DNS"]);
    expect(names(servicesNamedBy("/resolv.conf"))).toEqual(["DNS"]);
    expect(names(servicesNamedBy("C:\\Windows\\ldp.exe"))).toEqual(["LDAP"]);
    expect(names(servicesNamedBy("/usr/bin/smbclient"))).toEqual(["SMB"]);
    expect(names(servicesNamedBy("/usr/sbin/snmpd"))).toEqual(["SNMP"]);
  });

  it("names no agent by its configuration file: a word with _ starts only a code's next part", () => {
    expect(servicesNamedBy("zabbix_agentd.conf")).toEqual([]);
    expect(servicesNamedBy("/etc/zabbix/zabbix_agentd.conf")).toEqual([]);
    expect(names(servicesNamedBy("NT_STATUS_LOGON_FAILURE"))).toEqual(["SMB"]);
    expect(names(servicesNamedBy("ncacn_np:dc01"))).toEqual(["SMB"]);
    expect(names(servicesNamedBy("zabbix_agentd:"))).toEqual(["Zabbix agent"]);
  });

  it("names the services of Latin words and of Chinese or Japanese words glued into other text", () => {
    expect(names(servicesNamedBy("ssh每次连接都提示"))).toEqual(["SSH"]);
    expect(names(servicesNamedBy("远程桌面连接"))).toEqual(["RDP"]);
    expect(names(servicesNamedBy("リモートデスクトップ接続"))).toEqual(["RDP"]);
    expect(servicesNamedBy("连接失败")).toEqual([]);
    expect(servicesNamedBy("hello世界")).toEqual([]);
  });
});
