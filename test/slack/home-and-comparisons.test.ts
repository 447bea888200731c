import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, decodeButtonState, encodeButtonState } from "../../src/render/blocks.js";
import { encodeHomeState, HOME_ACTIONS, type HomeState } from "../../src/render/home-view.js";
import { expectValidHomeView, expectValidMessage } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";
import { blockActionBody, eventBody, homeActionBody, postSigned, slashCommandBody } from "../helpers/slack-stand-in.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

type Json = any;

const SECRET = "test-signing-secret-home-0123456789";
const FORM = "application/x-www-form-urlencoded";

let app: TestApp;
let slack: TestApp["slack"];
let eventsUrl: string;
let logLines: string[];
let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  app = await startTestApp({ secret: SECRET, botToken: "xoxb-333-444-hometestbottoken" });
  ({ slack, eventsUrl, logLines } = app);
});

afterAll(async () => {
  await app?.stop();
});

async function command(text: string): Promise<Json> {
  const res = await postSigned(eventsUrl, slashCommandBody(text, slack.responseUrl(nextId("cmd"))), FORM, { secret: SECRET });
  expect(res.status).toBe(200);
  return res.json();
}

/** Presses a message button and returns what the app sent to response_url. */
async function press(actionId: string, value: string): Promise<Json> {
  const id = nextId("press");
  const res = await postSigned(eventsUrl, blockActionBody(actionId, value, slack.responseUrl(id), true), FORM, {
    secret: SECRET,
  });
  expect(res.status).toBe(200);
  const [reply] = await slack.waitFor(`/respond/${id}`);
  return reply?.body;
}

/** Sends one Home action as `user` and returns the view the app published for them. */
async function homeAction(user: string, action: Record<string, unknown>, metadata: string): Promise<Json> {
  const before = slack.callsTo("/api/views.publish").length;
  const res = await postSigned(eventsUrl, homeActionBody(action, metadata, user), FORM, { secret: SECRET });
  expect(res.status).toBe(200);
  const calls = await slack.waitFor("/api/views.publish", before + 1);
  const call = calls.slice(before).find((c) => c.body.user_id === user);
  expect(call).toBeDefined();
  return call?.body.view;
}

const shown = (view: Json) => JSON.stringify(view.blocks);
const filters = (view: Json) => view.blocks.find((b: Json) => b.block_id === "amiport_home_filters").elements;

