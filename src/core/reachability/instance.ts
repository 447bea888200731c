/** The `instance` layer: it exists, runs, and has the addresses the other layers need. */
import type { InstanceSnapshot, LayerVerdict } from "./snapshot.js";

export function evaluateInstance(instance: InstanceSnapshot): LayerVerdict {
  const addresses = [
    ...instance.privateAddresses.map((a) => `private ${a}`),
    ...(instance.publicAddress ? [`public ${instance.publicAddress}`] : []),
    ...instance.ipv6Addresses.map((a) => `IPv6 ${a}`),
  ].join(", ");
  const cite = `${instance.id} (${instance.state}${addresses ? `; ${addresses}` : ""}; ${instance.platform === "windows" ? "Windows" : "not Windows"})`;
  if (instance.state !== "running") {
    return {
      layer: "instance",
      verdict: "blocked",
      cite,
      reason: `${instance.id} is ${instance.state}, not running; a stopped instance has no public address`,
      fix: `aws ec2 start-instances --instance-ids ${instance.id}`,
    };
  }
  if (!instance.subnetId || instance.networkInterfaceIds.length === 0) {
    return { layer: "instance", verdict: "unknown", cite, reason: `${instance.id} reports no subnet or network interface` };
  }
  return {
    layer: "instance",
    verdict: "pass",
    cite,
    reason: `${instance.id} is running with ${instance.networkInterfaceIds.length} network interface(s): ${instance.networkInterfaceIds.join(", ")}`,
  };
}
