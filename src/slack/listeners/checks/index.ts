import type { App, BlockButtonAction } from "@slack/bolt";
import { readCheckArguments } from "../../../core/reachability/index.js";
import { CHECK_ACTION, decodeCheckOffer } from "../../../render/verdict-blocks.js";
import { guarded, type SlackDeps } from "../../answer.js";
import { answerCheck } from "../../check-command.js";

/** "Check this instance": the same check as `/amiport check`, for whoever pressed it, where they pressed it. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(CHECK_ACTION, async ({ ack, body, action, respond, client }) => {
    await ack();
    const offer = decodeCheckOffer(action.value);
    const args = offer
      ? readCheckArguments(offer)
      : ({ ok: false, problem: "That button no longer works; ask again with /amiport." } as const);
    const asker = {
      user: body.user.id,
      team: body.team?.id ?? body.user.team_id ?? "",
      channel: body.channel?.id ?? body.container?.channel_id ?? "",
    };
    const apologize = (message: object) => respond({ response_type: "ephemeral", replace_original: false, ...message });
    await guarded(deps, "check", apologize, () => answerCheck(deps, asker, args, respond, client, false));
  });
}
