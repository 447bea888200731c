/**
 * Slack's documented Block Kit limits for what amiport renders, and the render-time guard that
 * holds every message and view to them: Slack refuses a whole message (`invalid_blocks`) for one
 * value over its limit, and a refused message shows the person nothing, not even an apology.
 * https://docs.slack.dev/reference/block-kit/blocks, …/block-elements, …/composition-objects
 */
import type { SlackMessage } from "./blocks.js";

export const LIMITS = {
  blocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  privateMetadata: 3000,
  fallbackText: 4000,
} as const;

/** A message or view amiport rendered that Slack would refuse: a fault of ours, never sent. */
export class SlackLimitError extends Error {
  override readonly name = "SlackLimitError";
}

// biome-ignore lint/suspicious/noExplicitAny: blocks are checked as the JSON Slack will read
type Json = any;

function over(what: string, length: number, limit: number): void {
  if (length > limit) throw new SlackLimitError(`${what} is ${length} characters; Slack's limit is ${limit}`);
}

function checkText(what: string, text: Json, limit: number): void {
  if (typeof text?.text !== "string" || text.text.length === 0) throw new SlackLimitError(`${what} has no text`);
  over(what, text.text.length, limit);
}

function checkElement(e: Json): void {
  over("an action_id", String(e.action_id ?? "").length, LIMITS.id);
  if (e.type === "button") {
    checkText("a button's text", e.text, LIMITS.buttonText);
    if (e.value !== undefined) over("a button's value", String(e.value).length, LIMITS.buttonValue);
  } else if (e.type === "static_select") {
    over("a select's options", e.options.length, LIMITS.selectOptions);
    for (const o of e.options) {
      checkText("an option's text", o.text, LIMITS.optionText);
      over("an option's value", String(o.value).length, LIMITS.optionValue);
    }
  }
}

/** Throws SlackLimitError naming the first of `blocks` Slack would refuse. */
export function checkBlocks(blocks: readonly Json[], maxBlocks: number): void {
  over("the block count", blocks.length, maxBlocks);
  for (const block of blocks) {
    if (block.block_id !== undefined) over("a block_id", String(block.block_id).length, LIMITS.id);
    switch (block.type) {
      case "header":
        checkText("a header", block.text, LIMITS.headerText);
        break;
      case "section":
        if (block.text) checkText("a section's text", block.text, LIMITS.sectionText);
        if (block.fields) {
          over("a section's fields", block.fields.length, LIMITS.fields);
          for (const f of block.fields) checkText("a field", f, LIMITS.fieldText);
        }
        if (block.accessory) checkElement(block.accessory);
        break;
      case "context":
        over("a context's elements", block.elements.length, LIMITS.contextElements);
        for (const e of block.elements) checkText("a context element", e, LIMITS.sectionText);
        break;
      case "actions":
        over("an actions block's elements", block.elements.length, LIMITS.actionsElements);
        for (const e of block.elements) checkElement(e);
        break;
      case "input":
        checkElement(block.element);
        break;
    }
  }
}

/** `message`, once it is within Slack's limits; otherwise a SlackLimitError (the caller apologises). */
export function withinSlackLimits(message: SlackMessage): SlackMessage {
  if (message.text.trim().length === 0) throw new SlackLimitError("the fallback text is empty");
  over("the fallback text", message.text.length, LIMITS.fallbackText);
  checkBlocks(message.blocks, LIMITS.blocks);
  return message;
}
