/**
 * Log records with a fixed field order (src/core/paste-records.ts), read on their own: VPC Flow
 * Logs, IIS, pfSense's filterlog, Zeek, `ufw status`, and NAT forwarding rules: which field is
 * which port, and where the record and its fields stand.
 */
import { describe, expect, it } from "vitest";
import { readForwardRules, readRecordPorts } from "../../src/core/paste-records.js";

const destinations = (text: string) => readRecordPorts(text).map((r) => r.destinationPort);

describe("readRecordPorts: VPC Flow Logs (default format)", () => {
  it("reads both ports and the protocol's number of a TCP or UDP record, the whole line as the record", () => {
    const tcp =
      "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
    expect(readRecordPorts(tcp)).toStrictEqual([
      { sourcePort: 20641, destinationPort: 22, protocol: "TCP", from: 0, to: tcp.length },
    ]);
    const udp = "2 unknown eni-1a2b3c4d 10.0.0.5 10.0.0.2 53124 53 17 1 70 1620000000 1620000060 REJECT OK";
    expect(readRecordPorts(udp)).toStrictEqual([
      { sourcePort: 53124, destinationPort: 53, protocol: "UDP", from: 0, to: udp.length },
    ]);
  });

  it("reads no port of an ICMP record, nor of a record with no data", () => {
    expect(
      readRecordPorts("2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 0 0 1 4 336 1432917027 1432917142 ACCEPT OK"),
    ).toEqual([]);
    expect(readRecordPorts("2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA")).toEqual([]);
  });

  it("reads a record indented or ending with a carriage return, each line at its own place", () => {
    const first =
      "  2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\r";
    const second =
      "\t2 123456789010 eni-1235b8ca123456789 172.31.16.21 172.31.16.139 22 20641 6 20 4249 1418530010 1418530070 ACCEPT OK";
    const text = `${first}\n${second}\n`;
    expect(readRecordPorts(text)).toStrictEqual([
      { sourcePort: 20641, destinationPort: 22, protocol: "TCP", from: 0, to: first.length },
      { sourcePort: 22, destinationPort: 20641, protocol: "TCP", from: first.length + 1, to: first.length + 1 + second.length },
    ]);
  });
});

describe("readRecordPorts: IIS's W3C log (default fields)", () => {
  it("reads the server port of a record", () => {
    const line = "2017-07-18 00:09:01 172.18.40.65 GET /healthcheck.html - 443 - 172.18.1.11 ELB-HealthChecker/2.0 - 200 0 0 0";
    expect(readRecordPorts(line)).toStrictEqual([{ destinationPort: 443, from: 0, to: line.length }]);
  });

  it("reads a record whose addresses were masked when posted, never one with a log's tag there", () => {
    expect(destinations("2015-06-08 04:19:25 <IP Address> GET / - 80 - [IP censored] Mozilla/5.0 - 200 0 0 15")).toEqual([80]);
    expect(destinations("2015-06-08 04:19:25 10.0.0.5 GET / - 80 - <client> Mozilla/5.0 - 200 0 0 15")).toEqual([80]);
    expect(destinations("2015-06-08 04:19:25 [INFO] GET / - 80 - 10.0.0.9 Mozilla/5.0 - 200 0 0 15")).toEqual([]);
  });

  it("reads a record after a label that names it, from where the record starts", () => {
    const text = "IIS Logs:  2015-06-08 04:19:25 10.0.0.5 GET / - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 0 15";
    expect(readRecordPorts(text)).toStrictEqual([{ destinationPort: 443, from: 11, to: text.length }]);
  });

  it("reads a record quoted as code in Markdown, from its backtick", () => {
    const text = "note\n`2016-12-10 03:47:14 10.0.0.5 POST /api - 8443 - 10.0.0.9 curl/7.68.0 - 200 0 0 31`\n";
    expect(readRecordPorts(text)).toStrictEqual([{ destinationPort: 8443, from: 5, to: text.length - 1 }]);
  });

  it("reads IIS's FTP log: the server port after the server address", () => {
    const line =
      "2022-10-05 10:43:56 172.16.1.1 user1 192.168.2.2 21 ControlChannelClosed - - 0 0 8124db49-68d2-461c-a95b-d92ad1e8af15 -";
    expect(readRecordPorts(line)).toStrictEqual([{ destinationPort: 21, from: 0, to: line.length }]);
  });
});

