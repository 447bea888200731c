/**
 * Block Kit messages from the core's answers: result in, blocks out. Pure, so every message can
 * be checked against Slack's limits without Slack.
 */
import type { types } from "@slack/bolt";
import {
  type Answer,
  BOTH_LAYERS,
  commandsForPort,
  commandsForRule,
  type NextCommand,
  type Notice,
  openingNote,
  PLACEHOLDERS,
  type PortAnswer,
  type Rule,
  type RuleBook,
  type RuleMatch,
  type RuleNote,
  type TransportProtocol,
} from "../core/index.js";
import {
  correctionNote,
  describePort,
  describeVersions,
  foundLine,
  keyFact,
  portHeading,
  portsLeftOutLine,
  replayQuestion,
  ruleGist,
  sourceLabel,
  trafficSummary,
  type UnopenedFact,
  unopenedFacts,
} from "./facts.js";
import { LIMITS, withinSlackLimits } from "./slack-limits.js";

type KnownBlock = types.KnownBlock;

export { LIMITS } from "./slack-limits.js";

export const ACTIONS = {
  share: "amiport_share",
  more: "amiport_more",
  /** The full cards of a question a port map answered. */
  cards: "amiport_cards",
  /** One section's rules of a comparison between versions. */
  diffGroup: "amiport_diff_group",
  commands: "amiport_commands",
} as const;
/** Rules per message: the first few as full cards, the rest as a compact list. */
export const PAGE_SIZE = 10;
export const FULL_CARDS = 3;
/** Rules listed under each port of pasted text that names several. */
export const RULES_PER_PORT = 5;
/** Room left in a button's value for the question once the state around it is encoded. */
const MAX_BUTTON_QUESTION = LIMITS.buttonValue - 100;

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** The longest section name a button may carry; the data's longest is far shorter. */
const MAX_GROUP_LENGTH = 200;

/**
 * What a button carries to the next request: the question, where the next page starts, and
 * optionally cards instead of a port map (`c`) or the section of a comparison to expand (`g`).
 */
export interface ButtonState {
  readonly q: string;
  readonly o: number;
  readonly c?: true;
  readonly g?: string;
}

export interface AnswerMessageOptions {
  /** Where the answer's first result stands in the ranking (for "Show more"). */
  readonly offset: number;
  /** Offer "Share in channel" (for answers only the asker sees). */
  readonly shareable: boolean;
  /** The Slack user id of who shared the answer into the channel. */
  readonly sharedBy?: string;
  /** Cards asked for where a port map would answer; buttons keep asking for cards. */
  readonly cards?: boolean;
  /** The text was a whole message (the "Look up ports" shortcut), not a question. */
  readonly fromMessage?: boolean;
}

/** What the shortcut says of a message that names no port. */
export const NO_PORT_IN_MESSAGE = "That message names no port.";

/** `&`, `<` and `>` are Slack's control characters in mrkdwn and plain text alike. */
/** `Note: …`, with a link to the page the note comes from when that is not the rule's own AWS page. */
export function noteMrkdwn(note: RuleNote): string {
  const source = note.source ? ` (Source: <${note.source.url}|${escapeText(note.source.title)}>)` : "";
  return `Note: ${escapeText(note.text)}${source}`;
}

export function escapeText(text: string): string {
  return SLACK_CONTROL.test(text) ? text.replace(SLACK_CONTROLS, (c) => SLACK_ESCAPES[c] as string) : text;
}

const SLACK_CONTROL = /[&<>]/;
const SLACK_CONTROLS = /[&<>]/g;
const SLACK_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/**
 * A mrkdwn text object. `verbatim`: Slack shows what a person typed (`@channel`, a channel name, a
 * URL) as text and never turns it into a ping or a link; amiport's own `<url|…>` and `<@U…>` still work.
 */
export const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({
  type: "mrkdwn" as const,
  text: truncate(text, max),
  verbatim: true,
});

/** A message's fallback `text` (notifications, clients without blocks): escaped as the blocks are, within Slack's limit. */
export function fallback(text: string): string {
  const escaped = escapeText(text);
  if (escaped.length <= LIMITS.fallbackText) return escaped;
  // never end on half an entity such as `&am`
  const cut = escaped.slice(0, LIMITS.fallbackText - 1);
  const amp = cut.lastIndexOf("&");
  return `${amp >= cut.length - 4 && !cut.slice(amp).includes(";") ? cut.slice(0, amp) : cut}…`;
}

