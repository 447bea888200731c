/**
 * Word matching over rule names, tags, sections, definitions and notes. fuse.js finds the index
 * words nearest to what was typed (so `telemtry` reaches `telemetry`); an inverted index then
 * scores rules by where those words stand (a rule name weighs more than a definition).
 */
import { createRequire } from "node:module";
import type FuseType from "fuse.js";
import type { Rule } from "./rule-book.js";
import { correctTypo } from "./typos.js";

/** How much a word counts by the field it is found in. */
const FIELD_WEIGHTS = { rule: 3, tags: 3, section: 2, notes: 1, definition: 1 } as const;
/** Fuse scores run from 0 (exact) to 1; above this a word is too far from what was typed. */
const FUZZY_THRESHOLD = 0.3;
/** Shorter words must be typed exactly: a typo in three letters is another word. */
const MIN_FUZZY_LENGTH = 5;
/** Fuzzy candidates kept for one typed word. */
const MAX_FUZZY_WORDS = 4;
/** How much a corrected short typo (`smv` as smb) counts against the word typed right. */
const TYPO_QUALITY = 0.8;

/** What short typos may be read as, and the English words that are never read as typos. */
export interface TypoWords {
  readonly targets: readonly string[];
  readonly realWords: ReadonlySet<string>;
}

export interface WordHit {
  /** The index word that matched. */
  readonly word: string;
  /** 1 for the word as typed, less the further the typo. */
  readonly quality: number;
}

export interface TextMatch {
  readonly ruleIndex: number;
  readonly score: number;
  /** The index words that matched, one per typed word that reached this rule. */
  readonly words: readonly string[];
  readonly typedWordsMatched: number;
}

export interface TextIndex {
  /** The index words a typed word reaches; empty when none is near enough. */
  resolve(typed: string): readonly WordHit[];
  /** Rules matched by the typed words, best first; words that reach nothing are left out. */
  match(typedWords: readonly string[]): { matches: TextMatch[]; unmatched: string[] };
}

/** A word: letters and digits, with inner dots kept (`wf.msc`). */
export const WORD_PATTERN = "[a-z0-9][a-z0-9.]*[a-z0-9]|[a-z0-9]";
const WORDS = new RegExp(WORD_PATTERN, "g");

function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORDS) ?? [];
}

