/** A check's verdict as a Slack message: a line per layer with what decided it, the AMI's default and the one fix. */
import type { types } from "@slack/bolt";
import type { RuleBook } from "../core/index.js";
import type { CheckReport, LayerVerdict } from "../core/reachability/index.js";
import { escapeText, LIMITS, type SlackMessage, truncate } from "./blocks.js";
import { checkHeadline, defaultsLine } from "./verdict-facts.js";

type KnownBlock = types.KnownBlock;

const EMOJI: Readonly<Record<LayerVerdict["verdict"], string>> = {
  pass: ":white_check_mark:",
  blocked: ":no_entry:",
  unknown: ":grey_question:",
};
const OVERALL: Readonly<Record<CheckReport["verdict"], string>> = {
  open: ":large_green_circle:",
  blocked: ":red_circle:",
  unknown: ":large_yellow_circle:",
};
/** Room for a layer's reason and citation in one section (Slack allows 3,000 characters). */
const MAX_REASON = 600;
const MAX_CITE = 600;
const MAX_FIX = 1000;

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });

function layerBlock(layer: LayerVerdict, pending: boolean): KnownBlock {
  const waiting = pending && layer.reason === "still checking…";
  const mark = waiting ? ":hourglass_flowing_sand:" : EMOJI[layer.verdict];
  const cite = layer.cite ? `\n\`${escapeText(truncate(layer.cite.replace(/`/g, "'"), MAX_CITE))}\`` : "";
  const text = `${mark} *${layer.layer}* ${waiting ? "still checking…" : `${layer.verdict}: ${escapeText(truncate(layer.reason, MAX_REASON))}${cite}`}`;
  return { type: "section", text: mrkdwn(truncate(text, LIMITS.sectionText)) };
}

/** `pending`: the VPC layers are in and the host layers are still being read. */
export function renderVerdictMessage(
  report: CheckReport,
  book: RuleBook,
  options: { pending?: boolean; askedBy?: string } = {},
): SlackMessage {
  const pending = options.pending === true;
  const headline = pending ? `${checkHeadline(report).replace(/: \w+$/, "")}: still checking…` : checkHeadline(report);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        truncate(
          `${pending ? ":hourglass_flowing_sand:" : OVERALL[report.verdict]} *${escapeText(headline)}*`,
          LIMITS.sectionText,
        ),
      ),
    },
    ...report.layers.map((layer) => layerBlock(layer, pending)),
    { type: "context", elements: [mrkdwn(escapeText(truncate(defaultsLine(report, book), LIMITS.sectionText)))] },
  ];
  if (report.fix && !pending) {
    blocks.push({ type: "section", text: mrkdwn(`*Fix:* \`${escapeText(truncate(report.fix.replace(/`/g, "'"), MAX_FIX))}\``) });
  }
  if (options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy))
    blocks.push({
      type: "context",
      elements: [mrkdwn(`Checked for <@${options.askedBy}>; amiport reads AWS and changes nothing.`)],
    });
  const text = pending ? headline : `${checkHeadline(report)}${report.fix ? ` Fix: ${report.fix}` : ""}`;
  return { text: truncate(text, LIMITS.fallbackText), blocks };
}

export function renderCheckProblem(problem: string): SlackMessage {
  return {
    text: problem,
    blocks: [{ type: "section", text: mrkdwn(`:warning: ${escapeText(truncate(problem, LIMITS.sectionText - 20))}`) }],
  };
}

/** The "Check this instance" button's action id. */
export const CHECK_ACTION = "amiport_check";

export interface CheckOffer {
  readonly instance: string;
  readonly port: number;
  readonly protocol: "tcp" | "udp";
}

/** A button under an answer whose question names an instance and one port; a click runs the check. */
export function checkOfferBlock(offer: CheckOffer): KnownBlock {
  return {
    type: "actions",
    block_id: CHECK_ACTION,
    elements: [
      {
        type: "button",
        action_id: CHECK_ACTION,
        text: { type: "plain_text", text: "Check this instance" },
        value: JSON.stringify({ i: offer.instance, p: offer.port, t: offer.protocol }),
      },
    ],
  };
}

/** The button's value as check fields (validated by the core like any other check), or null. */
export function decodeCheckOffer(value: string | undefined): { instance: string; port: string; protocol: string } | null {
  try {
    const parsed = JSON.parse(value ?? "") as { i?: unknown; p?: unknown; t?: unknown };
    if (typeof parsed.i !== "string" || typeof parsed.p !== "number" || typeof parsed.t !== "string") return null;
    return { instance: parsed.i, port: String(parsed.p), protocol: parsed.t };
  } catch {
    return null;
  }
}
