import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePortList, parseQuery, type Rule, searchRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";
import { QUESTION_FRAGMENTS } from "../helpers/question-fragments.js";

/** Pieces of real questions, mixed at random with arbitrary text. */
const fragment = fc.oneof(
  fc.constantFrom(...QUESTION_FRAGMENTS, "<@U123>", "&", "<!channel>", "\u0000", "🔥", "-", ",", "/"),
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.string({ maxLength: 12 }),
);
const question = fc.oneof(
  fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(" ")),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
);

function cellHasPort(cell: Rule["local"], from: number, to: number): boolean {
  const ranges = [...cell.ranges, ...(cell.keyword?.ranges ?? [])];
  return ranges.some((r) => r.from <= to && from <= r.to);
}

describe("properties over any input", () => {
  it("parse and search never throw", () => {
    fc.assert(
      fc.property(question, (text) => {
        const answer = searchRules(book, text);
        expect(answer.results.length).toBeLessThanOrEqual(book.rules.length);
        expect(typeof answer.understood.summary).toBe("string");
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  it("every result satisfies the filters the answer says it understood", () => {
    fc.assert(
      fc.property(question, (text) => {
        const answer = searchRules(book, text);
        const u = answer.understood;
        const ports = u.ports.map((p) => {
          const parsed = parsePortList(p);
          if (!parsed.ok) throw new Error(`understood port ${p} does not parse`);
          return parsed.ranges[0]!;
        });
        for (const { rule } of answer.results) {
          if (u.protocols.length) expect(u.protocols).toContain(rule.protocol);
          if (u.directions.length) expect(u.directions).toContain(rule.direction);
          if (u.versions.length) expect(rule.os.some((os) => u.versions.includes(os))).toBe(true);
          if (ports.length) {
            expect(ports.some((p) => cellHasPort(rule.local, p.from, p.to) || cellHasPort(rule.remote, p.from, p.to))).toBe(true);
          }
        }
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  it("an unknown version alone never gets rules of other versions", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("2025", "2003", "2000", "server 2030"),
        fc.array(fragment, { maxLength: 3 }),
        (version, rest) => {
          const text = `${rest.join(" ")} windows ${version}`;
          const parsed = parseQuery(book, text);
          fc.pre(parsed.versions.length === 0);
          expect(searchRules(book, text).results).toEqual([]);
        },
      ),
    );
  });
});
