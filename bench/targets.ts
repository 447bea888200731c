/**
 * Issue 17's targets, each printed as it was measured beside its bound, and gathered again at the
 * end of `npm run bench`. Ratios come from one run, so a busy machine slows both sides alike.
 */
const results: string[] = [];

/** `value` against an upper bound; `unit` "x" for a ratio. */
export function target(name: string, value: number, bound: number, unit: "x" | "µs" | "ms" | "MiB", how: string): string {
  const digits = unit === "x" ? 2 : unit === "MiB" ? 1 : unit === "ms" ? 3 : 1;
  const line = `target: ${name}: ${value.toFixed(digits)} ${unit} (target ≤ ${bound} ${unit}) ${value <= bound ? "met" : "NOT MET"}; ${how}`;
  results.push(line);
  return line;
}

export function targetSummary(): string[] {
  return ["", "issue 17's targets in this run:", ...results];
}
