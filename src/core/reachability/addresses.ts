/**
 * IPv4 and IPv6 addresses and CIDR blocks as integer ranges, for the reachability evaluators.
 * Parsing is strict and linear: anything that is not a plain address or block is refused.
 */

export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  /** As written by AWS or the user, for citations. */
  readonly text: string;
}

/** How a source range sits against a rule's range. */
export type Overlap = "inside" | "partly" | "outside";

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_ADDRESS_TEXT = 64;

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith("0")) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split("::").length > 2) return undefined;
  const [head = "", tail] = text.split("::");
  /** `ends`: whether the part ends the address, the only place an embedded IPv4 address may stand. */
  const groupsOf = (part: string, ends: boolean): number[] | undefined => {
    if (part === "") return [];
    const words: number[] = [];
    const pieces = part.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (ends && index === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        words.push(Number.parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return words;
  };
  const before = groupsOf(head, tail === undefined);
  const after = tail === undefined ? [] : groupsOf(tail, true);
  if (!before || !after) return undefined;
  const missing = 8 - before.length - after.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const words = [...before, ...new Array<number>(tail === undefined ? 0 : missing).fill(0), ...after];
  return words.reduce((value, word) => (value << 16n) | BigInt(word), 0n);
}

/** An address ("10.0.1.5", "2001:db8::1") or a block ("10.0.0.0/16"); undefined when neither. */
export function parseAddressRange(input: string): AddressRange | undefined {
  const text = input.trim();
  if (text === "" || text.length > MAX_ADDRESS_TEXT) return undefined;
  const [address = "", prefixText, extra] = text.split("/");
  if (extra !== undefined) return undefined;
  const v4 = parseIpv4(address);
  const family = v4 !== undefined ? 4 : 6;
  const value = v4 ?? parseIpv6(address);
  if (value === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n, text };
}

/** Whether `source` lies wholly inside `rule`, partly, or not at all (other families never meet). */
export function overlap(source: AddressRange, rule: AddressRange): Overlap {
  if (source.family !== rule.family || source.last < rule.first || source.first > rule.last) return "outside";
  return source.first >= rule.first && source.last <= rule.last ? "inside" : "partly";
}

/** The `/n` of a range: more specific routes win. */
export function prefixLength(range: AddressRange): number {
  const size = range.last - range.first + 1n;
  return (range.family === 4 ? 32 : 128) - (size.toString(2).length - 1);
}
