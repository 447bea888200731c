/** One check: every layer's verdict in order, the overall verdict, the AMI's default rule and the one fix. */
import type { RuleBook } from "../rule-book.js";
import type { HostRead } from "./host-state.js";
import { evaluateInstance } from "./instance.js";
import { evaluateNetworkAcl } from "./network-acl.js";
import { evaluateRoute } from "./route.js";
import { evaluateSecurityGroups } from "./security-group.js";
import { type CheckRequest, LAYERS, type LayerVerdict, type NetworkSnapshot, type Overall } from "./snapshot.js";
import { describeSource } from "./source.js";
import { evaluateListener, evaluateWindowsFirewall } from "./windows-firewall.js";

export interface DefaultRule {
  readonly rule: string;
  readonly ports: string;
  readonly os: readonly string[];
}

export interface CheckReport {
  readonly instance: string;
  readonly port: number;
  readonly protocol: CheckRequest["protocol"];
  readonly from: string;
  readonly verdict: Overall;
  readonly layers: readonly LayerVerdict[];
  /** The default inbound rules of a Windows AMI for this port, from amiport's data. */
  readonly defaults: readonly DefaultRule[];
  /** The fix of the first blocking layer, when one can be built. */
  readonly fix?: string;
}

/** The VPC layers, in order: instance, route, network ACL, security group. */
export function evaluateNetwork(snapshot: NetworkSnapshot, request: CheckRequest): LayerVerdict[] {
  return [
    evaluateInstance(snapshot.instance),
    evaluateRoute(snapshot, request),
    evaluateNetworkAcl(snapshot, request),
    evaluateSecurityGroups(snapshot, request),
  ];
}

/** The host layers, from the document's output; a problem reading it makes both unknown, never pass. */
export function evaluateHost(read: HostRead, request: CheckRequest): LayerVerdict[] {
  if (!read.ok) return hostUnknown(read.problem);
  return [evaluateWindowsFirewall(read.host, request), evaluateListener(read.host, request)];
}

export function hostUnknown(reason: string): LayerVerdict[] {
  return [
    { layer: "windows-firewall", verdict: "unknown", cite: "", reason },
    { layer: "listener", verdict: "unknown", cite: "", reason },
  ];
}

/** Blocked when any layer blocks, open only when every layer passes, else unknown. */
export function overallVerdict(layers: readonly LayerVerdict[]): Overall {
  if (layers.some((l) => l.verdict === "blocked")) return "blocked";
  const all = LAYERS.every((name) => layers.some((l) => l.layer === name && l.verdict === "pass"));
  return all ? "open" : "unknown";
}

export function defaultRulesFor(book: RuleBook, port: number, protocol: CheckRequest["protocol"]): DefaultRule[] {
  const wanted = protocol.toUpperCase();
  return book.rules
    .filter(
      (rule) =>
        rule.direction === "In" &&
        (rule.protocol === wanted || rule.protocol === "Any") &&
        rule.local.ranges.some((range) => range.from <= port && port <= range.to),
    )
    .map((rule) => ({ rule: rule.rule, ports: rule.local.text ?? String(port), os: rule.os }));
}

export function buildReport(
  book: RuleBook,
  instanceId: string,
  request: CheckRequest,
  layers: readonly LayerVerdict[],
): CheckReport {
  const ordered = LAYERS.flatMap((name) => layers.filter((l) => l.layer === name));
  const fix = ordered.find((l) => l.verdict === "blocked" && l.fix)?.fix;
  return {
    instance: instanceId,
    port: request.port,
    protocol: request.protocol,
    from: describeSource(request.source),
    verdict: overallVerdict(ordered),
    layers: ordered,
    defaults: defaultRulesFor(book, request.port, request.protocol),
    ...(fix ? { fix } : {}),
  };
}
