/**
 * `amiport check` against moto on loopback: the VPC verdict in process (four to seven EC2 Describe
 * calls, then the evaluators), the evaluators alone, and the command line from a cold start (it loads
 * the AWS SDK). moto answers from memory, so these are amiport's and the SDK's costs, not AWS's.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createAwsReader } from "../src/aws/index.js";
import { evaluateNetwork, readSource } from "../src/core/reachability/index.js";
import { VpcWorld, winrmHttps } from "../test/aws/vpc-world.js";
import { startMoto, useMotoEnv } from "../test/helpers/moto.js";

const IN_PROCESS_RUNS = 60;
const EVALUATOR_RUNS = 20_000;
const CLI_RUNS = 7;
const BIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function benchCheck(): Promise<string[]> {
  const started = await startMoto();
  if (!("moto" in started)) return [`check: skipped (${started.skip})`];
  const { moto } = started;
  const restore = useMotoEnv(moto);
  try {
    const world = new VpcWorld();
    const { vpcId, mainTableId } = await world.vpc("10.0.0.0/16");
    const subnet = await world.subnet(vpcId, "10.0.1.0/24", true);
    await world.defaultRoute(mainTableId, await world.internetGateway(vpcId));
    await world.customAcl(vpcId, subnet, [
      { rule: 100, egress: false, action: "allow", cidr: "0.0.0.0/0", ports: [5986, 5986] },
      { rule: 100, egress: true, action: "allow", cidr: "0.0.0.0/0", ports: [1024, 65535] },
    ]);
    const group = await world.group(vpcId, "winrm", [winrmHttps("203.0.113.0/24")]);
    const { instanceId } = await world.windowsInstance(subnet, [group]);
    const source = readSource("203.0.113.9");
    if (!source.ok) throw new Error(source.problem);

    const reader = createAwsReader({ region: "us-east-1" });
    const samples: number[] = [];
    let snapshot: Awaited<ReturnType<typeof reader.readNetwork>> | undefined;
    await reader.readNetwork(instanceId, source);
    for (let i = 0; i < IN_PROCESS_RUNS; i++) {
      const t0 = performance.now();
      snapshot = await reader.readNetwork(instanceId, source);
      if (!snapshot.ok) throw new Error(snapshot.problem);
      evaluateNetwork(snapshot.snapshot, { port: 5986, protocol: "tcp", source: snapshot.source });
      samples.push(performance.now() - t0);
    }
    reader.close?.();
    if (!snapshot?.ok) throw new Error("no snapshot");
    const network = snapshot;

    const t0 = performance.now();
    for (let i = 0; i < EVALUATOR_RUNS; i++)
      evaluateNetwork(network.snapshot, { port: 5986, protocol: "tcp", source: network.source });
    const evaluatorUs = ((performance.now() - t0) / EVALUATOR_RUNS) * 1000;

    const cli: number[] = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      const c0 = performance.now();
      spawnSync(process.execPath, [BIN, "check", instanceId, "5986", "--from", "203.0.113.9", "--no-host"], {
        stdio: "ignore",
        env: { ...process.env, ...moto.env },
      });
      cli.push(performance.now() - c0);
    }
    return [
      `check: VPC verdict against moto, in process, warm client: n=${IN_PROCESS_RUNS}  p50 ${percentile(samples, 0.5).toFixed(1)} ms  p95 ${percentile(samples, 0.95).toFixed(1)} ms (target < 1000 ms)`,
      `check: the four VPC evaluators alone on that snapshot: ${evaluatorUs.toFixed(1)} µs per check`,
      `check: amiport check --no-host from a cold start (loads the AWS SDK): median of ${CLI_RUNS} ${percentile(cli, 0.5).toFixed(0)} ms, max ${Math.max(...cli).toFixed(0)} ms`,
    ];
  } finally {
    restore();
    await moto.stop();
  }
}
