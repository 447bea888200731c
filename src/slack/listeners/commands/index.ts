import type { App } from "@slack/bolt";
import { ask, guarded, type SlackDeps } from "../../answer.js";
import { readSlackText } from "../../message-text.js";

export const COMMAND = "/amiport";

/**
 * `/amiport <question>`: answered privately in the acknowledgement itself. The answer takes
 * microseconds, so it is in Slack's hands at once, with no second request to response_url.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command }) => {
    const startedAt = performance.now();
    const reply = (message: object) => ack({ response_type: "ephemeral", ...message });
    await guarded(deps, "command", reply, () =>
      reply(ask(deps, "command", readSlackText(command.text ?? ""), { shareable: true, command: command.command }, startedAt)),
    );
  });
}
