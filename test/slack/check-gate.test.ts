/**
 * Who may run `/amiport check`, and how often (src/slack/check-gate.ts): the rate limit's window
 * and bound, the refusal's wording, and the user group's member list, asked of the Slack stand-in
 * through the SDK's own WebClient and trusted for MEMBERS_TTL_MS.
 */
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckGate, CheckRateLimiter, MEMBERS_TTL_MS } from "../../src/slack/check-gate.js";
import { webClientOptions } from "../../src/slack/web-api-policy.js";
import { SlackStandIn } from "../helpers/slack-stand-in.js";

const MINUTE_MS = 60_000;

describe("the per-user rate limit's window and bound", () => {
  it("a check exactly one minute old no longer counts; one a millisecond younger does", () => {
    let now = 5_000_000;
    const limiter = new CheckRateLimiter(1, () => now);
    expect(limiter.take("U1").ok).toBe(true);
    now += MINUTE_MS - 1;
    expect(limiter.take("U1")).toEqual({ ok: false, retryInSeconds: 1 });
    now += 1;
    expect(limiter.take("U1").ok).toBe(true);
  });

  it("keeps exactly maxUsers people: the one past the bound forgets the least recent", () => {
    const now = 1_000;
    const limiter = new CheckRateLimiter(1, () => now, 2);
    limiter.take("U1");
    limiter.take("U2");
    // at the bound nobody is forgotten: U1 is still limited
    expect(limiter.take("U1").ok).toBe(false);
    // U3 makes three: the least recently seen (U2, as U1 was just seen) is forgotten
    expect(limiter.take("U3").ok).toBe(true);
    expect(limiter.take("U2").ok).toBe(true);
    expect(limiter.take("U3").ok).toBe(false);
  });

  it("other people's checks never count against one person", () => {
    const limiter = new CheckRateLimiter(2, () => 0);
    for (const user of ["U1", "U2", "U3"]) expect(limiter.take(user).ok).toBe(true);
    expect(limiter.take("U1").ok).toBe(true);
    expect(limiter.take("U1").ok).toBe(false);
  });
});

describe("the refusal says where and by whom checks may be run", () => {
  const refusal = (channels: string[], usergroup?: string) =>
    new CheckGate({ channels, ...(usergroup ? { usergroup } : {}), perUserPerMinute: 1 }).whoMay();

  it("channels only, a user group only, or both", () => {
    expect(refusal(["C1", "C2"])).toBe("Sorry, instance checks are not open to you here. They can be run in <#C1>, <#C2>.");
    expect(refusal([], "S1")).toBe(
      "Sorry, instance checks are not open to you here. They can be run by members of <!subteam^S1>.",
    );
    expect(refusal(["C1"], "S1")).toBe(
      "Sorry, instance checks are not open to you here. They can be run in <#C1> or by members of <!subteam^S1>.",
    );
  });
});

describe("the user group's members, from Slack", () => {
  let slack: SlackStandIn;
  let client: webApi.WebClient;
  const lists = () => slack.callsTo("/api/usergroups.users.list").length;

  beforeAll(async () => {
    slack = await new SlackStandIn().start();
    client = new webApi.WebClient("xoxb-1-2-gatetoken", {
      ...webClientOptions(
        { timeoutMs: 2_000, retries: 0, minBackoffMs: 10, maxBackoffMs: 20, maxRetryTimeMs: 1_000 },
        slack.apiUrl,
      ),
      logLevel: webApi.LogLevel.ERROR,
    });
  });

  afterAll(async () => {
    await slack?.stop();
  });

  it("a listed channel needs no look-up; a member is allowed, another person refused", async () => {
    slack.usergroups.set("S0ONCALL", ["U0MEMBER"]);
    const gate = new CheckGate({ channels: ["C0INCIDENT"], usergroup: "S0ONCALL", perUserPerMinute: 1 }, () => 0);
    const before = lists();
    expect(await gate.allows("U0ANYONE", "C0INCIDENT", client)).toEqual({ ok: true });
    expect(lists()).toBe(before);
    expect(await gate.allows("U0MEMBER", "C0OTHER", client)).toEqual({ ok: true });
    expect(lists()).toBe(before + 1);
    const refused = await gate.allows("U0ANYONE", "C0OTHER", client);
    expect(refused.ok).toBe(false);
    // the group's answer asked for that group, and only that group
    expect(slack.callsTo("/api/usergroups.users.list").at(-1)?.body.usergroup).toBe("S0ONCALL");
  });

  it("the member list is trusted for MEMBERS_TTL_MS and asked again just after", async () => {
    slack.usergroups.set("S0TTL", ["U0A"]);
    let now = 10_000_000;
    const gate = new CheckGate({ channels: [], usergroup: "S0TTL", perUserPerMinute: 1 }, () => now);
    const before = lists();
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(true);
    slack.usergroups.set("S0TTL", ["U0B"]);
    now += MEMBERS_TTL_MS;
    // still the list Slack gave: U0A allowed, U0B not yet
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(true);
    expect((await gate.allows("U0B", "C0", client)).ok).toBe(false);
    expect(lists()).toBe(before + 1);
    now += 1;
    expect((await gate.allows("U0B", "C0", client)).ok).toBe(true);
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(false);
    expect(lists()).toBe(before + 2);
  });

  it("when Slack cannot say, the person is refused and Slack is asked again next time", async () => {
    slack.usergroups.set("S0DOWN", ["U0A"]);
    const gate = new CheckGate({ channels: [], usergroup: "S0DOWN", perUserPerMinute: 1 }, () => 0);
    slack.failures.set("usergroups.users.list", "internal_error");
    const before = lists();
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(false);
    slack.failures.clear();
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(true);
    expect(lists()).toBe(before + 2);
  });

  it("a group Slack does not know allows nobody", async () => {
    const gate = new CheckGate({ channels: [], usergroup: "S0EMPTY", perUserPerMinute: 1 }, () => 0);
    expect((await gate.allows("U0A", "C0", client)).ok).toBe(false);
  });
});
