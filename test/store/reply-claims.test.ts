import { describe, expect, it } from "vitest";
import { type Claim, type KeptReply, MemoryReplyClaims, type ReplyClaims } from "../../src/store/index.js";
import { SharedReplyClaims } from "../../src/store/shared-reply-claims.js";

describe("MemoryReplyClaims", () => {
  it("gives a key to one claim at a time; a settled key is answered for the TTL", async () => {
    let now = 0;
    const claims = new MemoryReplyClaims(100, 1000, 100, () => now);
    const first = await claims.claim("Ev1");
    expect(first).toEqual({ key: "Ev1", attempts: 1, shared: false });
    expect(await claims.claim("Ev1")).toBeUndefined();
    await claims.settle(first!);
    now += 500;
    expect(await claims.claim("Ev1")).toBeUndefined();
    now += 501;
    expect(await claims.claim("Ev1")).toMatchObject({ attempts: 1 });
  });

  it("lets a retry take a claim whose lease ran out unanswered, counting the attempts", async () => {
    let now = 0;
    const claims = new MemoryReplyClaims(100, 60_000, 100, () => now);
    await claims.claim("Ev2");
    now += 99;
    expect(await claims.claim("Ev2")).toBeUndefined();
    now += 2;
    expect(await claims.claim("Ev2")).toEqual({ key: "Ev2", attempts: 2, shared: false });
    expect(await claims.claim("Ev2")).toBeUndefined();
  });

  it("renews a claim still held, but not one taken over or answered", async () => {
    let now = 0;
    const claims = new MemoryReplyClaims(100, 60_000, 100, () => now);
    const first = await claims.claim("Ev4");
    now += 90;
    expect(await claims.renew(first!)).toBe(true);
    now += 90;
    expect(await claims.claim("Ev4")).toBeUndefined();
    now += 20;
    const second = await claims.claim("Ev4");
    expect(second).toMatchObject({ attempts: 2 });
    expect(await claims.renew(first!)).toBe(false);
    await claims.settle(second!);
    expect(await claims.renew(second!)).toBe(false);
  });

  it("keeps nothing for another process: no outbox in memory", async () => {
    let now = 0;
    const claims = new MemoryReplyClaims(100, 60_000, 100, () => now);
    const claim = await claims.claim("Ev3");
    await claims.keep(claim!, { text: "kept" });
    now += 1000;
    expect(await claims.takeExpired(10)).toEqual([]);
    expect(await claims.depth()).toBe(0);
  });

  it("stays bounded, dropping the oldest keys first", async () => {
    const claims = new MemoryReplyClaims(60_000, 60_000, 3, () => 0);
    for (const key of ["a", "b", "c", "d"]) expect(await claims.claim(key)).toBeDefined();
    expect(await claims.claim("d")).toBeUndefined();
    expect(await claims.claim("a")).toBeDefined();
  });

  it("drops only as many keys as it must, claimed or remembered", async () => {
    const claims = new MemoryReplyClaims(60_000, 60_000, 2, () => 0);
    for (const key of ["a", "b", "c"]) await claims.claim(key);
    expect(await claims.claim("b")).toBeUndefined();
    expect(await claims.claim("c")).toBeUndefined();
    const remembered = new MemoryReplyClaims(60_000, 60_000, 2, () => 0);
    for (const key of ["a", "b", "c"]) remembered.remember(key);
    expect(await remembered.claim("b")).toBeUndefined();
    expect(await remembered.claim("c")).toBeUndefined();
    expect(await remembered.claim("a")).toMatchObject({ attempts: 1 });
  });

  it("lets a key go at the very end of its lease and of its TTL", async () => {
    let now = 0;
    const claims = new MemoryReplyClaims(100, 1000, 100, () => now);
    await claims.claim("Ev5");
    now = 100;
    expect(await claims.claim("Ev5")).toMatchObject({ attempts: 2 });
    claims.remember("Ev6");
    now = 1100;
    expect(await claims.claim("Ev6")).toMatchObject({ attempts: 1 });
  });

  it("settles a key it no longer holds without failing", async () => {
    const claims = new MemoryReplyClaims(60_000, 60_000, 1, () => 0);
    const first = (await claims.claim("gone"))!;
    await claims.claim("newer");
    await expect(claims.settle(first)).resolves.toBeUndefined();
    expect(await claims.claim("gone")).toMatchObject({ attempts: 1 });
  });
});

/** A shared store that can be switched off, as a database outage would. */
class Switchable implements ReplyClaims {
  up = true;
  asked = 0;
  readonly settled: string[] = [];
  readonly kept: string[] = [];
  readonly renewed: string[] = [];
  private readonly inner = new MemoryReplyClaims();
  private check(): void {
    this.asked++;
    if (!this.up) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
  }
  async claim(key: string): Promise<Claim | undefined> {
    this.check();
    const claim = await this.inner.claim(key);
    return claim && { ...claim, shared: true };
  }
  async renew(claim: Claim): Promise<boolean> {
    this.check();
    this.renewed.push(claim.key);
    return this.inner.renew({ ...claim, shared: false });
  }
  async keep(claim: Claim): Promise<void> {
    this.check();
    this.kept.push(claim.key);
  }
  async settle(claim: Claim): Promise<void> {
    this.check();
    this.settled.push(claim.key);
  }
  async takeExpired(): Promise<{ claim: Claim; reply: KeptReply }[]> {
    this.check();
    return [];
  }
  async depth(): Promise<number> {
    return 7;
  }
}

