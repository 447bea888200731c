/**
 * More of PasteReader's helpers, through readPaste: a diff's hunk header, PowerShell's `-eq`, a
 * day beside a month, port tables' glued cells, Vagrant's guest before its host.
 */
import { describe, expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

const ports = (text: string) => readPaste(text).found.map((f) => f.port);
const withProtocol = (text: string) => readPaste(text).found.map((f) => [f.port, f.protocol ?? ""] as const);
const isNonPort = (text: string, n: number) => readPaste(text).nonPorts.has(n);

describe("isInDiffHunkHeader: a diff's line numbers", () => {
  it("reads a hunk header's numbers as no ports, at the text's start or on a later line", () => {
    expect(ports("@@ -1433,7 +1433,8 @@ server {")).toEqual([]);
    expect(ports("diff --git a/app.conf b/app.conf\n@@ -1433,7 +1433,8 @@ server {")).toEqual([]);
  });
});

describe("nextValue: PowerShell's comparison", () => {
  it("reads the protocol after `-eq` for the port filtered by", () => {
    const text = "Get-NetFirewallPortFilter | where LocalPort -eq 40000 | where Protocol -eq UDP";
    expect(withProtocol(text)).toEqual([[40000, "UDP"]]);
  });
});

describe("besideMonth: a day with `of` or `de` before its month", () => {
  it("reads the day as no port", () => {
    expect(ports("Port 25 closed on 21 of March")).toEqual([25]);
    expect(isNonPort("Port 25 closed on 21 of March", 21)).toBe(true);
    expect(ports("31 de julio de 1996")).toEqual([]);
    expect(isNonPort("31 de julio de 1996", 31)).toBe(true);
  });
});

describe("opensLine and lineAfter: a port table's cells run together", () => {
  it("reads each line's port with the protocol in its own parentheses", () => {
    const text = "3268Global Catalog (TCP)Forest-wide searches\n3269Global Catalog over SSL (TCP)Forest-wide searches over TLS";
    expect(withProtocol(text)).toEqual([
      [3268, "TCP"],
      [3269, "TCP"],
    ]);
  });
});

describe("guestBefore: Vagrant's host port after its guest port", () => {
  it("finds the guest eight chunks before the host", () => {
    expect(ports("guest: 80, auto_correct: true, id: web, protocol: tcp, host: 8080")).toEqual([80, 8080]);
  });

  it("reads the host port of a forwarded port", () => {
    expect(ports('config.vm.network "forwarded_port", guest: 3389, host: 55985')).toEqual([3389, 55985]);
  });
});

describe("isRelease, markReleaseList and markListAfter: a line's end ends the list", () => {
  it("reads a year on the line after a release's name as a port", () => {
    expect(ports("Service: SQL\n2019 open")).toEqual([2019]);
  });

  it("ends a list of releases at the line's end", () => {
    expect(ports("Windows 2019\n2003 open")).toEqual([2003]);
    expect(ports("Windows 2019\nand 2022 open")).toEqual([2022]);
    expect(isNonPort("Windows 2019\n2003 open", 2019)).toBe(true);
  });

  it("ends a list of ids at the line's end", () => {
    expect(ports("Event ID 4625\n3389 open")).toEqual([3389]);
    expect(ports("Event ID 4625\nand 3389 open")).toEqual([3389]);
    expect(isNonPort("Event ID 4625\n3389 open", 4625)).toBe(true);
  });
});

describe("isWrapped: numbers inside a long line", () => {
  it("does not read a number followed by another on the same line as cut", () => {
    const text = "Connection to the management endpoint was established on port 5986 2 times";
    expect(ports(text)).toEqual([5986]);
  });

  it("does not read a number after a digit and a comma, mid-line, as the rest of a cut one", () => {
    const text = "Opened on the management endpoint after the change, ports: 5985,5986";
    expect(ports(text)).toEqual([5985, 5986]);
  });
});

describe("isWrapped: the line before a number that opens its line", () => {
  it("measures the line before from its own start, not the text's", () => {
    const short = "Connection to backend-server-exa was established on port 59";
    expect(ports(`Report:\n${short}\n86 open`)).toEqual([59, 86]);
  });
});

describe("gapIsSpaces: a tab is a space", () => {
  it("reads a list of releases' years spaced with tabs as no ports", () => {
    const text = "Windows\t2008, 2012\tand 2016";
    expect(ports(text)).toEqual([]);
    for (const year of [2008, 2012, 2016]) expect(isNonPort(text, year)).toBe(true);
  });
});

describe("besideMonth: `of` with no month after it", () => {
  it("keeps a port followed by `of` and no month", () => {
    expect(ports("open port 22 of server db01")).toEqual([22]);
  });

  it("keeps a port with a month two words after it but no `of` or `de` between", () => {
    expect(ports("Port 25 in March was closed")).toEqual([25]);
    expect(ports("telnet db01 25 in March")).toEqual([25]);
    expect(ports("SMTP 25 in March")).toEqual([25]);
  });

  it("does not read a month opening the next line as the day's", () => {
    expect(ports("telnet db01 27\nMarch 2020 report")).toEqual([27]);
  });
});

describe("readAddressWithPath: a variable's host", () => {
  it("reads the port after a shell variable standing for the host, before a path", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable left unexpanded in a command, as pasted
    expect(ports("curl ${CONSUL_HOST}:8500/v1/kv/config")).toEqual([8500]);
  });
});

describe("isSrvPort: only an SRV record's numbers", () => {
  it("reads an SRV record's port that no service names", () => {
    expect(ports("_svc._tcp.corp.example SRV 0 100 40000 dc1.corp.example.")).toEqual([40000]);
  });

  it("does not read three numbers and a host on a line after the word SRV as a record", () => {
    expect(ports("SRV lookup done\nscores 10 20 30 host.example.com")).toEqual([]);
  });
});

describe("isPortForwardArgument: only the forward's own arguments", () => {
  it("does not read a number of the next command as a forwarded port", () => {
    expect(ports("kubectl port-forward web 8080\nkubectl scale deploy web --replicas 3")).toEqual([8080]);
    expect(ports("kubectl port-forward web 8080\nretry 3")).toEqual([8080]);
  });
});

describe("isInDiffHunkHeader: only the hunk header's line", () => {
  it("reads a hunk header's counts as no ports, at the text's start", () => {
    const text = "@@ -1433,7 +1433,8 @@ server {";
    expect(isNonPort(text, 7)).toBe(true);
    expect(isNonPort(text, 8)).toBe(true);
  });

  it("reads the ports of the diff's changed lines", () => {
    const diff = "diff --git a/nginx.conf b/nginx.conf\n@@ -10,7 +10,8 @@\n-    listen 8080;\n+    listen 8443;";
    expect(ports(diff)).toEqual([8080, 8443]);
    expect(isNonPort(diff, 7)).toBe(true);
  });
});

describe("isListMarker: ufw's numbered rules", () => {
  it("reads the rule's number in brackets as no port, however it is padded", () => {
    for (const [text, number, port] of [
      ["[100] 443                       ALLOW IN    Anywhere", 100, 443],
      ["[  3] 25                        ALLOW IN    Anywhere", 3, 25],
      ["[3] 25                          ALLOW IN    Anywhere", 3, 25],
    ] as const) {
      expect(isNonPort(text, number)).toBe(true);
      expect(ports(text)).toEqual([port]);
    }
  });
});
