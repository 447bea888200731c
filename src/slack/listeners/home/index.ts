import { performance } from "node:perf_hooks";
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { browseRules, type RuleBook, readDiffQuestion } from "../../../core/index.js";
import {
  decodeHomeState,
  defaultHomeState,
  HOME_ACTIONS,
  type HomeState,
  readChoice,
  renderHomeView,
} from "../../../render/home-view.js";
import { guarded, logRequest, type SlackDeps } from "../../answer.js";

const ERROR_NOTICE = "Sorry, something went wrong; here is a fresh start.";
const RESET_NOTICE = "amiport could not read what was picked before (an old or altered view), so it started afresh.";

type HomeAction = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * How one Home action changes the state; undefined where its value is not one amiport offered. A
 * value of null is a select emptied (Slack's deselect): that pick goes back to "every".
 */
type Change = (state: HomeState, value: string | null | undefined, book: RuleBook) => HomeState | undefined;

const CHANGES: Readonly<Record<string, Change>> = {
  [HOME_ACTIONS.search]: (state, value) => ({ ...state, q: value ?? "", p: 0 }),
  [HOME_ACTIONS.version]: (state, value, book) => {
    const v = readChoice(value, book.operatingSystems);
    return v === undefined ? undefined : { ...state, v, p: 0 };
  },
  [HOME_ACTIONS.section]: (state, value, book) => {
    const s = readChoice(
      value,
      book.sections.map((x) => x.name),
    );
    return s === undefined ? undefined : { ...state, s, p: 0 };
  },
  [HOME_ACTIONS.mode]: (state, value) =>
    value === null
      ? { ...state, m: "map", p: 0 }
      : value === "map" || value === "cards"
        ? { ...state, m: value, p: 0 }
        : undefined,
  [HOME_ACTIONS.previous]: (state, value) => readPage(state, value),
  [HOME_ACTIONS.next]: (state, value) => readPage(state, value),
};

/** The Home tab browses; a comparison is a message, so the search box points there. */
function comparisonHint(from: string, to: string): string {
  const short = (v: string) =>
    v
      .replace(/^Windows Server /, "")
      .toLowerCase()
      .replace(" ", "");
  return `To see what changes between ${from} and ${to}, send /amiport diff ${short(from)} ${short(to)} in any channel or DM. Below: the rules of either version.`;
}

function readPage(state: HomeState, value: string | null | undefined): HomeState | undefined {
  return typeof value === "string" && /^\d{1,4}$/.test(value) ? { ...state, p: Number(value) } : undefined;
}

/** What an action carries: a button's value, a select's option (null once emptied), or the search box's text. */
function actionValue(action: BlockAction["actions"][number]): string | null | undefined {
  if (action.type === "static_select") return action.selected_option === null ? null : action.selected_option?.value;
  if (action.type === "button" || action.type === "plain_text_input") return action.value ?? undefined;
  return undefined;
}

/**
 * The Home tab: published when opened (keeping what the person picked last time), and again
 * after every search, select, page or mode change.
 */
export function register(app: App, deps: SlackDeps): void {
  /** Publishes the view of `state`; its request line is logged once the view is ready, unless it is the apology's fresh start. */
  const publish = async (client: HomeAction["client"], userId: string, state: HomeState, notice?: string, apology = false) => {
    const startedAt = performance.now();
    const answer = browseRules(deps.book, { text: state.q, version: state.v, section: state.s });
    const comparison = readDiffQuestion(deps.book, state.q);
    const said = notice ?? (comparison?.ok ? comparisonHint(comparison.from, comparison.to) : undefined);
    const view = renderHomeView(deps.book, { state: { ...state, q: answer.query }, answer, ...(said ? { notice: said } : {}) });
    if (!apology) logRequest(deps, "home", answer.query, answer.total, startedAt);
    await client.views.publish({ user_id: userId, view });
  };
  const fresh = () => defaultHomeState(deps.book);

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    const metadata = event.view?.private_metadata;
    const state = decodeHomeState(deps.book, metadata);
    const reply = () => publish(client, event.user, fresh(), ERROR_NOTICE, true);
    await guarded(deps, "home", reply, () =>
      publish(client, event.user, state ?? fresh(), metadata && !state ? RESET_NOTICE : undefined),
    );
  });

  for (const [actionId, change] of Object.entries(CHANGES)) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const userId = body.user.id;
      const reply = () => publish(client, userId, fresh(), ERROR_NOTICE, true);
      await guarded(deps, "home", reply, async () => {
        const before = decodeHomeState(deps.book, body.view?.private_metadata);
        const after = before && change(before, actionValue(action), deps.book);
        return after ? publish(client, userId, after) : publish(client, userId, fresh(), RESET_NOTICE);
      });
    });
  }
}
