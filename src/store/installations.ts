/**
 * "Installations": one per workspace, or one per Enterprise Grid organisation for an org-wide
 * install, with the tokens Slack granted. Bolt's OAuth support stores and fetches them through
 * this interface; `app_uninstalled` and `tokens_revoked` remove what they name.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";

export type AnyInstallation = Installation<"v1" | "v2", boolean>;
export type AnyQuery = InstallationQuery<boolean>;

export interface InstallationRecords extends InstallationStore {
  deleteInstallation(query: AnyQuery): Promise<void>;
  /** Forgets the user tokens of `userIds`; a revoked bot token removes the installation. */
  revokeTokens(query: AnyQuery, revoked: { readonly userIds: readonly string[]; readonly bot: boolean }): Promise<void>;
}

export class InstallationNotFoundError extends Error {
  override name = "InstallationNotFoundError";
}

/** The row an installation is kept under: an org-wide install by its organisation, any other by its workspace. */
export function installKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (query.isEnterpriseInstall) {
    if (!query.enterpriseId) throw new InstallationNotFoundError("an org-wide installation without an enterprise id");
    return `enterprise:${query.enterpriseId}`;
  }
  if (!query.teamId) throw new InstallationNotFoundError("an installation without a team id");
  return `team:${query.teamId}`;
}

export function keyOfInstallation(installation: AnyInstallation): string {
  return installKey({
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
    ...(installation.team?.id ? { teamId: installation.team.id } : {}),
  });
}

/** The installation without the user tokens of `userIds`. */
export function withoutUserTokens(installation: AnyInstallation, userIds: readonly string[]): AnyInstallation {
  if (!userIds.includes(installation.user.id)) return installation;
  const { token: _token, refreshToken: _refresh, expiresAt: _expires, scopes: _scopes, ...user } = installation.user;
  return { ...installation, user } as AnyInstallation;
}

/** Installations in this process's memory, bounded; for tests and trying OAuth out without a database. */
export class MemoryInstallations implements InstallationRecords {
  private readonly rows = new Map<string, AnyInstallation>();

  constructor(private readonly maxEntries = 10_000) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const key = keyOfInstallation(installation);
    this.rows.delete(key);
    this.rows.set(key, installation);
    if (this.rows.size > this.maxEntries) this.rows.delete(this.rows.keys().next().value as string);
  }

  async fetchInstallation(query: AnyQuery): Promise<AnyInstallation> {
    const found = this.rows.get(installKey(query));
    if (!found) throw new InstallationNotFoundError(`no installation for ${installKey(query)}`);
    return found;
  }

  async deleteInstallation(query: AnyQuery): Promise<void> {
    this.rows.delete(installKey(query));
  }

  async revokeTokens(query: AnyQuery, revoked: { readonly userIds: readonly string[]; readonly bot: boolean }): Promise<void> {
    const key = installKey(query);
    const found = this.rows.get(key);
    if (!found) return;
    if (revoked.bot) this.rows.delete(key);
    else this.rows.set(key, withoutUserTokens(found, revoked.userIds));
  }
}
