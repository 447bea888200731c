import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHECK_USAGE, instanceIdIn, readCheckArguments, readCheckText } from "../../../src/core/reachability/check-arguments.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { range } from "./network.helpers.js";

const ID = "i-0123456789abcdef0";
const problem = (read: ReturnType<typeof readCheckText>) => (read.ok ? "" : read.problem);

describe("readCheckText (Slack's words after `check`)", () => {
  it("reads an instance, a port, a protocol (word or slash), a source and --no-host", () => {
    expect(readCheckText(`${ID} 5986`)).toEqual({
      ok: true,
      instanceId: ID,
      port: 5986,
      protocol: "tcp",
      source: { ok: true, kind: "any" },
      host: true,
    });
    expect(readCheckText(`  ${ID}   161/udp  `)).toMatchObject({ ok: true, port: 161, protocol: "udp" });
    expect(readCheckText(`${ID} 53 UDP from 10.0.1.5 --no-host`)).toEqual({
      ok: true,
      instanceId: ID,
      port: 53,
      protocol: "udp",
      source: { ok: true, kind: "range", range: range("10.0.1.5") },
      host: false,
    });
    expect(readCheckText(`${ID} 3389 --protocol udp --from sg-0123456789abcdef0`)).toMatchObject({
      ok: true,
      protocol: "udp",
      source: { ok: true, kind: "group", groupId: "sg-0123456789abcdef0" },
    });
    expect(readCheckText("i-0abc1234 445")).toMatchObject({ ok: true, instanceId: "i-0abc1234", port: 445 });
  });

  it("says what is wrong, the instance first, each in one line with the usage where it helps", () => {
    expect(problem(readCheckText(""))).toBe(`name an instance and a port: ${CHECK_USAGE}`);
    expect(problem(readCheckText("5986 i-0123456789abcdef0"))).toContain('"5986" is not an instance id');
    expect(problem(readCheckText("i-0123456789ABCDEF0 5986"))).toContain(
      "is not an instance id: it is i- and 8 or 17 lower-case hex",
    );
    expect(problem(readCheckText(`${ID}`))).toBe(`name a port to check: ${CHECK_USAGE}`);
    expect(problem(readCheckText(`${ID} 5985-5986`))).toBe('a check takes one port, not "5985-5986"');
    expect(problem(readCheckText(`${ID} 80,443`))).toBe('a check takes one port, not "80,443"');
    expect(problem(readCheckText(`${ID} 70000`))).not.toBe("");
    expect(problem(readCheckText(`${ID} 5986/sctp`))).toBe('a check takes tcp or udp, not "sctp"');
    expect(problem(readCheckText(`${ID} 5986 from`))).toBe(`say where from: ${CHECK_USAGE}`);
    expect(problem(readCheckText(`${ID} 5986 from banana`))).toContain('"banana" is not a source');
    expect(problem(readCheckText(`${ID} 5986 please`))).toBe(`"please" is not part of a check: ${CHECK_USAGE}`);
  });

  it("cuts what it quotes: a long instance to 40 characters, a long text to 300 before reading", () => {
    const long = `i-${"z".repeat(100)}`;
    expect(problem(readCheckText(`${long} 5986`))).toContain(`"${long.slice(0, 40)}" is not`);
    expect(problem(readCheckText(`${long} 5986`))).not.toContain(long.slice(0, 41));
    // the port word beyond the 300th character is never read
    expect(problem(readCheckText(`${ID}${" ".repeat(300)}5986`))).toBe(`name a port to check: ${CHECK_USAGE}`);
  });
});

describe("readCheckArguments (the CLI's options)", () => {
  it("defaults to tcp and the host layers, and reads any valid port", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
        expect(readCheckArguments({ instance: ID, port: String(port) })).toMatchObject({
          ok: true,
          port,
          protocol: "tcp",
          host: true,
        });
      }),
      { numRuns: propertyRuns(100) },
    );
    expect(readCheckArguments({ instance: ` ${ID} `, port: " 22 ", protocol: " TCP ", host: false })).toMatchObject({
      ok: true,
      instanceId: ID,
      protocol: "tcp",
      host: false,
    });
    expect(problem(readCheckArguments({ instance: ID, port: "22", protocol: "icmp-and-more-words-than-twenty" }))).toBe(
      'a check takes tcp or udp, not "icmp-and-more-words-"',
    );
    expect(problem(readCheckArguments({ port: "22" }))).toBe(`name an instance and a port: ${CHECK_USAGE}`);
  });
});

describe("instanceIdIn", () => {
  it("finds the first instance id a question names, in its first 4,000 characters", () => {
    expect(instanceIdIn(`why can't I reach 5986 on ${ID}? also i-0abc1234`)).toBe(ID);
    expect(instanceIdIn("ping i-0abc1234 now")).toBe("i-0abc1234");
    expect(instanceIdIn("no instance here, only i-0abc123 and i-0123456789abcdef")).toBeUndefined();
    expect(instanceIdIn(`${"x ".repeat(2_000)}${ID}`)).toBeUndefined();
  });
});
