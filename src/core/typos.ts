/**
 * Typos of short service words (`smv` for smb, `dhpc` for dhcp): too short for fuzzy search, so a
 * typed word is read as a service word only when exactly one is a single edit away (a letter
 * changed, added, dropped, or two neighbours swapped) and the typed word is not a real English word.
 */
import type { VocabularyFile } from "./schema.js";

/** Shorter typed words are left alone: one edit from a two-letter word is any other word. */
export const MIN_TYPO_LENGTH = 3;
/** Longer words are fuzzy search's: this is for short service words (`wirnm`, `dhpc`). */
export const MAX_TYPO_LENGTH = 6;

/** The service words a short typo may be read as: the single-word tags and phrase targets of the vocabulary. */
export function typoTargets(vocabulary: Pick<VocabularyFile, "tags" | "phrases">): string[] {
  const words = [...vocabulary.tags.flatMap((tag) => tag.words), ...Object.values(vocabulary.phrases)];
  const single = words.map((w) => w.toLowerCase()).filter((w) => /^[a-z0-9]+$/.test(w) && w.length >= MIN_TYPO_LENGTH);
  return [...new Set(single)].sort();
}

/** Whether `a` and `b` differ by exactly one edit, a swap of neighbouring letters counting as one. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  // a letter changed (1 and 1), added or dropped (0 and 1): the lengths differ by one at most
  if (Math.max(restA, restB) === 1) return true;
  // a swap: `dhpc` and `dhcp`
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

/** The one target a typed word is a typo of, or undefined when none or several are that close. */
export function correctTypo(typed: string, targets: readonly string[], realWords: ReadonlySet<string>): string | undefined {
  if (typed.length < MIN_TYPO_LENGTH || typed.length > MAX_TYPO_LENGTH || realWords.has(typed)) return undefined;
  let found: string | undefined;
  for (const target of targets) {
    if (!oneEditApart(typed, target)) continue;
    if (found !== undefined) return undefined;
    found = target;
  }
  return found;
}
