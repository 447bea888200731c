/**
 * Which rules name a port, by number or through a keyword: built once per book, so a port question
 * looks at the few rules that can match instead of every rule of the book.
 */
import type { PortRange } from "./ports.js";
import type { Rule } from "./rule-book.js";

export interface PortIndex {
  /**
   * The rules any of whose port cells (numbers or keyword ports) overlap one of `asked`, in the
   * book's order. Every rule a port search can match is among them.
   */
  rulesNaming(asked: readonly PortRange[]): readonly Rule[];
}

/**
 * The port line cut at every range's start and just past every range's end: within one segment,
 * the same rules name every port. `starts[i]` is the first port of segment i (it runs to the next
 * start, less one); `bySegment[i]` are the positions of the rules naming its ports.
 */
export function buildPortIndex(rules: readonly Rule[]): PortIndex {
  const ranges: { readonly range: PortRange; readonly rule: number }[] = [];
  rules.forEach((rule, position) => {
    for (const cell of [rule.local, rule.remote]) {
      for (const range of [...cell.ranges, ...(cell.keyword?.ranges ?? [])]) ranges.push({ range, rule: position });
    }
  });
  const cuts = [...new Set(ranges.flatMap(({ range }) => [range.from, range.to + 1]))].sort((a, b) => a - b);
  const starts = Int32Array.from(cuts);
  const bySegment: number[][] = cuts.map(() => []);
  for (const { range, rule } of ranges) {
    for (let i = segmentOf(starts, range.from); i < starts.length && (starts[i] as number) <= range.to; i++) {
      const segment = bySegment[i] as number[];
      if (segment[segment.length - 1] !== rule) segment.push(rule);
    }
  }
  const marks = new Uint8Array(rules.length);
  return {
    rulesNaming(asked) {
      let any = false;
      for (const range of asked) {
        for (let i = Math.max(0, segmentOf(starts, range.from)); i < starts.length && (starts[i] as number) <= range.to; i++) {
          for (const rule of bySegment[i] as number[]) {
            marks[rule] = 1;
            any = true;
          }
        }
      }
      if (!any) return [];
      const found: Rule[] = [];
      for (let i = 0; i < marks.length; i++) {
        if (marks[i] === 0) continue;
        marks[i] = 0;
        found.push(rules[i] as Rule);
      }
      return found;
    },
  };
}

/** The index of the segment holding `port`: the last start at or before it, or -1 before the first. */
function segmentOf(starts: Int32Array, port: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((starts[mid] as number) <= port) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