/**
 * A button's value, within Slack's limit whatever the question: a question that would not fit is
 * cut to the characters that do, as JSON escapes them, and then back to a word.
 */
export function encodeButtonState(state: ButtonState): string {
  const value = JSON.stringify(state);
  if (value.length <= LIMITS.buttonValue) return value;
  let room = LIMITS.buttonValue - JSON.stringify({ ...state, q: "" }).length;
  let end = 0;
  for (const char of state.q) {
    room -= JSON.stringify(char).length - 2;
    if (room < 0) break;
    end += char.length;
  }
  return JSON.stringify({ ...state, q: cutAtWord(state.q.slice(0, end)) });
}

/** `text` without its last, possibly cut, word. */
function cutAtWord(text: string): string {
  const end = Math.max(text.lastIndexOf(" "), text.lastIndexOf("\n"));
  return (end > 0 ? text.slice(0, end) : text).trimEnd();
}

/** Reads a button's value; anything malformed (a forged or stale payload) reads as null. */
export function decodeButtonState(value: string | undefined): ButtonState | null {
  if (!value) return null;
  try {
    const state = JSON.parse(value) as Partial<ButtonState>;
    if (typeof state.q !== "string" || !Number.isInteger(state.o) || (state.o as number) < 0) return null;
    if (state.c !== undefined && state.c !== true) return null;
    if (state.g !== undefined && (typeof state.g !== "string" || state.g.length > MAX_GROUP_LENGTH)) return null;
    return { q: state.q, o: state.o as number, ...(state.c ? { c: true as const } : {}), ...(state.g ? { g: state.g } : {}) };
  } catch {
    return null;
  }
}

/** What a "Commands" button asks for: a rule by its id, or a port no rule uses with its protocols. */
export type CommandsRequest = { readonly r: string } | { readonly p: number; readonly t: readonly TransportProtocol[] };

export function encodeCommandsRequest(request: CommandsRequest): string {
  return JSON.stringify(request);
}

/** Reads a "Commands" button's value; anything malformed reads as null. */
export function decodeCommandsRequest(value: string | undefined): CommandsRequest | null {
  if (!value) return null;
  try {
    const request = JSON.parse(value) as { r?: unknown; p?: unknown; t?: unknown };
    if (typeof request.r === "string" && request.r.length <= LIMITS.id) return { r: request.r };
    const { p, t } = request;
    if (!Number.isInteger(p) || (p as number) < 0 || (p as number) > 65535 || !Array.isArray(t) || t.length === 0) return null;
    if (t.length > 2 || !t.every((x) => x === "tcp" || x === "udp")) return null;
    return { p: p as number, t: [...new Set(t as TransportProtocol[])] };
  } catch {
    return null;
  }
}

function commandsButton(request: CommandsRequest) {
  return {
    type: "button" as const,
    action_id: ACTIONS.commands,
    text: { type: "plain_text" as const, text: "Commands" },
    value: encodeCommandsRequest(request),
  };
}

/** What a rule's card and list line show depends on the rule and its book alone: built once per rule. */
const renderedRules = new WeakMap<RuleBook, WeakMap<Rule, { card?: readonly KnownBlock[]; line?: string }>>();

function renderedRule(rule: Rule, book: RuleBook): { card?: readonly KnownBlock[]; line?: string } {
  let byRule = renderedRules.get(book);
  if (!byRule) {
    byRule = new WeakMap();
    renderedRules.set(book, byRule);
  }
  let rendered = byRule.get(rule);
  if (!rendered) {
    rendered = {};
    byRule.set(rule, rendered);
  }
  return rendered;
}

export function renderRuleCard(match: RuleMatch, book: RuleBook): KnownBlock[] {
  const rendered = renderedRule(match.rule, book);
  rendered.card ??= buildRuleCard(match.rule, book);
  return [...rendered.card];
}

