/**
 * PasteReader's label readers, through readPaste: a label glued to its number (readGluedLabel:
 * `port:5986`, `dpt3389`, `端口3389`) and a label standing before it (labelBefore: flags, `ufw
 * allow`, netsh's `start=`, Vagrant's `host:`, `Listening on`, sshd's `from <ip> port`, settings).
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const found = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? "", f.snippet] as const);
const isNonPort = (text: string, n: number) => readPaste(text).nonPorts.has(n);

describe("readGluedLabel: a label and its number in one chunk", () => {
  it("reads `port:N`, `/port:N` and `port#N` as the port, the chunk as its snippet", () => {
    expect(found("mstsc /v:host /port:3388")).toEqual([[3388, "", "/port:3388"]]);
    expect(found("listener port#5986 up")).toEqual([[5986, "", "port#5986"]]);
  });

  it("reads a label with a doubled separator (`port::N`) by the label before it", () => {
    expect(ports("config port::8443 loaded")).toEqual([8443]);
  });

  it("reads a destination label glued to its number (`dpt3389`) with the protocol before it", () => {
    expect(found("udp dpt161 accepted")).toEqual([[161, "UDP", "dpt161"]]);
  });

  it("reads a non-port label's number (`timeout:30`) as no port", () => {
    const text = "request timeout:30 reached";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 30)).toBe(true);
  });

  it("reads nothing from a word and digits that are no label (`build2019`, `abc123`)", () => {
    expect(ports("see abc1234 and v2")).toEqual([]);
  });

  it("reads no number of more than five digits after a label (`port:123456`)", () => {
    expect(ports("port:123456 refused")).toEqual([]);
  });

  it("reads an identifier opening with `_` as no label (`_port3389`)", () => {
    expect(ports("at _port3389 in module")).toEqual([]);
  });

  it("reads a source label glued to a well-known number as a port", () => {
    expect(ports("sport:53 accepted")).toEqual([53]);
  });
});

describe("readGluedLabel: labels in Chinese, Japanese and Korean", () => {
  it("reads a port after a CJK label, and the protocol glued before the label", () => {
    expect(found("开放端口3389")).toEqual([[3389, "", "开放端口3389"]]);
    expect(found("放行TCP端口3389")).toEqual([[3389, "TCP", "放行TCP端口3389"]]);
    expect(found("UDP連接埠號碼500")).toEqual([[500, "UDP", "UDP連接埠號碼500"]]);
  });

  it("reads the protocol written before the chunk when none is glued", () => {
    expect(found("udp 端口53")).toEqual([[53, "UDP", "端口53"]]);
  });

  it("reads two ports joined before one label (`2379和2380端口`)", () => {
    expect(ports("开放2379和2380端口")).toEqual([2379, 2380]);
  });

  it("reads a port before the label (`3389端口`)", () => {
    expect(ports("开放3389端口")).toEqual([3389]);
  });

  it("reads a bound (`小于1024`) after a label as no port", () => {
    expect(ports("监听小于1024的端口")).toEqual([]);
  });

  it("reads a count after a label (`监听了3次`, listened three times) as no port", () => {
    const text = "监听了3次";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 3)).toBe(true);
  });

  it("reads a number glued to a counter or a unit (`30天`, `5초`) as no port", () => {
    expect(isNonPort("保留30天", 30)).toBe(true);
    expect(isNonPort("대기 5초", 5)).toBe(true);
    expect(ports("保留30天")).toEqual([]);
  });

  it("reads Korean's `80번 포트` (port number 80), the label after a space", () => {
    expect(found("80번 포트 열기")).toEqual([[80, "", "80번 포트"]]);
  });

  it("reads no port from a numbered word with no port label after it", () => {
    expect(ports("80번 서버")).toEqual([]);
  });
});

describe("labelBefore: flags", () => {
  it("reads `-p N` and `--port N` as a port, from the flag", () => {
    expect(found("ssh -p 2222 admin@host")).toEqual([[2222, "", "-p 2222"]]);
    expect(found("xfreerdp --port 3390")).toEqual([[3390, "", "--port 3390"]]);
  });

  it("reads a count's or a wait's flag right before a number as no port (`-n 4`, `-w 3`)", () => {
    const text = "ping -n 4 -w 3 10.0.0.5";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 4)).toBe(true);
    expect(isNonPort(text, 3)).toBe(true);
  });

  it("reads sqlcmd's `-P` as its password, mysql's `-P` as its port", () => {
    // (sqlcmd names SQL Server: its own port, 1433, stands for it)
    const sqlcmd = "sqlcmd -S db01 -U sa -P 1234";
    expect(ports(sqlcmd)).toEqual([1433]);
    expect(isNonPort(sqlcmd, 1234)).toBe(true);
    expect(ports("mysql -h db01 -P 3306 -u root")).toEqual([3306]);
  });

  it("reads xargs' `-P` as how many run at once", () => {
    const text = "cat hosts | xargs -P 20 curl";
    expect(ports(text)).toEqual([]);
    expect(isNonPort(text, 20)).toBe(true);
  });

  it("reads nc's run-together flags ending in `p` as its port's flag", () => {
    expect(found("nc -lvnp 4444")).toEqual([[4444, "", "-lvnp 4444"]]);
  });

  it("reads a PowerShell parameter with Port inside its name", () => {
    expect(found("Set-NetFirewallThing -StaticPortForIPAll 14339")).toEqual([[14339, "", "-StaticPortForIPAll 14339"]]);
  });
});

describe("labelBefore: commands and settings", () => {
  it("reads ufw's verb as the port's label", () => {
    expect(found("sudo ufw allow 5432")).toEqual([[5432, "", "allow 5432"]]);
    expect(found("sudo ufw deny 80")).toEqual([[80, "", "deny 80"]]);
  });

  it("reads ufw's list with its protocol after the last port: every port's", () => {
    expect(readPaste("sudo ufw allow 25,110,143/tcp").found.map((f) => [f.port, f.protocol])).toEqual([
      [25, "TCP"],
      [110, "TCP"],
      [143, "TCP"],
    ]);
  });

  it("reads netsh's dynamic range: its start a port, its size no port", () => {
    const text = "netsh int ipv4 set dynamicport tcp start=49152 num=16384";
    expect(readPaste(text).found.map((f) => [f.port, f.protocol, f.snippet])).toEqual([[49152, "TCP", "tcp start=49152"]]);
    expect(isNonPort(text, 16384)).toBe(true);
  });

  it("reads `start=` outside a dynamic-port command as no label", () => {
    expect(ports("job start=49152 ok")).toEqual([]);
  });

  it("reads Vagrant's `guest:` and `host:` ports", () => {
    expect(ports('config.vm.network "forwarded_port", guest: 3389, host: 55985')).toEqual([3389, 55985]);
  });

  it("reads `Listening on N` and Tcl's `listen N`, never netstat's `LISTENING N` (an inode)", () => {
    expect(ports("Server Listening on 3666")).toEqual([3666]);
    expect(ports("listen 2222 all")).toEqual([2222]);
    expect(ports("unix  2  [ ACC ]  STREAM  LISTENING  6135")).toEqual([]);
  });

  it("reads frp's `local_port = N` and `remote_port = N` settings as two ports, not one connection", () => {
    expect(ports("[rdp]\ntype = tcp\nlocal_port = 445\nremote_port = 10445")).toEqual([445, 10445]);
  });

  it("reads iptables' `SPT=` and `DPT=` as one connection: the destination", () => {
    expect(ports("IN=eth0 PROTO=TCP SPT=51515 DPT=1025")).toEqual([1025]);
  });

  it("reads netsh's `Number of Ports : N` as a count, not a port", () => {
    const text = "Protocol tcp Dynamic Port Range\nStart Port      : 49152\nNumber of Ports : 16384";
    expect(ports(text)).toEqual([49152]);
    expect(isNonPort(text, 16384)).toBe(true);
  });

  it("reads `Source Port:` as the client's side: kept when well known, dropped when ephemeral", () => {
    expect(ports("Source Port: 3389")).toEqual([3389]);
    expect(ports("Source Port: 52311")).toEqual([]);
  });

  it("reads sshd's `from <ip> port N` as the client's port; another tool's as the port connected to", () => {
    expect(ports("sshd[123]: Connection from 59.91.122.57 port 34388 on 10.0.0.5 port 22")).toEqual([22]);
    expect(ports("curl: (7) Failed to connect to 10.0.0.5 port 34388: Connection refused")).toEqual([34388]);
  });

  it("reads a label past gap words (`port number is set to N`)", () => {
    expect(found("the port number is set to 5985")).toEqual([[5985, "", "port number is set to 5985"]]);
  });

  it("reads a label past one name between `of` and `is`", () => {
    expect(found("the default port of WSUS is 8530")).toEqual([[8530, "", "port of WSUS is 8530"]]);
  });

  it("reads a non-port label only right before its number", () => {
    expect(isNonPort("error at line 445", 445)).toBe(true);
    expect(ports("error at line 445")).toEqual([]);
  });
});

describe("labels: more of their forms", () => {
  it("reads a CJK label's port with text after it", () => {
    expect(ports("端口3389已开放")).toEqual([3389]);
  });

  it("reads Korean's numbered port with a particle after the label", () => {
    expect(ports("80번 포트를 열어주세요")).toEqual([80]);
  });

  it("reads Dockerfile's EXPOSE as the label of the ports after it", () => {
    expect(found("EXPOSE 80 443")).toEqual([
      [80, "", "EXPOSE 80"],
      [443, "", "EXPOSE 80 443"],
    ]);
  });

  it("reads Vagrant's `host:` from the label, and another setting after `guest:` by its own label", () => {
    const text = 'config.vm.network "forwarded_port", guest: 3389, host: 55985, timeout: 30';
    expect(found(text)).toEqual([
      [3389, "", "guest: 3389"],
      [55985, "", "host: 55985"],
    ]);
    expect(isNonPort(text, 30)).toBe(true);
  });

  it("reads `limit` outside ufw as a limit, inside ufw as its verb", () => {
    expect(ports("rate limit 100 per client")).toEqual([]);
    expect(isNonPort("rate limit 100 per client", 100)).toBe(true);
    expect(readPaste("sudo ufw limit 22/tcp").found.map((f) => [f.port, f.protocol])).toEqual([[22, "TCP"]]);
  });

  it("reads settings aligned on their `=` as two ports", () => {
    expect(found("local_port  = 445\nremote_port = 10445")).toEqual([
      [445, "", "local_port = 445"],
      [10445, "", "remote_port = 10445"],
    ]);
  });

  it("reads `--port` on a GNU parallel line as a port (only `-P` counts jobs)", () => {
    expect(ports("parallel -j4 ssh --port 2222 {} ::: hosts")).toEqual([2222]);
  });

  it("reads `Source Port:` from its source word, and plural source ports as the client's", () => {
    expect(found("Source Port: 3389")).toEqual([[3389, "", "Source Port: 3389"]]);
    expect(ports("source ports 52311")).toEqual([]);
  });

  it("reads a Markdown table's label cell before its number's cell", () => {
    expect(found("| Port | 3389 |")).toEqual([[3389, "", "Port | 3389"]]);
  });
});
