/**
 * The App Home: a search box, version and section selects, the matching rules as a port map or
 * compact cards, paging, and the data's source. What the person picked travels in the view's
 * `private_metadata`, so any replica can serve the next click.
 */
import type { types } from "@slack/bolt";
import { type Answer, MAX_QUERY_LENGTH, type RuleBook } from "../core/index.js";
import { escapeText, mrkdwn, noteMrkdwn, truncate } from "./blocks.js";
import { correctionNote, describeVersions, shortVersion, trafficSummary } from "./facts.js";
import { linesToSections, portMapTextLines } from "./port-map.js";
import { checkBlocks, LIMITS, SlackLimitError } from "./slack-limits.js";

type AnyBlock = types.AnyBlock;

export const HOME_ACTIONS = {
  search: "amiport_home_search",
  version: "amiport_home_version",
  section: "amiport_home_section",
  previous: "amiport_home_previous",
  next: "amiport_home_next",
  mode: "amiport_home_mode",
} as const;

/** Compact cards per page of the Home tab. */
export const HOME_CARDS_PER_PAGE = 10;
/** Port-map lines per page of the Home tab. */
export const HOME_LINES_PER_PAGE = 40;
/** The select option meaning "no filter". */
const EVERY = "every";

export interface HomeState {
  /** The search box's text. */
  readonly q: string;
  /** A version the book knows, or null for every version. */
  readonly v: string | null;
  /** A section the book knows, or null for every section. */
  readonly s: string | null;
  /** The page, from 0. */
  readonly p: number;
  readonly m: "map" | "cards";
}

/** A fresh Home: the newest version's port map. */
export function defaultHomeState(book: RuleBook): HomeState {
  return { q: "", v: book.operatingSystems.at(-1) ?? null, s: null, p: 0, m: "map" };
}

export function encodeHomeState(state: HomeState): string {
  return JSON.stringify(state);
}

/** Reads `private_metadata`; anything malformed, forged or stale (a version the data no longer has) is null. */
export function decodeHomeState(book: RuleBook, metadata: string | undefined): HomeState | null {
  if (!metadata || metadata.length > LIMITS.privateMetadata) return null;
  let raw: Partial<Record<keyof HomeState, unknown>>;
  try {
    raw = JSON.parse(metadata);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== "object") return null;
  const { q, v, s, p, m } = raw;
  if (typeof q !== "string" || q.length > MAX_QUERY_LENGTH) return null;
  const version = readChoice(v, book.operatingSystems);
  const section = readChoice(
    s,
    book.sections.map((x) => x.name),
  );
  if (version === undefined || section === undefined) return null;
  if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || (m !== "map" && m !== "cards")) return null;
  return { q, v: version, s: section, p, m };
}

/** A select's value: one of `known`, or null for "every"; undefined for anything else. */
export function readChoice(value: unknown, known: readonly string[]): string | null | undefined {
  if (value === null || value === EVERY) return null;
  return typeof value === "string" && known.includes(value) ? value : undefined;
}

export interface HomeViewInput {
  readonly state: HomeState;
  readonly answer: Answer;
  /** Said at the top, e.g. after a forged or stale value was reset. */
  readonly notice?: string;
}

const plain = (text: string, max: number = LIMITS.optionText) => ({
  type: "plain_text" as const,
  text: truncate(text, max),
  emoji: false,
});

function option(label: string, value: string) {
  return { text: plain(label), value };
}

