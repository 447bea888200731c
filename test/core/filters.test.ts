import { describe, expect, it } from "vitest";
import { addFilter, parseQuery } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const add = (question: string, kind: "os" | "protocol" | "direction", value: string) =>
  addFilter(book, parseQuery(book, question), kind, value);

describe("addFilter", () => {
  it("reads any year given to --os as a version, never as a port", () => {
    const added = add("rdp", "os", "2030");
    expect(added).toMatchObject({ ok: true, query: { ports: [], versions: [], unknownVersions: ["Windows Server 2030"] } });
    if (added.ok)
      expect(added.query.notices).toEqual([
        {
          kind: "unknown-version",
          text: `AWS's page does not list Windows Server 2030 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022.`,
          offer: { label: "Show 2022's answer", question: "rdp 2022" },
        },
      ]);
  });

  it("adds to what the question already asks, in the data's order, without repeats", () => {
    const added = add("udp 2022", "os", "2012 r2");
    expect(added.ok && added.query.versions).toEqual(["Windows Server 2012 R2", "Windows Server 2022"]);
    const again = add("udp", "protocol", "udp");
    expect(again.ok && again.query.protocols).toEqual(["UDP"]);
    const both = add("inbound", "direction", "out");
    expect(both.ok && both.query.directions).toEqual(["In", "Out"]);
  });

  it("takes known and unknown versions together", () => {
    expect(add("rdp", "os", "2019 2025")).toMatchObject({
      ok: true,
      query: { versions: ["Windows Server 2019"], unknownVersions: ["Windows Server 2025"] },
    });
  });

  it("keeps the question's words and ports", () => {
    const added = add("rdp 3389", "protocol", "tcp");
    expect(added).toMatchObject({ ok: true, query: { words: ["rdp"], ports: [{ from: 3389, to: 3389 }], protocols: ["TCP"] } });
  });

  it.each([
    ["os", "2019 rdp", "2019, 2012 r2 or 2008 sp2"],
    ["os", "udp", "2019, 2012 r2 or 2008 sp2"],
    ["protocol", "udp 2019", "tcp, udp, icmp, icmpv4, icmpv6 or igmp"],
    ["protocol", "5985", "tcp, udp, icmp, icmpv4, icmpv6 or igmp"],
    ["protocol", "udp rdp 3389", "tcp, udp, icmp, icmpv4, icmpv6 or igmp"],
    ["direction", "in udp", "in or out"],
    ["direction", "", "in or out"],
  ] as const)("refuses --%s %j: one kind of filter at a time", (kind, value, examples) => {
    expect(add("rdp", kind, value)).toEqual({ ok: false, problem: `--${kind} "${value}" is not understood; try ${examples}` });
  });

  it("passes on the filter's unknown-version notices only", () => {
    const unknown = add("rdp", "os", "2025");
    expect(unknown.ok && unknown.query.notices.map((n) => n.kind)).toEqual(["unknown-version"]);
    // a value long enough to be cut gets a "truncated" notice from the parser, which is not the question's
    const long = add("rdp", "os", `2019 ${"- ".repeat(300)}`);
    expect(long).toMatchObject({ ok: true, query: { versions: ["Windows Server 2019"], notices: [] } });
  });

  it("reads a year given to --os with spaces around it as a version", () => {
    expect(add("rdp", "os", " 2030 ")).toMatchObject({
      ok: true,
      query: { ports: [], unknownVersions: ["Windows Server 2030"] },
    });
  });

  it("offers the filter's version alone when the question has no words", () => {
    const added = add("", "os", "2025");
    expect(added.ok && added.query.notices.map((n) => n.offer?.question)).toEqual(["2022"]);
  });
});
