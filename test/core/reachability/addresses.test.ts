import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overlap, parseAddressRange, prefixLength } from "../../../src/core/reachability/addresses.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { range } from "./network.helpers.js";

/** The first and last address of a range as bigints, for exact comparisons. */
function bounds(text: string): [bigint, bigint] {
  const parsed = range(text);
  return [parsed.first, parsed.last];
}

describe("parseAddressRange: IPv4", () => {
  it("reads a dotted quad as its 32-bit number, a single address as a one-address range", () => {
    expect(parseAddressRange("192.0.2.1")).toEqual({ family: 4, first: 0xc0000201n, last: 0xc0000201n, text: "192.0.2.1" });
    expect(bounds("0.0.0.0")).toEqual([0n, 0n]);
    expect(bounds("255.255.255.255")).toEqual([0xffffffffn, 0xffffffffn]);
  });

  it("reads a block from its network address to its broadcast address, whatever host bits are written", () => {
    expect(bounds("10.0.0.0/16")).toEqual([0x0a000000n, 0x0a00ffffn]);
    expect(bounds("10.0.1.5/16")).toEqual(bounds("10.0.0.0/16"));
    expect(bounds("0.0.0.0/0")).toEqual([0n, 0xffffffffn]);
    expect(bounds("203.0.113.7/32")).toEqual([0xcb007107n, 0xcb007107n]);
  });

  it("trims surrounding white space, and keeps the trimmed text for citations", () => {
    expect(parseAddressRange("  10.0.0.0/8\n")).toMatchObject({ family: 4, first: 0x0a000000n, text: "10.0.0.0/8" });
  });

  it("refuses a prefix that is not a plain number of at most three digits", () => {
    for (const bad of [
      "10.0.0.0/",
      "10.0.0.0/8a",
      "10.0.0.0/a8",
      "10.0.0.0/-8",
      "10.0.0.0/1e1",
      "10.0.0.0/ 8",
      "10.0.0.0/0008",
    ]) {
      expect(parseAddressRange(bad), bad).toBeUndefined();
    }
  });
});

describe("parseAddressRange: IPv6 (RFC 4291 section 2.2)", () => {
  it("reads the preferred form, the compressed form and any case as the same 128-bit number", () => {
    const expected = 0x20010db8000000000000000000000001n;
    for (const text of ["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:0::0:1"]) {
      expect(parseAddressRange(text), text).toMatchObject({ family: 6, first: expected, last: expected, text });
    }
    expect(bounds("::1")).toEqual([1n, 1n]);
    expect(bounds("::")).toEqual([0n, 0n]);
    expect(bounds("1::")[0]).toBe(1n << 112n);
    expect(bounds("1:2:3:4:5:6:7::")[0]).toBe(0x00010002000300040005000600070000n);
    expect(bounds("::2:3:4:5:6:7:8")[0]).toBe(0x00000002000300040005000600070008n);
    expect(bounds("1:2:3:4::5:6:7")[0]).toBe(0x00010002000300040000000500060007n);
  });

  it("reads an IPv4 address written in the last 32 bits (section 2.5.5; RFC 6052's 64:ff9b::/96)", () => {
    expect(bounds("::ffff:192.0.2.1")).toEqual([0xffffc0000201n, 0xffffc0000201n]);
    expect(bounds("0:0:0:0:0:ffff:192.0.2.1")).toEqual(bounds("::ffff:192.0.2.1"));
    expect(bounds("64:ff9b::192.0.2.33")).toEqual(bounds("64:ff9b::c000:221"));
    expect(parseAddressRange("::ffff:192.0.2.1")?.family).toBe(6);
  });

  it("reads a block from its first to its last address", () => {
    const first = 0x20010db8abcd00120000000000000000n;
    expect(bounds("2001:db8:abcd:12::/64")).toEqual([first, first + (1n << 64n) - 1n]);
    expect(bounds("2001:db8:abcd:12::1/64")).toEqual(bounds("2001:db8:abcd:12::/64"));
    expect(bounds("::/0")).toEqual([0n, (1n << 128n) - 1n]);
    expect(parseAddressRange("2001:db8::/129")).toBeUndefined();
  });

  it("refuses the wrong number of groups, a group of more than four digits, stray colons, and IPv4 anywhere but last", () => {
    for (const bad of [
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:8::",
      "::1:2:3:4:5:6:7:8",
      "1:2:3:4::5:6:7:8",
      "12345::1",
      "::12345",
      "1:::2",
      ":1::2",
      "1::2:",
      ":1:2:3:4:5:6:7:8",
      "::1.2.3.4:5",
      "1.2.3.4::",
      "1:1.2.3.4::5",
      "::ffff:192.0.2.256",
      "::ffff:192.0.2",
      "0:0:0:0:0:0:ffff:192.0.2.1",
      "2001:db8::g",
    ]) {
      expect(parseAddressRange(bad), bad).toBeUndefined();
    }
  });
});

