import type { App, MessageShortcut } from "@slack/bolt";
import { ask, guarded, type SlackDeps } from "../../answer.js";
import { messageText } from "../../message-text.js";

/** The message shortcut's callback_id, as in manifest.yml. */
export const LOOKUP_PORTS = "amiport_lookup_ports";

/**
 * "Look up ports" on any message: reads the message (its text, blocks and attachments) and answers
 * only the person who clicked, in that conversation, through response_url: no channel membership
 * needed, and the acknowledgement goes back at once.
 */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: LOOKUP_PORTS, type: "message_action" }, async ({ ack, shortcut }) => {
    const startedAt = performance.now();
    await ack();
    const respond = deps.outbox.responder("shortcut", shortcut.response_url);
    const reply = (message: object) => respond({ response_type: "ephemeral", replace_original: false, ...message });
    await guarded(deps, "shortcut", reply, () =>
      reply(ask(deps, "shortcut", messageText(shortcut.message), { shareable: true, fromMessage: true }, startedAt)),
    );
  });
}
