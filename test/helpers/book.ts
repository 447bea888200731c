import { loadRuleBook } from "../../src/core/index.js";

/** The real data/ files, loaded once per test file. */
export const book = loadRuleBook();

export function ruleIds(predicate: (rule: (typeof book.rules)[number]) => boolean): string[] {
  return book.rules.filter(predicate).map((r) => r.id);
}
