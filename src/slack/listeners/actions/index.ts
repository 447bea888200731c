import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import {
  ACTIONS,
  type ButtonState,
  decodeButtonState,
  decodeCommandsRequest,
  renderCommandsMessage,
} from "../../../render/blocks.js";
import { ask, guarded, logRequest, type SlackDeps } from "../../answer.js";

const EXPIRED = {
  response_type: "ephemeral" as const,
  replace_original: false,
  text: "That button no longer works; ask again with /amiport.",
};

/** Cards instead of a port map, or a comparison's expanded section, as the button asked. */
function viewOf(state: ButtonState): { cards?: boolean; group?: string } {
  return { ...(state.c ? { cards: true } : {}), ...(state.g ? { group: state.g } : {}) };
}

/**
 * "Show more", "Show rule cards" (of a port map) and a comparison's "Show rules" / "All sections"
 * redraw the answer in place; "Share in channel" posts it for everyone; "Commands" shows a card's
 * commands to the person who pressed it, leaving the card as it was.
 */
export function register(app: App, deps: SlackDeps): void {
  const inPlace = async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    const startedAt = performance.now();
    await ack();
    const respond = deps.outbox.responder("more", body.response_url);
    const reply = (message: object) => respond({ replace_original: true, ...message });
    await guarded(deps, "more", reply, async () => {
      const state = decodeButtonState(action.value);
      if (!state) return respond(EXPIRED);
      const shareable = body.container?.is_ephemeral === true;
      return reply(ask(deps, "more", state.q, { offset: state.o, shareable, ...viewOf(state) }, startedAt));
    });
  };
  for (const id of [ACTIONS.more, ACTIONS.cards, ACTIONS.diffGroup]) app.action<BlockButtonAction>(id, inPlace);

  app.action<BlockButtonAction>(ACTIONS.share, async ({ ack, body, action }) => {
    const startedAt = performance.now();
    await ack();
    const respond = deps.outbox.responder("share", body.response_url);
    const apologize = (message: object) => respond({ response_type: "ephemeral", replace_original: false, ...message });
    await guarded(deps, "share", apologize, async () => {
      const state = decodeButtonState(action.value);
      if (!state) return respond(EXPIRED);
      const options = { offset: state.o, shareable: false, sharedBy: body.user.id, ...viewOf(state) };
      const message = ask(deps, "share", state.q, options, startedAt);
      await respond({ response_type: "in_channel", replace_original: false, ...message });
      // the private copy has done its job once everyone can see the answer
      return respond({ delete_original: true });
    });
  });

  app.action<BlockButtonAction>(ACTIONS.commands, async ({ ack, body, action }) => {
    const startedAt = performance.now();
    await ack();
    const respond = deps.outbox.responder("commands", body.response_url);
    const privately = (message: object) => respond({ response_type: "ephemeral", replace_original: false, ...message });
    await guarded(deps, "commands", privately, async () => {
      const request = decodeCommandsRequest(action.value);
      const message = request && renderCommandsMessage(request, deps.book);
      if (!request || !message) return respond(EXPIRED);
      logRequest(deps, "commands", "r" in request ? request.r : `${request.t.join("+")}/${request.p}`, 1, startedAt);
      return privately(message);
    });
  });
}
