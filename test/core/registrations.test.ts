import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_REGISTRATIONS, registrationsFor, searchRules, servicePorts, unopenedPorts } from "../../src/core/index.js";
import { buildServiceIndex, isRegistryLoaded, readIanaEntry, readServiceAliases } from "../../src/core/registrations.js";
import { book } from "../helpers/book.js";

const aliases = (await import("../../data/service-aliases.json", { with: { type: "json" } })).default as {
  aliases: Record<string, string>;
  notServices: string[];
};
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("registrationsFor", () => {
  it("gives IANA's name and description for a port, TCP first", () => {
    expect(registrationsFor([{ from: 5986, to: 5986 }])).toEqual([
      { port: 5986, protocol: "tcp", service: "wsmans", description: "WBEM WS-Management HTTP over TLS/SSL" },
    ]);
  });

  it("gives the asked protocol only, and nothing for ICMP", () => {
    expect(registrationsFor([{ from: 88, to: 88 }], ["UDP"]).map((r) => `${r.port}/${r.protocol} ${r.service}`)).toEqual([
      "88/udp kerberos",
    ]);
    expect(registrationsFor([{ from: 88, to: 88 }], ["TCP", "UDP"])).toHaveLength(2);
    expect(registrationsFor([{ from: 88, to: 88 }], ["ICMPv4"])).toEqual([]);
  });

  it("adds UDP where IANA registers the port to another service or only on UDP", () => {
    const names = (port: number) => registrationsFor([{ from: port, to: port }]).map((r) => `${r.protocol} ${r.service}`);
    expect(names(1434)).toEqual(["tcp ms-sql-m"]); // 1434/udp is ms-sql-m too, so it is not repeated
    expect(names(514)).toEqual(["tcp shell", "udp syslog"]);
    expect(names(270)).toEqual(["udp gist"]);
  });

  it("skips unassigned ports and stops at the cap", () => {
    expect(registrationsFor([{ from: 49152, to: 49152 }])).toEqual([]);
    expect(registrationsFor([{ from: 1, to: 5000 }])).toHaveLength(MAX_REGISTRATIONS);
  });

  it("has read IANA's table once it answered", () => {
    registrationsFor([{ from: 22, to: 22 }]);
    expect(isRegistryLoaded()).toBe(true);
  });
});

describe("readIanaEntry", () => {
  it("reads a port/protocol key and a [name, description] pair, up to port 65535", () => {
    expect(readIanaEntry("22/tcp", ["ssh", "The Secure Shell (SSH) Protocol"])).toEqual({
      port: 22,
      protocol: "tcp",
      service: "ssh",
      description: "The Secure Shell (SSH) Protocol",
    });
    expect(readIanaEntry("65535/udp", ["last", "The last port"])).toEqual({
      port: 65535,
      protocol: "udp",
      service: "last",
      description: "The last port",
    });
  });

  it.each([
    ["a port above 65535", "65536/tcp", ["big", "Too big"]],
    ["a port of six digits", "100000/tcp", ["big", "Too big"]],
    ["SCTP", "22/sctp", ["ssh", "SSH"]],
    ["text before the port", "x22/tcp", ["ssh", "SSH"]],
    ["text after the protocol", "22/tcpx", ["ssh", "SSH"]],
    ["a value that is no pair", "22/tcp", "ssh"],
    ["a name that is no text", "22/tcp", [22, "SSH"]],
    ["a description that is no text", "22/tcp", ["ssh", 22]],
    ["no description", "22/tcp", ["ssh"]],
  ])("reads nothing from %s", (_, key, value) => {
    expect(readIanaEntry(key, value)).toBeUndefined();
  });
});

