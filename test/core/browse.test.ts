import { describe, expect, it } from "vitest";
import { browseRules } from "../../src/core/index.js";
import { book } from "../helpers/book.js";

const browse = (text: string, version: string | null = null, section: string | null = null) =>
  browseRules(book, { text, version, section });

describe("browseRules", () => {
  it("lists every rule in the page's order when nothing is asked", () => {
    const answer = browse("");
    expect(answer.results.map((r) => r.rule.id)).toEqual(book.rules.map((r) => r.id));
    expect(answer.total).toBe(book.rules.length);
    expect(answer.understood.summary).toBe("every rule");
    expect(answer.results[0]?.matched).toEqual([{ by: "filters" }]);
    expect(answer).toMatchObject({ query: "", portsLeftOut: 0 });
    for (const list of ["notices", "found", "byPort", "unopened", "registered"] as const) expect(answer[list], list).toEqual([]);
    expect(answer.understood).toEqual({
      ports: [],
      protocols: [],
      directions: [],
      versions: [],
      words: [],
      services: [],
      summary: "every rule",
    });
  });

  it("narrows to a version as a question would", () => {
    const answer = browse("", "Windows Server 2019");
    expect(answer.total).toBeGreaterThan(0);
    for (const r of answer.results) expect(r.rule.os).toContain("Windows Server 2019");
    expect(answer.understood.summary).toBe("Windows Server 2019");
  });

  it("keeps the rules of one section, naming it after what was asked", () => {
    const section = "Windows Remote Management";
    const answer = browse("5985", null, section);
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) expect(r.rule.section).toBe(section);
    expect(answer.total).toBe(answer.results.length);
    expect(answer.understood.summary).toBe(`port 5985 · ${section}`);
    const whole = browse("", null, section);
    expect(whole.understood.summary).toBe(section);
    expect(whole.results.map((r) => r.rule.id)).toEqual(book.rules.filter((r) => r.section === section).map((r) => r.id));
  });

  it("says how many rules matched outside the section", () => {
    const answer = browse("5985", null, "Remote Desktop");
    expect(answer.results).toEqual([]);
    expect(answer.notices).toEqual([{ kind: "filtered-out", text: "2 rules match, but none in Remote Desktop." }]);
    expect(browse("23555", null, "Remote Desktop").notices).toEqual([
      { kind: "filtered-out", text: "1 rule matches, but none in Remote Desktop." },
    ]);
  });

  it("adds no notice where nothing matched anyway", () => {
    expect(browse("8080", null, "Remote Desktop").notices.map((n) => n.kind)).toEqual(["no-match"]);
  });
});
