/**
 * Builds the Dockerfile and proves the image works: it starts as a non-root user, answers
 * /healthz, serves a signed `/amiport 5985`, and stops on SIGTERM with exit code 0 within 5 s.
 * Then runs it in distributed mode against a throwaway PostgreSQL (the tests' own helper): ready on
 * /readyz, installed by OAuth against the Slack stand-in, an event answered with that workspace's token.
 * Last, `podman kube play` runs deploy/kubernetes/deployment.yaml against the same database.
 * No Docker engine is reachable here: ../shared/tools/container-check.sh builds and runs the image
 * with podman on a local stand-in of the official node:<major>-slim image.
 *
 *   node --import tsx scripts/container-check.ts     (CONTAINER_CHECK=path overrides the tool)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { freePort, startPostgres } from "../test/helpers/postgres.js";
import { eventBody, postSigned, SlackStandIn, slashCommandBody } from "../test/helpers/slack-stand-in.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const tool = process.env.CONTAINER_CHECK ?? fileURLToPath(new URL("../../shared/tools/container-check.sh", import.meta.url));
const SECRET = "container-check-signing-secret";
const TOKEN = "xoxb-0-0-containercheck";
const name = `amiport-check-${process.pid}`;
/** The containers this run started, removed on failure; the last one's log is shown. */
const containers = [name];
/** Other things to undo when a check fails and the process exits at once (the test database). */
const cleanups: Array<() => void> = [];

const say = (text: string) => console.log(`container-check: ${text}`);

function podman(...args: string[]): string {
  return execFileSync("bash", [tool, "podman", ...args], { encoding: "utf8" }).trim();
}

function fail(text: string): never {
  console.error(`container-check: FAILED: ${text}`);
  const logs = spawnSync("bash", [tool, "podman", "logs", containers.at(-1) as string], { encoding: "utf8" });
  if (logs.stdout || logs.stderr) console.error(`--- container log ---\n${logs.stdout}${logs.stderr}`);
  spawnSync("bash", [tool, "podman", "rm", "-f", ...containers]);
  for (const cleanup of cleanups) cleanup();
  process.exit(1);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < until) {
    status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}