describe("readRecordPorts: ufw status", () => {
  it("reads each rule's port and protocol, numbered or not, IPv6's too", () => {
    const text = [
      "Status: active",
      "",
      "     To                         Action      From",
      "     --                         ------      ----",
      "[ 1] 22/tcp                     ALLOW IN    Anywhere",
      "[ 2] 80                         ALLOW IN    Anywhere",
      "[ 3] 53/udp (v6)                DENY IN     Anywhere (v6)",
    ].join("\n");
    expect(readRecordPorts(text).map(({ destinationPort, protocol }) => ({ destinationPort, protocol }))).toStrictEqual([
      { destinationPort: 22, protocol: "TCP" },
      { destinationPort: 80, protocol: undefined },
      { destinationPort: 53, protocol: "UDP" },
    ]);
    const second = text.indexOf("[ 2]");
    expect(readRecordPorts(text)[1]).toStrictEqual({ destinationPort: 80, from: second, to: text.indexOf("\n", second) });
  });

  it("reads a rule without numbers; no range, no single-spaced prose, no iptables rule", () => {
    expect(destinations("3389                       ALLOW       Anywhere\n")).toEqual([3389]);
    expect(destinations("9090/tcp                   ALLOW       Anywhere\n")).toEqual([9090]);
    expect(destinations("1:65535/tcp                ALLOW       Anywhere\n")).toEqual([]);
    expect(destinations("80 ALLOW Anywhere\n")).toEqual([]);
    expect(destinations("9    REJECT     tcp  --  anywhere             anywhere\n")).toEqual([]);
  });
});

describe("readRecordPorts: pfSense's and OPNsense's filterlog", () => {
  it("reads an IPv4 record's ports and protocol, where the match and the CSV's fields stand", () => {
    const csv =
      "5,,,1000000103,em0,match,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,80,0,S,1234567890,,64240,,mss";
    const text = `Jan  1 00:00:00 pfSense filterlog[12345]: ${csv}`;
    const fields = text.indexOf(csv);
    const block = text.indexOf("block");
    expect(readRecordPorts(text)).toStrictEqual([
      {
        sourcePort: 42970,
        destinationPort: 80,
        protocol: "TCP",
        from: block,
        to: text.indexOf(",80,") + 4,
        line: { from: fields, to: text.length },
      },
    ]);
  });

  it("reads an IPv6 record, and a record whose ports end the line", () => {
    const csv = "4,,,1000000001,igb0,match,pass,out,6,0x00,0x00000,64,udp,17,65,fe80::1,ff02::fb,5353,5353";
    const text = `filterlog[4127]: ${csv}\n`;
    expect(readRecordPorts(text)).toStrictEqual([
      {
        sourcePort: 5353,
        destinationPort: 5353,
        protocol: "UDP",
        from: text.indexOf("pass"),
        to: text.length - 1,
        line: { from: text.indexOf(csv), to: text.length - 1 },
      },
    ]);
  });

  it("reads only lines that name filterlog, each found past the one before", () => {
    const csv = "5,,,1000000103,em0,match,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,80,0,S";
    expect(readRecordPorts(`pfSense filterlog:\n${csv}\n`)).toEqual([]);
    expect(readRecordPorts(`filterlog:\n${csv}\n`)).toEqual([]);
    expect(readRecordPorts(csv)).toEqual([]);
    expect(readRecordPorts(`${csv}\nfilterlog: ${csv}\n`).map((r) => r.from)).toEqual([
      csv.length + 1 + 11 + csv.indexOf("block"),
    ]);
    expect(readRecordPorts(`\nfilterlog: ${csv}`).map((r) => r.from)).toEqual([1 + 11 + csv.indexOf("block")]);
    const udp = csv.replace(",6,tcp,", ",17,udp,");
    const text = `filterlog: ${csv}\nfilterlog: ${udp}\n`;
    expect(readRecordPorts(text).map((r) => `${r.destinationPort}/${r.protocol}@${r.from}`)).toEqual([
      `80/TCP@${text.indexOf("block")}`,
      `80/UDP@${text.lastIndexOf("block")}`,
    ]);
  });
});

