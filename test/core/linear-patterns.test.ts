/**
 * Every regular expression that sees user text runs in linear time (issue 14, defect 1: an
 * unanchored pattern blocked the event loop for 1.3 s on 40,000 letters). The patterns are not
 * listed by hand: the whole path from Slack's text to the rendered reply runs once over marked
 * inputs while `RegExp.prototype.exec` (which `test`, `replace`, `match` and `split` all reach once
 * it is replaced) records each pattern that is handed marked text. Each recorded pattern then runs
 * over adversarial 40,000-character inputs, the way the code uses it: a sticky pattern one attempt
 * at a time (its scanner steps past each match), any other over the whole text (every match of a
 * global one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRuleBook } from "../../src/core/index.js";
import { composeReply } from "../../src/slack/compose.js";
import { messageText, readSlackText } from "../../src/slack/message-text.js";

const MARK = "qzxq";
const LENGTH = 40_000;
/** Generous against a shared machine: the quadratic pattern of defect 1 took 1,300 ms here. */
const BUDGET_MS = 40;

/** Questions and pastes that take every reading path, each carrying the mark. */
const INPUTS = [
  `${MARK} 5985`,
  `what does Windows 2019 need for telemetry ${MARK}`,
  `rdp winrm smb 2016 vs 2022 ${MARK}`,
  `2019 inbound udp ${MARK}`,
  `diff 2016 2019 ${MARK}`,
  `Connection to 10.0.1.25:5986 failed ${MARK} https://${MARK}.example/x#L1-L3 \\\\${MARK}\\share`,
  `  TCP    0.0.0.0:5985    0.0.0.0:0    LISTENING ${MARK}\n  UDP  0.0.0.0:5355  *:*`,
  `<Data Name="DestPort">3389</Data> ${MARK} Protocol: 6\nSource Port: 52311\nDestination Port: 3389`,
  `LocalAddress LocalPort RemoteAddress RemotePort State ${MARK}\n::  5985  ::  0  Listen`,
  `HTTPSConnectionPool(host='${MARK}.local', port=5986): Max retries (connect timeout=30) WinRM ${MARK}`,
  `12:00:01.123 IP 10.0.0.5.52718 > 10.0.0.9.kerberos: Flags [S] ${MARK}`,
  `SMB 10.1.2.3 445 DC01 ${MARK} -Port 5985 --port 3389 /port:3388 ポート3389 nc -zv host 5985 winrm 5986 refused`,
  `<@U123|bob> <#C1|general> <https://${MARK}.example|link> &amp; &lt;${MARK}&gt; *bold* _it_`,
  `| Port | Protocol | ${MARK} |\n|---|:---:|---|\n| 3389 | TCP | rdp ${MARK} |\n\n| 3023 | Proxy | SSH port ${MARK} |`,
  `Open ports ${MARK}:\n- 22\n- 3389\ndetection:\n  dst_port:\n    - 445 ${MARK}\n<DestinationPort condition="is">4444</DestinationPort> ${MARK}`,
  `Nov 28 fw filterlog[4410]: 5,,,1000000103,em0,match,block,in,4,0x0,,128,2187,0,DF,6,tcp,52,10.0.0.9,10.0.1.20,61544,3389,0,S ${MARK}\nfilterlog: 82,,,0,igb1,match,pass,in,6,0x00,0x00000,255,udp,17,63,fe80::1,ff02::fb,5353,5353 ${MARK}`,
  `2026-11-28 09:12:01 <server IP> POST /EWS/${MARK} - 444 CONTOSO\\svc <client IP> ${MARK} 403 0 0 233\nIIS log:  2026-11-28 09:12:01 10.0.5.7 ${MARK} 10.0.1.20 21 ControlChannelOpened - - 0 0 2f6e1c1a-0b3d-4c57-9d2e-5a1f3e7b9c10 -`,
  `ports:\n  - "\${WEB_PORT:-8080}:80" \${URL:-http://${MARK}:5000} 127.0.0.1:**631** ${MARK}`,
  `#fields\tts\tid.orig_p\tid.resp_p\tproto\n#types\ttime\tport\tport\tenum\n1.5\t61544\t53\tudp ${MARK}\n1.6\t${MARK}\t53\tudp`,
  `80                         ALLOW       Anywhere ${MARK}\n-rw-r--r--   1 ftp  ftp  901 Aug  2  2020 ${MARK}.bak\nports client 21 22 23 \\\n  25 ${MARK}`,
];

