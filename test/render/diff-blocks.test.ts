import { describe, expect, it } from "vitest";
import { diffBySection, diffVersions } from "../../src/core/index.js";
import { ACTIONS, decodeButtonState } from "../../src/render/blocks.js";
import { renderDiffMessage, renderDiffProblem } from "../../src/render/diff-blocks.js";
import { expectNoInjectedMarkup, expectValidMessage } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";

type Json = any;
const pairs = book.operatingSystems.flatMap((a) => book.operatingSystems.filter((b) => b !== a).map((b) => [a, b] as const));

describe("renderDiffMessage", () => {
  it("shows counts first, then one compact section per group with a button to expand it", () => {
    const diff = diffVersions(book, "Windows Server 2016", "Windows Server 2019");
    const message = renderDiffMessage(diff, book, { question: "2016 vs 2019", shareable: true });
    const blocks = message.blocks as Json[];
    expect(blocks[0].text.text).toBe("Windows Server 2016 → 2019");
    expect(blocks[1].text.text).toBe("*6 only on 2019 · 0 only on 2016 · 3 changed · 59 the same*");
    const groups = blocks.filter((b) => b.accessory?.action_id === ACTIONS.diffGroup);
    expect(groups.map((b) => b.text.text.split("\n")[0])).toEqual([
      "*Delivery Optimization*: 2 only on 2019",
      "*Diag Track*: 1 changed",
      "*Multicast*: 2 changed",
      "*Windows Device Management*: 4 only on 2019",
    ]);
    expect(groups[2].text.text).toContain("~ mDNS (UDP-Out) `local 5353 → any, remote any → 5353`");
    expect(decodeButtonState(groups[1].accessory.value)).toEqual({ q: "2016 vs 2019", o: 0, g: "Diag Track" });
    expect(JSON.stringify(blocks)).toContain("Not counted: 4 rules (Distributed File System (DFS) Management)");
    expect(JSON.stringify(blocks)).toContain(
      "DFS Management (TCP-In), DFS Management (DCOM-In), DFS Management (WMI-In), DFS Management (SMB-In).",
    );
    expect(message.text).toBe("Windows Server 2016 → 2019: 6 only on 2019 · 0 only on 2016 · 3 changed · 59 the same");
  });

  it("expands one group with its rules, notes and corrections, and a way back", () => {
    const diff = diffVersions(book, "Windows Server 2012 R2", "Windows Server 2022");
    const message = renderDiffMessage(diff, book, { question: "diff 2012r2 2022", shareable: true, group: "Cast to Device" });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("+ *Cast to Device Streaming Server (RTSP-Streaming-In)*, only on 2022");
    expect(text).toContain(":warning: *Corrected.* The AWS page prints '235, 542, 355, 523, 556'");
    expect(text).not.toContain("File and Printer Sharing");
    const actions = (message.blocks as Json[]).find((b) => b.type === "actions");
    expect(actions.elements.map((e: Json) => [e.action_id, decodeButtonState(e.value)])).toEqual([
      [ACTIONS.more, { q: "diff 2012r2 2022", o: 0 }],
      [ACTIONS.share, { q: "diff 2012r2 2022", o: 0, g: "Cast to Device" }],
    ]);
  });

  it("answers a forged or stale group with the summary and a short notice", () => {
    const diff = diffVersions(book, "Windows Server 2016", "Windows Server 2019");
    const message = renderDiffMessage(diff, book, { question: "2016 vs 2019", shareable: false, group: "<!here> nope" });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("That section has no differences in this comparison");
    expect(text).not.toContain("here> nope");
    expect((message.blocks as Json[]).filter((b) => b.accessory)).toHaveLength(4);
  });

  it("every pair, summary and every group expanded, is valid Block Kit and user text cannot ping or link", () => {
    const question = "<!channel> & <https://evil.example|x> diff".padEnd(480, "x");
    for (const [from, to] of pairs) {
      const diff = diffVersions(book, from, to);
      for (const group of [undefined, ...diffBySection(book, diff).map((g) => g.section)]) {
        for (const sharedBy of [undefined, "U0ASKER"]) {
          const message = renderDiffMessage(diff, book, {
            question,
            shareable: sharedBy === undefined,
            ...(group ? { group } : {}),
            ...(sharedBy ? { sharedBy } : {}),
          });
          expectValidMessage(message);
          expectNoInjectedMarkup(message.blocks, ["U0ASKER"]);
        }
      }
    }
  });

  it("says a problem plainly", () => {
    const message = renderDiffProblem("The AWS page lists no rules for Windows Server 2025. <!here>");
    expectValidMessage(message);
    expectNoInjectedMarkup(message.blocks);
  });
});
