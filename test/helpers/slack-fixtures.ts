/**
 * Payloads Slack wrote (test/fixtures/slack/), each kept as published beside its `source`. Tests
 * change only what they must, through `substituted`, and say why where they call it.
 */
import { readFileSync } from "node:fs";

export interface SlackFixture<T = Record<string, any>> {
  /** Where it was published. */
  readonly source: string;
  readonly name: string;
  readonly note: string;
  readonly payload: T;
}

export function slackFixture<T = Record<string, any>>(file: string): SlackFixture<T> {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${file}`, import.meta.url), "utf8"));
}

/** A deep copy of `payload` with each dotted path (`event.channel`, `actions.0.value`) set to its value. */
export function substituted<T>(payload: T, changes: Readonly<Record<string, unknown>>): T {
  const copy = structuredClone(payload) as Record<string, any>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let node = copy;
    for (const key of keys) {
      if (typeof node[key] !== "object" || node[key] === null) throw new Error(`${path}: no ${key} in the payload`);
      node = node[key];
    }
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return copy as T;
}
