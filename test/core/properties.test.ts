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
          // a paste naming a version the page lacks still answers for its ports (`445/tcp A:0 windows 2025`)
          fc.pre(parsed.versions.length === 0 && !parsed.pasted);
          expect(searchRules(book, text).results).toEqual([]);
        },
      ),
    );
  });
});

/** Things logs are full of that are never ports, versions or directions. */
const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: min, maxLength: max });
const pad = (n: number) => String(n).padStart(2, "0");
const logNoise = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
  fc.date({ min: new Date("1990-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2099 }))
    .map(([d, m, y]) => `${pad(d)}/${pad(m)}/${y}`),
  fc.tuple(fc.nat(23), fc.nat(59), fc.nat(59)).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`),
  fc.tuple(fc.nat(23), fc.nat(59)).map(([h, m]) => `${pad(h)}:${pad(m)}`),
  fc.tuple(fc.nat(100_000), fc.constantFrom("ms", "s", "m", "h", " ms", " seconds", " minutes")).map(([n, u]) => `${n}${u}`),
  fc.tuple(fc.constantFrom("i", "sg", "vpc", "ami", "subnet", "eni", "vol", "snap"), hex(8, 17)).map(([k, h]) => `${k}-${h}`),
  fc.uuid(),
  fc.tuple(fc.nat(20), fc.nat(20), fc.nat(30_000), fc.nat(9999)).map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`),
  fc.tuple(fc.nat(20), fc.nat(20), fc.nat(99)).map(([a, b, c]) => `v${a}.${b}.${c}`),
  fc.constantFrom(
    "timed out",
    "logged in",
    "checked out",
    "fell over",
    "signed in",
    "ERROR",
    "WARN",
    "request",
    "failed",
    "-",
    ":",
  ),
  fc.nat(100_000).map(String),
);
const CONNECTION_ROW = /\d+\.\d+\.\d+\.\d+ \d{1,5} \d+\.\d+\.\d+\.\d+ \d{1,5}(?!\d)/;
const pastedNoise = fc
  .array(logNoise, { minLength: 1, maxLength: 12 })
  .chain((parts) => fc.constantFrom(" ", "\n", " | ").map((sep) => `2026-11-27 alarm ${parts.join(sep)}\nend`));

describe("properties of pasted text", () => {
  it("no address, CIDR, date, time, duration, AWS id, request id or version is read as a port, version or direction", () => {
    fc.assert(
      fc.property(pastedNoise, (text) => {
        // noise that happens to be `address port address port` is a connection (HTTPERR's rows): its ports are read
        fc.pre(!CONNECTION_ROW.test(text));
        const parsed = parseQuery(book, text);
        expect(parsed.pasted).toBe(true);
        expect(parsed.found).toEqual([]);
        expect(parsed.ports).toEqual([]);
        expect(parsed.versions).toEqual([]);
        expect(parsed.unknownVersions).toEqual([]);
        expect(parsed.directions).toEqual([]);
        expect(parsed.notices.filter((n) => n.kind === "bad-port")).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it("a port named among the noise is found, with nothing else, and answered unfiltered", () => {
    const named = fc.tuple(
      fc.integer({ min: 1, max: 65535 }),
      fc.constantFrom(
        (p: number) => `10.0.1.25:${p}`,
        (p: number) => `port ${p}`,
        (p: number) => `web01:${p}`,
        (p: number) => `-Port ${p}`,
      ),
    );
    fc.assert(
      fc.property(
        fc.array(logNoise, { maxLength: 8 }),
        named,
        fc.array(logNoise, { maxLength: 8 }),
        (before, [port, write], after) => {
          const text = ["2026-11-27 alarm", ...before, write(port), ...after].join("\n");
          const answer = searchRules(book, text);
          expect(answer.found.map((f) => f.port)).toEqual([port]);
          expect(answer.understood.directions).toEqual([]);
          expect(answer.understood.versions).toEqual([]);
          // `port N`, not `N`: a bare 2019 is a Windows version, a pasted one is a port; the same
          // rules, with a destination's inbound rules first
          const ids = (results: typeof answer.results) => results.map((r) => r.rule.id).sort();
          expect(ids(answer.results)).toEqual(ids(searchRules(book, `port ${port}`).results));
          const exact = answer.results.filter((r) => r.matched.some((m) => m.by === "port"));
          const directions = exact.map((r) => r.rule.direction);
          expect(directions.indexOf("Out") === -1 || directions.lastIndexOf("In") < directions.indexOf("Out")).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
