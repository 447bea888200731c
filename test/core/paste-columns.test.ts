/**
 * Ports in tables whose header names a port column (src/core/paste-columns.ts), read on their own:
 * which lines are headers, which cell of a row is under the port column, where it stands, and the
 * limits that end a table.
 */
import { describe, expect, it } from "vitest";
import { readColumnPorts } from "../../src/core/paste-columns.js";

const ports = (text: string) => readColumnPorts(text).map((p) => (p.protocol ? `${p.port}/${p.protocol}` : p.port));

/** Where the `nth` (from 0) `word` stands in `text`. */
function spot(text: string, word: string, nth = 0): { from: number; to: number } {
  let at = text.indexOf(word);
  for (let i = 0; i < nth; i++) at = text.indexOf(word, at + 1);
  return { from: at, to: at + word.length };
}

describe("readColumnPorts: a row's cell under the port column", () => {
  it("reads PowerShell's Get-NetTCPConnection: the lower of LocalPort and RemotePort, where its cell stands", () => {
    const text = [
      "LocalAddress  LocalPort RemoteAddress RemotePort State",
      "------------  --------- ------------- ---------- -----",
      "10.0.0.5      3389      10.0.0.9      52718      Established",
      "10.0.0.5      49702     10.0.0.20     443        Established",
    ].join("\n");
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 3389, ...spot(text, "3389") },
      { port: 443, ...spot(text, "443") },
    ]);
  });

  it("gives the first column's cell where both columns hold the same port", () => {
    const text = "LocalPort RemotePort\n445       445\n";
    expect(readColumnPorts(text)).toStrictEqual([{ port: 445, ...spot(text, "445") }]);
  });

  it("reads the protocol column of the row, in any of its spellings", () => {
    const text = "Protocol LocalPort RemotePort\nTCP      445       50123\nudp6     137       -\nICMP     0         -\n";
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 445, protocol: "TCP", ...spot(text, "445") },
      { port: 137, protocol: "UDP", ...spot(text, "137") },
    ]);
  });

  it("keeps ports from 1 to 65535, in whole numbers", () => {
    expect(ports("Port Service\n0 none\n1 tcpmux\n65535 x\n65536 y\n123456 z\n")).toEqual([1, 65535]);
    expect(ports("Name Port\nweb 22.5\n")).toEqual([]);
  });

  it("gives no protocol where the row has no cell under the protocol column", () => {
    const text = "Protocol LocalPort RemotePort State\n         445       50123     Listen\n";
    expect(readColumnPorts(text)).toStrictEqual([{ port: 445, ...spot(text, "445") }]);
  });

  it("reads every cell of a row with the header's count by its index, wherever it stands", () => {
    // PowerShell right-aligns numbers under left-aligned names
    const text = "Port  Service\n    22  ssh\n";
    expect(readColumnPorts(text)).toStrictEqual([{ port: 22, ...spot(text, "22") }]);
  });

  it("reads a row with empty cells by the cell that overlaps the header's column", () => {
    const header = "LocalAddress LocalPort RemoteAddress RemotePort State  AppliedSetting OwningProcess";
    const row = `${"0.0.0.0".padEnd(13)}${"3389".padEnd(10)}${"0.0.0.0".padEnd(14)}${"0".padEnd(11)}${"Listen".padEnd(22)}1044`;
    const text = `${header}\n${row}\n`;
    expect(readColumnPorts(text)).toStrictEqual([{ port: 3389, ...spot(text, "3389") }]);
  });

  it("takes a cell that overlaps the header's column by one character, not one that only touches it", () => {
    // `Port` stands at columns 5 to 9; the rows have one cell fewer than the header
    expect(ports("Name Port State\nweb     22\n")).toEqual([22]);
    expect(ports("Name Port State\nweb      22\n")).toEqual([]);
    expect(ports("Port Name State\n   22 web\n")).toEqual([22]);
    expect(ports("Name Port State\n   22 web\n")).toEqual([]);
  });

  it("reads a row that lacks up to three of its header's cells, not prose with more or fewer", () => {
    expect(ports("Port Service\n22 a b c d\n")).toEqual([22]);
    expect(ports("Port Service\n22 a b c d e\n")).toEqual([]);
    expect(ports("Port A B C\n22\n")).toEqual([22]);
    expect(ports("Port A B C D\n22\n")).toEqual([]);
  });

  it("reads IIS's `#Fields:` header, whose cells start after `#Fields:`", () => {
    const text = [
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip",
      "2017-07-18 00:09:01 172.18.40.65 GET /healthcheck.html - 443 - 172.18.1.11",
    ].join("\n");
    expect(readColumnPorts(text)).toStrictEqual([{ port: 443, ...spot(text, "443") }]);
  });

  it("reads the port columns that name a port: s-port, dport, LPORT, ContainerPort, destinationport, port(s)", () => {
    for (const name of ["s-port", "dport", "LPORT", "rport", "ContainerPort", "ServerPort", "destinationport", "Ports"]) {
      expect(ports(`Name ${name}\nweb 8443\n`)).toEqual([8443]);
    }
  });
});

