/**
 * openStore, as `npm start` opens it (through src/slack/store.ts): memory without a database; with
 * one, migrated and shared by replicas; with token keys (distributed mode), a database that cannot
 * be migrated or a key that opens no stored installation stops the start.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { openStore, type StoreObserver } from "../../src/store/index.js";
import type { AnyInstallation } from "../../src/store/installations.js";
import { TokenKeyError } from "../../src/store/token-keys.js";
import { freePort, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const started = await startPostgres();
const server: TestPostgres | undefined = "server" in started ? started.server : undefined;
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const THIRD_KEY = Buffer.alloc(32, 9);

/** What the store told its observer, in order. */
function recorder() {
  const events: string[] = [];
  const observer: StoreObserver = {
    query: (operation, outcome) => events.push(`query ${operation} ${outcome}`),
    dedupeScope: (scope) => events.push(`scope ${scope}`),
    backgroundError: (task) => events.push(`error ${task}`),
    tokenKeyFailed: (error) => events.push(`key ${error.name}`),
  };
  return { events, observer };
}

const installation = (team: string) =>
  ({
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    bot: { id: "BBOT", userId: "UBOT", token: `xoxb-bot-${team}-secret`, scopes: ["commands"] },
    isEnterpriseInstall: false,
    authVersion: "v2",
    tokenType: "bot",
    appId: "A0AMIPORT",
  }) as unknown as AnyInstallation;
const teamQuery = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }) as never;

afterAll(() => server?.stop());

describe("openStore without a database", () => {
  it("keeps claims in this process's memory, for the lease it is given", async () => {
    const { events, observer } = recorder();
    const store = await openStore({ replyLeaseMs: 1 }, observer);
    expect(store.dedupeScope()).toBe("local");
    expect(store.database).toBeUndefined();
    expect(store.installations).toBeUndefined();
    expect(store.servedSignatures).toBeUndefined();
    expect(store.tokenKeyProblem()).toBeUndefined();
    const claim = await store.replyClaims.claim("Ev1");
    expect(claim).toEqual({ key: "Ev1", attempts: 1, shared: false });
    // a 1 ms lease: the claim has run out unanswered by the time a retry comes
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.replyClaims.claim("Ev1")).toMatchObject({ attempts: 2 });
    await store.close();
    expect(events).toEqual([]);
  });
});