describe("servicePorts", () => {
  it.each([
    ["kerberos", "kerberos", 88],
    ["ldap", "ldap", 389],
    ["ssh", "ssh", 22],
    ["mssql", "ms-sql-s", 1433],
    ["sql", "ms-sql-s", 1433],
    ["postgres", "postgresql", 5432],
  ])("reads %s as IANA's %s on %i", (word, service, port) => {
    const found = servicePorts(word);
    expect(found?.service).toBe(service);
    expect(found?.ports.map((p) => p.from)).toContain(port);
  });

  it("does not read common words or short ones as services", () => {
    // IANA registers dc and ns, two letters each
    for (const word of ["time", "who", "down", "find", "ad", "dc", "ns", "banana"]) {
      expect(servicePorts(word), word).toBeUndefined();
    }
  });

  it("gives each TCP or UDP port once, in order, and no port registered on SCTP only", () => {
    expect(servicePorts("SSH")).toEqual({ service: "ssh", ports: [{ from: 22, to: 22 }] });
    expect(servicePorts("http-alt")?.ports).toEqual([
      { from: 591, to: 591 },
      { from: 8008, to: 8008 },
      { from: 8080, to: 8080 },
    ]);
    expect(servicePorts("asap-sctp")).toBeUndefined();
  });

  it("every alias names a service IANA registers on TCP or UDP", () => {
    for (const [alias, service] of Object.entries(aliases.aliases)) {
      expect(servicePorts(alias)?.service, alias).toBe(service);
    }
  });
});

describe("buildServiceIndex", () => {
  const noAliases = () => ({ aliases: {}, notServices: [] });

  it("indexes TCP and UDP registrations by lower-case name, each port once and in order", () => {
    const index = buildServiceIndex(
      {
        "8080/tcp": ["Web", "Web, another port"],
        "80/tcp": ["web", "World Wide Web"],
        "80/udp": ["web", "World Wide Web"],
        "443/udp": ["WEB", "Web over UDP"],
      },
      noAliases(),
    );
    expect(servicePorts("web", index)).toEqual({
      service: "web",
      ports: [
        { from: 80, to: 80 },
        { from: 443, to: 443 },
        { from: 8080, to: 8080 },
      ],
    });
  });

  it("leaves out other protocols, empty names, names that are no text and values that are no pair", () => {
    const index = buildServiceIndex(
      {
        "0/tcp": ["", "Reserved"],
        "7/tcp": [7, "Echo"],
        "8/udp": "echo",
        "9/udp": ["discard", "Discard"],
        "9/sctp": ["discard", "Discard"],
        "10/dccp": ["discard", "Discard"],
        "3863/sctp": ["asap-sctp", "asap sctp"],
      },
      noAliases(),
    );
    expect(index.portsByService).toEqual(new Map([["discard", [9]]]));
    expect(servicePorts("asap-sctp", index)).toBeUndefined();
  });

  it("reads an alias first, and never a word that is no service, in any case", () => {
    const index = buildServiceIndex(
      { "37/tcp": ["time", "Time"], "42/tcp": ["nameserver", "Host Name Server"] },
      { aliases: { clock: "time" }, notServices: ["Time"] },
    );
    expect(servicePorts("time", index)).toBeUndefined();
    expect(servicePorts("TIME", index)).toBeUndefined();
    expect(servicePorts("Clock", index)).toEqual({ service: "time", ports: [{ from: 37, to: 37 }] });
    expect(servicePorts("nameserver", index)).toEqual({ service: "nameserver", ports: [{ from: 42, to: 42 }] });
  });
});

describe("ports no default rule uses", () => {
  it("names the ports without a rule and leaves the rule's ports out", () => {
    const { unopened, registered } = unopenedPorts(book, [{ from: 5985, to: 5986 }], []);
    expect(unopened).toEqual([{ port: 5986, protocol: "tcp" }]);
    expect(registered.map((r) => r.service)).toEqual(["wsmans"]);
  });

  it("does not look at ports a keyword covers, or at wide ranges", () => {
    expect(unopenedPorts(book, [{ from: 50000, to: 50000 }], []).unopened).toEqual([]);
    expect(unopenedPorts(book, [{ from: 1, to: 65535 }], []).unopened).toEqual([]);
  });

  it("looks at a range narrower than 64 ports port by port, naming ten at most", () => {
    // no rule and no keyword names a port from 9000 to 9100 (the AWS page's highest named port below 49152 is 23556)
    expect(unopenedPorts(book, [{ from: 9000, to: 9063 }], []).unopened.map((u) => u.port)).toEqual([
      9000, 9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008, 9009,
    ]);
    expect(unopenedPorts(book, [{ from: 9000, to: 9064 }], [])).toEqual({ unopened: [], registered: [] });
  });

  it("leaves out the ports at both ends of a rule's range", () => {
    // Cast to Device names 554, 8554-8558
    expect(unopenedPorts(book, [{ from: 8550, to: 8560 }], []).unopened.map((u) => u.port)).toEqual([
      8550, 8551, 8552, 8553, 8559, 8560,
    ]);
  });

  it("names a port once per asked protocol, and none for a protocol without ports", () => {
    expect(unopenedPorts(book, [{ from: 8080, to: 8080 }], ["TCP", "UDP"]).unopened).toEqual([
      { port: 8080, protocol: "tcp" },
      { port: 8080, protocol: "udp" },
    ]);
    expect(unopenedPorts(book, [{ from: 8080, to: 8080 }], ["ICMPv4"])).toEqual({ unopened: [], registered: [] });
  });

  it("takes the asked protocol, even where IANA has nothing", () => {
    expect(unopenedPorts(book, [{ from: 49151, to: 49151 }], ["UDP"])).toEqual({
      unopened: [{ port: 49151, protocol: "udp" }],
      registered: [],
    });
  });
});

