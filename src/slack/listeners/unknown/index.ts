import { type App, LogLevel } from "@slack/bolt";
import { ACTIONS, escapeText } from "../../../render/blocks.js";
import { HOME_ACTIONS } from "../../../render/home-view.js";
import type { SlackDeps } from "../../answer.js";
import { COMMAND } from "../commands/index.js";
import { LOOKUP_PORTS } from "../shortcuts/index.js";

/** Every action, shortcut and command some other listener answers. */
const KNOWN = {
  action: new Set<string>([...Object.values(ACTIONS), ...Object.values(HOME_ACTIONS)]),
  shortcut: new Set<string>([LOOKUP_PORTS]),
  command: new Set<string>([COMMAND]),
};

/**
 * What no other listener answers (a button of an old message, a shortcut or command added to the
 * app's configuration before the code): acknowledged at once, so Slack shows no timeout, and logged
 * once with its id. Registered with the others; each returns at once for what another one answers.
 */
export function register(app: App, deps: SlackDeps): void {
  const log = (kind: keyof typeof KNOWN, id: string) => deps.logger.event(LogLevel.WARN, "unknown request", { kind, id });

  app.action(/.*/, async ({ ack, action, body }) => {
    const id = "action_id" in action ? action.action_id : "callback_id" in body ? String(body.callback_id) : "";
    if (KNOWN.action.has(id)) return;
    await ack();
    log("action", id);
  });
  app.shortcut(/.*/, async ({ ack, shortcut }) => {
    if (KNOWN.shortcut.has(shortcut.callback_id)) return;
    await ack();
    log("shortcut", shortcut.callback_id);
  });
  app.command(/.*/, async ({ ack, command }) => {
    if (KNOWN.command.has(command.command)) return;
    await ack({
      response_type: "ephemeral",
      text: `amiport does not answer ${escapeText(command.command.slice(0, 100))}; ask with ${COMMAND}.`,
    });
    log("command", command.command);
  });
}
