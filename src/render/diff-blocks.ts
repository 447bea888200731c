/**
 * The Slack message for a comparison of two Windows Server versions: counts, one compact section
 * per section of the AWS page with a button to expand it, and the expanded section's rules.
 */
import type { types } from "@slack/bolt";
import { type DiffSection, diffBySection, type Rule, type RuleBook, type VersionDiff } from "../core/index.js";
import { ACTIONS, encodeButtonState, escapeText, fallback, mrkdwn, noteMrkdwn, type SlackMessage, truncate } from "./blocks.js";
import { correctionNote, describeChange, diffCounts, diffTitle, shortVersion, trafficSummary, unstatedNote } from "./facts.js";
import { LIMITS, withinSlackLimits } from "./slack-limits.js";

type KnownBlock = types.KnownBlock;

/** Rules of an expanded section shown one block each; more go into one compact list. */
const MAX_EXPANDED_RULES = 20;

export interface DiffMessageOptions {
  /** The question as asked, which the buttons carry back. */
  readonly question: string;
  readonly shareable: boolean;
  readonly sharedBy?: string;
  /** The section to expand; one not in this comparison shows the summary with a short notice. */
  readonly group?: string;
}

function ruleLine(mark: string, rule: Rule): string {
  return `${mark} ${escapeText(rule.rule)} \`${escapeText(trafficSummary(rule))}\``;
}

function groupLines(group: DiffSection): string[] {
  return [
    ...group.added.map((r) => ruleLine("+", r)),
    ...group.removed.map((r) => ruleLine("−", r)),
    ...group.changed.map((c) => `~ ${escapeText(c.after.rule)} \`${escapeText(describeChange(c))}\``),
  ];
}