/** SharedReplyClaims over a Switchable store, on a clock the test moves, with the scope changes it told. */
function sharedOnClock() {
  const clock = { now: 0 };
  const shared = new Switchable();
  const changes: string[] = [];
  const claims = new SharedReplyClaims(
    shared,
    (scope) => changes.push(scope),
    new MemoryReplyClaims(),
    () => clock.now,
  );
  return { clock, shared, changes, claims };
}

describe("SharedReplyClaims", () => {
  it("falls back to memory while the shared store fails, says so, and returns to it", async () => {
    const { clock, shared, changes, claims } = sharedOnClock();
    expect(await claims.claim("a")).toMatchObject({ shared: true });
    shared.up = false;
    expect(await claims.claim("b")).toMatchObject({ shared: false });
    expect(await claims.claim("b")).toBeUndefined();
    // claimed in memory before the outage too
    expect(await claims.claim("a")).toBeUndefined();
    expect(claims.currentScope).toBe("memory");
    expect(changes).toEqual(["memory"]);
    // no new attempt on the shared store until the retry time, and no sweep meanwhile
    const asked = shared.asked;
    await claims.claim("c");
    expect(await claims.takeExpired(10)).toEqual([]);
    expect(shared.asked).toBe(asked);
    shared.up = true;
    clock.now += 5001;
    expect(await claims.claim("d")).toMatchObject({ shared: true });
    expect(claims.currentScope).toBe("shared");
    expect(changes).toEqual(["memory", "shared"]);
  });

  it("records an answer the database missed at the next sweep, before taking anything", async () => {
    const shared = new Switchable();
    const claims = new SharedReplyClaims(shared, () => undefined);
    const claim = await claims.claim("e");
    shared.up = false;
    await expect(claims.settle(claim!)).rejects.toThrow(/ECONNREFUSED/);
    shared.up = true;
    expect(shared.settled).toEqual([]);
    await claims.takeExpired(10);
    expect(shared.settled).toEqual(["e"]);
    await claims.takeExpired(10);
    expect(shared.settled).toEqual(["e"]);
  });

  it("mirrors the shared answer in memory: a claim stays claimable after its lease, another replica's answer does not", async () => {
    let now = 0;
    const shared = new Switchable();
    const claims = new SharedReplyClaims(
      shared,
      () => undefined,
      new MemoryReplyClaims(100, 60_000, 100, () => now),
      () => now,
    );
    expect(await claims.claim("mine")).toMatchObject({ shared: true });
    // the shared store says another replica has it (or answered it)
    await shared.claim("theirs");
    expect(await claims.claim("theirs")).toBeUndefined();
    shared.up = false;
    now += 101;
    // Slack's retry during an outage: this replica's unanswered claim ran out, the other's answer holds
    expect(await claims.claim("mine")).toMatchObject({ shared: false, attempts: 2 });
    expect(await claims.claim("theirs")).toBeUndefined();
  });

  it("keeps and renews through the store that holds the claim, and counts depth in the shared one", async () => {
    const shared = new Switchable();
    const claims = new SharedReplyClaims(shared, () => undefined);
    const onShared = (await claims.claim("s1"))!;
    await claims.keep(onShared, { text: "kept" });
    expect(await claims.renew(onShared)).toBe(true);
    expect(shared.kept).toEqual(["s1"]);
    expect(shared.renewed).toEqual(["s1"]);
    shared.up = false;
    const inMemory = (await claims.claim("m1"))!;
    expect(inMemory.shared).toBe(false);
    await claims.keep(inMemory, { text: "not kept" });
    expect(await claims.renew(inMemory)).toBe(true);
    shared.up = true;
    // answered in memory: settled there, not in the shared store, which never held it
    await claims.settle(inMemory);
    expect(shared.settled).toEqual([]);
    expect(shared.kept).toEqual(["s1"]);
    expect(shared.renewed).toEqual(["s1"]);
    expect(await claims.depth()).toBe(7);
  });

  it("tries the shared store again exactly at the retry time, for claims and sweeps, and says 'memory' once per outage", async () => {
    const { clock, shared, changes, claims } = sharedOnClock();
    shared.up = false;
    await claims.claim("x1");
    clock.now += 4999;
    const asked = shared.asked;
    await claims.claim("x2");
    expect(shared.asked).toBe(asked);
    clock.now += 1;
    await claims.claim("x3");
    expect(shared.asked).toBe(asked + 1);
    // still down: still on memory, and not said again
    expect(changes).toEqual(["memory"]);
    clock.now += 5000;
    // the first thing after the retry time is a sweep: it asks the shared store
    shared.up = true;
    expect(await claims.takeExpired(10)).toEqual([]);
    expect(shared.asked).toBe(asked + 2);
  });

  it("keeps at most 10,000 answers to record after an outage", async () => {
    const shared = new Switchable();
    const claims = new SharedReplyClaims(shared, () => undefined);
    const taken: Claim[] = [];
    for (let i = 0; i <= 10_000; i++) taken.push((await claims.claim(`k${i}`))!);
    shared.up = false;
    for (const claim of taken) await expect(claims.settle(claim)).rejects.toThrow(/ECONNREFUSED/);
    shared.up = true;
    await claims.takeExpired(10);
    expect(shared.settled).toHaveLength(10_000);
  });
});
