import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AddressRange } from "../../../src/core/reachability/addresses.js";
import type { LayerVerdict, Verdict } from "../../../src/core/reachability/snapshot.js";
import { acrossMembers, describeSource, readSource } from "../../../src/core/reachability/source.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { range } from "./network.helpers.js";

describe("readSource (`--from`)", () => {
  it("reads nothing or blanks as any source, a group id as a group, an address or block as a range", () => {
    expect(readSource(undefined)).toEqual({ ok: true, kind: "any" });
    expect(readSource("  \t")).toEqual({ ok: true, kind: "any" });
    expect(readSource(" sg-0123456789abcdef0 ")).toEqual({ ok: true, kind: "group", groupId: "sg-0123456789abcdef0" });
    expect(readSource("sg-903004f8")).toEqual({ ok: true, kind: "group", groupId: "sg-903004f8" });
    expect(readSource(" 10.0.0.0/16 ")).toEqual({ ok: true, kind: "range", range: range("10.0.0.0/16") });
    expect(readSource("2001:db8::/32")).toEqual({ ok: true, kind: "range", range: range("2001:db8::/32") });
  });

  it("refuses anything else with one line that quotes at most 64 characters of it and says what to give", () => {
    for (const text of ["banana", "sg-xyz", "sg-0123", "10.0.0.300", "x".repeat(500)]) {
      const read = readSource(text);
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.problem).toContain(`"${text.trim().slice(0, 64)}" is not a source`);
      expect(read.problem).not.toContain("x".repeat(65));
      expect(read.problem).toMatch(/an address \(10\.0\.1\.5\).*a security group \(sg-/);
    }
  });
});

describe("describeSource", () => {
  it("names any source, a range by its text, a group by its id", () => {
    expect(describeSource({ kind: "any" })).toBe("any source");
    expect(describeSource({ kind: "range", range: range("10.0.1.5") })).toBe(range("10.0.1.5").text);
    expect(describeSource({ kind: "group", groupId: "sg-0123456789abcdef0", members: [range("10.0.1.5")] })).toBe(
      "sg-0123456789abcdef0",
    );
  });
});

describe("acrossMembers", () => {
  const judged = (verdict: Verdict, n: number): LayerVerdict => ({
    layer: "security-group",
    verdict,
    cite: `rule-${n}`,
    reason: `member ${n} ${verdict}`,
  });

  it("is blocked when any member is blocked, pass when all pass, else unknown; the deciding member's verdict", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Verdict>("pass", "blocked", "unknown"), { minLength: 1, maxLength: 6 }),
        (verdicts) => {
          const members = verdicts.map((_, i) => range(`10.0.0.${i + 1}`));
          const result = acrossMembers(
            members,
            "sg-0123456789abcdef0",
            (m) => {
              const i = members.indexOf(m as AddressRange);
              return judged(verdicts[i] as Verdict, i);
            },
            "security-group",
          );
          const first = (v: Verdict) => verdicts.indexOf(v);
          if (verdicts.includes("blocked")) expect(result).toEqual(judged("blocked", first("blocked")));
          else if (verdicts.includes("unknown")) expect(result).toEqual(judged("unknown", first("unknown")));
          else if (verdicts.length === 1) expect(result).toEqual(judged("pass", 0));
          else expect(result.reason).toBe(`member 0 pass (all ${verdicts.length} addresses of sg-0123456789abcdef0)`);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it("is unknown, citing the group, when it has no member address", () => {
    expect(acrossMembers([], "sg-0123456789abcdef0", () => judged("pass", 0), "network-acl")).toEqual({
      layer: "network-acl",
      verdict: "unknown",
      cite: "sg-0123456789abcdef0",
      reason: "no network interface in sg-0123456789abcdef0 has an address to judge",
    });
  });
});