function groupCounts(group: DiffSection, diff: VersionDiff): string {
  return [
    group.added.length ? `${group.added.length} only on ${shortVersion(diff.to)}` : "",
    group.removed.length ? `${group.removed.length} only on ${shortVersion(diff.from)}` : "",
    group.changed.length ? `${group.changed.length} changed` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** Joins lines up to Slack's text limit, saying how many did not fit. */
function fitLines(head: string, lines: readonly string[]): string {
  let text = head;
  for (const [i, line] of lines.entries()) {
    const more = `\n…and ${lines.length - i} more`;
    if (text.length + 1 + line.length + more.length > LIMITS.sectionText) return `${text}${more}`;
    text += `\n${line}`;
  }
  return text;
}

function expandedBlocks(group: DiffSection, diff: VersionDiff): KnownBlock[] {
  const items: { head: string; rule: Rule; extra: string[] }[] = [
    ...group.added.map((rule) => ({
      head: `+ *${escapeText(rule.rule)}*, only on ${escapeText(shortVersion(diff.to))}`,
      rule,
      extra: [],
    })),
    ...group.removed.map((rule) => ({
      head: `− *${escapeText(rule.rule)}*, only on ${escapeText(shortVersion(diff.from))}`,
      rule,
      extra: [],
    })),
    ...group.changed.map((c) => ({
      head: `~ *${escapeText(c.after.rule)}*: ${escapeText(describeChange(c))} (${escapeText(shortVersion(diff.from))} → ${escapeText(shortVersion(diff.to))})`,
      rule: c.after,
      extra: [
        ...(correctionNote(c.before) && c.before.correction !== c.after.correction
          ? [`On ${shortVersion(diff.from)}: ${correctionNote(c.before)}`]
          : []),
        ...c.before.notes
          .filter((n) => !c.after.notes.some((a) => a.text === n.text))
          .map((n) => `On ${shortVersion(diff.from)}: ${n.text}`),
      ],
    })),
  ];
  const blocks: KnownBlock[] = [];
  for (const item of items.slice(0, MAX_EXPANDED_RULES)) {
    const { rule } = item;
    blocks.push({
      type: "section",
      text: mrkdwn(
        `${item.head}\n\`${escapeText(trafficSummary(rule))}\`${rule.definition ? ` ${escapeText(rule.definition)}` : ""}`,
      ),
    });
    const correction = correctionNote(rule);
    const notes = [
      ...(correction ? [`:warning: *Corrected.* ${escapeText(correction)}`] : []),
      ...rule.notes.map(noteMrkdwn),
      ...item.extra.map(escapeText),
      `\`${escapeText(rule.id)}\` · <${rule.url}|View on AWS>`,
    ];
    blocks.push({ type: "context", elements: [mrkdwn(notes.join("\n"))] });
  }
  const rest = items.slice(MAX_EXPANDED_RULES);
  if (rest.length > 0)
    blocks.push({
      type: "section",
      text: mrkdwn(
        fitLines(
          "",
          rest.map((i) => i.head),
        ).trimStart(),
      ),
    });
  return blocks;
}

export function renderDiffMessage(diff: VersionDiff, book: RuleBook, options: DiffMessageOptions): SlackMessage {
  const groups = diffBySection(book, diff);
  const expanded = options.group === undefined ? undefined : groups.find((g) => g.section === options.group);
  const title = diffTitle(diff);
  const blocks: KnownBlock[] = [];
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy)) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`Shared by <@${options.sharedBy}>: “${escapeText(truncate(options.question, 200))}”`)],
    });
  }
  blocks.push(
    { type: "header", text: { type: "plain_text", text: truncate(title, LIMITS.headerText), emoji: false } },
    { type: "section", text: mrkdwn(`*${escapeText(diffCounts(diff))}*`) },
  );
  if (options.group !== undefined && !expanded) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(":information_source: That section has no differences in this comparison; here is the summary.")],
    });
  }
  if (groups.length === 0) blocks.push({ type: "section", text: mrkdwn("The AWS page lists the same rules for both.") });

  if (expanded) {
    blocks.push(
      { type: "divider" },
      { type: "section", text: mrkdwn(`*${escapeText(expanded.section)}*: ${escapeText(groupCounts(expanded, diff))}`) },
      ...expandedBlocks(expanded, diff),
    );
  } else {
    for (const [i, group] of groups.entries()) {
      blocks.push({
        type: "section",
        block_id: `diff_group_${i}`,
        text: mrkdwn(fitLines(`*${escapeText(group.section)}*: ${escapeText(groupCounts(group, diff))}`, groupLines(group))),
        accessory: {
          type: "button",
          action_id: ACTIONS.diffGroup,
          text: { type: "plain_text", text: "Show rules" },
          value: encodeButtonState({ q: options.question, o: 0, g: group.section }),
        },
      });
    }
  }
  const unstated = unstatedNote(diff);
  if (unstated) {
    const names = diff.unstated.map((r) => r.rule).join(", ");
    blocks.push({ type: "context", elements: [mrkdwn(escapeText(`${unstated.replace(/\.$/, ":")} ${names}.`))] });
  }

  const buttons: types.Button[] = [];
  if (expanded) {
    buttons.push({
      type: "button",
      action_id: ACTIONS.more,
      text: { type: "plain_text", text: "All sections" },
      value: encodeButtonState({ q: options.question, o: 0 }),
    });
  }
  if (options.shareable) {
    buttons.push({
      type: "button",
      action_id: ACTIONS.share,
      text: { type: "plain_text", text: "Share in channel" },
      style: "primary",
      value: encodeButtonState({ q: options.question, o: 0, ...(expanded ? { g: expanded.section } : {}) }),
    });
  }
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "amiport_actions", elements: buttons });
  const { title: source, url } = book.attribution;
  blocks.push({ type: "context", elements: [mrkdwn(`Source: <${url}|${escapeText(source)}>, AWS, CC BY-SA 4.0`)] });
  return withinSlackLimits({ text: fallback(`${title}: ${diffCounts(diff)}`), blocks });
}

/** A comparison that cannot be made (a version missing or unknown), said plainly. */
export function renderDiffProblem(problem: string): SlackMessage {
  return withinSlackLimits({
    text: fallback(problem),
    blocks: [{ type: "section", text: mrkdwn(`:mag: ${escapeText(problem)}`) }],
  });
}
