/**
 * scripts/paste-equivalence.ts: two builds of the paste reader compared on many texts. The build
 * `npm test` makes first (dist/) is read against this checkout's source: the same code, so the
 * same reading; a text read differently is found and shown.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareReadings, equivalenceTexts, runPasteEquivalence } from "../../scripts/paste-equivalence.js";
import { looksPasted, readPaste } from "../../src/core/paste.js";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));

describe("scripts/paste-equivalence.ts", () => {
  it("gathers corpus cases, joined cases, line windows, test strings and long runs", () => {
    const texts = equivalenceTexts();
    expect(texts.length).toBeGreaterThan(20_000);
    expect(texts).toContain("port ".repeat(8000));
    expect(texts.some((t) => t.length === 40_000 && t.startsWith("http://http://"))).toBe(true);
  });

  it("finds no difference between the built reader and the source it was built from", async () => {
    const built = await import(`${dist}/core/paste.js`);
    // every 40th text under 5,000 characters: the whole set is the script's job (a minute or more)
    const texts = equivalenceTexts().filter((t, i) => i % 40 === 0 && t.length < 5000);
    expect(texts.length).toBeGreaterThan(500);
    const { differing, shown } = compareReadings(built, { readPaste, looksPasted }, texts);
    expect(differing).toBe(0);
    expect(shown).toEqual([]);
  }, 60_000);

  it("shows a text two readers read differently, with both readings", () => {
    // a reader that sees one port fewer: the last one found is dropped
    const fewer = {
      looksPasted,
      readPaste: (text: string) => {
        const reading = readPaste(text);
        return { ...reading, found: reading.found.slice(0, -1) };
      },
    };
    const { differing, shown } = compareReadings(fewer, { readPaste, looksPasted }, ["no port here", "connect 10.0.0.5:5986"]);
    expect(differing).toBe(1);
    expect(shown[0]?.text).toBe("connect 10.0.0.5:5986");
    expect(shown[0]?.before).not.toContain("5986");
    expect(shown[0]?.now).toContain('"port":5986');
  });

  it("exits 2 with a usage line without a build to compare, or with one it cannot load", async () => {
    expect(await runPasteEquivalence([])).toBe(2);
    expect(await runPasteEquivalence(["/nonexistent/dist"])).toBe(2);
    expect(await runPasteEquivalence([dist, "extra"])).toBe(2);
  });
});
