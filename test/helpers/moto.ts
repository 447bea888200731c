/**
 * moto_server, a local stand-in for AWS's APIs, on a free loopback port for the AWS tests; the
 * real SDK talks to it through AWS_ENDPOINT_URL with dummy credentials.
 *
 * Where moto_server is not installed the tests that need it skip, unless AMIPORT_REQUIRE_MOTO=1
 * (set by .ci/run when moto_server is on the PATH), which makes that a failure.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { freePort } from "./postgres.js";

export const motoRequired = process.env.AMIPORT_REQUIRE_MOTO === "1";
// moto_server imports every AWS service it fakes before it listens: slow on a busy machine
const START_TIMEOUT_MS = 60_000;

export interface TestMoto {
  readonly endpoint: string;
  /** The environment a process needs to reach this moto: endpoint, region and dummy credentials. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type MotoOrReason = { readonly moto: TestMoto } | { readonly skip: string };

function installed(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v moto_server"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function startMoto(): Promise<MotoOrReason> {
  if (!installed()) return unavailable("moto_server is not on the PATH (Debian: apt-get install python3-moto)");
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return unavailable(`moto_server exited with ${child.exitCode}`);
    try {
      const answer = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (answer.status < 500) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  if (Date.now() >= deadline) {
    child.kill();
    return unavailable(`moto_server did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s`);
  }
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  };
  return {
    moto: {
      endpoint,
      env,
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill();
        await exited;
      },
    },
  };
}

/**
 * Points this process's SDK clients at moto, without the SDK's Node-version notice in the test
 * output; returns the previous values to put back.
 */
export function useMotoEnv(moto: TestMoto): () => void {
  const env = { ...moto.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

function unavailable(reason: string): MotoOrReason {
  if (motoRequired) throw new Error(`AMIPORT_REQUIRE_MOTO=1 but ${reason}`);
  console.warn(`skipping the AWS (moto) tests: ${reason}`);
  return { skip: reason };
}