describe("searchRules with IANA", () => {
  it("keeps IANA's registration apart from rules: no result, a registration", () => {
    const answer = searchRules(book, "5986");
    expect(answer.results).toEqual([]);
    expect(answer.registered).toEqual([
      { port: 5986, protocol: "tcp", service: "wsmans", description: "WBEM WS-Management HTTP over TLS/SSL" },
    ]);
  });

  it.each([
    ["kerberos", "88"],
    ["is ldap open", "389"],
    ["sql server", "1433"],
    ["ssh on 2019", "22"],
  ])("reaches %j through IANA's names: port %s", (question, port) => {
    const answer = searchRules(book, question);
    expect(answer.understood.ports).toEqual([port]);
    expect(answer.results).toEqual([]);
    expect(answer.registered.map((r) => String(r.port))).toContain(port);
    expect(answer.understood.summary).toContain("IANA");
  });

  it.each(["dns", "rdp", "smb", "winrm"])("a service the rule data knows, %s, answers with its rules", (word) => {
    const answer = searchRules(book, word);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.understood.services).toEqual([]);
    expect(answer.registered).toEqual([]);
  });

  it("does not read a word beside a known one as a port", () => {
    const answer = searchRules(book, "rdp ssh");
    expect(answer.understood.ports).toEqual([]);
    expect(answer.results.length).toBeGreaterThan(0);
  });

  it("does not read IANA's table for a question about a port with a rule", () => {
    const script = [
      `import { loadRuleBook, searchRules, isRegistryLoaded } from "./src/core/index.ts";`,
      `const book = loadRuleBook();`,
      `const before = searchRules(book, "5985").results.length > 0 && isRegistryLoaded();`,
      `searchRules(book, "5986");`,
      `console.log(JSON.stringify({ before, after: isRegistryLoaded() }));`,
    ].join("\n");
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true });
  });
});

describe("readServiceAliases", () => {
  const good = { aliases: { mssql: "ms-sql-s", "sql-server": "ms-sql-s" }, notServices: ["time", "who"] };

  it("reads the data file's shape: aliases of kebab-case words to a service, and words that are no service", () => {
    expect(readServiceAliases(good)).toEqual(good);
    expect(readServiceAliases(aliases)).toEqual(aliases);
  });

  it.each([
    ["nothing", undefined],
    ["no aliases", { notServices: [] }],
    ["aliases as a list", { aliases: ["mssql"], notServices: [] }],
    ["aliases as null", { aliases: null, notServices: [] }],
    ["a word with a capital", { aliases: { MSSQL: "ms-sql-s" }, notServices: [] }],
    ["a word with a space", { aliases: { "sql server": "ms-sql-s" }, notServices: [] }],
    ["a word ending in a dash", { aliases: { "sql-": "ms-sql-s" }, notServices: [] }],
    ["an empty service", { aliases: { mssql: "" }, notServices: [] }],
    ["a service that is no string", { aliases: { mssql: 1433 }, notServices: [] }],
    ["one bad alias among good ones", { aliases: { mssql: "ms-sql-s", "a b": "x" }, notServices: [] }],
    ["no notServices", { aliases: {} }],
    ["notServices as a string", { aliases: {}, notServices: "time" }],
    ["an empty word in notServices", { aliases: {}, notServices: ["time", ""] }],
    ["a number in notServices", { aliases: {}, notServices: [7] }],
  ])("refuses %s, naming the file", (_, raw) => {
    expect(() => readServiceAliases(raw)).toThrow(/data\/service-aliases\.json: expected/);
  });
});
