/**
 * The one place that reads port numbers, ranges and lists, for the data's port cells and for
 * what people type alike.
 */

const MAX_PORT = 65535;

/** An inclusive range of port numbers; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export type PortListResult =
  | { readonly ok: true; readonly ranges: readonly PortRange[] }
  | { readonly ok: false; readonly problem: string };

const RANGE = /^(\d+)(?:\s*-\s*(\d+))?$/;

/**
 * Reads `5985`, `5985-5986`, `137,138,139` or `554, 8554-8558`. A reversed range is turned round;
 * a number outside 0-65535 is a problem, named in words a person understands.
 */
export function parsePortList(text: string): PortListResult {
  const ranges: PortRange[] = [];
  for (const part of text.split(",")) {
    const match = RANGE.exec(part.trim());
    if (!match) return { ok: false, problem: `"${part.trim()}" is not a port number` };
    const numbers = [match[1], match[2] ?? match[1]] as const;
    const tooBig = numbers.find((digits) => Number(digits) > MAX_PORT);
    if (tooBig !== undefined) {
      const shown = tooBig.length > 12 ? `${tooBig.slice(0, 12)}…` : tooBig;
      return { ok: false, problem: `${shown} is not a port: ports go from 0 to ${MAX_PORT}` };
    }
    const [from, to] = numbers.map(Number) as [number, number];
    ranges.push(from <= to ? { from, to } : { from: to, to: from });
  }
  return { ok: true, ranges };
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function formatRange(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/** Ranges sorted, with overlapping and adjacent ones joined: `23554, 23555, 23556` is 23554-23556. */
export function joinAdjacentRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const joined: PortRange[] = [];
  for (const range of sorted) {
    const last = joined[joined.length - 1];
    if (last && range.from <= last.to + 1) joined[joined.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else joined.push(range);
  }
  return joined;
}
