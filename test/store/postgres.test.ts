import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, type InstallationRecords, MemoryInstallations } from "../../src/store/index.js";
import type { AnyInstallation } from "../../src/store/installations.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { PostgresInstallations } from "../../src/store/postgres-installations.js";
import { PostgresReplyClaims } from "../../src/store/postgres-reply-claims.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const KEY = Buffer.alloc(32, 3);

function installation(team: string, options: { enterprise?: string; org?: boolean; user?: string } = {}): AnyInstallation {
  return {
    team: options.org ? undefined : { id: team, name: `Team ${team}` },
    enterprise: options.enterprise ? { id: options.enterprise, name: "Grid" } : undefined,
    user: { id: options.user ?? "UINSTALLER", token: `xoxp-user-${team}-secret`, scopes: ["identify"] },
    bot: { id: "BBOT", userId: "UBOT", token: `xoxb-bot-${team}-secret`, scopes: ["commands", "chat:write"] },
    isEnterpriseInstall: options.org === true,
    authVersion: "v2",
    tokenType: "bot",
    appId: "A0AMIPORT",
  } as AnyInstallation;
}

const teamQuery = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }) as never;
const orgQuery = (enterpriseId: string) => ({ teamId: undefined, enterpriseId, isEnterpriseInstall: true }) as never;