/** Inputs that make a careless pattern backtrack: long runs of what patterns look for. */
const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ["letters", "a".repeat(LENGTH)],
  ["a0", "a0".repeat(LENGTH / 2)],
  ["aaaa-", "aaaa-".repeat(LENGTH / 5)],
  ["digits and dots", "1.".repeat(LENGTH / 2)],
  ["digits", "1".repeat(LENGTH)],
  ["colons", ":".repeat(LENGTH)],
  ["a:", "a:".repeat(LENGTH / 2)],
  ["spaces", " ".repeat(LENGTH)],
  ["newlines", "\n".repeat(LENGTH)],
  ["spaced newlines", " \n".repeat(LENGTH / 2)],
  ["port labels", "port ".repeat(LENGTH / 5)],
  ["schemes", "http:".repeat(LENGTH / 5)],
  ["backslashes", "\\".repeat(LENGTH)],
  ["angle brackets", "<a".repeat(LENGTH / 2)],
  ["equals", "a=".repeat(LENGTH / 2)],
  ["upper snake", "A_".repeat(LENGTH / 2)],
  ["month then digits", "Sep 1".repeat(LENGTH / 5)],
  ["hex and dashes", "0a-".repeat(LENGTH / 3)],
];

const seen = new Map<string, RegExp>();
const originalExec = RegExp.prototype.exec;

function record(this: RegExp, input: string): RegExpExecArray | null {
  if (typeof input === "string" && input.toLowerCase().includes(MARK)) {
    const key = `/${this.source}/${this.flags}`;
    if (!seen.has(key)) seen.set(key, new RegExp(this.source, this.flags));
  }
  return originalExec.call(this, input);
}

function runAsUsed(pattern: RegExp, text: string): void {
  const re = new RegExp(pattern.source, pattern.flags);
  if (re.sticky) {
    // a scanner's step: one attempt at a position (the scanners step past what matched)
    for (const at of [0, text.length >> 1, text.length - 1]) {
      re.lastIndex = at;
      originalExec.call(re, text);
    }
  } else if (re.global) {
    for (let match = originalExec.call(re, text); match !== null; match = originalExec.call(re, text)) {
      if (match[0].length === 0) re.lastIndex += 1;
    }
  } else originalExec.call(re, text);
}

function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("every pattern that sees user text runs in linear time", () => {
  beforeAll(() => {
    const book = loadRuleBook();
    RegExp.prototype.exec = record;
    try {
      for (const input of INPUTS) {
        const text = readSlackText(input);
        messageText({ text: input, blocks: [{ type: "section", text: { type: "mrkdwn", text: input } }] });
        for (const fromMessage of [false, true]) composeReply(book, text, { offset: 0, shareable: true, fromMessage });
        composeReply(book, input, { offset: 0, shareable: false, cards: true });
      }
    } finally {
      RegExp.prototype.exec = originalExec;
    }
  });
  afterAll(() => {
    RegExp.prototype.exec = originalExec;
  });

  it("finds the patterns on the path (the paste reader's, the question parser's, the markup stripper's)", () => {
    // a sanity check that recording works: these are known to read user text
    expect(seen.size).toBeGreaterThan(20);
  });

  it.each(ADVERSARIAL)("each recorded pattern over 40,000 characters of %s", (_name, text) => {
    const slow: string[] = [];
    for (const [key, pattern] of seen) {
      const ms = fastest(() => runAsUsed(pattern, text));
      if (ms > BUDGET_MS) slow.push(`${key}: ${ms.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
