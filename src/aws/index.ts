/** The only place that imports the AWS SDK: an InstanceReader over EC2 and SSM, in this account and others. */
import type { InstanceReader, NetworkRead } from "../core/reachability/index.js";
import { type AwsClients, clientSettings, createClients } from "./clients.js";
import { readHost } from "./host-reader.js";
import { readNetwork } from "./network-reader.js";

export const DEFAULT_SSM_DOCUMENT = "amiport-WindowsFirewallState";
/** Instances whose account is remembered for their host read. */
const MAX_REMEMBERED = 1_000;

export interface AwsReaderSettings {
  readonly region: string;
  readonly ssmDocument?: string;
  readonly hostBudgetMs?: number;
  /** Roles to assume, in order, when the instance is not in amiport's own account. */
  readonly roleArns?: readonly string[];
}

export function createAwsReader(settings: AwsReaderSettings): InstanceReader {
  const home = createClients(settings.region);
  const document = settings.ssmDocument ?? DEFAULT_SSM_DOCUMENT;
  const roleArns = settings.roleArns ?? [];
  const accountOf = new Map<string, AwsClients>();
  const closers: (() => void)[] = [() => home.ec2.destroy(), () => home.ssm.destroy()];
  let others: Promise<{ readonly arn: string; readonly clients: AwsClients }[]> | undefined;
  const otherAccounts = () => {
    others ??= import("./accounts.js").then(({ assumedRole, createSts }) => {
      const sts = createSts(settings.region, clientSettings(settings.region));
      closers.push(() => sts.destroy());
      return roleArns.map((arn) => {
        const clients = createClients(settings.region, assumedRole(sts, arn));
        closers.push(
          () => clients.ec2.destroy(),
          () => clients.ssm.destroy(),
        );
        return { arn, clients };
      });
    });
    return others;
  };
  const remember = (instanceId: string, clients: AwsClients) => {
    accountOf.delete(instanceId);
    accountOf.set(instanceId, clients);
    for (const oldest of accountOf.keys()) {
      if (accountOf.size <= MAX_REMEMBERED) break;
      accountOf.delete(oldest);
    }
  };

  return {
    readNetwork: async (instanceId, source): Promise<NetworkRead> => {
      const own = await readNetwork(home.ec2, instanceId, source);
      if (own.ok) remember(instanceId, home);
      if (own.ok || own.kind !== "not-found" || roleArns.length === 0) return own;
      const problems: string[] = [];
      for (const { arn, clients } of await otherAccounts()) {
        const read = await readNetwork(clients.ec2, instanceId, source);
        if (read.ok) {
          remember(instanceId, clients);
          return read;
        }
        if (read.kind !== "not-found") problems.push(`through ${arn}, ${read.problem}`);
      }
      const accounts = `this account or the ${roleArns.length} other account(s) in AMIPORT_CHECK_ROLE_ARNS`;
      return {
        ok: false,
        kind: "not-found",
        problem: `there is no instance ${instanceId} in ${accounts}${problems[0] ? `; ${problems[0]}` : ""}`,
      };
    },
    readHost: (instanceId, port, protocol) =>
      readHost((accountOf.get(instanceId) ?? home).ssm, instanceId, port, protocol, {
        document,
        ...(settings.hostBudgetMs ? { budgetMs: settings.hostBudgetMs } : {}),
      }),
    close: () => {
      for (const close of closers) close();
    },
  };
}
