/**
 * searchRules as a person sees it: the summary of what was understood, the notices, each port of a
 * paste answered on its own and in which order, and many ports asked at once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Answer, type PortAnswer, parseQuery, type RuleMatch, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const texts = (answer: Answer) => answer.notices.map((n) => n.text);
const ids = (results: readonly RuleMatch[]) => results.map((r) => r.rule.id).sort();

describe("what was understood", () => {
  it("names a typo with the index words it was read as, two at most", () => {
    expect(searchRules(book, "remoet").understood.summary).toBe("“remoet” (as remote or remoting)");
    expect(searchRules(book, "telemtry 2022").understood.summary).toBe("Windows Server 2022 · “telemtry” (as telemetry)");
    // a word read as itself is only quoted; a word that reaches nothing is left out of the summary
    expect(searchRules(book, "www http").understood.summary).toBe("“http”");
  });

  it("says port for one port and ports for several or a range", () => {
    expect(searchRules(book, "3389").understood.summary).toBe("port 3389");
    expect(searchRules(book, "3389 445 135").understood.summary).toBe("ports 135, 445, 3389");
    expect(searchRules(book, "port 5000-5020").understood.summary).toBe("ports 5000-5020");
  });

  it("reads service names as their ports, in port order, each once, and not as words", () => {
    const answer = searchRules(book, "kerberos ssh");
    expect(answer.understood.summary).toBe("ports 22, 88 · “kerberos” (IANA: kerberos) “ssh” (IANA: ssh)");
    expect(answer.understood.ports).toEqual(["22", "88"]);
    expect(answer.understood.words).toEqual([]);
    expect(answer.notices.map((n) => n.kind)).toEqual(["no-match"]);
    const twice = searchRules(book, "kerberos kerberos");
    expect(twice.understood.ports).toEqual(["88"]);
    expect(twice.unopened.map((u) => u.port)).toEqual([88]);
  });
});

describe("notices", () => {
  it("an empty question is told what to ask", () => {
    expect(searchRules(book, "").notices).toEqual([
      {
        kind: "empty",
        text: "Ask about a port (5985), a service (rdp, winrm, smb, dns), a protocol, a direction or a Windows Server version (2019).",
      },
    ]);
  });

  it("names a word no rule mentions even when nothing matched at all", () => {
    expect(texts(searchRules(book, "5986 remote banana"))).toEqual([
      "No rule mentions “banana”; amiport left it out.",
      "The nearest ports that rules use: 5353, 5355, 5985.",
    ]);
  });

  it("says no rule uses the ports unless the answer already lists every one as unopened", () => {
    // every port of a narrow range is listed as unopened: the notice only offers the nearest
    expect(texts(searchRules(book, "5986-5988"))).toEqual(["The nearest ports that rules use: 5353, 5355, 5985."]);
    // a wide range is never listed port by port, so the notice says it
    expect(texts(searchRules(book, "5986 30000-40000"))).toEqual([
      "No rule on the AWS page uses ports 5986, 30000-40000. Ports near it in the data: 5353, 5355, 5985.",
    ]);
    // more ports than the unopened list holds
    const many = searchRules(book, "30000-30040");
    expect(many.unopened.length).toBeLessThan(41);
    expect(texts(many)).toEqual([
      "No rule on the AWS page uses ports 30000-30040. Ports near it in the data: 23554, 23555, 23556.",
    ]);
  });

  it("offers the nearest single ports the data names, the lower one on a tie, never a wide range's", () => {
    // 67 and 135 are both 34 away from 101
    expect(texts(searchRules(book, "port 101"))).toEqual(["The nearest ports that rules use: 67, 68, 80."]);
    // 80 and 138 are both 29 away from 109
    expect(texts(searchRules(book, "port 109"))).toEqual(["The nearest ports that rules use: 80, 135, 137."]);
    // 443 and 547 are both 52 away from 495
    expect(texts(searchRules(book, "port 495"))).toEqual(["The nearest ports that rules use: 443, 445, 546."]);
    // 5000-5020 is a range of 21 ports, not ports the data names one by one
    expect(texts(searchRules(book, "port 5030"))).toEqual(["The nearest ports that rules use: 5353, 5355, 5985."]);
  });

  it("a version makes small talk a question: the word is kept and the version filter explains", () => {
    expect(searchRules(book, "thanks for sharing 2022").notices.map((n) => n.kind)).toEqual(["filtered-out"]);
    expect(searchRules(book, "thanks for sharing").notices.map((n) => n.kind)).toEqual(["no-match"]);
  });

  it("a common word dropped as a chance match is named as left out, the words kept are not", () => {
    const answer = searchRules(book, "thanks for sharing winrm");
    expect(texts(answer)).toEqual(["No rule mentions “sharing”; amiport left it out."]);
    expect(answer.results.map((r) => r.matched)).toEqual(answer.results.map(() => [{ by: "words", words: ["winrm"] }]));
    expect(answer.total).toBeGreaterThan(0);
  });
});

describe("ranking", () => {
  it("filters alone list the rules in the page's order", () => {
    const answer = searchRules(book, "inbound 2022 udp");
    const indexes = answer.results.map((r) => r.rule.index);
    expect(indexes.length).toBeGreaterThan(5);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it("a rule with both asked ports, local and remote, gives both reasons", () => {
    const answer = searchRules(book, "67 68");
    const dhcpIn = answer.results.filter((r) => r.rule.rule === "Dynamic Host Configuration Protocol (DHCP-In)");
    expect(dhcpIn.length).toBeGreaterThan(0);
    for (const r of dhcpIn) {
      expect(r.matched).toEqual([
        { by: "port", port: "68", field: "local" },
        { by: "port", port: "67", field: "remote" },
      ]);
    }
  });
});

describe("each port of a paste", () => {
  const paste = [
    "connect to 10.0.0.5 port 49700 refused",
    "TCP 0.0.0.0:445 LISTENING",
    "10.0.0.9:5986 refused",
    "UDP 0.0.0.0:137",
    "tcp/445 open",
    "10.0.0.7:445 established",
    "TCP 0.0.0.0:135 LISTENING",
  ].join("\n");
  const tierOf = (g: PortAnswer) =>
    g.results.some((r) => r.matched.some((m) => m.by === "port")) ? 0 : g.results.length > 0 ? 1 : 2;

  it("orders ports some rule names exactly (fewest rules first), then ports reached through a keyword, then the rest", () => {
    const answer = searchRules(book, paste);
    expect(answer.byPort.map((g) => g.port)).toEqual([137, 135, 445, 49700, 5986]);
    expect(answer.byPort.map(tierOf)).toEqual([0, 0, 0, 1, 2]);
    expect(answer.byPort.map((g) => g.results.length)).toEqual([2, 4, 6, 5, 0]);
    expect(answer.portsLeftOut).toBe(0);
  });

  it("keeps the protocol where every mention names the same one, and where each port was written", () => {
    const byPort = new Map(searchRules(book, paste).byPort.map((g) => [g.port, g]));
    expect(byPort.get(137)?.protocol).toBe("UDP");
    expect(byPort.get(135)?.protocol).toBe("TCP");
    expect(byPort.get(445) && "protocol" in (byPort.get(445) as PortAnswer)).toBe(false);
    expect(byPort.get(445)?.snippets).toEqual(["TCP 0.0.0.0:445", "10.0.0.7:445"]);
    expect(byPort.get(49700)?.snippets).toEqual(["port 49700"]);
    expect(byPort.get(5986)?.notices.map((n) => n.kind)).toEqual(["no-match"]);
  });

  it("answers each port as the question about that port alone would", () => {
    for (const g of searchRules(book, paste).byPort) {
      const question = `${g.protocol ?? ""} port ${g.port}`;
      expect(ids(g.results), question).toEqual(ids(searchRules(book, question).results));
      for (const r of g.results)
        for (const m of r.matched) if (m.by === "port" || m.by === "keyword") expect(m.port).toBe(String(g.port));
    }
  });

  it("puts ports written out before a service's default ports", () => {
    const answer = searchRules(book, "RDP to web01 failed: timeout\nping web01 ok\n10.0.0.9:7000 refused\n");
    expect(answer.byPort.map((g) => [g.port, g.results.length > 0])).toEqual([
      [7000, false],
      [3389, true],
    ]);
  });

  it("a paste naming one port gets no groups", () => {
    const answer = searchRules(book, "TCP 0.0.0.0:445 LISTENING\nfoo bar baz\n");
    expect(answer.found.map((f) => f.port)).toEqual([445]);
    expect(answer.byPort).toEqual([]);
  });
});

describe("many ports at once", () => {
  /** Ports the data names (some in two cells or behind a keyword) and ports it does not. */
  const POOL = [
    22, 53, 67, 68, 80, 135, 137, 138, 139, 443, 445, 546, 547, 554, 1900, 2177, 2869, 3389, 3544, 5000, 5010, 5020, 5353, 5355,
    5985, 5986, 7680, 8554, 8556, 8558, 9955, 10246, 10247, 23554, 23556, 40000, 49152, 50000, 65535,
  ];

  it("matches what asking each port alone matches, with the first asked port each rule names", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 17, maxLength: 30 }), (ports) => {
        const sorted = [...ports].sort((a, b) => a - b);
        const parsed = { ...parseQuery(book, "3389"), ports: sorted.map((p) => ({ from: p, to: p })) };
        const answer = searchRules(book, parsed);
        const expected = new Map<string, number[]>();
        for (const port of sorted) {
          for (const r of searchRules(book, { ...parsed, ports: [{ from: port, to: port }] }).results) {
            expected.set(r.rule.id, [...(expected.get(r.rule.id) ?? []), port]);
          }
        }
        expect(ids(answer.results)).toEqual([...expected.keys()].sort());
        for (const r of answer.results) {
          const reached = expected.get(r.rule.id) as number[];
          for (const m of r.matched) if (m.by === "port" || m.by === "keyword") expect(reached).toContain(Number(m.port));
          // the reason names the lowest asked port the rule's cell reaches
          const fields = r.matched.flatMap((m) => (m.by === "port" || m.by === "keyword" ? [m] : []));
          for (const m of fields) {
            const alone = reached.filter((p) =>
              searchRules(book, { ...parsed, ports: [{ from: p, to: p }] })
                .results.find((x) => x.rule.id === r.rule.id)
                ?.matched.some((x) => x.by === m.by && "field" in x && x.field === m.field),
            );
            expect(Number(m.port)).toBe(Math.min(...alone));
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("a rule with two ranges names the first asked port in either", () => {
    const filler = [20001, 20003, 20005, 20007, 20009, 20011, 20013, 20015, 20017, 20019, 20021, 20023, 20025, 20027, 20029];
    const asked = [554, 8556, ...filler].sort((a, b) => a - b);
    const parsed = { ...parseQuery(book, "3389"), ports: asked.map((p) => ({ from: p, to: p })) };
    const media = searchRules(book, parsed).results.find(
      (r) => r.rule.rule === "Microsoft Media Foundation Network Source IN [TCP 554]",
    );
    expect(media?.matched).toEqual([{ by: "port", port: "554", field: "local" }]);
    const later = { ...parsed, ports: [8556, ...filler].map((p) => ({ from: p, to: p })) };
    const mediaLater = searchRules(book, later).results.find(
      (r) => r.rule.rule === "Microsoft Media Foundation Network Source IN [TCP 554]",
    );
    expect(mediaLater?.matched).toEqual([{ by: "port", port: "8556", field: "local" }]);
  });
});
