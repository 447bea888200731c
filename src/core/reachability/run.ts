/**
 * One check from start to end over an InstanceReader (AWS in production, moto in tests): the VPC
 * layers first, handed to `onNetwork` as soon as they are known, then the host layers.
 */
import type { RuleBook } from "../rule-book.js";
import type { CheckArguments } from "./check-arguments.js";
import type { HostRead } from "./host-state.js";
import type { CheckProtocol, CheckRequest, CheckSource, LayerVerdict, NetworkSnapshot } from "./snapshot.js";
import type { SourceInput } from "./source.js";
import { buildReport, type CheckReport, evaluateHost, evaluateNetwork, hostUnknown } from "./verdict.js";

export type NetworkRead =
  | { readonly ok: true; readonly snapshot: NetworkSnapshot; readonly source: CheckSource }
  | {
      readonly ok: false;
      /** not-found: no such instance; setup: no region or credentials; failed: AWS did not answer. */
      readonly kind: "not-found" | "setup" | "failed";
      readonly problem: string;
    };

/** Reads what the evaluators need; the only part of a check that waits on the network. */
export interface InstanceReader {
  readNetwork(instanceId: string, source: Exclude<SourceInput, { ok: false }>): Promise<NetworkRead>;
  readHost(instanceId: string, port: number, protocol: CheckProtocol): Promise<HostRead>;
  /** Closes kept-alive connections, so a command-line process can end at once. */
  close?(): void;
}

export type CheckOutcome =
  | { readonly ok: true; readonly report: CheckReport }
  | { readonly ok: false; readonly kind: "not-found" | "setup" | "failed"; readonly problem: string };

export async function runCheck(
  reader: InstanceReader,
  book: RuleBook,
  args: Extract<CheckArguments, { ok: true }>,
  onNetwork?: (report: CheckReport) => void | Promise<void>,
): Promise<CheckOutcome> {
  const network = await reader.readNetwork(args.instanceId, args.source);
  if (!network.ok) return network;
  const request: CheckRequest = { port: args.port, protocol: args.protocol, source: network.source };
  const vpcLayers = evaluateNetwork(network.snapshot, request);
  const instance = network.snapshot.instance;
  const reason = hostSkipped(args.host, instance.state, instance.platform);
  if (reason) return { ok: true, report: buildReport(book, args.instanceId, request, [...vpcLayers, ...hostUnknown(reason)]) };
  await onNetwork?.(buildReport(book, args.instanceId, request, [...vpcLayers, ...hostUnknown("still checking…")]));
  const host = await reader.readHost(args.instanceId, args.port, args.protocol);
  const hostLayers: LayerVerdict[] = evaluateHost(host, request);
  return { ok: true, report: buildReport(book, args.instanceId, request, [...vpcLayers, ...hostLayers]) };
}

function hostSkipped(wanted: boolean, state: string, platform: string | undefined): string | undefined {
  if (!wanted) return "not checked (--no-host)";
  if (state !== "running") return `not checked: the instance is ${state}`;
  if (platform !== "windows") return "not checked: the instance is not Windows";
  return undefined;
}