describe("readRecordPorts: Zeek's logs", () => {
  it("reads the ports typed `port`: the responder's the destination, the originator's the source", () => {
    const row = "1320279566.452687\tCHhAvVGS1DHFjwGM9\t10.0.0.5\t49352\t10.0.0.9\t389\ttcp\tldap\t0.1";
    const text = [
      "#separator \\x09",
      "#path\tconn",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval",
      row,
      "#close\t2019-01-01-00-00-01",
    ].join("\n");
    const from = text.indexOf(row);
    expect(readRecordPorts(text)).toStrictEqual([
      {
        destinationPort: 389,
        sourcePort: 49352,
        protocol: "TCP",
        from,
        to: from + row.length,
        line: { from, to: from + row.length },
      },
    ]);
  });

  it("reads every column typed `port`, and no other number", () => {
    const text = [
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tdata_channel.resp_p",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tport",
      "1.0\tC1\t10.0.0.5\t50000\t10.0.0.9\t21\t7\t40123",
    ].join("\r\n");
    expect(readRecordPorts(text).map((r) => [r.sourcePort, r.destinationPort, r.protocol])).toEqual([
      [50000, 21, undefined],
      [50000, 40123, undefined],
    ]);
  });

  it("takes the port columns by their names where there is no `#types` line", () => {
    const text = "#fields\tts\tid.orig_p\tid.resp_p\tproto\tport_count\n1.0\t50000\t53\tudp\t9\n";
    expect(readRecordPorts(text).map((r) => [r.sourcePort, r.destinationPort, r.protocol])).toEqual([[50000, 53, "UDP"]]);
  });

  it("skips an unset or out-of-range port, and gives no source port where it is unset", () => {
    const text = [
      "#fields\tid.orig_p\tid.resp_p",
      "-\t443",
      "0\t8443",
      "50000\t-",
      "50001\t0",
      "50002\t65536",
      "50003\t65535",
      "50004\t1",
    ].join("\r\n");
    expect(readRecordPorts(text).map((r) => [r.sourcePort, r.destinationPort])).toEqual([
      [undefined, 443],
      [undefined, 8443],
      [50003, 65535],
      [50004, 1],
    ]);
    expect(readRecordPorts(text)[0]).not.toHaveProperty("sourcePort");
  });

  it("ends the log at a row of another width, at `#close` and at another `#` line; rows past it are other text", () => {
    expect(destinations("#fields\tid.orig_p\tid.resp_p\n1\t22\n1\t22\textra\n1\t23\n")).toEqual([22]);
    expect(destinations("#fields\tid.orig_p\tid.resp_p\n1\t22\n#close\t2019\n1\t23\n")).toEqual([22]);
    expect(destinations("#fields\tid.orig_p\tid.resp_p\n1\t22\n#end\n1\t23\n")).toEqual([22]);
    // a header that starts the log again
    expect(destinations("#fields\tid.orig_p\tid.resp_p\n1\t22\n#fields\tid.resp_p\n23\n")).toEqual([22, 23]);
  });

  it("skips a row over 8000 characters and reads on", () => {
    const row = (length: number, port: number) => `1\t${port}\t${"q".repeat(length - 3 - String(port).length)}`;
    expect(row(8000, 22)).toHaveLength(8000);
    expect(destinations(`#fields\tid.orig_p\tid.resp_p\tquery\n${row(8000, 22)}\n${row(8001, 23)}\n1\t24\tq\n`)).toEqual([
      22, 24,
    ]);
  });

  it("reads the line that ends the log as any other line", () => {
    const flow =
      "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 3389 6 20 4249 1418530010 1418530070 ACCEPT OK";
    expect(destinations(`#fields\tid.orig_p\tid.resp_p\n1\t22\n${flow}\n`)).toEqual([22, 3389]);
  });

  it("needs `#fields` and a tab, as Zeek writes them", () => {
    expect(destinations("#fields ts id.orig_p id.resp_p\n1.0 50000 22\n")).toEqual([]);
    expect(destinations("#Fields\tid.orig_p\tid.resp_p\n50000\t22\n")).toEqual([]);
  });

  it("reads at most 1000 rows of a log", () => {
    const rows = Array.from({ length: 1100 }, (_, i) => `1\t${1000 + i}`).join("\n");
    const read = destinations(`#fields\tid.orig_p\tid.resp_p\n${rows}\n`);
    expect(read).toHaveLength(1000);
    expect(read.at(-1)).toBe(1999);
  });

  it("takes a `#fields` line of at most 200 fields", () => {
    const names = (n: number) => ["id.resp_p", ...Array.from({ length: n - 1 }, (_, i) => `f${i}`)].join("\t");
    const cells = (n: number) => ["22", ...Array.from({ length: n - 1 }, () => "x")].join("\t");
    expect(destinations(`#fields\t${names(200)}\n${cells(200)}\n`)).toEqual([22]);
    expect(destinations(`#fields\t${names(201)}\n${cells(201)}\n`)).toEqual([]);
  });

  it("reads at most six port columns of a row", () => {
    const names = Array.from({ length: 8 }, (_, i) => `p${i}_port`).join("\t");
    const cells = Array.from({ length: 8 }, (_, i) => `${100 + i}`).join("\t");
    expect(destinations(`#fields\t${names}\n${cells}\n`)).toEqual([100, 101, 102, 103, 104, 105]);
  });

  it("takes SOCKS' bound port and a `src` port as a source", () => {
    const text = "#fields\tbound_p\tsrc_port\tdst_port\n40000\t50000\t1080\n-\t50001\t1080\n";
    expect(readRecordPorts(text).map((r) => [r.sourcePort, r.destinationPort])).toEqual([
      [40000, 1080],
      [50001, 1080],
    ]);
  });
});

