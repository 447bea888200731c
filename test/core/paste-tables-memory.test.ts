/**
 * The tables the paste reader keeps across pastes (each word's services, each label's role) hold
 * words, never the pastes they came from: a word sliced out of a 40,000-character paste shares
 * that paste's memory unless it is copied.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { readPaste } from "../../src/core/paste.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

it("keeps no paste alive through the words it remembers", () => {
  readPaste("warm up: winrm 5985 on host web01");
  const before = heapMiB();
  // 300 pastes of 40,000 characters, each with distinct long words and labels (12 MB of text in all)
  for (let n = 0; n < 300; n++) {
    const words = Array.from({ length: 20 }, (_, k) => `Paste${n}SomeLongWord${k} Label${n}port${k}: ${1000 + k}`).join(" ");
    readPaste(`${words} ${"x".repeat(40_000)}`.slice(0, 40_000));
  }
  const grown = heapMiB() - before;
  // the words themselves are under 1 MiB; a pinned paste each would be 12 MiB or more
  expect(grown).toBeLessThan(4);
});
