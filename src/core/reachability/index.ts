/** Reachability of a port on an EC2 Windows instance, layer by layer: pure evaluators over plain snapshots. */
export { type AddressRange, type Overlap, overlap, parseAddressRange } from "./addresses.js";
export {
  CHECK_USAGE,
  type CheckArguments,
  type CheckFields,
  INSTANCE_ID,
  instanceIdIn,
  readCheckArguments,
  readCheckText,
} from "./check-arguments.js";
export { type HostRead, MAX_HOST_RULES, readHostState, SSM_OUTPUT_LIMIT } from "./host-state.js";
export { evaluateInstance } from "./instance.js";
export { EPHEMERAL_PORTS, evaluateNetworkAcl, IMPLICIT_DENY_RULE } from "./network-acl.js";
export { MAX_ROLE_ARNS, type RoleArns, readRoleArns } from "./role-arns.js";
export { evaluateRoute, routeTableOf } from "./route.js";
export { type CheckOutcome, type InstanceReader, type NetworkRead, runCheck } from "./run.js";
export { evaluateSecurityGroups } from "./security-group.js";
export * from "./snapshot.js";
export { describeSource, readSource, type SourceInput } from "./source.js";
export {
  buildReport,
  type CheckReport,
  type DefaultRule,
  defaultRulesFor,
  evaluateHost,
  evaluateNetwork,
  hostUnknown,
  overallVerdict,
} from "./verdict.js";
export { evaluateListener, evaluateWindowsFirewall } from "./windows-firewall.js";
