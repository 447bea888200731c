import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeRealWords, REAL_WORDS_PATH } from "../../scripts/real-words.js";
import { correctTypo, oneEditApart, typoTargets } from "../../src/core/typos.js";
import { book } from "../helpers/book.js";
import { underMutation } from "../helpers/property-runs.js";

describe("oneEditApart", () => {
  it.each([
    ["smv", "smb"],
    ["wmo", "wmi"],
    ["dhpc", "dhcp"],
    ["wirnm", "winrm"],
    ["dn", "dns"],
    ["rdpp", "rdp"],
  ])("%s and %s are one edit apart", (a, b) => {
    expect(oneEditApart(a, b)).toBe(true);
    expect(oneEditApart(b, a)).toBe(true);
  });

  it.each([
    ["smb", "smb"],
    ["abc", "cab"],
    ["abcd", "badc"],
    ["rdp", "xrdpx"],
    ["winrm", "wrinm"],
    // a swap and a letter added: two edits
    ["smb", "msbb"],
    ["rdp", "drpp"],
    // two letters changed, one of them to its neighbour
    ["dhcp", "dcpp"],
    ["dhcp", "dxhp"],
  ])("%s and %s are not", (a, b) => {
    expect(oneEditApart(a, b)).toBe(false);
    expect(oneEditApart(b, a)).toBe(false);
  });
});

describe("typoTargets", () => {
  it("takes the single words of tags and phrase targets of three letters or more, in lower case, once each, sorted", () => {
    const vocabulary = {
      tags: [
        { section: "Remote Desktop", words: ["RDP", "remote desktop", "mstsc"] },
        { rule: "File and Printer Sharing", words: ["smb", "ad", "wf.msc"] },
      ],
      phrases: { "file share": "smb", "sql server": "mssql", "rd gateway": "rd gw" },
    };
    expect(typoTargets(vocabulary)).toEqual(["mssql", "mstsc", "rdp", "smb"]);
  });
});

describe("correctTypo", () => {
  const readTargets = () => typoTargets(book.vocabulary);

  it("reads a short typo as the one service word a single edit away", () => {
    const targets = readTargets();
    expect(["smv", "wmo", "dhpc", "wirnm"].map((t) => correctTypo(t, targets, book.realWords))).toEqual([
      "smb",
      "wmi",
      "dhcp",
      "winrm",
    ]);
  });

  it("never corrects a real English word, nor guesses between two service words", () => {
    const targets = readTargets();
    for (const word of ["sob", "pink", "rip", "dos", "arm"]) expect(correctTypo(word, targets, book.realWords)).toBeUndefined();
    expect(correctTypo("rpd", targets, book.realWords)).toBeUndefined();
    expect(correctTypo("rp", targets, book.realWords)).toBeUndefined();
  });

  it("leaves words shorter than three letters or longer than six to fuzzy search", () => {
    const targets = readTargets();
    expect(correctTypo("sm", targets, book.realWords)).toBeUndefined(); // one edit from smb only
    expect(correctTypo("netbos", targets, book.realWords)).toBe("netbios");
    expect(correctTypo("miracst", targets, book.realWords)).toBeUndefined(); // one edit from miracast only
  });

  // a check of a generated file, not of typos.ts: instrumented by Stryker it outlasts the test timeout
  it.skipIf(underMutation)("data/real-words.json is up to date with the vocabulary (else run scripts/real-words.ts)", () => {
    expect(JSON.parse(readFileSync(REAL_WORDS_PATH, "utf8"))).toEqual(computeRealWords());
  });
});
