/**
 * The ports a question names that no default rule uses, with IANA's registrations for them. IANA's
 * table is read only when such a port exists, so a question about 5985 never reads it.
 */
import { joinAdjacentRanges, type PortRange } from "./ports.js";
import { type Registration, registrationsFor, type TransportProtocol, transportProtocols } from "./registrations.js";
import type { RuleBook } from "./rule-book.js";
import type { Protocol } from "./schema.js";

/** A port no default rule uses, with the protocol to open it with. */
export interface UnopenedPort {
  readonly port: number;
  readonly protocol: TransportProtocol;
}

export interface Unopened {
  readonly unopened: readonly UnopenedPort[];
  readonly registered: readonly Registration[];
}

/** Ports of one question named as unopened, at most. */
export const MAX_UNOPENED = 10;
/** Ranges this wide or wider ask about a range, not a port, and are not looked at port by port. */
export const MAX_RANGE_WIDTH = 64;

const NONE: Unopened = { unopened: [], registered: [] };

export function unopenedPorts(book: RuleBook, ports: readonly PortRange[], protocols: readonly Protocol[]): Unopened {
  const asked = transportProtocols(protocols);
  if (protocols.length > 0 && asked.length === 0) return NONE;
  const free: number[] = [];
  for (const range of ports) {
    if (range.to - range.from >= MAX_RANGE_WIDTH) continue;
    for (let port = range.from; port <= range.to && free.length < MAX_UNOPENED; port++) {
      if (!usedByAnyRule(book, port)) free.push(port);
    }
  }
  if (free.length === 0) return NONE;
  const registered = registrationsFor(
    free.map((port) => ({ from: port, to: port })),
    protocols,
  );
  const unopened = free.flatMap((port): UnopenedPort[] => {
    if (asked.length > 0) return asked.map((protocol) => ({ port, protocol }));
    const own = registered.find((r) => r.port === port);
    return [{ port, protocol: own?.protocol ?? "tcp" }];
  });
  return { unopened, registered };
}

function usedByAnyRule(book: RuleBook, port: number): boolean {
  return usedRangesOf(book).some((r) => r.from <= port && port <= r.to);
}

const usedRanges = new WeakMap<RuleBook, readonly PortRange[]>();

/** Every port any rule names, by number or through a keyword, merged into few ranges once per book. */
function usedRangesOf(book: RuleBook): readonly PortRange[] {
  let merged = usedRanges.get(book);
  if (!merged) {
    merged = joinAdjacentRanges(
      book.rules
        .flatMap((rule) => [rule.local, rule.remote])
        .flatMap((cell) => [...cell.ranges, ...(cell.keyword?.ranges ?? [])]),
    );
    usedRanges.set(book, merged);
  }
  return merged;
}
