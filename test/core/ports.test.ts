import { describe, expect, it } from "vitest";
import { parsePortList } from "../../src/core/index.js";
import { formatRange, joinAdjacentRanges, rangesOverlap } from "../../src/core/ports.js";

describe("parsePortList", () => {
  it("reads single ports, ranges and lists", () => {
    expect(parsePortList("5985")).toEqual({ ok: true, ranges: [{ from: 5985, to: 5985 }] });
    expect(parsePortList("5985-5986")).toEqual({ ok: true, ranges: [{ from: 5985, to: 5986 }] });
    expect(parsePortList("554, 8554-8558")).toEqual({
      ok: true,
      ranges: [
        { from: 554, to: 554 },
        { from: 8554, to: 8558 },
      ],
    });
  });

  it("turns a reversed range round", () => {
    expect(parsePortList("5986-5985")).toEqual({ ok: true, ranges: [{ from: 5985, to: 5986 }] });
  });

  it("names a number outside 0-65535", () => {
    expect(parsePortList("70000")).toEqual({ ok: false, problem: "70000 is not a port: ports go from 0 to 65535" });
    expect(parsePortList("1-65536")).toMatchObject({ ok: false, problem: expect.stringContaining("65536") });
    const huge = parsePortList("9".repeat(40));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.problem.length).toBeLessThan(60);
  });

  it("shows a long number cut after twelve digits", () => {
    const problem = (text: string) => {
      const parsed = parsePortList(text);
      return parsed.ok ? "" : parsed.problem;
    };
    expect(problem("999999999999")).toBe("999999999999 is not a port: ports go from 0 to 65535");
    expect(problem("9999999999999")).toBe("999999999999… is not a port: ports go from 0 to 65535");
  });

  it("rejects what is not a port", () => {
    expect(parsePortList(" RPC ")).toEqual({ ok: false, problem: '"RPC" is not a port number' });
    expect(parsePortList("").ok).toBe(false);
  });
});

describe("joinAdjacentRanges", () => {
  it("sorts and joins overlapping and adjacent ranges, and keeps gaps", () => {
    expect(
      joinAdjacentRanges([
        { from: 23556, to: 23556 },
        { from: 23554, to: 23554 },
        { from: 23555, to: 23555 },
        { from: 554, to: 554 },
        { from: 8554, to: 8558 },
        { from: 8556, to: 8560 },
      ]),
    ).toEqual([
      { from: 554, to: 554 },
      { from: 8554, to: 8560 },
      { from: 23554, to: 23556 },
    ]);
    expect(joinAdjacentRanges([])).toEqual([]);
  });
});

describe("port numbers at their edges", () => {
  it("takes 0 and 65535, and a range written with spaces", () => {
    expect(parsePortList("0")).toEqual({ ok: true, ranges: [{ from: 0, to: 0 }] });
    expect(parsePortList("65535")).toEqual({ ok: true, ranges: [{ from: 65535, to: 65535 }] });
    expect(parsePortList("65536")).toEqual({ ok: false, problem: "65536 is not a port: ports go from 0 to 65535" });
    expect(parsePortList("5985 - 5986")).toEqual({ ok: true, ranges: [{ from: 5985, to: 5986 }] });
  });

  it("refuses a list with a part that is not a port, naming that part", () => {
    expect(parsePortList("5985, rdp")).toEqual({ ok: false, problem: '"rdp" is not a port number' });
    expect(parsePortList("x5985")).toEqual({ ok: false, problem: '"x5985" is not a port number' });
    expect(parsePortList("5985x")).toEqual({ ok: false, problem: '"5985x" is not a port number' });
  });

  it("counts ranges that share an end as overlapping, and no others", () => {
    expect(rangesOverlap({ from: 1, to: 5 }, { from: 5, to: 9 })).toBe(true);
    expect(rangesOverlap({ from: 5, to: 9 }, { from: 1, to: 5 })).toBe(true);
    expect(rangesOverlap({ from: 1, to: 4 }, { from: 5, to: 9 })).toBe(false);
    expect(rangesOverlap({ from: 6, to: 9 }, { from: 1, to: 5 })).toBe(false);
  });

  it("writes a single port as a number and a range with a dash", () => {
    expect(formatRange({ from: 3389, to: 3389 })).toBe("3389");
    expect(formatRange({ from: 5985, to: 5986 })).toBe("5985-5986");
  });

  it("keeps a range that holds the next one whole", () => {
    expect(
      joinAdjacentRanges([
        { from: 1, to: 10 },
        { from: 2, to: 3 },
      ]),
    ).toEqual([{ from: 1, to: 10 }]);
  });
});