function buildRuleCard(rule: Rule, book: RuleBook): KnownBlock[] {
  // protocols without ports (ICMP, IGMP) have nothing to add beyond the key fact
  const ports =
    rule.local.text === null && rule.remote.text === null
      ? []
      : [`_local ${escapeText(describePort(rule.local.text))} · remote ${escapeText(describePort(rule.remote.text))}_`];
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(rule.rule, LIMITS.headerText), emoji: false } },
    {
      type: "section",
      block_id: truncate(`rule:${rule.id}`, LIMITS.id),
      text: mrkdwn(
        [`*${escapeText(keyFact(rule, book))}*`, ...(rule.definition ? [escapeText(rule.definition)] : []), ...ports].join("\n"),
      ),
      accessory: commandsButton({ r: rule.id }),
    },
  ];
  const correction = correctionNote(rule);
  if (correction) {
    blocks.push({ type: "context", elements: [mrkdwn(`:warning: *Corrected.* ${escapeText(correction)}`)] });
  }
  if (rule.notes.length > 0) {
    blocks.push({ type: "context", elements: [mrkdwn(rule.notes.map(noteMrkdwn).join("\n"))] });
  }
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        `${escapeText(rule.section)} · ${escapeText(sourceLabel(rule.source))} · <${rule.url}|View on AWS> · \`${escapeText(rule.id)}\``,
      ),
    ],
  });
  return blocks;
}

/** `• *Name*: TCP 5985 in · Windows Server 2012 to 2022`: a rule on one line of a list. */
function ruleLine(rule: Rule, book: RuleBook): string {
  const rendered = renderedRule(rule, book);
  rendered.line ??= `• *${escapeText(rule.rule)}*: ${escapeText(trafficSummary(rule))} · ${escapeText(describeVersions(rule.os, book.operatingSystems))}`;
  return rendered.line;
}

function compactList(matches: readonly RuleMatch[], book: RuleBook): KnownBlock {
  return { type: "section", text: mrkdwn(matches.map((m) => ruleLine(m.rule, book)).join("\n")) };
}

function unopenedBlock(fact: UnopenedFact): KnownBlock {
  return {
    type: "section",
    block_id: `port:${fact.port}`,
    text: mrkdwn(`:grey_question: ${escapeText(fact.text)}`),
    accessory: commandsButton({ p: fact.port, t: fact.protocols }),
  };
}

function noticeBlock(notice: Notice, hasResults: boolean): KnownBlock {
  const icon =
    notice.kind === "bad-port" || notice.kind === "unreadable"
      ? ":no_entry_sign:"
      : hasResults
        ? ":information_source:"
        : ":mag:";
  const block = { type: "section" as const, text: mrkdwn(`${icon} ${escapeText(notice.text)}`) };
  if (!notice.offer) return block;
  // the offered question redraws this answer in place, as "Show more" does
  return {
    ...block,
    accessory: {
      type: "button",
      action_id: ACTIONS.more,
      text: { type: "plain_text", text: truncate(notice.offer.label, LIMITS.buttonText) },
      value: encodeButtonState({ q: notice.offer.question, o: 0 }),
    },
  };
}