describe("readColumnPorts: rows whose ports are all read", () => {
  it("reads netsh's `show excludedportrange`: both ends of each reserved range", () => {
    const text = [
      "",
      "Protocol tcp Port Exclusion Ranges",
      "",
      "Start Port    End Port",
      "----------    --------",
      "      1080        1080",
      "     50000       50059     *",
      "",
      "* - Administered port exclusions.",
      "",
    ].join("\r\n");
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 1080, ...spot(text, "1080") },
      { port: 1080, ...spot(text, "1080", 1) },
      { port: 50000, ...spot(text, "50000") },
      { port: 50059, ...spot(text, "50059") },
    ]);
  });

  it("reads both ports of a mapping (`HostPort  ContainerPort`)", () => {
    const text = "HostPort  ContainerPort\n8080      80\n";
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 8080, ...spot(text, "8080") },
      { port: 80, from: text.lastIndexOf("80"), to: text.lastIndexOf("80") + 2 },
    ]);
  });

  it("reads a FromPort/ToPort range only where it is one port", () => {
    expect(ports("FromPort  IpProtocol  ToPort\n22        tcp         22\n1024      tcp         65535\n")).toEqual(["22/TCP"]);
  });

  it("reads each port of Kubernetes' `PORT(S)` cell, service and node port, with its protocol", () => {
    const text = [
      "NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE",
      "kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP                  5d",
      "web          NodePort    10.96.12.34    <none>        8080:31112/TCP,443/TCP   2d",
      "dns          ClusterIP   10.96.0.10     <none>        53/UDP,9153/TCP          5d",
      "sctp         ClusterIP   10.96.0.11     <none>        5000/SCTP                5d",
    ].join("\n");
    const web = spot(text, "8080:31112/TCP,443/TCP");
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 443, protocol: "TCP", ...spot(text, "443/TCP") },
      { port: 8080, protocol: "TCP", ...web },
      { port: 31112, protocol: "TCP", ...web },
      { port: 443, protocol: "TCP", ...web },
      { port: 53, protocol: "UDP", ...spot(text, "53/UDP,9153/TCP") },
      { port: 9153, protocol: "TCP", ...spot(text, "53/UDP,9153/TCP") },
      { port: 5000, ...spot(text, "5000/SCTP") },
    ]);
  });

  it("drops a service port out of range, and reads no cell that is not a list of ports", () => {
    expect(ports("NAME PORT(S)\nweb 0:80/TCP\n")).toEqual(["80/TCP"]);
    expect(ports("NAME PORT(S)\nweb 1/TCP,65535/UDP\n")).toEqual(["1/TCP", "65535/UDP"]);
    expect(ports("NAME PORT(S)\nweb 99999/TCP\n")).toEqual([]);
    expect(ports("NAME PORT(S)\nweb 443/TCP,http\n")).toEqual([]);
    expect(ports("NAME PORT(S)\nweb 443/ICMP\n")).toEqual([]);
  });
});

describe("readColumnPorts: what is a header", () => {
  it("takes a Markdown table's header, its cells between bars", () => {
    expect(ports("| Port | Service |\n|------|---------|\n| 22 | ssh |\n| 3389 | rdp |\n")).toEqual([22, 3389]);
  });

  it("takes no line with fewer than two cells, or more than 40", () => {
    expect(ports("Port\n22\n")).toEqual([]);
    const names = Array.from({ length: 39 }, (_, i) => `c${i}`);
    const values = Array.from({ length: 39 }, () => "x");
    expect(ports(`Port ${names.join(" ")}\n22 ${values.join(" ")}\n`)).toEqual([22]);
    expect(ports(`Port ${names.join(" ")} c39\n22 ${values.join(" ")} x\n`)).toEqual([]);
  });

  it("takes no sentence: a cell after the first that ends with a colon", () => {
    expect(ports("The port we use:\n  8080  tcp\n")).toEqual([]);
  });

  it("takes no line with a number as a header", () => {
    expect(ports("Name Port\nweb 8080\nPort 9090\n")).toEqual([8080, 9090]);
  });

  it("reads rows only under a header, and only a line that names a port can be one", () => {
    expect(ports("Name Service\nweb 8080\n")).toEqual([]);
    expect(ports("web 8080\nName Port\n")).toEqual([]);
  });
});

