/**
 * Writes data/real-words.json: the English words one edit away from a service word of
 * data/vocabulary.json (`sob` from smb, `pink` from ping), which amiport never reads as typos.
 * The English words come from the npm package word-list (MIT), a dev dependency: amiport loads
 * only these few hundred at start, not its 275,000 words.
 *
 *   node --import tsx scripts/real-words.ts      (after changing the vocabulary's tags or phrases)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wordListPath from "word-list";
import { oneEditApart, typoTargets } from "../src/core/typos.js";

export const REAL_WORDS_PATH = fileURLToPath(new URL("../data/real-words.json", import.meta.url));
const VOCABULARY_PATH = fileURLToPath(new URL("../data/vocabulary.json", import.meta.url));

export interface RealWordsFile {
  readonly about: string;
  readonly words: readonly string[];
}

export function computeRealWords(): RealWordsFile {
  const targets = typoTargets(JSON.parse(readFileSync(VOCABULARY_PATH, "utf8")));
  const targetSet = new Set(targets);
  const lengths = new Set(targets.flatMap((t) => [t.length - 1, t.length, t.length + 1]));
  const words = readFileSync(wordListPath, "utf8")
    .split("\n")
    .filter((w) => lengths.has(w.length) && !targetSet.has(w) && targets.some((t) => oneEditApart(w, t)));
  return {
    about:
      "English words one edit from a service word of vocabulary.json, never read as typos. From the npm package word-list (MIT); written by scripts/real-words.ts.",
    words: [...new Set(words)].sort(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = computeRealWords();
  writeFileSync(REAL_WORDS_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`${REAL_WORDS_PATH}: ${file.words.length} words`);
}