describe("readRecordPorts: what is no record", () => {
  it("reads nothing in prose, in a line over 8000 characters, or in an empty text", () => {
    expect(readRecordPorts("")).toEqual([]);
    expect(readRecordPorts("the firewall dropped 22 packets\n")).toEqual([]);
    const flow =
      "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
    expect(destinations(`${flow}${" ".repeat(8000 - flow.length)}`)).toEqual([22]);
    expect(destinations(`${flow}${" ".repeat(8001 - flow.length)}`)).toEqual([]);
    expect(destinations(`${"a line of prose\n".repeat(1000)}${flow}`)).toEqual([22]);
    const iis = "2015-06-08 04:19:25 10.0.0.5 GET / - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 0 15";
    expect(destinations(`IIS Logs:  ${iis}`)).toEqual([443]);
    expect(destinations(`IIS Logs:  ${iis} ${"x".repeat(8000)}`)).toEqual([]);
  });
});

describe("readForwardRules", () => {
  it("reads VirtualBox's `--natpf1` rule from its name to its guest port", () => {
    const text = 'VBoxManage modifyvm "win" --natpf1 "guestrdp,tcp,127.0.0.1,3390,10.0.2.15,3389"';
    const from = text.indexOf("guestrdp");
    expect(readForwardRules(text)).toStrictEqual([
      { hostPort: 3390, guestPort: 3389, protocol: "TCP", from, to: text.lastIndexOf("3389") + 4 },
    ]);
    expect(readForwardRules('--natpf1 "dns,UDP,,5353,,53"')).toStrictEqual([
      { hostPort: 5353, guestPort: 53, protocol: "UDP", from: 10, to: 27 },
    ]);
  });

  it("reads a rule's name of at most 40 characters, and a rule at the text's start", () => {
    const name = "a".repeat(45);
    const text = `${name},tcp,,2222,,22`;
    expect(readForwardRules(text)[0]?.from).toBe(5);
    expect(readForwardRules("ssh,tcp,,2222,,22")[0]?.from).toBe(0);
  });

  it("needs a rule's name before the protocol (`,tcp,` alone is any CSV)", () => {
    expect(readForwardRules('--natpf1 ",tcp,,2222,,22"')).toEqual([]);
  });

  it("reads QEMU's `hostfwd=`, each rule of a netdev", () => {
    const text = "-netdev user,id=net0,hostfwd=tcp::2222-:22,hostfwd=UDP:127.0.0.1:5353-10.0.2.15:53";
    expect(readForwardRules(text)).toStrictEqual([
      { hostPort: 2222, guestPort: 22, protocol: "TCP", from: text.indexOf("hostfwd"), to: text.indexOf(",hostfwd=UDP") },
      { hostPort: 5353, guestPort: 53, protocol: "UDP", from: text.indexOf("hostfwd=UDP"), to: text.length },
    ]);
  });

  it("keeps ports from 1 to 65535 at both ends", () => {
    const rule = (host: number, guest: number) => readForwardRules(`r,tcp,,${host},,${guest}`).length;
    expect(rule(1, 65535)).toBe(1);
    expect(rule(65535, 1)).toBe(1);
    expect(rule(0, 22)).toBe(0);
    expect(rule(22, 0)).toBe(0);
    expect(rule(65536, 22)).toBe(0);
    expect(rule(22, 65536)).toBe(0);
  });

  it("reads the rule after one that is not one, and no port glued to a word", () => {
    expect(readForwardRules("a,tcp,x,b,tcp,,8080,,80").map((r) => r.hostPort)).toEqual([8080]);
    expect(readForwardRules("ssh,tcp,,2222,,22abc")).toEqual([]);
  });

  it("reads at most 50 rules", () => {
    const text = Array.from({ length: 60 }, (_, i) => `--natpf1 "r${i},tcp,,${2000 + i},,22"`).join(" ");
    const rules = readForwardRules(text);
    expect(rules).toHaveLength(50);
    expect(rules.at(-1)?.hostPort).toBe(2049);
  });
});
