import type { App } from "@slack/bolt";
import { ask, guarded, type SlackDeps } from "../../answer.js";
import { answerCheck, isCheckText, readCheckCommand } from "../../check-command.js";
import { readSlackText } from "../../message-text.js";

export const COMMAND = "/amiport";

/**
 * `/amiport <question>`: answered privately in the acknowledgement itself. The answer takes
 * microseconds, so it is in Slack's hands at once, with no second request to response_url.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, respond, client }) => {
    if (isCheckText(command.text ?? "")) {
      // a check waits on AWS: acknowledged at once, answered through response_url
      await ack();
      const { text, user_id: user, team_id: team, channel_id: channel } = command;
      const apologize = (message: object) => respond({ response_type: "ephemeral", ...message });
      const args = readCheckCommand(text);
      return guarded(deps, "check", apologize, () => answerCheck(deps, { user, team, channel }, args, respond, client, true));
    }
    const startedAt = performance.now();
    const reply = (message: object) => ack({ response_type: "ephemeral", ...message });
    await guarded(deps, "command", reply, () =>
      reply(ask(deps, "command", readSlackText(command.text ?? ""), { shareable: true, command: command.command }, startedAt)),
    );
  });
}
