import type { App } from "@slack/bolt";
import { ask, guarded, type SlackDeps } from "../../answer.js";

export const COMMAND = "/amiport";

/** `/amiport <question>`: acknowledged at once, answered privately through response_url. */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, respond }) => {
    const startedAt = performance.now();
    await ack();
    const reply = (message: object) => respond({ response_type: "ephemeral", ...message });
    await guarded(deps, "command", reply, () =>
      reply(ask(deps, "command", command.text ?? "", { shareable: true, command: command.command }, startedAt)),
    );
  });
}