describe.skipIf(!server)(`PostgreSQL store${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`, () => {
  let database: Database;
  const queries: string[] = [];

  beforeAll(async () => {
    database = new Database({ url: server!.url, poolSize: 4, onQuery: (operation) => queries.push(operation) });
    await database.migrate();
  });

  afterAll(async () => {
    await database?.close();
    server?.stop();
  });

  it("migrates once: replicas starting together take turns, and a second start is a no-op", async () => {
    const others = [1, 2, 3].map(() => new Database({ url: server!.url, poolSize: 1 }));
    const applied = await Promise.all(others.map((d) => d.migrate()));
    await Promise.all(others.map((d) => d.close()));
    expect(applied).toEqual([[], [], []]);
    const fresh = await new pg.Client(server!.url);
    await fresh.connect();
    await fresh.query("CREATE DATABASE scratch");
    await fresh.end();
    const racers = [1, 2, 3].map(() => new Database({ url: server!.url.replace(/\/postgres$/, "/scratch"), poolSize: 1 }));
    const raced = await Promise.all(racers.map((d) => d.migrate()));
    await Promise.all(racers.map((d) => d.close()));
    expect(raced.flat()).toEqual(MIGRATIONS.map((m) => m.version));
  });

  describe("reply claims", () => {
    it("are shared: a second store (another replica) sees the first one's claims and answers", async () => {
      const a = new PostgresReplyClaims(database);
      const other = new Database({ url: server!.url, poolSize: 1 });
      const b = new PostgresReplyClaims(other);
      const claim = await a.claim("EvShared1");
      expect(claim).toEqual({ key: "EvShared1", attempts: 1, shared: true });
      expect(await b.claim("EvShared1")).toBeUndefined();
      await a.settle(claim!);
      expect(await b.claim("EvShared1")).toBeUndefined();
      expect(await a.claim("EvShared1")).toBeUndefined();
      expect(await b.claim("EvShared2")).toBeDefined();
      await other.close();
    });

    it("take one round trip to claim", async () => {
      const claims = new PostgresReplyClaims(database);
      const before = queries.length;
      await claims.claim("EvTrip");
      await claims.claim("EvTrip");
      expect(queries.slice(before)).toEqual(["reply_claim", "reply_claim"]);
    });

    it("take a few round trips for a burst, not one each: claims, kept replies and answers go together", async () => {
      const claims = new PostgresReplyClaims(database, 60_000);
      const keys = Array.from({ length: 200 }, (_, i) => `EvBurst${i}`);
      const before = queries.length;
      // each key delivered twice at once, as a retry racing the first delivery
      const taken = (await Promise.all([...keys, ...keys].map((key) => claims.claim(key)))).filter((c) => c !== undefined);
      expect(taken.map((c) => c.key).sort()).toEqual([...keys].sort());
      const odd = 'a "quoted" \\ back\\slash, {braces}, ünïcödé';
      await Promise.all(taken.map((claim) => claims.keep(claim, { text: claim.key, odd })));
      const kept = await database.query<{ reply: unknown }>(
        "test",
        "SELECT reply FROM amiport_seen_events WHERE event_id = 'EvBurst7'",
      );
      expect(kept.rows[0]?.reply).toEqual({ text: "EvBurst7", odd });
      await Promise.all(taken.map((claim) => claims.settle(claim)));
      const trips = queries.slice(before).filter((operation) => operation !== "test");
      expect(trips.length).toBeLessThanOrEqual(9);
      const open = await database.query<{ n: number }>(
        "test",
        "SELECT count(*)::int AS n FROM amiport_seen_events WHERE event_id LIKE 'EvBurst%' AND (lease_until IS NOT NULL OR reply IS NOT NULL)",
      );
      expect(open.rows[0]?.n).toBe(0);
    });

    it("let only one of many simultaneous deliveries through", async () => {
      const claims = new PostgresReplyClaims(database);
      const results = await Promise.all(Array.from({ length: 20 }, () => claims.claim("EvRace")));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("let a retry take a claim whose lease ran out unanswered, once among many", async () => {
      const claims = new PostgresReplyClaims(database, 50);
      await claims.claim("EvLapsed");
      await new Promise((r) => setTimeout(r, 80));
      const results = await Promise.all(Array.from({ length: 10 }, () => claims.claim("EvLapsed")));
      expect(results.filter(Boolean)).toEqual([{ key: "EvLapsed", attempts: 2, shared: true }]);
    });

    it("renew a claim only for the replica still holding it", async () => {
      const claims = new PostgresReplyClaims(database, 100);
      const first = await claims.claim("EvRenew");
      await new Promise((r) => setTimeout(r, 60));
      expect(await claims.renew(first!)).toBe(true);
      await new Promise((r) => setTimeout(r, 60));
      expect(await claims.claim("EvRenew")).toBeUndefined();
      await new Promise((r) => setTimeout(r, 120));
      const second = await claims.claim("EvRenew");
      expect(second).toMatchObject({ attempts: 2 });
      expect(await claims.renew(first!)).toBe(false);
      await claims.settle(second!);
      expect(await claims.renew(second!)).toBe(false);
    });

    it("treat a row from before claims (no lease) as answered", async () => {
      await database.query(
        "test",
        "INSERT INTO amiport_seen_events (event_id, expires_at) VALUES ('EvLegacy', now() + interval '1 hour')",
      );
      expect(await new PostgresReplyClaims(database, 1).claim("EvLegacy")).toBeUndefined();
    });

    it("keep the reply with its claim; the sweeps of several replicas take each expired one once", async () => {
      const claims = new PostgresReplyClaims(database, 50);
      const settledClaim = await claims.claim("EvSettled");
      await claims.keep(settledClaim!, { text: "settled" });
      await claims.settle(settledClaim!);
      for (const key of ["EvKept1", "EvKept2", "EvKept3"]) await claims.keep((await claims.claim(key))!, { text: key });
      await claims.claim("EvNoReply");
      expect(await claims.depth()).toBeGreaterThanOrEqual(3);
      expect(await claims.takeExpired(10)).toEqual([]);
      await new Promise((r) => setTimeout(r, 80));
      const others = [1, 2, 3].map(() => new Database({ url: server!.url, poolSize: 1 }));
      const taken = (await Promise.all(others.map((d) => new PostgresReplyClaims(d, 10_000).takeExpired(2)))).flat();
      await Promise.all(others.map((d) => d.close()));
      const mine = taken.filter((t) => t.claim.key.startsWith("EvKept"));
      expect(mine.map((t) => t.claim.key).sort()).toEqual(["EvKept1", "EvKept2", "EvKept3"]);
      expect(mine.map((t) => t.reply)).toContainEqual({ text: "EvKept2" });
      expect(mine.every((t) => t.claim.attempts === 2)).toBe(true);
      // taken anew: a retry finds a live claim, the next sweep finds nothing
      expect(await claims.claim("EvKept1")).toBeUndefined();
      expect(await claims.takeExpired(10)).toEqual([]);
    });

    it("expire, and cleanup removes the expired rows (a bounded table)", async () => {
      const shortLived = new PostgresReplyClaims(database, 1, 1);
      for (const id of ["EvOld1", "EvOld2", "EvOld3"]) expect(await shortLived.claim(id)).toBeDefined();
      await new Promise((r) => setTimeout(r, 20));
      expect(await shortLived.claim("EvOld1")).toEqual({ key: "EvOld1", attempts: 1, shared: true });
      await new Promise((r) => setTimeout(r, 20));
      const removed = await shortLived.removeExpired();
      expect(removed).toBeGreaterThanOrEqual(3);
      const left = await database.query<{ n: string }>(
        "test",
        "SELECT count(*) AS n FROM amiport_seen_events WHERE expires_at <= now()",
      );
      expect(Number(left.rows[0]?.n)).toBe(0);
    });
  });

  describe.each([
    ["PostgreSQL", () => new PostgresInstallations(database, { current: KEY, old: [] }) as InstallationRecords],
    ["memory", () => new MemoryInstallations() as InstallationRecords],
  ])("installations in %s", (_name, make) => {
    it("stores, fetches per workspace and per org, and deletes", async () => {
      const store = make();
      await store.storeInstallation(installation("T1"));
      await store.storeInstallation(installation("T2", { enterprise: "E1" }));
      await store.storeInstallation(installation("ignored", { enterprise: "E9", org: true }));
      expect((await store.fetchInstallation(teamQuery("T1"))).bot?.token).toBe("xoxb-bot-T1-secret");
      expect(
        (await store.fetchInstallation({ teamId: "T2", enterpriseId: "E1", isEnterpriseInstall: false } as never)).team?.id,
      ).toBe("T2");
      expect((await store.fetchInstallation(orgQuery("E9"))).bot?.token).toBe("xoxb-bot-ignored-secret");
      await store.deleteInstallation(teamQuery("T1"));
      await expect(store.fetchInstallation(teamQuery("T1"))).rejects.toThrow(/no installation for team:T1/);
      await expect(store.fetchInstallation(teamQuery("T404"))).rejects.toMatchObject({ name: "InstallationNotFoundError" });
    });

    it("refuses a query without the id its kind needs, saying which", async () => {
      const store = make();
      await expect(store.fetchInstallation({ isEnterpriseInstall: true } as never)).rejects.toThrow(
        "an org-wide installation without an enterprise id",
      );
      await expect(store.fetchInstallation({ isEnterpriseInstall: false } as never)).rejects.toThrow(
        "an installation without a team id",
      );
    });

    it("keeps two organisations' installations apart", async () => {
      const store = make();
      await store.storeInstallation(installation("org-a", { enterprise: "EA", org: true }));
      await store.storeInstallation(installation("org-b", { enterprise: "EB", org: true }));
      expect((await store.fetchInstallation(orgQuery("EA"))).bot?.token).toBe("xoxb-bot-org-a-secret");
      expect((await store.fetchInstallation(orgQuery("EB"))).bot?.token).toBe("xoxb-bot-org-b-secret");
    });

    it("tokens_revoked for another user keeps the installer's token; for an unknown workspace, does nothing", async () => {
      const store = make();
      await store.storeInstallation(installation("T6", { user: "UINSTALLER6" }));
      await store.revokeTokens(teamQuery("T6"), { userIds: ["USOMEONEELSE"], bot: false });
      expect((await store.fetchInstallation(teamQuery("T6"))).user.token).toBe("xoxp-user-T6-secret");
      await expect(store.revokeTokens(teamQuery("T404"), { userIds: ["U1"], bot: false })).resolves.toBeUndefined();
      await expect(store.fetchInstallation(teamQuery("T404"))).rejects.toMatchObject({ name: "InstallationNotFoundError" });
    });

    it("a reinstall replaces the old tokens", async () => {
      const store = make();
      await store.storeInstallation(installation("T3"));
      await store.storeInstallation({ ...installation("T3"), bot: { ...installation("T3").bot!, token: "xoxb-new-token" } });
      expect((await store.fetchInstallation(teamQuery("T3"))).bot?.token).toBe("xoxb-new-token");
    });

    it("tokens_revoked: user tokens are forgotten, a revoked bot token removes the installation", async () => {
      const store = make();
      await store.storeInstallation(installation("T4", { user: "U1" }));
      await store.revokeTokens(teamQuery("T4"), { userIds: ["U1"], bot: false });
      const left = await store.fetchInstallation(teamQuery("T4"));
      expect(left.user.token).toBeUndefined();
      expect(left.bot?.token).toBe("xoxb-bot-T4-secret");
      await store.revokeTokens(teamQuery("T4"), { userIds: [], bot: true });
      await expect(store.fetchInstallation(teamQuery("T4"))).rejects.toThrow(/no installation/);
    });
  });

  it("keeps installations in memory within its bound, dropping the oldest first", async () => {
    const store = new MemoryInstallations(2);
    for (const team of ["TM1", "TM2"]) await store.storeInstallation(installation(team));
    expect((await store.fetchInstallation(teamQuery("TM1"))).bot?.token).toBe("xoxb-bot-TM1-secret");
    await store.storeInstallation(installation("TM3"));
    await expect(store.fetchInstallation(teamQuery("TM1"))).rejects.toThrow(/no installation/);
    expect((await store.fetchInstallation(teamQuery("TM2"))).bot?.token).toBe("xoxb-bot-TM2-secret");
    expect((await store.fetchInstallation(teamQuery("TM3"))).bot?.token).toBe("xoxb-bot-TM3-secret");
  });

  it("keeps tokens encrypted at rest: the table holds no xoxb- or xoxp-, and a wrong key cannot read it", async () => {
    const store = new PostgresInstallations(database, { current: KEY, old: [] });
    await store.storeInstallation(installation("T5"));
    const client = new pg.Client(server!.url);
    await client.connect();
    const rows = (await client.query("SELECT * FROM amiport_installations")).rows;
    const dump = (await client.query("SELECT string_agg(t::text, ' ') AS all FROM amiport_installations t")).rows[0]
      .all as string;
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    const everything = `${dump} ${rows.map((r) => Buffer.from(r.sealed).toString("latin1")).join(" ")}`;
    expect(everything).not.toMatch(/xox[bp]-/);
    expect(everything).not.toContain("secret");
    await expect(
      new PostgresInstallations(database, { current: Buffer.alloc(32, 9), old: [] }).fetchInstallation(teamQuery("T5")),
    ).rejects.toThrow();
  });
});