export function renderAnswerMessage(answer: Answer, book: RuleBook, options: AnswerMessageOptions): SlackMessage {
  const { offset } = options;
  const shown = answer.results;
  const grouped = answer.byPort.length > 0;
  const hasResults = grouped ? answer.byPort.some((g) => g.results.length > 0) : shown.length > 0;
  const blocks: KnownBlock[] = [];
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy)) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`Shared by <@${options.sharedBy}>: “${escapeText(truncate(answer.query, 200))}”`)],
    });
  }
  const range = !grouped && shown.length > 0 ? ` · rules ${offset + 1}–${offset + shown.length} of ${answer.total}` : "";
  blocks.push({ type: "context", elements: [mrkdwn(`*Understood:* ${escapeText(answer.understood.summary)}${range}`)] });
  const found = foundLine(answer.found);
  if (found) blocks.push({ type: "context", elements: [mrkdwn(escapeText(found))] });
  else if (options.fromMessage && answer.understood.ports.length === 0) {
    blocks.push({ type: "section", text: mrkdwn(`:mag: ${NO_PORT_IN_MESSAGE}`) });
  }
  // only the first page says which ports no rule opens; the next pages are more of the same rules
  if (offset === 0) for (const fact of unopenedFacts(answer.unopened, answer.registered)) blocks.push(unopenedBlock(fact));
  for (const notice of answer.notices) blocks.push(noticeBlock(notice, hasResults));
  if (!hasResults) {
    blocks.push({
      type: "context",
      elements: [mrkdwn("Try `/amiport 5985`, `/amiport rdp 2019`, `/amiport inbound udp 2022` or `/amiport help`.")],
    });
  }
  if (grouped) {
    for (const group of answer.byPort) blocks.push({ type: "divider" }, portGroupBlock(group, book));
    const leftOut = portsLeftOutLine(answer);
    if (leftOut) blocks.push({ type: "context", elements: [mrkdwn(escapeText(leftOut))] });
  } else {
    for (const match of shown.slice(0, FULL_CARDS)) {
      blocks.push({ type: "divider" }, ...renderRuleCard(match, book));
    }
    if (shown.length > FULL_CARDS) blocks.push({ type: "divider" }, compactList(shown.slice(FULL_CARDS), book));
  }

  // pasted text can be 40,000 characters: buttons carry what was found in it instead, or (where
  // nothing was) as much of it as a button's value holds
  const question = answer.found.length > 0 ? replayQuestion(answer, MAX_BUTTON_QUESTION) : answer.query;
  const buttons = [];
  const next = offset + shown.length;
  if (!grouped && question !== null && next < answer.total) {
    buttons.push({
      type: "button" as const,
      action_id: ACTIONS.more,
      text: { type: "plain_text" as const, text: `Show more (${answer.total - next})` },
      value: encodeButtonState({ q: question, o: next, ...(options.cards ? { c: true as const } : {}) }),
    });
  }
  if (options.shareable && hasResults && question !== null) {
    buttons.push({
      type: "button" as const,
      action_id: ACTIONS.share,
      text: { type: "plain_text" as const, text: "Share in channel" },
      style: "primary" as const,
      value: encodeButtonState({ q: question, o: offset, ...(options.cards ? { c: true as const } : {}) }),
    });
  }
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "amiport_actions", elements: buttons });
  if (hasResults) {
    const { title, url } = book.attribution;
    blocks.push({ type: "context", elements: [mrkdwn(`Source: <${url}|${escapeText(title)}>, AWS, CC BY-SA 4.0`)] });
  }
  return withinSlackLimits({ text: fallbackText(answer, book), blocks });
}

/** One port of pasted text: its heading, then its rules one line each, or why there are none. */
function portGroupBlock(group: PortAnswer, book: RuleBook): KnownBlock {
  const lines = [`*${escapeText(portHeading(group))}*`];
  // no emoji codes here: one would pair with the `:` of a snippet such as `RemotePort : 5986`
  for (const notice of group.notices) lines.push(escapeText(notice.text));
  for (const { rule } of group.results.slice(0, RULES_PER_PORT)) lines.push(ruleLine(rule, book));
  if (group.results.length > RULES_PER_PORT) {
    lines.push(`…and ${group.results.length - RULES_PER_PORT} more; \`/amiport ${group.port}\` shows them all.`);
  }
  return { type: "section", text: mrkdwn(lines.join("\n")) };
}

/** The gist in plain text, for notifications and clients without blocks. */
export function fallbackText(answer: Answer, book: RuleBook): string {
  if (answer.byPort.length > 0) {
    return fallback(
      answer.byPort.map((g) => `${g.port}: ${g.results[0] ? ruleGist(g.results[0].rule, book) : "no rule"}`).join("; "),
    );
  }
  const first = answer.results[0];
  const unopened = unopenedFacts(answer.unopened, answer.registered)[0];
  if (!first) return fallback(unopened?.text ?? answer.notices[0]?.text ?? "No rules found.");
  const more = answer.total > 1 ? ` (and ${answer.total - 1} more)` : "";
  return fallback(`${ruleGist(first.rule, book)}${more}`);
}

const COMMAND_GROUPS: readonly { purpose: NextCommand["purpose"]; shell: NextCommand["shell"]; title: string }[] = [
  { purpose: "check", shell: "powershell", title: "Check it on the instance (PowerShell)" },
  { purpose: "test", shell: "powershell", title: "Test the connection (PowerShell)" },
  { purpose: "check", shell: "aws-cli", title: "Check the security group (AWS CLI)" },
  { purpose: "open", shell: "powershell", title: "Open it on the instance (PowerShell)" },
  { purpose: "open", shell: "aws-cli", title: "Open it in the security group (AWS CLI)" },
];