export function renderHomeView(book: RuleBook, input: HomeViewInput): types.HomeView {
  const { state, answer } = input;
  const versionOptions = [
    option("Every version", EVERY),
    ...book.operatingSystems.map((os) => option(`Windows Server ${shortVersion(os)}`, os)),
  ];
  const sectionOptions = [option("Every section", EVERY), ...book.sections.map((s) => option(s.name, s.name))];
  const pick = (options: typeof versionOptions, value: string | null) =>
    options.find((o) => o.value === (value ?? EVERY)) ?? options[0];

  const blocks: AnyBlock[] = [
    { type: "header", text: plain("amiport: Windows Firewall rules of AWS Windows AMIs", LIMITS.headerText) },
    {
      type: "section",
      text: mrkdwn(
        "Search by port (`5985`), service (`rdp`, `winrm`, `smb`, `telemetry`), protocol or direction. In any channel: `/amiport 5985`, `/amiport 2022 inbound` for a port map, `/amiport diff 2016 2022` for what changes between versions, or mention @amiport.",
      ),
    },
  ];
  if (input.notice) blocks.push({ type: "context", elements: [mrkdwn(`:information_source: ${escapeText(input.notice)}`)] });
  blocks.push(
    {
      type: "input",
      block_id: "amiport_home_search",
      dispatch_action: true,
      optional: true,
      label: plain("Search"),
      element: {
        type: "plain_text_input",
        action_id: HOME_ACTIONS.search,
        max_length: MAX_QUERY_LENGTH,
        placeholder: plain("5985, rdp, inbound udp, telemetry…"),
        dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
        ...(state.q ? { initial_value: state.q } : {}),
      },
    },
    {
      type: "actions",
      block_id: "amiport_home_filters",
      elements: [
        {
          type: "static_select",
          action_id: HOME_ACTIONS.version,
          placeholder: plain("Windows Server version"),
          options: versionOptions,
          initial_option: pick(versionOptions, state.v),
        },
        {
          type: "static_select",
          action_id: HOME_ACTIONS.section,
          placeholder: plain("Section"),
          options: sectionOptions,
          initial_option: pick(sectionOptions, state.s),
        },
        {
          type: "button",
          action_id: HOME_ACTIONS.mode,
          text: plain(state.m === "map" ? "Show as cards" : "Show as port map"),
          value: state.m === "map" ? "cards" : "map",
        },
      ],
    },
  );

  const perPage = state.m === "map" ? HOME_LINES_PER_PAGE : HOME_CARDS_PER_PAGE;
  const items = state.m === "map" ? portMapTextLines(answer) : answer.results.map((m) => m.rule);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(state.p, pages - 1);
  const from = page * perPage;
  const shown = items.slice(from, from + perPage);
  const unit = state.m === "map" ? `port-map lines of ${answer.total} rules` : "rules";
  const range = shown.length > 0 ? ` · ${from + 1}–${from + shown.length} of ${items.length} ${unit}` : "";
  blocks.push(
    { type: "divider" },
    { type: "context", elements: [mrkdwn(`*Showing:* ${escapeText(answer.understood.summary)}${range}`)] },
  );
  for (const notice of answer.notices) blocks.push({ type: "context", elements: [mrkdwn(escapeText(notice.text))] });

  if (state.m === "map") {
    blocks.push(...linesToSections(shown as string[], 4));
  } else {
    for (const rule of answer.results.slice(from, from + perPage).map((m) => m.rule)) {
      const correction = correctionNote(rule);
      const lines = [
        `*${escapeText(rule.rule)}*`,
        `\`${escapeText(trafficSummary(rule))}\` · ${escapeText(describeVersions(rule.os, book.operatingSystems))}`,
        ...(correction ? [`:warning: Corrected. ${escapeText(correction)}`] : []),
        ...rule.notes.map(noteMrkdwn),
        `${escapeText(rule.section)} · <${rule.url}|View on AWS>`,
      ];
      blocks.push({ type: "section", text: mrkdwn(lines.join("\n")) });
    }
  }
  if (pages > 1) {
    const buttons: types.Button[] = [];
    if (page > 0)
      buttons.push({ type: "button", action_id: HOME_ACTIONS.previous, text: plain("Previous"), value: String(page - 1) });
    if (page < pages - 1)
      buttons.push({ type: "button", action_id: HOME_ACTIONS.next, text: plain("Next"), value: String(page + 1) });
    blocks.push({ type: "actions", block_id: "amiport_home_pages", elements: buttons });
  }

  const { title, url, license, retrieved } = book.attribution;
  blocks.push(
    { type: "divider" },
    {
      type: "context",
      elements: [
        mrkdwn(
          `Source: <${url}|${escapeText(title)}>, Amazon Web Services, retrieved ${escapeText(retrieved)}. License: ${escapeText(license.split(";")[0] ?? license)}; amiport corrects the page's known errors and says so on each card.`,
        ),
      ],
    },
  );
  const privateMetadata = encodeHomeState({ ...state, p: page });
  if (privateMetadata.length > LIMITS.privateMetadata) {
    throw new SlackLimitError(
      `the view's private_metadata is ${privateMetadata.length} characters; Slack's limit is ${LIMITS.privateMetadata}`,
    );
  }
  checkBlocks(blocks, LIMITS.viewBlocks);
  return { type: "home", callback_id: "amiport_home", private_metadata: privateMetadata, blocks };
}
