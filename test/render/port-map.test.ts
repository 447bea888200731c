import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchRules } from "../../src/core/index.js";
import { ACTIONS, decodeButtonState } from "../../src/render/blocks.js";
import { renderPortMapMessage, renderPortMapTable } from "../../src/render/port-map.js";
import { plain } from "../../src/render/terminal.js";
import { expectNoInjectedMarkup, expectValidMessage } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";

type Json = any;

describe("renderPortMapMessage", () => {
  it("shows one line per port with its rules, and buttons for the cards and sharing", () => {
    const answer = searchRules(book, "2022 inbound");
    const message = renderPortMapMessage(answer, book, { shareable: true });
    const text = (message.blocks as Json[])
      .filter((b) => b.type === "section")
      .map((b) => b.text.text)
      .join("\n");
    expect(text).toContain("`TCP 3389 in` Remote Desktop - User Mode (TCP-In)");
    expect(text).toContain("`UDP 5353 in` Microsoft Edge (mDNS-In) · mDNS (UDP-In)");
    expect(text).toContain("`ICMPv6 Packet Too Big in` Packet Too Big (ICMPv6-In)");
    const lines = text.split("\n");
    expect(lines.indexOf("`TCP 3389 in` Remote Desktop - User Mode (TCP-In)")).toBeLessThan(
      lines.indexOf("`TCP 5985 in` Windows Remote Management (HTTP-In)"),
    );
    const actions = (message.blocks as Json[]).find((b) => b.type === "actions");
    expect(actions.elements.map((e: Json) => [e.action_id, decodeButtonState(e.value)])).toEqual([
      [ACTIONS.cards, { q: "2022 inbound", o: 0, c: true }],
      [ACTIONS.share, { q: "2022 inbound", o: 0 }],
    ]);
    expectValidMessage(message);
  });

  it("shows each rule name once on a line, though the rule has a row per group of versions", () => {
    const text = JSON.stringify(renderPortMapMessage(searchRules(book, "icmpv6 in"), book, { shareable: false }).blocks);
    expect(text).toContain("`ICMPv6 Packet Too Big in` Packet Too Big (ICMPv6-In)\\n");
  });

  it("is valid Block Kit for every combination of filters", () => {
    const filter = fc
      .subarray(
        ["tcp", "udp", "icmp", "igmp", "protocol 41", "in", "out", "2008 sp2", "2012", "2012 r2", "2016", "2019", "2022"],
        {
          minLength: 1,
        },
      )
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(filter, fc.option(fc.constantFrom("U0ASKER", "<!channel>")), (q, sharedBy) => {
        const answer = searchRules(book, q);
        fc.pre(answer.total > 0);
        const message = renderPortMapMessage(answer, book, { shareable: !sharedBy, ...(sharedBy ? { sharedBy } : {}) });
        expectValidMessage(message);
        expectNoInjectedMarkup(message.blocks, ["U0ASKER"]);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it("fits every rule of the data in one message", () => {
    const all = searchRules(book, "in out");
    expect(all.total).toBe(book.rules.length);
    expectValidMessage(renderPortMapMessage(all, book, { shareable: true }));
  });
});

describe("renderPortMapTable", () => {
  it("aligns protocol, port and direction columns", () => {
    const table = renderPortMapTable(searchRules(book, "2022 inbound tcp"), book, plain);
    // the widest port here is `23554, 23555, 23556` (19 characters)
    expect(table).toContain("\nTCP  3389                 in  Remote Desktop - User Mode (TCP-In)\n");
    expect(table).toContain("\nTCP  23554, 23555, 23556  in  Cast to Device Streaming Server (RTSP-Streaming-In)\n");
    expect(table).toContain("--cards shows the full rule cards.");
  });
});