function commandBlocks(commands: readonly NextCommand[]): KnownBlock[] {
  return COMMAND_GROUPS.flatMap(({ purpose, shell, title }): KnownBlock[] => {
    const group = commands.filter((c) => c.purpose === purpose && c.shell === shell).map((c) => escapeText(c.command));
    return group.length === 0 ? [] : [{ type: "section", text: mrkdwn(`*${title}*\n\`\`\`${group.join("\n")}\`\`\``) }];
  });
}

/** `Replace <host>, <sg-id> with your own values.`, naming only the placeholders the commands use. */
function placeholderNote(commands: readonly NextCommand[]): string {
  const used = Object.values(PLACEHOLDERS).filter((p) => commands.some((c) => c.command.includes(p)));
  return used.length === 0 ? "" : `Replace ${used.map((p) => `\`${escapeText(p)}\``).join(", ")} with your own values.`;
}

/**
 * The commands behind a card's "Commands" button, for the person who pressed it. Null where the
 * request names no rule of the book (a stale or forged button).
 */
export function renderCommandsMessage(request: CommandsRequest, book: RuleBook): SlackMessage | null {
  if ("r" in request) {
    const rule = book.rules.find((r: Rule) => r.id === request.r);
    if (!rule) return null;
    const note = openingNote(rule);
    const commands = commandsForRule(rule);
    const title = `Commands for ${rule.rule}`;
    return withinSlackLimits({
      text: fallback(title),
      blocks: [
        { type: "section", text: mrkdwn(`*${escapeText(title)}*\n${escapeText(keyFact(rule, book))}`) },
        ...commandBlocks(commands),
        ...(note ? [{ type: "section" as const, text: mrkdwn(`:information_source: ${escapeText(note)}`) }] : []),
        ...(placeholderNote(commands) ? [{ type: "context" as const, elements: [mrkdwn(placeholderNote(commands))] }] : []),
      ],
    });
  }
  const protocols = request.t.map((t) => t.toUpperCase()).join(" or ");
  const title = `Commands for ${protocols} ${request.p}`;
  const commands = request.t.flatMap((t) => commandsForPort(request.p, t));
  return withinSlackLimits({
    text: fallback(title),
    blocks: [
      { type: "section", text: mrkdwn(`*${title}*\nNo default Windows Firewall rule on AWS Windows AMIs opens it.`) },
      ...commandBlocks(commands),
      { type: "context", elements: [mrkdwn(`${escapeText(BOTH_LAYERS)} ${placeholderNote(commands)}`.trim())] },
    ],
  });
}

export function renderHelpMessage(command = "/amiport"): SlackMessage {
  const text = [
    "*amiport* answers from the AWS page “Ports and protocols for Windows AMIs”.",
    "Ask in any order and mix:",
    `• ports: \`${command} 5985\`, \`5985/tcp\`, \`5985-5986\`, \`137,138,139\``,
    "• protocols: `tcp`, `udp`, `icmp`, `icmpv6`, `igmp`   • directions: `inbound`, `outbound`",
    "• versions: `2019`, `server 2012 r2`, `2012r2`, `2008 sp2`",
    "• words: `rdp`, `winrm`, `smb`, `dns`, `telemetry`, `spooler`; typos are fine",
    "• services no default rule opens: `kerberos`, `ldap`, `ssh`, `sql server`, with IANA's registration",
    `Examples: \`${command} what does Windows 2019 need for telemetry\`, \`${command} inbound udp 2022\``,
    `Filters alone (\`${command} 2022 inbound\`) give a port map; \`${command} diff 2016 2022\` shows what changes between versions.`,
    "Answers are private; *Share in channel* posts one for everyone; *Commands* shows what to run next. Mention me in a channel or DM me to ask there.",
  ].join("\n");
  return withinSlackLimits({
    text: fallback(`amiport help: try ${command} 5985 or ${command} rdp 2019`),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  });
}

export function renderErrorMessage(): SlackMessage {
  const text =
    "Sorry, something went wrong while answering. Please try again; if it keeps happening, tell the people who run amiport.";
  return { text, blocks: [{ type: "section", text: mrkdwn(`:warning: ${text}`) }] };
}
