import { type AnyInstallation, type AnyQuery, type InstallationRecords, installKey } from "./installations.js";

/** How long a fetched installation is reused. Another replica's uninstall reaches this one within it. */
export const INSTALLATION_CACHE_TTL_MS = 10_000;

/**
 * Installations recently fetched, kept for a few seconds (bounded in size), so a request usually
 * needs no database round trip to find its token. Changes made through this replica apply at once.
 */
export class CachedInstallations implements InstallationRecords {
  private readonly entries = new Map<string, { installation: AnyInstallation; expires: number }>();

  constructor(
    private readonly inner: InstallationRecords,
    private readonly ttlMs = INSTALLATION_CACHE_TTL_MS,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    this.entries.clear();
    await this.inner.storeInstallation(installation);
  }

  async fetchInstallation(query: AnyQuery): Promise<AnyInstallation> {
    const key = `${installKey(query)}|${query.userId ?? ""}`;
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.installation;
    const installation = await this.inner.fetchInstallation(query);
    this.entries.delete(key);
    this.entries.set(key, { installation, expires: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return installation;
  }

  async deleteInstallation(query: AnyQuery): Promise<void> {
    this.entries.clear();
    await this.inner.deleteInstallation(query);
  }

  async revokeTokens(query: AnyQuery, revoked: { readonly userIds: readonly string[]; readonly bot: boolean }): Promise<void> {
    this.entries.clear();
    await this.inner.revokeTokens(query, revoked);
  }
}
