import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAYERS, type LayerName, type LayerVerdict, type Verdict } from "../../../src/core/reachability/snapshot.js";
import {
  buildReport,
  defaultRulesFor,
  evaluateHost,
  hostUnknown,
  overallVerdict,
} from "../../../src/core/reachability/verdict.js";
import { book } from "../../helpers/book.js";
import { propertyRuns } from "../../helpers/property-runs.js";
import { anySource, from } from "./network.helpers.js";

const layer = (name: LayerName, verdict: Verdict, fix?: string): LayerVerdict => ({
  layer: name,
  verdict,
  cite: `${name}-cite`,
  reason: `${name} ${verdict}`,
  ...(fix ? { fix } : {}),
});

describe("overallVerdict", () => {
  it("is blocked when any layer blocks, open only when every layer passes, else unknown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Verdict>("pass", "blocked", "unknown"), { minLength: 6, maxLength: 6 }),
        (verdicts) => {
          const layers = LAYERS.map((name, i) => layer(name, verdicts[i] as Verdict));
          const expected = verdicts.includes("blocked") ? "blocked" : verdicts.every((v) => v === "pass") ? "open" : "unknown";
          expect(overallVerdict(layers)).toBe(expected);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  it("is unknown when a layer is missing, however the others pass", () => {
    for (const missing of LAYERS) {
      expect(overallVerdict(LAYERS.filter((name) => name !== missing).map((name) => layer(name, "pass")))).toBe("unknown");
    }
    expect(overallVerdict([])).toBe("unknown");
  });
});

describe("evaluateHost", () => {
  it("makes both host layers unknown, never pass, when the document's output could not be read", () => {
    const layers = evaluateHost({ ok: false, problem: "the command timed out" }, anySource(5986));
    expect(layers).toEqual(hostUnknown("the command timed out"));
    expect(layers).toEqual([
      { layer: "windows-firewall", verdict: "unknown", cite: "", reason: "the command timed out" },
      { layer: "listener", verdict: "unknown", cite: "", reason: "the command timed out" },
    ]);
  });
});

describe("defaultRulesFor", () => {
  it("gives the AMI's inbound rules that open the port for its protocol, with their ports and versions", () => {
    const winrm = defaultRulesFor(book, 5985, "tcp");
    expect(winrm.map((r) => r.rule)).toContain("Windows Remote Management (HTTP-In)");
    for (const found of winrm) {
      const rule = book.rules.find((r) => r.rule === found.rule && r.os.join() === found.os.join());
      expect(rule?.direction).toBe("In");
      expect(["TCP", "Any"]).toContain(rule?.protocol);
      expect(rule?.local.ranges.some((r) => r.from <= 5985 && 5985 <= r.to)).toBe(true);
      expect(found.ports).toBe(rule?.local.text ?? "5985");
    }
  });

  it("is exactly the inbound rules of that protocol (or any) whose local ports hold the port", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(53, 88, 135, 137, 389, 445, 3389, 5353, 5985, 5986, 1, 65535),
        fc.constantFrom<"tcp" | "udp">("tcp", "udp"),
        (port, protocol) => {
          const expected = book.rules
            .filter(
              (r) =>
                r.direction === "In" &&
                (r.protocol === protocol.toUpperCase() || r.protocol === "Any") &&
                r.local.ranges.some((range) => range.from <= port && port <= range.to),
            )
            .map((r) => r.rule);
          expect(defaultRulesFor(book, port, protocol).map((r) => r.rule)).toEqual(expected);
        },
      ),
      { numRuns: propertyRuns(60) },
    );
    // (WinRM's listener is TCP: no UDP rule opens 5985; no rule opens port 1)
    expect(defaultRulesFor(book, 5985, "udp").map((r) => r.rule)).not.toContain("Windows Remote Management (HTTP-In)");
    expect(defaultRulesFor(book, 1, "tcp")).toEqual([]);
  });
});

describe("buildReport", () => {
  it("orders the layers, takes the fix of the first blocking layer that has one, and names the source", () => {
    const layers = [
      layer("listener", "blocked", "Start-Service WinRM"),
      layer("security-group", "blocked", "aws ec2 authorize-security-group-ingress …"),
      layer("instance", "pass"),
      layer("route", "pass"),
      layer("network-acl", "blocked"),
      layer("windows-firewall", "pass"),
    ];
    const report = buildReport(book, "i-0abc1234567890def", from("10.0.1.5/32", 5985), layers);
    expect(report.layers.map((l) => l.layer)).toEqual([...LAYERS]);
    expect(report.verdict).toBe("blocked");
    // the network ACL blocks first but has no fix: the security group's is the one to run
    expect(report.fix).toBe("aws ec2 authorize-security-group-ingress …");
    expect(report).toMatchObject({ instance: "i-0abc1234567890def", port: 5985, protocol: "tcp" });
    expect(report.from).toContain("10.0.1.5");
    expect(report.defaults).toEqual(defaultRulesFor(book, 5985, "tcp"));
  });

  it("has no fix when no blocking layer has one, and says 'any source' for any", () => {
    const report = buildReport(
      book,
      "i-0abc1234567890def",
      anySource(3389),
      LAYERS.map((name) => layer(name, "pass")),
    );
    expect(report.verdict).toBe("open");
    expect(report).not.toHaveProperty("fix");
    expect(report.from).toBe("any source");
  });
});
