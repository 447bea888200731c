import type { Database } from "./database.js";
import {
  type AnyInstallation,
  type AnyQuery,
  InstallationNotFoundError,
  type InstallationRecords,
  installKey,
  keyOfInstallation,
  withoutUserTokens,
} from "./installations.js";
import { open, seal } from "./token-cipher.js";

/** Installations in PostgreSQL, each sealed with AES-256-GCM: no token is readable in the table. */
export class PostgresInstallations implements InstallationRecords {
  constructor(
    private readonly database: Database,
    private readonly key: Buffer,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const rowKey = keyOfInstallation(installation);
    await this.database.query(
      "installation_store",
      `INSERT INTO amiport_installations (install_key, enterprise_id, team_id, is_enterprise_install, sealed, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (install_key) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, team_id = EXCLUDED.team_id,
         is_enterprise_install = EXCLUDED.is_enterprise_install, sealed = EXCLUDED.sealed, updated_at = now()`,
      [
        rowKey,
        installation.enterprise?.id ?? null,
        installation.team?.id ?? null,
        installation.isEnterpriseInstall === true,
        seal(this.key, rowKey, installation),
      ],
    );
  }

  async fetchInstallation(query: AnyQuery): Promise<AnyInstallation> {
    const rowKey = installKey(query);
    const result = await this.database.query<{ sealed: Buffer }>(
      "installation_fetch",
      "SELECT sealed FROM amiport_installations WHERE install_key = $1",
      [rowKey],
    );
    const row = result.rows[0];
    if (!row) throw new InstallationNotFoundError(`no installation for ${rowKey}`);
    return open<AnyInstallation>(this.key, rowKey, row.sealed);
  }

  async deleteInstallation(query: AnyQuery): Promise<void> {
    await this.database.query("installation_delete", "DELETE FROM amiport_installations WHERE install_key = $1", [
      installKey(query),
    ]);
  }

  async revokeTokens(query: AnyQuery, revoked: { readonly userIds: readonly string[]; readonly bot: boolean }): Promise<void> {
    if (revoked.bot) return this.deleteInstallation(query);
    const found = await this.fetchInstallation(query).catch((error) => {
      if (error instanceof InstallationNotFoundError) return undefined;
      throw error;
    });
    if (found) await this.storeInstallation(withoutUserTokens(found, revoked.userIds));
  }
}
