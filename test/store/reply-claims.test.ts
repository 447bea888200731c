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
});

/** A shared store that can be switched off, as a database outage would. */
class Switchable implements ReplyClaims {
  up = true;
  asked = 0;
  readonly settled: string[] = [];
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
    return this.inner.renew({ ...claim, shared: false });
  }
  async keep(): Promise<void> {
    this.check();
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
    return 0;
  }
}

describe("SharedReplyClaims", () => {
  it("falls back to memory while the shared store fails, says so, and returns to it", async () => {
    let now = 0;
    const shared = new Switchable();
    const changes: string[] = [];
    const claims = new SharedReplyClaims(
      shared,
      (scope) => changes.push(scope),
      new MemoryReplyClaims(),
      () => now,
    );
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
    now += 5001;
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
});
