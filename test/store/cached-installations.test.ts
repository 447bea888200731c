import { describe, expect, it } from "vitest";
import { CachedInstallations } from "../../src/store/cached-installations.js";
import { type AnyInstallation, type AnyQuery, MemoryInstallations } from "../../src/store/installations.js";

const installation = (team: string, token: string) =>
  ({
    team: { id: team },
    user: { id: "U1" },
    bot: { token, userId: "UB", id: "B", scopes: [] },
    isEnterpriseInstall: false,
  }) as never as AnyInstallation;
const query = (teamId: string) => ({ teamId, isEnterpriseInstall: false }) as AnyQuery;

/** The real memory store, counting what reaches it. */
class Counted extends MemoryInstallations {
  fetches = 0;
  override async fetchInstallation(q: AnyQuery) {
    this.fetches++;
    return super.fetchInstallation(q);
  }
}

describe("CachedInstallations", () => {
  it("reuses a fetched installation until its TTL, then asks again", async () => {
    let now = 0;
    const inner = new Counted();
    await inner.storeInstallation(installation("T1", "xoxb-1"));
    const cached = new CachedInstallations(inner, 1000, 10, () => now);
    expect((await cached.fetchInstallation(query("T1"))).bot?.token).toBe("xoxb-1");
    expect((await cached.fetchInstallation(query("T1"))).bot?.token).toBe("xoxb-1");
    expect(inner.fetches).toBe(1);
    await inner.storeInstallation(installation("T1", "xoxb-2"));
    now = 1001;
    expect((await cached.fetchInstallation(query("T1"))).bot?.token).toBe("xoxb-2");
    expect(inner.fetches).toBe(2);
  });

  it("forgets at once what this replica uninstalls or revokes, and never caches a miss", async () => {
    const inner = new Counted();
    const cached = new CachedInstallations(inner);
    await cached.storeInstallation(installation("T1", "xoxb-1"));
    await cached.fetchInstallation(query("T1"));
    await cached.deleteInstallation(query("T1"));
    await expect(cached.fetchInstallation(query("T1"))).rejects.toThrow(/no installation/);
    await expect(cached.fetchInstallation(query("T1"))).rejects.toThrow(/no installation/);
    await cached.storeInstallation(installation("T2", "xoxb-2"));
    await cached.fetchInstallation(query("T2"));
    await cached.revokeTokens(query("T2"), { userIds: [], bot: true });
    await expect(cached.fetchInstallation(query("T2"))).rejects.toThrow(/no installation/);
  });

  it("stays bounded", async () => {
    const inner = new Counted();
    const cached = new CachedInstallations(inner, 60_000, 2);
    for (const team of ["T1", "T2", "T3"]) await inner.storeInstallation(installation(team, `xoxb-${team}`));
    for (const team of ["T1", "T2", "T3"]) await cached.fetchInstallation(query(team));
    const before = inner.fetches;
    await cached.fetchInstallation(query("T3"));
    await cached.fetchInstallation(query("T1"));
    expect(inner.fetches - before).toBe(1);
  });

  it("holds exactly its bound, and reuses an entry for its TTL only, not at it", async () => {
    let now = 0;
    const inner = new Counted();
    for (const team of ["T1", "T2"]) await inner.storeInstallation(installation(team, `xoxb-${team}`));
    const cached = new CachedInstallations(inner, 1000, 2, () => now);
    for (const team of ["T1", "T2", "T1", "T2"]) await cached.fetchInstallation(query(team));
    expect(inner.fetches).toBe(2);
    now = 999;
    await cached.fetchInstallation(query("T1"));
    expect(inner.fetches).toBe(2);
    now = 1000;
    await cached.fetchInstallation(query("T1"));
    expect(inner.fetches).toBe(3);
  });

  it("keeps a user's fetch apart from another user's and from the workspace's", async () => {
    const inner = new Counted();
    await inner.storeInstallation(installation("T1", "xoxb-1"));
    const cached = new CachedInstallations(inner);
    for (const userId of ["U1", "U2", undefined, "U1", "U2", undefined])
      await cached.fetchInstallation({ ...query("T1"), ...(userId ? { userId } : {}) } as AnyQuery);
    expect(inner.fetches).toBe(3);
  });
});