describe("overlap", () => {
  it("is inside from the first to the last address of the rule's block, and outside just beyond either end", () => {
    const rule = range("10.0.0.0/16");
    expect(overlap(range("10.0.0.0"), rule)).toBe("inside");
    expect(overlap(range("10.0.255.255"), rule)).toBe("inside");
    expect(overlap(range("10.0.0.0/16"), rule)).toBe("inside");
    expect(overlap(range("9.255.255.255"), rule)).toBe("outside");
    expect(overlap(range("10.1.0.0"), rule)).toBe("outside");
    expect(overlap(range("10.0.128.0/17"), range("10.0.0.0/17"))).toBe("outside");
  });

  it("is partly for a source that sticks out of the rule at either end, or both", () => {
    expect(overlap(range("10.0.0.0/16"), range("10.0.128.0/17"))).toBe("partly");
    expect(overlap(range("10.0.0.0/16"), range("10.0.0.0/17"))).toBe("partly");
    expect(overlap(range("10.0.0.0/8"), range("10.1.0.0/16"))).toBe("partly");
    expect(overlap(range("2001:db8::/32"), range("2001:db8:1::/48"))).toBe("partly");
  });

  it("IPv4 and IPv6 never meet, even where their numbers do", () => {
    // ::a00:1 is the IPv4-compatible form of 10.0.0.1: the same number, another family
    expect(overlap(range("::a00:1"), range("10.0.0.0/8"))).toBe("outside");
    expect(overlap(range("10.0.0.1"), range("::/64"))).toBe("outside");
    expect(overlap(range("0.0.0.0/0"), range("::/0"))).toBe("outside");
  });

  it("a block sits inside any shorter block around the same address, and only partly inside a longer one", () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 32 }),
        fc.ipV6(),
        fc.integer({ min: 0, max: 128 }),
        fc.integer({ min: 0, max: 128 }),
        (v4, a, b, v6, c, d) => {
          for (const [address, x, y] of [
            [v4, a, b],
            [v6, c, d],
          ] as const) {
            const [short, long] = [Math.min(x, y), Math.max(x, y)];
            expect(overlap(range(`${address}/${long}`), range(`${address}/${short}`))).toBe("inside");
            expect(overlap(range(`${address}/${short}`), range(`${address}/${long}`))).toBe(short === long ? "inside" : "partly");
          }
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("prefixLength", () => {
  it("is the /n of a block, 32 for an IPv4 address and 128 for an IPv6 one", () => {
    expect(prefixLength(range("0.0.0.0/0"))).toBe(0);
    expect(prefixLength(range("10.0.0.0/8"))).toBe(8);
    expect(prefixLength(range("203.0.113.7"))).toBe(32);
    expect(prefixLength(range("::/0"))).toBe(0);
    expect(prefixLength(range("2001:db8::/64"))).toBe(64);
    expect(prefixLength(range("2001:db8::1"))).toBe(128);
  });

  it("gives back the prefix any block was written with", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV6(), fc.integer({ min: 0, max: 128 }), (v4, p4, v6, p6) => {
        expect(prefixLength(range(`${v4}/${p4}`))).toBe(p4);
        expect(prefixLength(range(`${v6}/${p6}`))).toBe(p6);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
