import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browseRules } from "../../src/core/index.js";
import {
  decodeHomeState,
  defaultHomeState,
  encodeHomeState,
  HOME_ACTIONS,
  type HomeState,
  renderHomeView,
} from "../../src/render/home-view.js";
import { expectNoInjectedMarkup, expectValidHomeView } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";

type Json = any;

const render = (state: HomeState, notice?: string) =>
  renderHomeView(book, {
    state,
    answer: browseRules(book, { text: state.q, version: state.v, section: state.s }),
    ...(notice ? { notice } : {}),
  });

const homeState = fc.record({
  q: fc.oneof(
    fc.constantFrom("", "5985", "rdp", "<!channel> & <@U1>", "inbound udp", "x".repeat(500), "banana"),
    fc.string({ maxLength: 500 }),
  ),
  v: fc.constantFrom(null, ...book.operatingSystems),
  s: fc.constantFrom(null, ...book.sections.map((s) => s.name)),
  p: fc.nat({ max: 30 }),
  m: fc.constantFrom("map" as const, "cards" as const),
});

describe("renderHomeView", () => {
  it("opens on the newest version's port map, with search, selects, source and help", () => {
    const view = render(defaultHomeState(book)) as Json;
    const input = view.blocks.find((b: Json) => b.type === "input");
    expect(input.dispatch_action).toBe(true);
    expect(input.element).toMatchObject({ type: "plain_text_input", action_id: HOME_ACTIONS.search });
    const [version, section, mode] = view.blocks.find((b: Json) => b.block_id === "amiport_home_filters").elements;
    expect(version.initial_option.value).toBe("Windows Server 2022");
    expect(version.options).toHaveLength(book.operatingSystems.length + 1);
    expect(section.options.map((o: Json) => o.text.text)).toEqual(["Every section", ...book.sections.map((s) => s.name)]);
    expect(mode.value).toBe("cards");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("`TCP 3389 in` Remote Desktop - User Mode (TCP-In)");
    expect(text).toContain("retrieved 2026-11-26. License: CC BY-SA 4.0");
    expect(text).toContain("/amiport diff 2016 2022");
    expect(decodeHomeState(book, view.private_metadata)).toEqual(defaultHomeState(book));
  });

  it("pages compact cards and clamps a page past the end", () => {
    const state: HomeState = { q: "", v: null, s: null, p: 0, m: "cards" };
    const first = render(state) as Json;
    expect(first.blocks.filter((b: Json) => b.type === "section" && b.text.text.includes("View on AWS"))).toHaveLength(10);
    const pages = first.blocks.find((b: Json) => b.block_id === "amiport_home_pages");
    expect(pages.elements.map((e: Json) => [e.action_id, e.value])).toEqual([[HOME_ACTIONS.next, "1"]]);
    const last = render({ ...state, p: 999 }) as Json;
    expect(JSON.parse(last.private_metadata).p).toBe(Math.ceil(book.rules.length / 10) - 1);
    expect(last.blocks.find((b: Json) => b.block_id === "amiport_home_pages").elements[0].action_id).toBe(HOME_ACTIONS.previous);
  });

  it("reads forged or stale private_metadata as nothing", () => {
    const good = encodeHomeState(defaultHomeState(book));
    for (const forged of [
      undefined,
      "",
      "{",
      "null",
      "[]",
      good.replace("Windows Server 2022", "Windows Server 2025"),
      good.replace('"s":null', '"s":"No Such Section"'),
      good.replace('"p":0', '"p":-1'),
      good.replace('"m":"map"', '"m":"table"'),
      JSON.stringify({ ...defaultHomeState(book), q: "x".repeat(501) }),
      "x".repeat(3001),
    ]) {
      expect(decodeHomeState(book, forged), String(forged).slice(0, 60)).toBeNull();
    }
  });

  it("every state renders a valid view within views.publish limits, and typed text cannot ping or link", () => {
    fc.assert(
      fc.property(homeState, fc.option(fc.constantFrom("<!here> reset")), (state, notice) => {
        const view = render(state, notice ?? undefined);
        expectValidHomeView(view);
        expectNoInjectedMarkup(view.blocks);
        const back = decodeHomeState(book, view.private_metadata);
        expect(back?.v).toBe(state.v);
        expect(back?.s).toBe(state.s);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