describe("comparisons in Slack", () => {
  it("/amiport diff 2012r2 2022 answers with counts and one section per group", async () => {
    const reply = await command("diff 2012r2 2022");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe("Windows Server 2012 R2 → 2022: 29 only on 2022 · 22 only on 2012 R2 · 0 changed · 44 the same");
    expectValidMessage(reply);
    const groups = reply.blocks.filter((b: Json) => b.accessory?.action_id === ACTIONS.diffGroup);
    // 10 sections with rules only on 2022 and 4 with rules only on 2012 R2 (see test/core/diff.test.ts)
    expect(groups.length).toBe(14);
  });

  it("expands a group in place, and comes back to all sections", async () => {
    const first = await command("what changed between 2016 and 2019");
    const diag = first.blocks.find((b: Json) => b.text?.text?.startsWith("*Diag Track*"));
    const expanded = await press(ACTIONS.diffGroup, diag.accessory.value);
    expect(expanded.replace_original).toBe(true);
    expect(JSON.stringify(expanded.blocks)).toContain(
      "~ *Connected User Experiences and Telemetry*: remote any → 443 (2016 → 2019)",
    );
    const back = expanded.blocks.find((b: Json) => b.type === "actions").elements.find((e: Json) => e.action_id === ACTIONS.more);
    const summary = await press(ACTIONS.more, back.value);
    expect(summary.text).toBe(first.text);
  });

  it("Share in channel posts the expanded group for everyone", async () => {
    const id = nextId("share-diff");
    const value = encodeButtonState({ q: "2016 vs 2019", o: 0, g: "Multicast" });
    await postSigned(eventsUrl, blockActionBody(ACTIONS.share, value, slack.responseUrl(id), true), FORM, { secret: SECRET });
    const [shared, removed] = await slack.waitFor(`/respond/${id}`, 2);
    expect(shared?.body.response_type).toBe("in_channel");
    expect(shared?.body.blocks[0].elements[0].text).toBe("Shared by <@U0ASKER>: “2016 vs 2019”");
    expect(JSON.stringify(shared?.body.blocks)).toContain("~ *mDNS (UDP-In)*: local mDNS → 5353 (2016 → 2019)");
    expect(JSON.stringify(shared?.body.blocks)).not.toContain(ACTIONS.share);
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it("a forged group gets the summary with a notice, and an unknown version lists the known ones", async () => {
    const forged = await press(ACTIONS.diffGroup, encodeButtonState({ q: "2016 vs 2019", o: 0, g: "Nope" }));
    expect(JSON.stringify(forged.blocks)).toContain("That section has no differences in this comparison");
    const unknown = await command("diff 2016 2025");
    expect(unknown.text).toBe(
      `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022. ` +
        "Try `diff 2016 2022`. The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022.",
    );
  });
});

describe("port map in Slack", () => {
  it("/amiport 2022 inbound answers with a port map, and its button shows the cards", async () => {
    const map = await command("2022 inbound");
    expect(map.text).toMatch(/^Port map: 39 rules on \d+ lines \(inbound · Windows Server 2022\)/);
    expect(JSON.stringify(map.blocks)).toContain("`TCP 3389 in` Remote Desktop - User Mode (TCP-In)");
    const cardsButton = map.blocks.find((b: Json) => b.type === "actions").elements[0];
    expect(cardsButton.action_id).toBe(ACTIONS.cards);
    const cards = await press(ACTIONS.cards, cardsButton.value);
    expect(cards.blocks.filter((b: Json) => b.type === "header")).toHaveLength(3);
    const more = cards.blocks.find((b: Json) => b.type === "actions").elements.find((e: Json) => e.action_id === ACTIONS.more);
    // the next page stays cards
    expect(decodeButtonState(more.value)).toEqual({ q: "2022 inbound", o: 10, c: true });
    const page = await press(ACTIONS.more, more.value);
    expect(page.blocks[0].elements[0].text).toMatch(/rules 11–20 of 39/);
  });
});

describe("App Home", () => {
  const opened = (user: string, view?: Record<string, unknown>) =>
    postSigned(
      eventsUrl,
      eventBody(nextId("EvHome"), {
        type: "app_home_opened",
        user,
        channel: "D0HOME",
        tab: "home",
        event_ts: "1700000000.000300",
        ...(view ? { view } : {}),
      }),
      "application/json",
      { secret: SECRET },
    );
  const publishedFor = async (user: string) => {
    await expect.poll(() => slack.callsTo("/api/views.publish").some((c) => c.body.user_id === user)).toBe(true);
    return slack.callsTo("/api/views.publish").filter((c) => c.body.user_id === user);
  };

  it("app_home_opened publishes the Home tab: 2022's port map, within views.publish limits", async () => {
    expect((await opened("U0HOME1")).status).toBe(200);
    const [call] = await publishedFor("U0HOME1");
    const view = call?.body.view;
    expectValidHomeView(view);
    expect(filters(view)[0].initial_option.value).toBe("Windows Server 2022");
    expect(shown(view)).toContain("`TCP 3389 in` Remote Desktop - User Mode (TCP-In)");
    // a first opening has nothing picked before: no notice
    expect(shown(view)).not.toContain("started afresh");
    expect(call?.headers.authorization).toBe("Bearer xoxb-333-444-hometestbottoken");
  });

  it("ignores the Messages tab", async () => {
    await postSigned(
      eventsUrl,
      eventBody(nextId("EvMsgTab"), {
        type: "app_home_opened",
        user: "U0MSGTAB",
        channel: "D0",
        tab: "messages",
        event_ts: "1.2",
      }),
      "application/json",
      { secret: SECRET },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo("/api/views.publish").filter((c) => c.body.user_id === "U0MSGTAB")).toEqual([]);
  });

  it("keeps what was picked when reopened, and resets a forged view with a notice", async () => {
    const picked: HomeState = { q: "rdp", v: "Windows Server 2016", s: null, p: 0, m: "cards" };
    await opened("U0HOME2", { type: "home", private_metadata: encodeHomeState(picked) });
    const [kept] = await publishedFor("U0HOME2");
    expect(JSON.parse(kept?.body.view.private_metadata)).toEqual(picked);
    await opened("U0HOME3", { type: "home", private_metadata: '{"q":1}' });
    const [reset] = await publishedFor("U0HOME3");
    expect(shown(reset?.body.view)).toContain("started afresh");
  });

  it("search box, version and section selects, mode and paging each publish the next view", async () => {
    const user = "U0HOME4";
    const start = encodeHomeState({ q: "", v: "Windows Server 2022", s: null, p: 0, m: "map" });
    const searched = await homeAction(user, { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: "udp" }, start);
    expectValidHomeView(searched);
    expect(JSON.parse(searched.private_metadata)).toMatchObject({ q: "udp", v: "Windows Server 2022" });
    expect(shown(searched)).toContain("`UDP 3389 in` Remote Desktop - User Mode (UDP-In)");
    expect(shown(searched)).not.toContain("`TCP 3389 in`");

    const version = await homeAction(
      user,
      {
        type: "static_select",
        action_id: HOME_ACTIONS.version,
        selected_option: { text: { type: "plain_text", text: "Windows Server 2012 R2" }, value: "Windows Server 2012 R2" },
      },
      searched.private_metadata,
    );
    expect(filters(version)[0].initial_option.value).toBe("Windows Server 2012 R2");
    expect(shown(version)).toContain("File and Printer Sharing (LLMNR-UDP-In)");

    const section = await homeAction(
      user,
      {
        type: "static_select",
        action_id: HOME_ACTIONS.section,
        selected_option: { text: { type: "plain_text", text: "Remote Desktop" }, value: "Remote Desktop" },
      },
      version.private_metadata,
    );
    expect(shown(section)).not.toContain("LLMNR");
    expect(shown(section)).toContain("Remote Desktop - User Mode (UDP-In)");

    const everything = encodeHomeState({ q: "", v: null, s: null, p: 0, m: "map" });
    const cards = await homeAction(user, { type: "button", action_id: HOME_ACTIONS.mode, value: "cards" }, everything);
    expect(JSON.parse(cards.private_metadata).m).toBe("cards");
    const next = cards.blocks.find((b: Json) => b.block_id === "amiport_home_pages").elements[0];
    const page2 = await homeAction(
      user,
      { type: "button", action_id: next.action_id, value: next.value },
      cards.private_metadata,
    );
    expect(JSON.parse(page2.private_metadata).p).toBe(1);
    expect(shown(page2)).toContain(`11–20 of ${book.rules.length} rules`);
  });

  it("each pick changes its own part of what was picked; an emptied select goes back to every", async () => {
    const user = "U0HOME7";
    const select = (action_id: string, value: string | null) => ({
      type: "static_select",
      action_id,
      selected_option: value === null ? null : { text: { type: "plain_text", text: value }, value },
    });
    const stateOf = (view: Json): HomeState => JSON.parse(view.private_metadata);
    const start = encodeHomeState({ q: "rdp", v: "Windows Server 2022", s: null, p: 2, m: "cards" });

    const version = await homeAction(user, select(HOME_ACTIONS.version, "Windows Server 2016"), start);
    expect(stateOf(version)).toEqual({ q: "rdp", v: "Windows Server 2016", s: null, p: 0, m: "cards" });
    expect(shown(version)).not.toContain("started afresh");

    const section = await homeAction(user, select(HOME_ACTIONS.section, "Remote Desktop"), version.private_metadata);
    expect(stateOf(section)).toEqual({ q: "rdp", v: "Windows Server 2016", s: "Remote Desktop", p: 0, m: "cards" });
    expect(shown(section)).not.toContain("started afresh");

    const everySection = await homeAction(user, select(HOME_ACTIONS.section, null), section.private_metadata);
    expect(stateOf(everySection)).toEqual({ q: "rdp", v: "Windows Server 2016", s: null, p: 0, m: "cards" });

    const map = await homeAction(user, { type: "button", action_id: HOME_ACTIONS.mode, value: "map" }, start);
    expect(stateOf(map)).toEqual({ q: "rdp", v: "Windows Server 2022", s: null, p: 0, m: "map" });
    const emptiedMode = await homeAction(user, select(HOME_ACTIONS.mode, null), start);
    expect(stateOf(emptiedMode)).toEqual({ q: "rdp", v: "Windows Server 2022", s: null, p: 0, m: "map" });
    expect(shown(emptiedMode)).not.toContain("started afresh");

    const all = encodeHomeState({ q: "", v: null, s: null, p: 0, m: "cards" });
    const page12 = await homeAction(user, { type: "button", action_id: HOME_ACTIONS.next, value: "12" }, all);
    expect(stateOf(page12).p).toBe(12);
    const back = await homeAction(
      user,
      { type: "button", action_id: HOME_ACTIONS.previous, value: "11" },
      page12.private_metadata,
    );
    expect(stateOf(back).p).toBe(11);

    const cleared = await homeAction(user, { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: null }, start);
    expect(stateOf(cleared)).toEqual({ q: "", v: "Windows Server 2022", s: null, p: 0, m: "cards" });

    for (const [action, why] of [
      [select(HOME_ACTIONS.section, "No Such Section"), "a section amiport never offered"],
      [{ type: "button", action_id: HOME_ACTIONS.next, value: "2x" }, "a page that is not a number"],
      [{ type: "button", action_id: HOME_ACTIONS.mode, value: "grid" }, "a mode amiport never offered"],
    ] as const) {
      const reset = await homeAction(user, action, start);
      expect(shown(reset), why).toContain("started afresh");
      expect(stateOf(reset), why).toEqual({ q: "", v: "Windows Server 2022", s: null, p: 0, m: "map" });
    }
  });

  it("a Home action that comes without its view is reset like a forged one, not answered with an apology", async () => {
    const user = "U0HOME8";
    const payload = JSON.parse(
      new URLSearchParams(homeActionBody({ type: "button", action_id: HOME_ACTIONS.next, value: "1" }, "", user)).get(
        "payload",
      ) as string,
    );
    delete payload.view;
    delete payload.container;
    const before = slack.callsTo("/api/views.publish").length;
    const res = await postSigned(eventsUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, {
      secret: SECRET,
    });
    expect(res.status).toBe(200);
    const calls = await slack.waitFor("/api/views.publish", before + 1);
    const view = calls.slice(before).find((c) => c.body.user_id === user)?.body.view;
    expect(shown(view)).toContain("started afresh");
    expect(shown(view)).not.toContain("Sorry");
  });

  it("logs one request line per published view: kind home, the query cut to 200 characters, the results and a time", async () => {
    const user = "U0HOME9";
    const long = `rdp ${"x".repeat(300)}`;
    const start = encodeHomeState({ q: "", v: null, s: null, p: 0, m: "map" });
    const firstLine = logLines.length;
    const t0 = performance.now();
    await homeAction(user, { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: long }, start);
    await homeAction(user, { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: "udp" }, start);
    await expect.poll(() => logLines.slice(firstLine).filter((l) => l.includes('"kind":"home"')).length).toBe(2);
    const wall = performance.now() - t0;
    const [cut, whole] = logLines
      .slice(firstLine)
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === "home");
    expect(cut).toMatchObject({ level: "info", msg: "request" });
    expect(cut.query).toHaveLength(201);
    expect(cut.query.endsWith("…")).toBe(true);
    expect(whole).toMatchObject({ msg: "request", query: "udp" });
    expect(whole.results).toBeGreaterThan(0);
    for (const line of [cut, whole]) {
      expect(line.ms).toBeGreaterThan(0);
      expect(line.ms).toBeLessThanOrEqual(wall);
    }
  });

  it("points a comparison typed into the search box to /amiport diff", async () => {
    const start = encodeHomeState({ q: "", v: null, s: null, p: 0, m: "map" });
    const view = await homeAction(
      "U0HOME6",
      { type: "plain_text_input", action_id: HOME_ACTIONS.search, value: "2012 R2 vs 2022" },
      start,
    );
    expect(shown(view)).toContain("send /amiport diff 2012r2 2022 in any channel or DM");
  });

  it("logs a refused views.publish (a Home tab not enabled), counts it once as failed, and stays up", async () => {
    const refusedBefore = (await app.metric('amiport_slack_api_errors_total{method="views.publish"}')) ?? 0;
    const answeredBefore = (await app.metric('amiport_requests_total{kind="home",outcome="answered"}')) ?? 0;
    const failedBefore = (await app.metric('amiport_requests_total{kind="home",outcome="failed"}')) ?? 0;
    slack.failures.set("views.publish", "not_enabled");
    try {
      await opened("U0HOMEOFF");
      await expect.poll(() => logLines.some((l) => l.includes("request failed") && l.includes("not_enabled"))).toBe(true);
    } finally {
      slack.failures.clear();
    }
    expect(await app.metric('amiport_slack_api_errors_total{method="views.publish"}')).toBe(refusedBefore + 1);
    expect(await app.metric('amiport_requests_total{kind="home",outcome="failed"}')).toBe(failedBefore + 1);
    // the view was ready (and logged) before Slack refused it; no apology was published, nor counted
    expect(await app.metric('amiport_requests_total{kind="home",outcome="answered"}')).toBe(answeredBefore + 1);
    expect((await command("5985")).response_type).toBe("ephemeral");
  });

  it("a forged private_metadata or action value gets a friendly reset, never an error", async () => {
    const user = "U0HOME5";
    const good = encodeHomeState({ q: "", v: null, s: null, p: 0, m: "map" });
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "button", action_id: HOME_ACTIONS.next, value: "1" }, "{not json"],
      [{ type: "button", action_id: HOME_ACTIONS.next, value: "-3" }, good],
      [{ type: "button", action_id: HOME_ACTIONS.mode, value: "<!here>" }, good],
      [
        {
          type: "static_select",
          action_id: HOME_ACTIONS.version,
          selected_option: { text: { type: "plain_text", text: "x" }, value: "Windows Server 2025" },
        },
        good,
      ],
    ];
    for (const [action, metadata] of cases) {
      const view = await homeAction(user, action, metadata);
      expectValidHomeView(view);
      expect(shown(view)).toContain("started afresh");
      expect(filters(view)[0].initial_option.value).toBe("Windows Server 2022");
    }
    expect(logLines.some((l) => l.includes("request failed") && !l.includes("not_enabled"))).toBe(false);
  });
});

describe("long comparisons", () => {
  it("a comparison pasted with 30,000 characters of punctuation keeps its buttons within Slack's value limit", async () => {
    const reply = await command(`2016 vs 2019 ${"?! ".repeat(10_000)}`);
    expect(reply.text).toMatch(/^Windows Server 2016 → 2019: /);
    expectValidMessage(reply);
  });
});
