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
import { seal } from "./token-cipher.js";
import { type Opened, openWithKeys, TokenKeyError, type TokenKeys } from "./token-keys.js";

/**
 * Installations in PostgreSQL, each sealed with AES-256-GCM: no token is readable in the table.
 * Each attempt to open one is reported (`onOpen`: the TokenKeyError, or undefined when it opened).
 */
export class PostgresInstallations implements InstallationRecords {
  constructor(
    private readonly database: Database,
    private readonly keys: TokenKeys,
    private readonly onOpen: (error: TokenKeyError | undefined) => void = () => {},
  ) {}

  /** Opens one stored installation, if there is any: throws TokenKeyError when no key opens it. */
  async checkKeys(): Promise<void> {
    const result = await this.database.query<{ install_key: string; sealed: Buffer }>(
      "installation_check",
      "SELECT install_key, sealed FROM amiport_installations ORDER BY updated_at DESC LIMIT 1",
    );
    const row = result.rows[0];
    // at start the caller says what went wrong; reporting it too would say it twice
    if (row) await this.opened(row.install_key, row.sealed, false);
  }

  /** The row's installation; one an old key opened is sealed again with the current key. */
  private async opened(rowKey: string, sealed: Buffer, report = true): Promise<AnyInstallation> {
    let opened: Opened<AnyInstallation>;
    try {
      opened = openWithKeys<AnyInstallation>(this.keys, rowKey, sealed);
    } catch (error) {
      if (report && error instanceof TokenKeyError) this.onOpen(error);
      throw error;
    }
    this.onOpen(undefined);
    if (opened.stale) {
      // only where the row is still the one read: a newer write by another replica wins
      await this.database.query(
        "installation_reseal",
        "UPDATE amiport_installations SET sealed = $3 WHERE install_key = $1 AND sealed = $2",
        [rowKey, sealed, seal(this.keys.current, rowKey, opened.value)],
      );
    }
    return opened.value;
  }

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
        seal(this.keys.current, rowKey, installation),
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
    return this.opened(rowKey, row.sealed);
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
