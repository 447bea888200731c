import type { App } from "@slack/bolt";
import type { SlackDeps } from "../answer.js";
import * as actions from "./actions/index.js";
import * as checks from "./checks/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as home from "./home/index.js";
import * as installations from "./installations/index.js";
import * as shortcuts from "./shortcuts/index.js";
import * as unknown from "./unknown/index.js";

export function registerListeners(app: App, deps: SlackDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  checks.register(app, deps);
  home.register(app, deps);
  installations.register(app, deps);
  shortcuts.register(app, deps);
  unknown.register(app, deps);
}