export function buildTextIndex(rules: readonly Rule[], ignoredWords: ReadonlySet<string>, typos?: TypoWords): TextIndex {
  // word -> rule index -> best field weight
  const postings = new Map<string, Map<number, number>>();
  // words of names, tags and sections: what a typo may be read as (never a word of the small print)
  const headingWords = new Set<string>();
  const add = (word: string, ruleIndex: number, weight: number) => {
    if (word.length < 2 || ignoredWords.has(word)) return;
    if (weight >= FIELD_WEIGHTS.section) headingWords.add(word);
    let byRule = postings.get(word);
    if (!byRule) {
      byRule = new Map();
      postings.set(word, byRule);
    }
    byRule.set(ruleIndex, (byRule.get(ruleIndex) ?? 0) + weight);
  };
  // A word counts once per field and adds up across fields: "printer" in a name and a tag
  // outweighs "printer" in a name alone.
  rules.forEach((rule, i) => {
    const fields: [readonly string[], number][] = [
      [tokenize(rule.rule), FIELD_WEIGHTS.rule],
      [rule.tags.flatMap(tokenize), FIELD_WEIGHTS.tags],
      [tokenize(rule.section), FIELD_WEIGHTS.section],
      [rule.notes.flatMap((note) => tokenize(note.text)), FIELD_WEIGHTS.notes],
      [tokenize(rule.definition ?? ""), FIELD_WEIGHTS.definition],
    ];
    for (const [words, weight] of fields) for (const word of new Set(words)) add(word, i, weight);
  });

  // A typo seldom changes the first letter, so each typed word is compared only with the index
  // words that share it: one small Fuse per letter instead of one over every word.
  const byFirstLetter = new Map<string, string[]>();
  for (const word of headingWords) {
    const letter = word[0] as string;
    byFirstLetter.set(letter, byFirstLetter.get(letter) ?? []);
    byFirstLetter.get(letter)?.push(word);
  }
  // loaded here, not at start: questions about ports alone never need it
  const Fuse = createRequire(import.meta.url)("fuse.js") as typeof FuseType;
  const fuses = new Map(
    [...byFirstLetter].map(([letter, words]) => [letter, new Fuse(words, { includeScore: true, threshold: FUZZY_THRESHOLD })]),
  );
  const resolved = new Map<string, readonly WordHit[]>();

  const resolve = (typed: string): readonly WordHit[] => {
    const cached = resolved.get(typed);
    if (cached) return cached;
    let hits: WordHit[] = [];
    if (postings.has(typed)) hits = [{ word: typed, quality: 1 }];
    else if (typed.length >= MIN_FUZZY_LENGTH) {
      hits = (fuses.get(typed[0] as string)?.search(typed, { limit: MAX_FUZZY_WORDS }) ?? [])
        // nor the length by much; without these checks "bread" would reach "reads"
        .filter((r) => Math.abs(r.item.length - typed.length) <= 2)
        .map((r) => ({ word: r.item, quality: 1 - (r.score ?? 1) }));
    }
    if (hits.length === 0 && typos) {
      const corrected = correctTypo(typed, typos.targets, typos.realWords);
      if (corrected !== undefined && postings.has(corrected)) hits = [{ word: corrected, quality: TYPO_QUALITY }];
    }
    // bounded: a long-running bot meets many distinct typos
    if (resolved.size > 5000) resolved.clear();
    resolved.set(typed, hits);
    return hits;
  };

  // the postings as arrays, and the scores in arrays reused by every question: no Map per word
  const lists = new Map<string, { readonly rules: Int32Array; readonly weights: Float64Array }>();
  for (const [word, byRule] of postings) {
    lists.set(word, { rules: Int32Array.from(byRule.keys()), weights: Float64Array.from(byRule.values()) });
  }
  const bestValue = new Float64Array(rules.length);
  const bestWord: string[] = [];
  const score = new Float64Array(rules.length);
  const count = new Int32Array(rules.length);
  const words: string[][] = [];

  const match = (typedWords: readonly string[]) => {
    const scored: number[] = [];
    const unmatched: string[] = [];
    for (const typed of typedWords) {
      const hits = resolve(typed);
      if (hits.length === 0) {
        unmatched.push(typed);
        continue;
      }
      // each rule counts the best of the typed word's hits
      const reached: number[] = [];
      for (const hit of hits) {
        const list = lists.get(hit.word);
        if (!list) continue;
        for (let k = 0; k < list.rules.length; k++) {
          const ruleIndex = list.rules[k] as number;
          const value = (list.weights[k] as number) * hit.quality;
          if ((bestValue[ruleIndex] as number) < value) {
            if (bestValue[ruleIndex] === 0) reached.push(ruleIndex);
            bestValue[ruleIndex] = value;
            bestWord[ruleIndex] = hit.word;
          }
        }
      }
      for (const ruleIndex of reached) {
        if (count[ruleIndex] === 0) {
          scored.push(ruleIndex);
          words[ruleIndex] = [];
        }
        score[ruleIndex] = (score[ruleIndex] as number) + (bestValue[ruleIndex] as number);
        (words[ruleIndex] as string[]).push(bestWord[ruleIndex] as string);
        count[ruleIndex] = (count[ruleIndex] as number) + 1;
        bestValue[ruleIndex] = 0;
      }
    }
    const matches = scored.map((ruleIndex) => ({
      ruleIndex,
      score: score[ruleIndex] as number,
      words: words[ruleIndex] as string[],
      typedWordsMatched: count[ruleIndex] as number,
    }));
    for (const ruleIndex of scored) {
      score[ruleIndex] = 0;
      count[ruleIndex] = 0;
    }
    matches.sort((a, b) => b.typedWordsMatched - a.typedWordsMatched || b.score - a.score || a.ruleIndex - b.ruleIndex);
    return { matches, unmatched };
  };

  return { resolve, match };
}
