/** The port map's lines, their order and the port each line shows, over the whole rule book. */
import { describe, expect, it } from "vitest";
import { asksForPortMap, buildPortMap, parseQuery, type Rule } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const ports = (rules: readonly Rule[], protocol: string, direction: string) =>
  buildPortMap(rules)
    .filter((l) => l.protocol === protocol && l.direction === direction)
    .map((l) => l.port);
/**
 * Copies of the rules: the map works out each rule's place once per rule object, so a test that
 * is about places must hand it rules it has not seen.
 */
const fresh = (): Rule[] => book.rules.map((r) => ({ ...r }));
const byName = (name: string) => {
  const found = book.rules.find((r) => r.rule === name);
  expect(found, name).toBeDefined();
  return { ...(found as Rule) };
};

describe("asksForPortMap", () => {
  it("a port next to the filters asks about the port, not for a map", () => {
    expect(asksForPortMap(parseQuery(book, "3389 inbound"))).toBe(false);
    expect(asksForPortMap(parseQuery(book, "udp 5353"))).toBe(false);
  });
  it("filters on several lines are still filters", () => {
    expect(asksForPortMap(parseQuery(book, "inbound tcp\ninbound udp\n"))).toBe(true);
  });
});

describe("buildPortMap order", () => {
  it("sorts numbered ports by number, keywords by the port they stand for, then named keywords, then any", () => {
    const tcpIn = ports(fresh(), "TCP", "In");
    // numbers compare as numbers: 2177 before 10246, though "10246" sorts first as text
    expect(tcpIn.indexOf("2177")).toBeLessThan(tcpIn.indexOf("10246"));
    expect(tcpIn.indexOf("9955")).toBeLessThan(tcpIn.indexOf("23554, 23555, 23556"));
    // RPC-EPMap stands for 135: after the line for 135 itself, before 139
    expect(tcpIn.indexOf("135")).toBeLessThan(tcpIn.indexOf("RPC-EPMap"));
    expect(tcpIn.indexOf("RPC-EPMap")).toBeLessThan(tcpIn.indexOf("139"));
    // RPC stands for 49152-65535: after every numbered port
    expect(tcpIn.at(-2)).toBe("RPC");
    expect(tcpIn.at(-1)).toBe("any");
    const udpIn = ports(fresh(), "UDP", "In");
    // Ply2Disc stands for 1900; Teredo has no fixed port, so it comes after every number
    expect(udpIn.indexOf("546")).toBeLessThan(udpIn.indexOf("Ply2Disc"));
    expect(udpIn.indexOf("Ply2Disc")).toBeLessThan(udpIn.indexOf("2177"));
    expect(udpIn.slice(-2)).toEqual(["Teredo", "any"]);
  });

  it("puts a port's inbound line before its outbound line, wherever the rules stand on the page", () => {
    const echoIn = byName("File and Printer Sharing (Echo Request - ICMPv4-In)");
    const echoOut = byName("File and Printer Sharing (Echo Request - ICMPv4-Out)");
    // the outbound rule first on the page
    const swapped = [
      { ...echoOut, index: 0 },
      { ...echoIn, index: 1 },
    ];
    expect(buildPortMap(swapped).map((l) => `${l.port} ${l.direction}`)).toEqual(["Echo Request In", "Echo Request Out"]);
    expect(buildPortMap(swapped.reverse()).map((l) => `${l.port} ${l.direction}`)).toEqual([
      "Echo Request In",
      "Echo Request Out",
    ]);
  });

  it("lists each line's rules in the page's order, however they are given", () => {
    const reversed = [...book.rules].reverse();
    const map = buildPortMap(reversed);
    expect(map).toEqual(buildPortMap(book.rules));
    for (const line of map) {
      const indexes = line.rules.map((r) => r.index);
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    }
    const rdp = map.find((l) => l.protocol === "TCP" && l.direction === "In" && l.port === "3389");
    expect(rdp?.rules.map((r) => r.id)).toEqual(
      book.rules.filter((r) => r.protocol === "TCP" && r.direction === "In" && r.local.text === "3389").map((r) => r.id),
    );
  });
});

describe("buildPortMap ports", () => {
  it("shows the remote port of an outbound rule and the local port of an inbound one", () => {
    const qwaveOut = byName("Cast to Device functionality (qWave-TCP-Out)");
    expect(qwaveOut.local.text).toBe("Any");
    expect(buildPortMap([qwaveOut]).map((l) => [l.direction, l.port])).toEqual([["Out", "2177"]]);
    expect(ports(fresh(), "UDP", "Out")).toContain("547");
    expect(ports(fresh(), "UDP", "In")).toContain("546");
  });

  it("names ICMPv6 lines by message type and leaves protocol numbers without a port", () => {
    expect(ports(fresh(), "ICMPv6", "In")).toEqual([
      "Destination Unreachable",
      "Echo Request",
      "Multicast Listener Done",
      "Multicast Listener Query",
      "Multicast Listener Report",
      "Multicast Listener Report v2",
      "Neighbor Discovery Advertisement",
      "Neighbor Discovery Solicitation",
      "Packet Too Big",
      "Parameter Problem",
      "Router Advertisement",
      "Router Solicitation",
      "Time Exceeded",
    ]);
    expect(ports(fresh(), "2", "In")).toEqual([""]);
    expect(ports(fresh(), "41", "Out")).toEqual([""]);
  });

  it("names an ICMP rule whose port cell says Any by its message type", () => {
    const echo = byName("File and Printer Sharing (Echo Request - ICMPv4-In)");
    const anyCell: Rule = { ...echo, local: { text: "Any", ranges: [] } };
    expect(buildPortMap([anyCell]).map((l) => l.port)).toEqual(["Echo Request"]);
  });

  it("gives the ports behind a keyword, and no keywordPorts field to a plain port", () => {
    const map = buildPortMap(fresh());
    const rpc = map.find((l) => l.protocol === "TCP" && l.port === "RPC");
    expect(rpc?.keywordPorts).toBe("49152-65535");
    const rdp = map.find((l) => l.protocol === "TCP" && l.port === "3389");
    expect(rdp && Object.keys(rdp).sort()).toEqual(["direction", "port", "protocol", "rules"]);
    const base = byName("File and Printer Sharing (Spooler Service - RPC-EPMAP)");
    const twoRanges: Rule = {
      ...base,
      local: {
        text: "Custom",
        ranges: [],
        keyword: {
          name: "Custom",
          ranges: [
            { from: 5000, to: 5001 },
            { from: 6000, to: 6000 },
          ],
        },
      },
    };
    expect(buildPortMap([twoRanges]).map((l) => l.keywordPorts)).toEqual(["5000-5001, 6000"]);
  });
});