describe("openStore with an unreachable database", () => {
  it("answers from memory without token keys (one migration attempt, retried in the background)", async () => {
    const { events, observer } = recorder();
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const store = await openStore({ database: { url, poolSize: 1 } }, observer);
    try {
      expect(events.filter((e) => e === "error migrate")).toHaveLength(1);
      expect(store.installations).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("refuses to start with token keys, after five attempts a second apart", async () => {
    const { events, observer } = recorder();
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const startedAt = Date.now();
    await expect(openStore({ database: { url, poolSize: 1 }, tokenKeys: { current: KEY, old: [] } }, observer)).rejects.toThrow(
      "the database at DATABASE_URL could not be reached or migrated",
    );
    expect(events.filter((e) => e === "error migrate")).toHaveLength(5);
    // four waits of a second between the five attempts
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3900);
  }, 30_000);
});

describe.skipIf(!server)(
  `openStore with PostgreSQL${server ? "" : ` (skipped: ${"skip" in started ? started.skip : ""})`}`,
  () => {
    it("migrates, shares claims between replicas and counts its queries", async () => {
      const a = recorder();
      const b = recorder();
      const first = await openStore({ database: { url: server!.url, poolSize: 2 } }, a.observer);
      const second = await openStore({ database: { url: server!.url, poolSize: 2 } }, b.observer);
      try {
        expect(first.dedupeScope()).toBe("shared");
        expect(first.database).toBeDefined();
        expect(first.servedSignatures).toBeDefined();
        expect(first.installations).toBeUndefined();
        const claim = await first.replyClaims.claim("EvShared");
        expect(claim).toMatchObject({ key: "EvShared", attempts: 1, shared: true });
        expect(await second.replyClaims.claim("EvShared")).toBeUndefined();
        expect(a.events).toContain("query reply_claim ok");
        expect(a.events.some((e) => e.startsWith("error"))).toBe(false);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it("with token keys, keeps installations sealed and cached, and refuses to start when no key opens them", async () => {
      const { observer } = recorder();
      const store = await openStore(
        { database: { url: server!.url, poolSize: 2 }, tokenKeys: { current: KEY, old: [] } },
        observer,
      );
      try {
        await store.installations!.storeInstallation(installation("T0OPEN"));
        expect((await store.installations!.fetchInstallation(teamQuery("T0OPEN"))).bot?.token).toBe("xoxb-bot-T0OPEN-secret");
        expect(store.tokenKeyProblem()).toBeUndefined();
      } finally {
        await store.close();
      }
      const lost = recorder();
      const refused = openStore(
        { database: { url: server!.url, poolSize: 2 }, tokenKeys: { current: OTHER_KEY, old: [] } },
        lost.observer,
      );
      await expect(refused).rejects.toBeInstanceOf(TokenKeyError);
      await expect(refused).rejects.toMatchObject({ name: "TokenKeyError" });
      await expect(refused).rejects.toThrow(/TOKEN_ENCRYPTION_KEY/);
      // the start says what went wrong; the observer is not told it twice
      expect(lost.events.filter((e) => e.startsWith("key"))).toEqual([]);
      // with the lost key as an old one, it starts again
      const rotated = await openStore(
        { database: { url: server!.url, poolSize: 2 }, tokenKeys: { current: OTHER_KEY, old: [KEY] } },
        recorder().observer,
      );
      try {
        expect((await rotated.installations!.fetchInstallation(teamQuery("T0OPEN"))).bot?.token).toBe("xoxb-bot-T0OPEN-secret");
      } finally {
        await rotated.close();
      }
    });

    it("says which stored installation no key opens at run time, until one opens again; closed, it asks the database nothing", async () => {
      const { events, observer } = recorder();
      const store = await openStore(
        { database: { url: server!.url, poolSize: 2 }, tokenKeys: { current: KEY, old: [OTHER_KEY] } },
        observer,
      );
      const elsewhere = await openStore(
        { database: { url: server!.url, poolSize: 1 }, tokenKeys: { current: THIRD_KEY, old: [KEY, OTHER_KEY] } },
        recorder().observer,
      );
      try {
        // written by a replica with another key, after this one started
        await elsewhere.installations!.storeInstallation(installation("T0OTHERKEY"));
        await expect(store.installations!.fetchInstallation(teamQuery("T0OTHERKEY"))).rejects.toBeInstanceOf(TokenKeyError);
        expect(store.tokenKeyProblem()).toMatch(/team:T0OTHERKEY cannot be decrypted/);
        expect(events).toContain("key TokenKeyError");
        await store.installations!.storeInstallation(installation("T0MINE"));
        await store.installations!.fetchInstallation(teamQuery("T0MINE"));
        expect(store.tokenKeyProblem()).toBeUndefined();
      } finally {
        await elsewhere.close();
        await store.close();
      }
      await expect(store.database!.query("test", "SELECT 1")).rejects.toThrow();
    });

    it("removes expired claims and served signatures every minute, and says when that fails", async () => {
      // only the store's own timer is driven by hand; the database's timeouts keep real time
      vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
      const { events, observer } = recorder();
      const store = await openStore({ database: { url: server!.url, poolSize: 2 } }, observer);
      try {
        const database = store.database!;
        await database.query(
          "test",
          "INSERT INTO amiport_seen_events (event_id, expires_at) VALUES ('EvLongGone', now() - interval '1 minute')",
        );
        await database.query(
          "test",
          "INSERT INTO amiport_served_signatures (signature, expires_at) VALUES ('v0=long-gone', now() - interval '1 minute')",
        );
        await vi.advanceTimersByTimeAsync(59_000);
        expect(events.filter((e) => e.includes("cleanup"))).toEqual([]);
        await vi.advanceTimersByTimeAsync(1000);
        const until = Date.now() + 5000;
        while (!events.includes("query served_signature_cleanup ok") && Date.now() < until)
          await new Promise((r) => setTimeout(r, 10));
        expect(events.filter((e) => e.includes("cleanup"))).toEqual([
          "query seen_event_cleanup ok",
          "query served_signature_cleanup ok",
        ]);
        const left = await database.query<{ n: string }>(
          "test",
          "SELECT (SELECT count(*) FROM amiport_seen_events WHERE event_id = 'EvLongGone') + (SELECT count(*) FROM amiport_served_signatures WHERE signature = 'v0=long-gone') AS n",
        );
        expect(Number(left.rows[0]?.n)).toBe(0);
        await database.query("test", "ALTER TABLE amiport_served_signatures RENAME TO amiport_served_signatures_away");
        try {
          await vi.advanceTimersByTimeAsync(60_000);
          const failedBy = Date.now() + 5000;
          while (!events.includes("error cleanup") && Date.now() < failedBy) await new Promise((r) => setTimeout(r, 10));
          expect(events).toContain("error cleanup");
        } finally {
          await database.query("test", "ALTER TABLE amiport_served_signatures_away RENAME TO amiport_served_signatures");
        }
      } finally {
        await store.close();
        vi.useRealTimers();
      }
    });
  },
);
