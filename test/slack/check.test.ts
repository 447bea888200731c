/**
 * `/amiport check` through the real Bolt app over HTTP on loopback, with correctly signed
 * requests, a Slack stand-in for response_url and the Web API, and moto for AWS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsReader } from "../../src/aws/index.js";
import type { InstanceReader } from "../../src/core/reachability/index.js";
import { CHECK_ACTION } from "../../src/render/verdict-blocks.js";
import { CHECKS_OFF } from "../../src/slack/check-command.js";
import { CheckRateLimiter } from "../../src/slack/check-gate.js";
import { ConfigError, readConfig } from "../../src/slack/config.js";
import { VpcWorld, winrmHttps } from "../aws/vpc-world.js";
import { expectValidMessage } from "../helpers/block-kit.js";
import { type MotoOrReason, startMoto, useMotoEnv } from "../helpers/moto.js";
import { blockActionBody, blockActionPayload, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "check-test-signing-secret";
const TOKEN = "xoxb-check-test";
const FORM = "application/x-www-form-urlencoded";
const started: MotoOrReason = await startMoto();
const moto = "moto" in started ? started.moto : undefined;

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("check configuration", () => {
  const base = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET };

  it("is off unless AMIPORT_CHECKS=on, which needs AWS_REGION and someone allowed", () => {
    expect(readConfig(base).checks).toBeUndefined();
    expect(readConfig({ ...base, AWS_REGION: "eu-west-1" }).checks).toBeUndefined();
    expect(() => readConfig({ ...base, AMIPORT_CHECKS: "on", AMIPORT_CHECK_CHANNELS: "C0INCIDENT" })).toThrow(
      /AWS_REGION is missing/,
    );
    expect(() => readConfig({ ...base, AMIPORT_CHECKS: "on", AWS_REGION: "eu-west-1" })).toThrow(/denied to everyone/);
    expect(
      readConfig({ ...base, AMIPORT_CHECKS: "on", AWS_REGION: "eu-west-1", AMIPORT_CHECK_USERGROUP: "S0ONCALL1" }).checks,
    ).toEqual({
      region: "eu-west-1",
      channels: [],
      usergroup: "S0ONCALL1",
      perUserPerMinute: 5,
      ssmDocument: "amiport-WindowsFirewallState",
      roleArns: [],
    });
    const roles = "arn:aws:iam::111122223333:role/amiport-check, arn:aws-us-gov:iam::222233334444:role/ops/amiport-check";
    expect(
      readConfig({
        ...base,
        AMIPORT_CHECKS: "on",
        AWS_REGION: "eu-west-1",
        AMIPORT_CHECK_CHANNELS: "C0INCIDENT",
        AMIPORT_CHECK_ROLE_ARNS: roles,
      }).checks?.roleArns,
    ).toEqual(["arn:aws:iam::111122223333:role/amiport-check", "arn:aws-us-gov:iam::222233334444:role/ops/amiport-check"]);
  });

  it.each([
    [{ AMIPORT_CHECKS: "yes" }, 'AMIPORT_CHECKS must be "on" or "off"'],
    [{ AWS_REGION: "Europe" }, "AWS_REGION must be a region"],
    [{ AMIPORT_CHECK_CHANNELS: "#incident" }, "AMIPORT_CHECK_CHANNELS must be channel ids"],
    [{ AMIPORT_CHECK_USERGROUP: "@oncall" }, "AMIPORT_CHECK_USERGROUP must be a user group id"],
    [{ AMIPORT_CHECK_RATE_PER_MINUTE: "0" }, "AMIPORT_CHECK_RATE_PER_MINUTE must be 1-60"],
    [{ AMIPORT_SSM_DOCUMENT: "a b; c" }, "AMIPORT_SSM_DOCUMENT must be an SSM document name"],
    [{ AMIPORT_CHECK_ROLE_ARNS: "arn:aws:iam::1234:role/x" }, "AMIPORT_CHECK_ROLE_ARNS must be role ARNs"],
  ])("refuses %j", (env, message) => {
    expect(() => readConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => readConfig({ ...base, ...env })).toThrow(message);
  });
});

describe("the per-user rate limit", () => {
  it("allows N a minute per person, says when the next is allowed, and forgets the least recent first", () => {
    let now = 1_000_000;
    const limiter = new CheckRateLimiter(2, () => now, 3);
    expect(limiter.take("U1").ok).toBe(true);
    now += 10_000;
    expect(limiter.take("U1").ok).toBe(true);
    expect(limiter.take("U1")).toEqual({ ok: false, retryInSeconds: 50 });
    expect(limiter.take("U2").ok).toBe(true);
    now += 50_001;
    expect(limiter.take("U1").ok).toBe(true);
    for (const user of ["U3", "U4", "U5"]) limiter.take(user);
    // U1 was forgotten (bounded table), so it starts afresh
    expect(limiter.take("U1").ok).toBe(true);
    expect(limiter.take("U1").ok).toBe(true);
  });
});

describe("/amiport check when checks are off", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ secret: SECRET, botToken: TOKEN });
  });
  afterAll(() => app?.stop());

  it("says so privately, counts it, and still answers rule questions", async () => {
    const answer = await app.post(slashCommandBody("check i-0123456789abcdef0 5986", app.slack.responseUrl("off")), FORM);
    expect(answer.status).toBe(200);
    const [reply] = await app.slack.waitFor("/respond/off");
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(reply?.body.text).toBe(CHECKS_OFF);
    expect(await app.metric('amiport_checks_total{outcome="off"}')).toBe(1);
    const question = await (await app.post(slashCommandBody("check 5985", app.slack.responseUrl("q")), FORM)).json();
    expect(JSON.stringify(question)).toContain("Windows Remote Management");
    const naming = await (
      await app.post(slashCommandBody("can't reach port 5985 on i-0123456789abcdef0", app.slack.responseUrl("n")), FORM)
    ).json();
    expect(JSON.stringify(naming)).toContain("Windows Remote Management");
    expect(JSON.stringify(naming)).not.toContain(CHECK_ACTION);
  });
});

describe.skipIf(!moto)("/amiport check against moto", () => {
  let app: TestApp;
  let restore: () => void;
  let reader: InstanceReader;
  let instanceId: string;
  let group: string;

  beforeAll(async () => {
    restore = useMotoEnv(moto as NonNullable<typeof moto>);
    const world = new VpcWorld();
    const { vpcId, subnetId: subnet } = await world.publicSubnet("10.20.0.0/16", "10.20.1.0/24");
    group = await world.group(vpcId, "winrm", [winrmHttps("203.0.113.0/24")]);
    instanceId = (await world.windowsInstance(subnet, [group])).instanceId;
    await world.installDocument();
    reader = createAwsReader({ region: "us-east-1", hostBudgetMs: 3000 });
    app = await startTestApp({
      secret: SECRET,
      botToken: TOKEN,
      checks: { reader, policy: { channels: ["C0INCIDENT"], usergroup: "S0ONCALL1", perUserPerMinute: 2 } },
    });
    app.slack.usergroups.set("S0ONCALL1", ["U0ONCALL"]);
  });

  afterAll(async () => {
    await app?.stop();
    reader?.close?.();
    restore?.();
    await moto?.stop();
  });

  it("in an allowed channel: VPC layers at once with 'still checking…', then the same message replaced with the host layers", async () => {
    const url = app.slack.responseUrl("allowed");
    const answer = await app.post(slashCommandBody(`check ${instanceId} 5986 from 198.51.100.7`, url), FORM);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe("");
    const [first, final] = await app.slack.waitFor("/respond/allowed", 2, 15_000);
    expect(first?.body.response_type).toBe("in_channel");
    expect(first?.body.replace_original).toBe(false);
    expect(first?.body.text).toContain("still checking…");
    expect(JSON.stringify(first?.body.blocks)).toContain("*security-group* blocked");
    expect(final?.body.replace_original).toBe(true);
    expect(final?.body.text).toContain(`${instanceId} tcp 5986 from 198.51.100.7: BLOCKED`);
    expect(final?.body.text).toContain(`authorize-security-group-ingress --group-id ${group}`);
    expect(JSON.stringify(final?.body.blocks)).toContain("*windows-firewall* unknown: the SSM command returned no output");
    expectValidMessage(final?.body as never);
    expectValidMessage(first?.body as never);

    // the audit line is written once the last answer is delivered, just after the stand-in saw it
    await until(() => app.logged("check").length > 0);
    const [audit] = app.logged("check");
    expect(audit).toMatchObject({
      user: "U0ASKER",
      team: "T0001",
      channel: "C0INCIDENT",
      instance: instanceId,
      port: 5986,
      protocol: "tcp",
      source: "198.51.100.7",
      verdict: "blocked",
    });
    expect(typeof audit?.ms).toBe("number");
    expect(await app.metric('amiport_checks_total{outcome="blocked"}')).toBe(1);
  });

  it("elsewhere, for someone not in the group: a polite refusal that says who can", async () => {
    const url = app.slack.responseUrl("refused");
    await app.post(slashCommandBody(`check ${instanceId} 5986`, url, { channel_id: "C0RANDOM", user_id: "U0VISITOR" }), FORM);
    const [reply] = await app.slack.waitFor("/respond/refused");
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(reply?.body.text).toBe(
      "Sorry, instance checks are not open to you here. They can be run in <#C0INCIDENT> or by members of <!subteam^S0ONCALL1>.",
    );
    expect(app.logged("check").at(-1)).toMatchObject({
      user: "U0VISITOR",
      channel: "C0RANDOM",
      verdict: "refused",
      instance: instanceId,
    });
  });

  it("elsewhere, for a member of the group: allowed", async () => {
    const url = app.slack.responseUrl("member");
    const started = performance.now();
    await app.post(
      slashCommandBody(`check ${instanceId} 5986 --no-host`, url, { channel_id: "C0RANDOM", user_id: "U0ONCALL" }),
      FORM,
    );

    const [reply] = await app.slack.waitFor("/respond/member", 1, 10_000);
    expect(reply?.body.response_type).toBe("in_channel");
    expect(reply?.body.text).toContain(`${instanceId} tcp 5986 from any source`);
    await until(() => app.logged("check").some((l) => l.user === "U0ONCALL"));
    const wall = performance.now() - started;
    const audit = app.logged("check").find((l) => l.user === "U0ONCALL");
    expect(audit).toMatchObject({ source: "any", channel: "C0RANDOM" });
    // the audit's time is the check's own, in ms: more than nothing, less than the test waited
    expect(audit?.ms).toBeGreaterThan(0);
    expect(audit?.ms).toBeLessThanOrEqual(Math.ceil(wall));
    const seconds = await app.metric("amiport_check_seconds_sum");
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(60);
  });

  it("a check from a security group names the group as its source in the audit", async () => {
    const url = app.slack.responseUrl("from-group");
    await app.post(slashCommandBody(`check ${instanceId} 5986 from ${group} --no-host`, url, { user_id: "U0FROMSG" }), FORM);
    const [reply] = await app.slack.waitFor("/respond/from-group", 1, 10_000);
    expect(reply?.body.response_type).toBe("in_channel");
    await until(() => app.logged("check").some((l) => l.user === "U0FROMSG"));
    expect(app.logged("check").find((l) => l.user === "U0FROMSG")).toMatchObject({ source: group, instance: instanceId });
  });

  it("a third check in a minute is refused with when to try again", async () => {
    const user = { user_id: "U0HASTY" };
    for (const n of [1, 2, 3]) {
      await app.post(slashCommandBody(`check ${instanceId} 5986 --no-host`, app.slack.responseUrl(`rate${n}`), user), FORM);
      await app.slack.waitFor(`/respond/rate${n}`, 1, 10_000);
    }
    const [third] = app.slack.callsTo("/respond/rate3");
    expect(third?.body.text).toMatch(/^You have run the most checks allowed in a minute; try again in \d+ s\.$/);
    expect(await app.metric('amiport_checks_total{outcome="rate_limited"}')).toBe(1);
  });

  it.each([
    ["check i-0123456789abcdef0; rm -rf / 5986", "is not an instance id"],
    [`check i-0123456789abcdef0 99999`, "99999 is not a port"],
    [`check i-0123456789abcdef0 5986 from <@U123>`, "is not a source"],
    [`check i-0123456789abcdef0 5986 please`, '"please" is not part of a check'],
  ])("%s: a clear private answer, nothing sent to AWS", async (text, problem) => {
    const id = `bad${Math.random().toString(36).slice(2)}`;
    await app.post(slashCommandBody(text, app.slack.responseUrl(id)), FORM);
    const [reply] = await app.slack.waitFor(`/respond/${id}`);
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(reply?.body.text).toContain(problem);
  });

  it("an answer naming an instance and a port offers 'Check this instance'; a press posts one verdict", async () => {
    const answer = await (
      await app.post(slashCommandBody(`why can't I reach port 5986 on ${instanceId}`, app.slack.responseUrl("ask")), FORM)
    ).json();
    expectValidMessage(answer);
    const offer = answer.blocks.find((b: { block_id?: string }) => b.block_id === CHECK_ACTION);
    expect(offer?.elements?.[0]?.text?.text).toBe("Check this instance");
    const value = offer.elements[0].value as string;
    expect(JSON.parse(value)).toEqual({ i: instanceId, p: 5986, t: "tcp" });
    const before = app.logged("check").length;

    await app.post(blockActionBody(CHECK_ACTION, value, app.slack.responseUrl("pressed"), true, CHECK_ACTION), FORM);
    const [verdict] = await app.slack.waitFor("/respond/pressed", 1, 15_000);
    expect(verdict?.body.response_type).toBe("in_channel");
    expect(verdict?.body.replace_original).toBe(false);
    expect(verdict?.body.text).toContain(`${instanceId} tcp 5986 from any source:`);
    expect(verdict?.body.text).not.toContain("still checking");
    await until(() => app.logged("check").length > before);
    expect(app.logged("check").at(-1)).toMatchObject({
      user: "U0ASKER",
      team: "T0001",
      channel: "C0INCIDENT",
      instance: instanceId,
      port: 5986,
    });

    // a forged value is checked like typed input: never reaches AWS
    await app.post(
      blockActionBody(
        CHECK_ACTION,
        JSON.stringify({ i: "i-1; rm -rf /", p: 5986, t: "tcp" }),
        app.slack.responseUrl("forged"),
        true,
        CHECK_ACTION,
      ),
      FORM,
    );
    const [forged] = await app.slack.waitFor("/respond/forged");
    expect(forged?.body.response_type).toBe("ephemeral");
    expect(forged?.body.text).toContain("is not an instance id");
  });

  it("a press Slack sent without a channel or team is checked where its message is, for the presser's team", async () => {
    const url = app.slack.responseUrl("bare-press");
    const value = JSON.stringify({ i: instanceId, p: 5986, t: "tcp" });
    const payload: Record<string, unknown> = blockActionPayload(CHECK_ACTION, value, url, true, CHECK_ACTION);
    payload.user = { id: "U0BAREPRESS", username: "bare", team_id: "T0001" };
    payload.team = null;
    delete payload.channel;
    const before = app.logged("check").length;
    await app.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    const [verdict] = await app.slack.waitFor("/respond/bare-press", 1, 15_000);
    expect(verdict?.body.response_type).toBe("in_channel");
    expect(verdict?.body.text).toContain(`${instanceId} tcp 5986 from any source:`);
    await until(() => app.logged("check").length > before);
    expect(app.logged("check").at(-1)).toMatchObject({ user: "U0BAREPRESS", team: "T0001", channel: "C0INCIDENT" });
  });

  it("an instance that does not exist: said privately", async () => {
    await app.post(
      slashCommandBody("check i-0123456789abcdef0 5986", app.slack.responseUrl("missing"), { user_id: "U0SEEKER" }),
      FORM,
    );
    const [reply] = await app.slack.waitFor("/respond/missing", 1, 10_000);
    expect(reply?.body.text).toBe("there is no instance i-0123456789abcdef0 in this account and region");
    await until(() => app.logged("check").some((line) => line.verdict === "not_found"));
    expect(await app.metric('amiport_checks_total{outcome="not_found"}')).toBe(1);
  });
});
