/** The only place that imports the AWS SDK: an InstanceReader over EC2 and SSM. */
import type { InstanceReader } from "../core/reachability/index.js";
import { createClients } from "./clients.js";
import { readHost } from "./host-reader.js";
import { readNetwork } from "./network-reader.js";

export const DEFAULT_SSM_DOCUMENT = "amiport-WindowsFirewallState";

export interface AwsReaderSettings {
  readonly region: string;
  readonly ssmDocument?: string;
  readonly hostBudgetMs?: number;
}

export function createAwsReader(settings: AwsReaderSettings): InstanceReader {
  const { ec2, ssm } = createClients(settings.region);
  const document = settings.ssmDocument ?? DEFAULT_SSM_DOCUMENT;
  return {
    readNetwork: (instanceId, source) => readNetwork(ec2, instanceId, source),
    readHost: (instanceId, port, protocol) =>
      readHost(ssm, instanceId, port, protocol, {
        document,
        ...(settings.hostBudgetMs ? { budgetMs: settings.hostBudgetMs } : {}),
      }),
    close: () => {
      ec2.destroy();
      ssm.destroy();
    },
  };
}