async function main(): Promise<void> {
  if (!existsSync(tool)) fail(`${tool} is missing (set CONTAINER_CHECK to the tool's path)`);
  say("building the image (the first run installs podman and makes the base image; a few minutes)");
  const build = spawnSync("bash", [tool, "build", repo], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.stdout.write(build.stdout);
  if (build.status !== 0) fail(`the build exited with ${build.status}`);
  const size = /built amiport:check, (.+)/.exec(build.stdout)?.[1] ?? "unknown";

  const slack = await new SlackStandIn().start();
  const port = await freePort();
  podman(
    "run",
    "-d",
    "--network",
    "host",
    "--name",
    name,
    "-e",
    `SLACK_BOT_TOKEN=${TOKEN}`,
    "-e",
    `SLACK_SIGNING_SECRET=${SECRET}`,
    "-e",
    `PORT=${port}`,
    "-e",
    `SLACK_API_URL=${slack.apiUrl}`,
    "amiport:check",
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await waitForHealth(`${base}/healthz`, 60_000);
    if (health !== 200) fail(`/healthz answered ${health}, not 200`);
    say("/healthz answers 200");

    const user = podman("exec", name, "id", "-u");
    if (user === "0") fail("the app runs as root");
    const configuredUser = podman("inspect", "--format", "{{.Config.User}}", name);
    say(`runs as uid ${user} (USER ${configuredUser})`);
    const healthcheck = podman("inspect", "--format", "{{json .Config.Healthcheck}}", name);
    if (!healthcheck.includes("/healthz")) fail(`the image has no HEALTHCHECK on /healthz: ${healthcheck}`);
    const probe = spawnSync("bash", [tool, "podman", "healthcheck", "run", name], { encoding: "utf8" });
    say(`HEALTHCHECK is set; podman healthcheck run: exit ${probe.status}`);

    const res = await postSigned(
      `${base}/slack/events`,
      slashCommandBody("5985", slack.responseUrl("container")),
      "application/x-www-form-urlencoded",
      { secret: SECRET },
    );
    const answer = (await res.json().catch(() => ({}))) as { text?: string; response_type?: string };
    if (res.status !== 200 || !answer.text?.startsWith("Windows Remote Management (HTTP-In): TCP 5985 in")) {
      fail(`a signed /amiport 5985 got ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
    say(`a signed /amiport 5985 is answered: "${answer.text}"`);
    const forged = await postSigned(
      `${base}/slack/events`,
      slashCommandBody("5985", slack.responseUrl("forged")),
      "application/x-www-form-urlencoded",
      { secret: "wrong" },
    );
    if (forged.status !== 401) fail(`a forged request got ${forged.status}, not 401`);

    const started = Date.now();
    podman("kill", "--signal", "TERM", name);
    const exitCode = podman("wait", name);
    const tookMs = Date.now() - started;
    if (exitCode !== "0") fail(`exit code ${exitCode} after SIGTERM`);
    if (tookMs > 5000) fail(`took ${tookMs} ms to stop after SIGTERM`);
    const logs = podman("logs", name);
    if (logs.includes(TOKEN) || logs.includes(SECRET)) fail("a secret appears in the container's log");
    say(`SIGTERM: exit code 0 after ${tookMs} ms; no secret in the log`);
    podman("rm", name);
    await checkDistributed(slack);
    say(`passed; image size ${size}`);
  } finally {
    await slack.stop();
  }
}

/** The image in distributed mode: PostgreSQL, OAuth install, each workspace's own token. */
async function checkDistributed(slack: SlackStandIn): Promise<void> {
  const started = await startPostgres();
  if ("skip" in started) {
    say(`distributed mode: not checked: ${started.skip}`);
    return;
  }
  const database = started.server;
  cleanups.push(() => database.stop());
  const distributed = `${name}-distributed`;
  containers.push(distributed);
  const port = await freePort();
  const workspace = { teamId: "T0CHECK", botToken: "xoxb-container-check-installed", userToken: "xoxp-container-check-user" };
  const env = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CLIENT_ID: slack.oauthClient.id,
    SLACK_CLIENT_SECRET: slack.oauthClient.secret,
    SLACK_STATE_SECRET: "container-check-state-secret",
    DATABASE_URL: database.url,
    TOKEN_ENCRYPTION_KEY: "c0".repeat(32),
    PORT: String(port),
    SLACK_API_URL: slack.apiUrl,
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    podman(
      "run",
      "-d",
      "--network",
      "host",
      "--name",
      distributed,
      ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]),
      "amiport:check",
    );
    if ((await waitForHealth(`${base}/readyz`, 60_000)) !== 200) fail("distributed mode: /readyz never answered 200");
    const ready = await (await fetch(`${base}/readyz`)).json();
    say(`distributed mode: /readyz answers 200 ${JSON.stringify(ready)}`);

    const page = await fetch(`${base}/slack/install`);
    const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
    const state = new URL(/<a href="([^"]+)"/.exec(await page.text())?.[1] ?? "http://x/").searchParams.get("state");
    if (page.status !== 200 || !state) fail(`distributed mode: /slack/install answered ${page.status} with no state`);
    slack.grants.set("container-check-code", workspace);
    const redirect = await fetch(`${base}/slack/oauth_redirect?code=container-check-code&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: "manual",
    });
    if (redirect.status !== 200) fail(`distributed mode: the OAuth redirect answered ${redirect.status}`);
    say("distributed mode: installed by OAuth (install page, state, oauth.v2.access on the stand-in)");

    const ts = "1700000000.000001";
    const event = { type: "app_mention", user: "U1", text: "<@UBOT0001> 5985", ts, channel: "C0CONTAINER", event_ts: ts };
    const delivered = await postSigned(
      `${base}/slack/events`,
      eventBody("EvContainer", event, { teamId: workspace.teamId }),
      "application/json",
      {
        secret: SECRET,
      },
    );
    if (delivered.status !== 200) fail(`distributed mode: an event got ${delivered.status}`);
    const [post] = await slack
      .waitFor("/api/chat.postMessage", 1, 10_000)
      .catch(() => fail("distributed mode: the event was not answered"));
    if (post?.headers.authorization !== `Bearer ${workspace.botToken}`) fail("distributed mode: answered with another token");
    say("distributed mode: an event is answered with its workspace's own token");

    podman("kill", "--signal", "TERM", distributed);
    const exitCode = podman("wait", distributed);
    if (exitCode !== "0") fail(`distributed mode: exit code ${exitCode} after SIGTERM`);
    const logs = podman("logs", distributed);
    if ([workspace.botToken, slack.oauthClient.secret, SECRET].some((secret) => logs.includes(secret))) {
      fail("distributed mode: a secret appears in the container's log");
    }
    podman("rm", distributed);
    say("distributed mode: SIGTERM exit 0; no secret in the log");
    await checkKubePlay(env);
  } finally {
    database.stop();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

/**
 * deploy/kubernetes/deployment.yaml under `podman kube play`, as close to the file as podman allows:
 * this image, host networking on a free port (so no `ports`), and the Secret's keys as plain env, because podman
 * 4.3 cannot read a Kubernetes Secret through `envFrom`. Its security context must hold (uid not
 * 0, read-only root filesystem) and /readyz must say the database is reachable.
 */
async function checkKubePlay(env: Record<string, string>): Promise<void> {
  const manifest = parse(readFileSync(new URL("../deploy/kubernetes/deployment.yaml", import.meta.url), "utf8"));
  const port = await freePort();
  const pod = manifest.spec.template.spec;
  const [container] = pod.containers;
  manifest.metadata.name = `${name}-kube`;
  manifest.spec.replicas = 1;
  pod.hostNetwork = true;
  container.image = "localhost/amiport:check";
  container.imagePullPolicy = "Never";
  const fromSecret = Object.entries({ ...env, PORT: String(port) }).map(([k, v]) => ({ name: k, value: v }));
  container.env = [...container.env.filter((e: { name: string }) => !(e.name in env) && e.name !== "PORT"), ...fromSecret];
  delete container.envFrom;
  // with host networking podman refuses port mappings; the probes name the port by number instead
  delete container.ports;
  for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) probe.httpGet.port = port;
  const dir = mkdtempSync(join(tmpdir(), "amiport-kube-"));
  const file = join(dir, "deployment.yaml");
  writeFileSync(file, stringify(manifest));
  const podName = `${manifest.metadata.name}-pod-0`;
  const containerName = `${podName}-${container.name}`;
  containers.push(containerName);
  const down = () => spawnSync("bash", [tool, "podman", "kube", "down", file], { encoding: "utf8" });
  cleanups.unshift(down);
  try {
    podman("kube", "play", file);
    const base = `http://127.0.0.1:${port}`;
    if ((await waitForHealth(`${base}/readyz`, 60_000)) !== 200) fail("kube play: /readyz never answered 200");
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { database?: string };
    if (ready.database !== "ok") fail(`kube play: /readyz says ${JSON.stringify(ready)}`);
    const uid = podman("exec", containerName, "id", "-u");
    if (uid === "0") fail("kube play: the pod runs as root");
    const write = spawnSync("bash", [tool, "podman", "exec", containerName, "touch", "/app/written"], { encoding: "utf8" });
    if (write.status === 0) fail("kube play: the root filesystem is writable");
    say(`kube play: deployment.yaml runs (uid ${uid}, read-only root filesystem), /readyz ${JSON.stringify(ready)}`);
  } finally {
    down();
    rmSync(dir, { recursive: true, force: true });
  }
}
