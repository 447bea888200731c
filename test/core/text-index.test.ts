/** The word index behind a search: which index words a typed word reaches, and how rules score. */
import { describe, expect, it } from "vitest";
import { buildTextIndex, type TextMatch } from "../../src/core/text-index.js";
import { typoTargets } from "../../src/core/typos.js";
import { book } from "../helpers/book.js";

const IGNORED = new Set(["the", "and", "in", "of", "to"]);
const typos = { targets: typoTargets(book.vocabulary), realWords: book.realWords };
/** Built in each test: what the index holds is decided while it is built. */
const build = () => buildTextIndex(book.rules, IGNORED, typos);
const scoreOf = (matches: readonly TextMatch[], ruleIndex: number) => matches.find((m) => m.ruleIndex === ruleIndex)?.score ?? 0;

describe("resolve", () => {
  it("finds a word as typed with full quality, a fuzzy typo with less", () => {
    const index = build();
    expect(index.resolve("telemetry")).toEqual([{ word: "telemetry", quality: 1 }]);
    const [hit, ...rest] = index.resolve("telemtry");
    expect(rest).toEqual([]);
    expect(hit?.word).toBe("telemetry");
    expect(hit?.quality).toBeGreaterThan(0.5);
    expect(hit?.quality).toBeLessThan(1);
  });

  it("indexes two-letter words (v4, nb) but never a single letter", () => {
    const index = build();
    expect(index.resolve("v4")).toEqual([{ word: "v4", quality: 1 }]);
    expect(index.resolve("nb")).toEqual([{ word: "nb", quality: 1 }]);
    // "t" stands alone in the data (from an apostrophe), "a" in definitions
    for (const letter of ["t", "a"]) {
      expect(index.resolve(letter)).toEqual([]);
      expect(index.match([letter])).toEqual({ matches: [], unmatched: [letter] });
    }
  });

  it("leaves out the ignored words", () => {
    const index = build();
    expect(index.resolve("the")).toEqual([]);
  });

  it("reads a short typo as a service word only when that word is in this index", () => {
    const index = build();
    expect(index.resolve("smv")).toEqual([{ word: "smb", quality: 0.8 }]);
    const remoteDesktop = book.rules.filter((r) => r.section === "Remote Desktop");
    expect(remoteDesktop.length).toBeGreaterThan(0);
    const small = buildTextIndex(remoteDesktop, IGNORED, typos);
    expect(small.resolve("smb")).toEqual([]);
    expect(small.resolve("smv")).toEqual([]);
    expect(small.match(["smv"])).toEqual({ matches: [], unmatched: ["smv"] });
  });
});

describe("match", () => {
  it("indexes the words of notes, at the weight of small print", () => {
    const index = build();
    const withNote = book.rules.findIndex((r) => r.notes.some((n) => /\bpredefined\b/i.test(n.text)));
    expect(withNote).toBeGreaterThanOrEqual(0);
    const { matches } = index.match(["predefined"]);
    expect(matches.map((m) => m.ruleIndex)).toContain(withNote);
    expect(scoreOf(matches, withNote)).toBe(1);
  });

  it("scores a typo by the best of the index words it reaches, scaled by how close it is", () => {
    const index = build();
    // `servr` reaches server and service equally, `printng` reaches printing, then printer more strongly
    for (const typed of ["remoet", "telemtry", "smv", "managment", "discovry", "servr", "printng", "dhcp6"]) {
      const hits = index.resolve(typed);
      expect(hits.length, typed).toBeGreaterThan(0);
      const { matches, unmatched } = index.match([typed]);
      expect(unmatched).toEqual([]);
      expect(new Set(matches.map((m) => m.ruleIndex)).size, typed).toBe(matches.length);
      const exact = hits.map((h) => index.match([h.word]).matches);
      for (const m of matches) {
        const values = hits.map((h, i) => scoreOf(exact[i] as TextMatch[], m.ruleIndex) * h.quality);
        const best = Math.max(...values);
        expect(m.score, `${typed} ${m.ruleIndex}`).toBeCloseTo(best, 10);
        expect(m.words).toEqual([hits[values.indexOf(best)]?.word]);
        expect(m.typedWordsMatched).toBe(1);
      }
    }
  });

  it("adds up the typed words per rule, once per rule, and ranks by words matched, then score, then page order", () => {
    const index = build();
    const typed = ["remote", "desktop", "udp"];
    const { matches, unmatched } = index.match(typed);
    expect(unmatched).toEqual([]);
    expect(new Set(matches.map((m) => m.ruleIndex)).size).toBe(matches.length);
    const single = typed.map((w) => index.match([w]).matches);
    for (const m of matches) {
      const reachedBy = typed.filter((_, i) => scoreOf(single[i] as TextMatch[], m.ruleIndex) > 0);
      expect(m.words).toEqual(reachedBy);
      expect(m.typedWordsMatched).toBe(reachedBy.length);
      expect(m.score).toBeCloseTo(
        single.reduce((sum, s) => sum + scoreOf(s, m.ruleIndex), 0),
        10,
      );
    }
    const sorted = [...matches].sort(
      (a, b) => b.typedWordsMatched - a.typedWordsMatched || b.score - a.score || a.ruleIndex - b.ruleIndex,
    );
    expect(matches).toEqual(sorted);
    // the UDP rules of Remote Desktop match all three words and come first
    const top = matches.filter((m) => m.typedWordsMatched === 3).map((m) => book.rules[m.ruleIndex]?.rule);
    expect(top.length).toBeGreaterThan(0);
    for (const name of top) expect(name).toMatch(/Remote Desktop.*UDP/);
    expect(matches.some((m) => m.typedWordsMatched === 2)).toBe(true);
    expect(matches.at(-1)?.typedWordsMatched).toBe(1);
  });

  it("gives the same answer to the same words asked again", () => {
    const index = build();
    const first = index.match(["remote", "desktp"]);
    expect(index.match(["remote", "desktp"])).toEqual(first);
    expect(first.matches.length).toBeGreaterThan(0);
  });
});
