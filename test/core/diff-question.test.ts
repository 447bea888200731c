/** Comparisons narrowed by filters, grouped by section, and the questions that ask for them. */
import { describe, expect, it } from "vitest";
import { diffBySection, diffVersions, parseQuery, readDiffQuestion } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const V = (short: string) => `Windows Server ${short}`;
const KNOWN = "The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022.";

describe("diffVersions with a filter", () => {
  it("a protocol filter keeps that protocol alone, on every side", () => {
    const all = diffVersions(book, V("2012 R2"), V("2022"));
    const udp = diffVersions(book, V("2012 R2"), V("2022"), { protocols: ["UDP"], directions: [] });
    for (const side of ["added", "removed", "same"] as const) {
      expect(udp[side].length, side).toBeGreaterThan(0);
      expect(udp[side].map((r) => r.id)).toEqual(all[side].filter((r) => r.protocol === "UDP").map((r) => r.id));
    }
  });
});

describe("diffBySection", () => {
  it("groups each difference under its own section, in page order, leaving out sections without any", () => {
    for (const [from, to] of [
      ["2012 R2", "2022"],
      ["2016", "2019"],
      ["2019", "2022"],
    ] as const) {
      const diff = diffVersions(book, V(from), V(to));
      const sections = diffBySection(book, diff);
      const names = sections.map((s) => s.section);
      const pageOrder = book.sections.map((s) => s.name).filter((n) => names.includes(n));
      expect(names).toEqual(pageOrder);
      for (const s of sections) {
        expect(s.added.length + s.removed.length + s.changed.length, s.section).toBeGreaterThan(0);
        for (const r of [...s.added, ...s.removed]) expect(r.section).toBe(s.section);
        for (const c of s.changed) expect(c.after.section).toBe(s.section);
      }
      expect(
        sections
          .flatMap((s) => s.added)
          .map((r) => r.id)
          .sort(),
      ).toEqual(diff.added.map((r) => r.id).sort());
      expect(
        sections
          .flatMap((s) => s.removed)
          .map((r) => r.id)
          .sort(),
      ).toEqual(diff.removed.map((r) => r.id).sort());
      expect(
        sections
          .flatMap((s) => s.changed)
          .map((c) => c.after.id)
          .sort(),
      ).toEqual(diff.changed.map((c) => c.after.id).sort());
    }
  });

  it("keeps a section whose only difference is a changed rule, or a removed one", () => {
    const changedOnly = diffVersions(book, V("2016"), V("2019"));
    expect(changedOnly.changed.length).toBeGreaterThan(0);
    const sections = diffBySection(book, changedOnly);
    for (const c of changedOnly.changed) expect(sections.map((s) => s.section)).toContain(c.after.section);
    const removedOnly = diffVersions(book, V("2019"), V("2022"));
    expect(removedOnly.removed.length).toBe(1);
    const removedSection = removedOnly.removed[0]?.section;
    expect(diffBySection(book, removedOnly).find((s) => s.section === removedSection)?.removed).toEqual(removedOnly.removed);
  });
});

describe("readDiffQuestion", () => {
  it("reads a question already parsed as well as its text", () => {
    const parsed = parseQuery(book, "diff 2016 2022 inbound");
    expect(readDiffQuestion(book, parsed)).toEqual({
      ok: true,
      from: V("2016"),
      to: V("2022"),
      filter: { protocols: [], directions: ["In"] },
    });
  });

  it("never compares pasted text, even when it says diff and names two versions", () => {
    const log = "2019-05-01 12:00 changed config on 2016 host\n2019-05-01 12:01 diff 2016 2022 applied\n";
    expect(parseQuery(book, log).pasted).toBe(true);
    expect(readDiffQuestion(book, log)).toBeNull();
  });

  it("after diff, names what is not a version", () => {
    expect(readDiffQuestion(book, "diff 2016 banana")).toEqual({
      ok: false,
      problem: `After diff, name two Windows Server versions (and protocols or directions), not “banana”. ${KNOWN}`,
    });
    expect(readDiffQuestion(book, "diff 2030 2031")).toEqual({
      ok: false,
      problem: `After diff, name two Windows Server versions (and protocols or directions), not “2030”, “2031”. ${KNOWN}`,
    });
    // a word before the comparison: a question about smb, not a diff command
    expect(readDiffQuestion(book, "smb diff 2016 2022")).toBeNull();
  });

  it("asks for exactly two versions, with an example", () => {
    const problem = `Name two Windows Server versions to compare, e.g. \`diff 2016 2022\` or \`what changed between 2012 R2 and 2022\`. ${KNOWN}`;
    expect(readDiffQuestion(book, "diff 2012 2016 2022")).toEqual({ ok: false, problem });
    expect(readDiffQuestion(book, "diff 2016")).toEqual({ ok: false, problem });
  });

  it("offers the nearest listed version for each unlisted one", () => {
    const one = readDiffQuestion(book, "diff 2016 2025");
    expect(one?.ok).toBe(false);
    const text = one && !one.ok ? one.problem : "";
    expect(text).toMatch(
      /^AWS's page does not list Windows Server 2025 yet \(retrieved [^)]+\); the nearest it lists is 2022\. /,
    );
    expect(text.endsWith(` Try \`diff 2016 2022\`. ${KNOWN}`)).toBe(true);
    const two = readDiffQuestion(book, "diff 2000 2025");
    const both = two && !two.ok ? two.problem : "";
    expect(both).toMatch(
      /Windows Server 2000 \(retrieved [^)]+\); the nearest it lists is 2008 SP2\. AWS's page does not list Windows Server 2025/,
    );
    expect(both.endsWith(` Try \`diff 2008 sp2 2025\` or \`diff 2000 2022\`. ${KNOWN}`)).toBe(true);
  });
});
