/**
 * Slack's documented Block Kit limits, written down here on their own (not taken from the code
 * under test), and a checker for messages and views.
 * https://docs.slack.dev/reference/block-kit/blocks, …/block-elements, …/composition-objects
 */
import { expect } from "vitest";

export const SLACK = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  inputLabel: 2000,
  plainTextInputMax: 3000,
  privateMetadata: 3000,
  fallbackText: 4000,
} as const;

type Json = any;

function checkElement(e: Json, actionIds: Set<string>) {
  expect(typeof e.action_id).toBe("string");
  expect(e.action_id.length).toBeLessThanOrEqual(SLACK.actionId);
  expect(actionIds.has(e.action_id), `duplicate action_id ${e.action_id}`).toBe(false);
  actionIds.add(e.action_id);
  switch (e.type) {
    case "button":
      expect(e.text.type).toBe("plain_text");
      expect(e.text.text.length).toBeGreaterThan(0);
      expect(e.text.text.length).toBeLessThanOrEqual(SLACK.buttonText);
      if (e.value !== undefined) expect(e.value.length).toBeLessThanOrEqual(SLACK.buttonValue);
      break;
    case "static_select": {
      expect(e.options.length).toBeGreaterThan(0);
      expect(e.options.length).toBeLessThanOrEqual(SLACK.selectOptions);
      const values = new Set<string>();
      for (const o of e.options) {
        expect(o.text.text.length).toBeGreaterThan(0);
        expect(o.text.text.length).toBeLessThanOrEqual(SLACK.optionText);
        expect(o.value.length).toBeLessThanOrEqual(SLACK.optionValue);
        values.add(o.value);
      }
      expect(values.size).toBe(e.options.length);
      if (e.initial_option) expect(e.options).toContainEqual(e.initial_option);
      break;
    }
    case "plain_text_input":
      if (e.max_length !== undefined) expect(e.max_length).toBeLessThanOrEqual(SLACK.plainTextInputMax);
      if (e.initial_value !== undefined)
        expect(e.initial_value.length).toBeLessThanOrEqual(e.max_length ?? SLACK.plainTextInputMax);
      break;
    default:
      throw new Error(`unexpected element type ${e.type}`);
  }
}

/** Checks blocks against Slack's limits; `maxBlocks` is 50 for a message, 100 for a view. */
export function expectValidBlocks(blocks: readonly Json[], maxBlocks: number) {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  const blockIds = new Set<string>();
  for (const block of blocks) {
    // Slack asks for action_ids unique within their block
    const actionIds = new Set<string>();
    if (block.block_id !== undefined) {
      expect(block.block_id.length).toBeLessThanOrEqual(SLACK.blockId);
      expect(blockIds.has(block.block_id), `duplicate block_id ${block.block_id}`).toBe(false);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "header":
        expect(block.text.type).toBe("plain_text");
        expect(block.text.text.length).toBeGreaterThan(0);
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK.headerText);
        break;
      case "section":
        expect(block.text !== undefined || block.fields !== undefined).toBe(true);
        if (block.text) {
          expect(block.text.text.length).toBeGreaterThan(0);
          expect(block.text.text.length).toBeLessThanOrEqual(SLACK.sectionText);
        }
        if (block.fields) {
          expect(block.fields.length).toBeLessThanOrEqual(SLACK.sectionFields);
          for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK.fieldText);
        }
        if (block.accessory) checkElement(block.accessory, actionIds);
        break;
      case "context":
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(SLACK.contextElements);
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK.sectionText);
        break;
      case "actions":
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(SLACK.actionsElements);
        for (const e of block.elements) checkElement(e, actionIds);
        break;
      case "input":
        expect(block.label.type).toBe("plain_text");
        expect(block.label.text.length).toBeLessThanOrEqual(SLACK.inputLabel);
        checkElement(block.element, actionIds);
        break;
      case "divider":
        break;
      default:
        throw new Error(`unexpected block type ${block.type}`);
    }
  }
}

export function expectValidMessage(message: { text: string; blocks: readonly Json[] }) {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK.fallbackText);
  expectValidBlocks(message.blocks, SLACK.messageBlocks);
}

export function expectValidHomeView(view: Json) {
  expect(view.type).toBe("home");
  expect(typeof view.private_metadata).toBe("string");
  expect(view.private_metadata.length).toBeLessThanOrEqual(SLACK.privateMetadata);
  expectValidBlocks(view.blocks, SLACK.viewBlocks);
}

/**
 * Every `<…>` Slack would read as a link or mention, apart from button values (not shown): only
 * amiport's own links to the AWS page and `allowedMentions` may appear.
 */
export function expectNoInjectedMarkup(blocks: readonly Json[], allowedMentions: readonly string[] = []) {
  const shown = JSON.stringify(stripValues(blocks));
  for (const c of shown.match(/<[^<]{0,40}/g) ?? []) {
    const ok = c.startsWith("<https://docs.aws.amazon.com/") || allowedMentions.some((m) => c.startsWith(`<@${m}>`));
    expect(ok, c).toBe(true);
  }
}

function stripValues(node: Json): Json {
  if (Array.isArray(node)) return node.map(stripValues);
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== "value" && k !== "private_metadata" && k !== "initial_value")
        .map(([k, v]) => [k, stripValues(v)]),
    );
  }
  return node;
}

/**
 * Why Slack would refuse a message's blocks (its `invalid_blocks`), or undefined: for the
 * stand-in, which must refuse what Slack refuses.
 */
export function refusalOf(message: { blocks?: unknown }): string | undefined {
  if (message.blocks === undefined) return undefined;
  try {
    expectValidBlocks(message.blocks as Json[], SLACK.messageBlocks);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
