import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainCommand } from "../helpers/main-process.js";
import { postSigned, SlackStandIn, slashCommandBody } from "../helpers/slack-stand-in.js";

const BOT = "xoxb-9-9-processtestsecret";
const SIGNING = "process-test-signing-secret";
// an empty working directory, so no developer's .env is read
const cwd = mkdtempSync(`${tmpdir()}/amiport-proc-`);
const baseEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "test" };

describe("npm start (dist/main.js)", () => {
  it("exits 1 with one clear message on a bad configuration, no stack trace, no secret", () => {
    const main = mainCommand({ ...baseEnv, SLACK_BOT_TOKEN: BOT });
    const result = spawnSync(process.execPath, main.args, { cwd, env: main.env, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'amiport: SLACK_SIGNING_SECRET is missing; HTTP mode needs it to verify Slack\'s requests. See "Configuration" in README.md.\n',
    );
    expect(result.stdout).not.toContain(BOT);
  });

  describe("running in HTTP mode", () => {
    let slack: SlackStandIn;
    let child: ChildProcess;
    let port = 0;
    let output = "";

    beforeAll(async () => {
      slack = await new SlackStandIn().start();
      const main = mainCommand({
        ...baseEnv,
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SIGNING,
        PORT: "0",
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: "debug",
      });
      child = spawn(process.execPath, main.args, { cwd, env: main.env });
      child.stdout?.on("data", (d) => (output += d));
      child.stderr?.on("data", (d) => (output += d));
      const until = Date.now() + 10_000;
      while (!/"msg":"started".*"port":(\d+)/.test(output) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      port = Number(/"msg":"started".*"port":(\d+)/.exec(output)?.[1]);
    });

    afterAll(async () => {
      child?.kill("SIGKILL");
      await slack?.stop();
    });

    it("serves /healthz", async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
    });

    it("masks the secrets someone pastes into a question in what it writes", async () => {
      const body = slashCommandBody(`${BOT} ${SIGNING}`, slack.responseUrl("process-pasted"));
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, "application/x-www-form-urlencoded", {
        secret: SIGNING,
      });
      expect(res.status).toBe(200);
      await expect.poll(() => output.split("\n").find((l) => l.includes('"msg":"request"')), { timeout: 10_000 }).toBeDefined();
      const line = output.split("\n").find((l) => l.includes('"msg":"request"'));
      expect(line?.match(/\[redacted\]/g)).toHaveLength(2);
      expect(output).not.toContain(BOT);
      expect(output).not.toContain(SIGNING);
    });

    it("stops on SIGTERM with exit code 0 within 5 s, never logging a secret", async () => {
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(output).toContain('"msg":"stopped"');
      expect(output).not.toContain(BOT);
      expect(output).not.toContain(SIGNING);
    });
  });
});
