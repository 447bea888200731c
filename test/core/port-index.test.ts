import { describe, expect, it } from "vitest";
import { buildPortIndex, type PortIndex } from "../../src/core/port-index.js";
import type { PortRange } from "../../src/core/ports.js";
import { book } from "../helpers/book.js";

/** Every rule, looked at one by one: what the index must answer. */
function naming(asked: readonly PortRange[]): string[] {
  return book.rules
    .filter((rule) =>
      [rule.local, rule.remote].some((cell) =>
        [...cell.ranges, ...(cell.keyword?.ranges ?? [])].some((r) => asked.some((a) => a.from <= r.to && r.from <= a.to)),
      ),
    )
    .map((rule) => rule.id);
}

describe("buildPortIndex", () => {
  // built in each test, not once for the file: building is what is tested
  const ids = (index: PortIndex, asked: readonly PortRange[]) => index.rulesNaming(asked).map((rule) => rule.id);
  const edges = [
    ...new Set(
      book.rules
        .flatMap((rule) => [rule.local, rule.remote])
        .flatMap((cell) => [...cell.ranges, ...(cell.keyword?.ranges ?? [])])
        .flatMap((r) => [r.from - 1, r.from, r.to, r.to + 1])
        .filter((port) => port >= 0 && port <= 65535),
    ),
  ];

  it("answers for a port at, inside and just outside every range the data names, in the book's order", () => {
    const index = buildPortIndex(book.rules);
    for (const port of edges)
      expect(ids(index, [{ from: port, to: port }]), String(port)).toEqual(naming([{ from: port, to: port }]));
  });

  it("answers for ranges and several asked ranges at once, and again the same way", () => {
    const asked: PortRange[][] = [
      [{ from: 0, to: 65535 }],
      [{ from: 130, to: 140 }],
      [
        { from: 5985, to: 5985 },
        { from: 3389, to: 3389 },
      ],
      [
        { from: 8000, to: 9000 },
        { from: 23555, to: 23555 },
      ],
      [{ from: 0, to: 0 }],
      [{ from: 9000, to: 9100 }],
    ];
    const index = buildPortIndex(book.rules);
    for (const a of asked) {
      expect(ids(index, a)).toEqual(naming(a));
      expect(ids(index, a)).toEqual(naming(a));
    }
    expect(ids(index, [{ from: 9000, to: 9100 }])).toEqual([]);
  });
});
