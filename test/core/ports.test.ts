import { describe, expect, it } from "vitest";
import { parsePortList } from "../../src/core/index.js";
import { joinAdjacentRanges } from "../../src/core/ports.js";

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

  it("rejects what is not a port", () => {
    expect(parsePortList("RPC").ok).toBe(false);
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
