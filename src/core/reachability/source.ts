/** Reading `--from` and describing a source; one verdict for a group's many member addresses. */
import { type AddressRange, parseAddressRange } from "./addresses.js";
import type { CheckSource, LayerVerdict } from "./snapshot.js";

const GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export type SourceInput =
  | { readonly ok: true; readonly kind: "any" }
  | { readonly ok: true; readonly kind: "range"; readonly range: AddressRange }
  | { readonly ok: true; readonly kind: "group"; readonly groupId: string }
  | { readonly ok: false; readonly problem: string };

/** `--from`: an IPv4 or IPv6 address or block, or a security group id; nothing means any source. */
export function readSource(text: string | undefined): SourceInput {
  if (text === undefined || text.trim() === "") return { ok: true, kind: "any" };
  const trimmed = text.trim();
  if (GROUP_ID.test(trimmed)) return { ok: true, kind: "group", groupId: trimmed };
  const range = parseAddressRange(trimmed);
  if (range) return { ok: true, kind: "range", range };
  return {
    ok: false,
    problem: `"${trimmed.slice(0, 64)}" is not a source: give an address (10.0.1.5), a block (10.0.0.0/16, 2001:db8::/32) or a security group (sg-0123456789abcdef0)`,
  };
}

export function describeSource(source: CheckSource): string {
  if (source.kind === "any") return "any source";
  if (source.kind === "range") return source.range.text;
  return source.groupId;
}

/**
 * A layer's verdict for a group source: the layer judged once for each member address. Blocked
 * when any member is blocked, pass when all pass, else unknown; no members is unknown.
 */
export function acrossMembers(
  members: readonly AddressRange[],
  groupId: string,
  judge: (member: AddressRange) => LayerVerdict,
  layer: LayerVerdict["layer"],
): LayerVerdict {
  if (members.length === 0) {
    return { layer, verdict: "unknown", cite: groupId, reason: `no network interface in ${groupId} has an address to judge` };
  }
  const verdicts = members.map(judge);
  const blocked = verdicts.find((v) => v.verdict === "blocked");
  if (blocked) return blocked;
  const unknown = verdicts.find((v) => v.verdict === "unknown");
  if (unknown) return unknown;
  const first = verdicts[0] as LayerVerdict;
  return members.length === 1 ? first : { ...first, reason: `${first.reason} (all ${members.length} addresses of ${groupId})` };
}