describe("readColumnPorts: where a table ends", () => {
  it("holds the header over one blank line (pfirewall.log) and over rule lines, not over two blank lines", () => {
    expect(ports("Name Port\n\nweb 8080\n")).toEqual([8080]);
    expect(ports("Name Port\n----  ----\n\nweb 8080\n")).toEqual([8080]);
    expect(ports("Name Port\n+====+====+\n\nweb 8080\n")).toEqual([8080]);
    expect(ports("Name Port\n\n\nweb 8080\n")).toEqual([]);
  });

  it("ends the table at a blank line after its rows", () => {
    expect(ports("Name Port\nweb 8080\n\ndb 5432\n")).toEqual([8080]);
    expect(ports("Name Port\nweb 8080\n   \t\ndb 5432\n")).toEqual([8080]);
  });

  it("takes a line over 1000 characters as blank", () => {
    const row = (length: number) => `web${" ".repeat(length - 7)}8080`;
    expect(row(1000)).toHaveLength(1000);
    expect(ports(`Port Name\n22 a\n${row(1000)}\n23 b\n`)).toEqual([22, 23]);
    expect(ports(`Port Name\n22 a\n${row(1001)}\n23 b\n`)).toEqual([22]);
  });

  it("reads at most 500 rows under one header, and again under a new one", () => {
    const rows = Array.from({ length: 600 }, (_, i) => `web ${1000 + i}`).join("\n");
    const read = ports(`Name Port\n${rows}\n`);
    expect(read).toHaveLength(500);
    expect(read.at(-1)).toBe(1499);
    expect(ports(`Name Port\n${rows}\nName Port\nweb 22\n`).at(-1)).toBe(22);
  });

  it("reads a text that ends without a line break, and one that ends with one", () => {
    expect(ports("Name Port\nweb 8080")).toEqual([8080]);
    expect(ports("Name Port\r\nweb 8080\r\n")).toEqual([8080]);
    expect(ports("\nName Port\nweb 8080\n")).toEqual([8080]);
  });
});

/** Windows Firewall's pfirewall.log: its header and two records. */
function pfirewall(): { header: string; tcp: string; udp: string } {
  return {
    header:
      "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path",
    tcp: "2005-11-20 11:43:41 DROP TCP 10.0.0.1 10.0.0.2 4000 445 48 S 1 0 65535 - - - RECEIVE",
    udp: "2005-11-20 11:43:45 DROP UDP 10.0.0.1 10.0.0.2 137 137 78 - - - - - - - RECEIVE",
  };
}

describe("readColumnPorts: a W3C log whose lines were joined", () => {
  it("reads Windows Firewall's pfirewall.log as written, one record a line", () => {
    const { header, tcp, udp } = pfirewall();
    const text = `#Version: 1.5\n#Software: Microsoft Windows Firewall\n${header}\n\n${tcp}\n${udp}\n`;
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 445, protocol: "TCP", ...spot(text, "445") },
      { port: 137, protocol: "UDP", ...spot(text, "137", 1) },
    ]);
  });

  it("starts each record again on a line of its own, the positions as in the text given", () => {
    const { header, tcp, udp } = pfirewall();
    const text = `#Version: 1.5 #Software: Microsoft Windows Firewall ${header} ${tcp} ${udp}`;
    expect(readColumnPorts(text)).toStrictEqual([
      { port: 445, protocol: "TCP", ...spot(text, "445") },
      { port: 137, protocol: "UDP", ...spot(text, "137", 1) },
    ]);
    const first = `${header} ${tcp} ${udp}\nnext line\n`;
    expect(readColumnPorts(first)).toStrictEqual([
      { port: 445, protocol: "TCP", ...spot(first, "445") },
      { port: 137, protocol: "UDP", ...spot(first, "137", 1) },
    ]);
  });

  it("measures the joined line alone, not the text after it", () => {
    const { header, tcp, udp } = pfirewall();
    const after = "a line of the page after the log\n".repeat(1000);
    expect(ports(`${header} ${tcp} ${udp}\n${after}`)).toEqual(["445/TCP", "137/UDP"]);
  });

  it("unfolds a joined line up to 20,000 characters long from its `#Fields:`", () => {
    const { header } = pfirewall();
    const record = (i: number) => `2005-11-20 11:43:41 DROP TCP 10.0.0.1 10.0.0.2 4000 ${1000 + i} 48 S 1 0 65535 - - - RECEIVE`;
    // the last record's last cell fills the line to the length asked for
    const last = "2005-11-20 11:43:41 DROP TCP 10.0.0.1 10.0.0.2 4000 80 48 S 1 0 65535 - - -";
    const joined = (length: number) => {
      let line = header;
      for (let i = 0; line.length + record(i).length + last.length + 4 <= length; i++) line += ` ${record(i)}`;
      return `${line} ${last} ${"R".repeat(length - line.length - last.length - 2)}`;
    };
    const software = "#Version: 1.5 #Software: Microsoft Windows Firewall ";
    expect(joined(20_000)).toHaveLength(20_000);
    expect(ports(software + joined(20_000)).at(-1)).toBe("80/TCP");
    expect(joined(20_001)).toHaveLength(20_001);
    expect(ports(software + joined(20_001))).toEqual([]);
  });
});
