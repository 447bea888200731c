import { type App, LogLevel } from "@slack/bolt";
import type { AnyQuery } from "../../../store/index.js";
import type { SlackDeps } from "../../answer.js";

/** `app_uninstalled` and `tokens_revoked` remove what they name from the installations (distributed mode). */
export function register(app: App, deps: SlackDeps): void {
  const { installations } = deps;
  if (!installations) return;
  // what the event names: an org-wide installation by its organisation, any other by its workspace
  const queryOf = (context: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) =>
    ({
      isEnterpriseInstall: context.isEnterpriseInstall === true,
      enterpriseId: context.enterpriseId,
      teamId: context.teamId,
    }) as AnyQuery;

  app.event("app_uninstalled", async ({ context }) => {
    await installations.deleteInstallation(queryOf(context));
    deps.metrics?.installationChanged("uninstalled");
    deps.logger.event(LogLevel.INFO, "uninstalled", { teamId: context.teamId, enterpriseId: context.enterpriseId });
  });

  app.event("tokens_revoked", async ({ event, context }) => {
    const userIds = event.tokens.oauth ?? [];
    const bot = (event.tokens.bot ?? []).length > 0;
    await installations.revokeTokens(queryOf(context), { userIds, bot });
    deps.metrics?.installationChanged("tokens_revoked");
    deps.logger.event(LogLevel.INFO, "tokens revoked", { teamId: context.teamId, users: userIds.length, bot });
  });
}
