/**
 * `amiport check` as people run it: the built command line against moto on loopback (exit codes,
 * JSON, no SDK notice, no stack traces), and in process with the host layers read from real
 * Windows output, since moto's SSM returns none.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsReader } from "../../src/aws/index.js";
import { CHECK_EXIT, runCheckCli } from "../../src/cli/check.js";
import { readHostState } from "../../src/core/reachability/index.js";
import { VpcWorld, winrmHttps } from "../aws/vpc-world.js";
import { book } from "../helpers/book.js";
import { type MotoOrReason, startMoto, useMotoEnv } from "../helpers/moto.js";

const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const started: MotoOrReason = await startMoto();
const moto = "moto" in started ? started.moto : undefined;

function amiport(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")));
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...clean, NO_COLOR: "1", ...env } });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  return new Promise((done) => child.on("close", (code) => done({ code: code ?? -1, out, err })));
}

describe("amiport check: input it refuses before reading AWS", () => {
  it.each([
    [["check"], "name an instance and a port"],
    [["check", "i-xyz", "5986"], '"i-xyz" is not an instance id'],
    [["check", "i-0123456789abcdef0", "70000"], "70000 is not a port"],
    [["check", "i-0123456789abcdef0", "5985-5986"], "a check takes one port"],
    [["check", "i-0123456789abcdef0", "5986", "--protocol", "icmp"], "a check takes tcp or udp"],
    [["check", "i-0123456789abcdef0", "5986", "--from", "10.0.0.0/40"], "is not a source"],
    [["check", "i-0123456789abcdef0; rm -rf /", "5986"], "is not an instance id"],
    [["check", "i-0123456789abcdef0", "5986", "--bogus"], "Unknown option"],
  ])("%j", async (args, problem) => {
    const { code, out, err } = await amiport(args, { AWS_REGION: "us-east-1" });
    expect(code).toBe(CHECK_EXIT.usage);
    expect(out).toBe("");
    expect(err).toContain(problem);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("says AWS_REGION is missing", async () => {
    const { code, err } = await amiport(["check", "i-0123456789abcdef0", "5986"], {});
    expect(code).toBe(CHECK_EXIT.usage);
    expect(err).toContain("AWS_REGION is not set");
  });

  it("prints its help", async () => {
    const { code, out } = await amiport(["check", "--help"], {});
    expect(code).toBe(0);
    expect(out).toContain("Exit status: 0 open; 1 blocked or unknown; 2 bad input");
  });
});

describe("the command line does not load the AWS SDK for a question", () => {
  it("no static import from dist/cli/main.js reaches src/aws or @aws-sdk", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, "utf8");
      for (const match of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
        const target = match[1] as string;
        expect(target, `${file} imports ${target}`).not.toMatch(/@aws-sdk|\/aws\//);
        if (target.startsWith(".")) visit(resolve(dirname(file), target));
      }
    };
    visit(BIN);
    expect([...seen].some((f) => f.endsWith(join("cli", "run.js")))).toBe(true);
    expect([...seen].some((f) => f.endsWith(join("cli", "check.js")))).toBe(false);
  });
});

describe.skipIf(!moto)("amiport check against moto", () => {
  let restore: () => void;
  let instanceId: string;
  let group: string;

  beforeAll(async () => {
    restore = useMotoEnv(moto as NonNullable<typeof moto>);
    const world = new VpcWorld();
    const { vpcId, subnetId: subnet } = await world.publicSubnet("10.9.0.0/16", "10.9.1.0/24");
    group = await world.group(vpcId, "winrm", [
      winrmHttps("203.0.113.0/24"),
      { IpProtocol: "tcp", FromPort: 5985, ToPort: 5985, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ]);
    instanceId = (await world.windowsInstance(subnet, [group])).instanceId;
    await world.installDocument();
  });

  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });

  it("a blocked port: exit 1, the documented JSON, and no SDK notice on stderr", async () => {
    const { code, out, err } = await amiport(
      ["check", instanceId, "5986", "--from", "198.51.100.7", "--json"],
      (moto as NonNullable<typeof moto>).env,
    );
    expect(err).toBe("");
    expect(code).toBe(CHECK_EXIT.notOpen);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(["instance", "port", "protocol", "from", "verdict", "layers", "defaults", "fix"]);
    expect(json).toMatchObject({
      instance: instanceId,
      port: 5986,
      protocol: "tcp",
      from: "198.51.100.7",
      verdict: "blocked",
      defaults: [],
    });
    expect(json.layers.map((l: { layer: string }) => l.layer)).toEqual([
      "instance",
      "route",
      "network-acl",
      "security-group",
      "windows-firewall",
      "listener",
    ]);
    for (const l of json.layers) expect(Object.keys(l).slice(0, 4)).toEqual(["layer", "verdict", "cite", "reason"]);
    expect(json.fix).toContain(`--group-id ${group}`);
  });

  it("an unknown instance: exit 2 and one line", async () => {
    const { code, out, err } = await amiport(["check", "i-0123456789abcdef0", "5986"], (moto as NonNullable<typeof moto>).env);
    expect(code).toBe(CHECK_EXIT.usage);
    expect(out).toBe("");
    expect(err).toBe("amiport check: there is no instance i-0123456789abcdef0 in this account and region\n");
  });

  it("no credentials: exit 2 with what to set up", async () => {
    const env = {
      ...(moto as NonNullable<typeof moto>).env,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_EC2_METADATA_DISABLED: "true",
      HOME: "/nonexistent",
    };
    const { code, err } = await amiport(["check", instanceId, "5986"], env);
    expect(code).toBe(CHECK_EXIT.usage);
    expect(err).toContain("no usable AWS credentials");
  });

  it("open on every layer: exit 0, with the host layers from real Windows Server 2022 output", async () => {
    const fixture = (name: string) =>
      JSON.parse(readFileSync(new URL(`../core/reachability/fixtures/${name}`, import.meta.url), "utf8"));
    const windowsOutput = JSON.stringify({
      Profiles: fixture("firewall-profiles-ws2022.json"),
      Connections: { InterfaceAlias: "Ethernet", NetworkCategory: 1 },
      Rules: fixture("firewall-rules-ws2022.json"),
      ...fixture("firewall-rule-filters-ws2022.json"),
      Listeners: [{ LocalAddress: "::", LocalPort: 5985, OwningProcess: 4 }],
    });
    const aws = createAwsReader({ region: "us-east-1" });
    let out = "";
    const code = await runCheckCli(
      [instanceId, "5985", "--from", "203.0.113.9"],
      { out: (t) => (out += t), err: (t) => (out += t), isTTY: false, env: { AWS_REGION: "us-east-1" } },
      {
        book,
        reader: async () => ({ ...aws, readHost: async (_id, _port, protocol) => readHostState(windowsOutput, protocol) }),
      },
    );
    aws.close?.();
    expect(out).toContain(`${instanceId} tcp 5985 from 203.0.113.9: OPEN`);
    expect(out).toContain("Windows Remote Management (HTTP-In)");
    expect(out).toContain("On a default Windows AMI, Windows Remote Management (HTTP-In) opens tcp 5985");
    expect(code).toBe(CHECK_EXIT.open);
  });
});
