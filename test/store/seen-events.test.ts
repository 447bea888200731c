import { describe, expect, it } from "vitest";
import { MemorySeenEvents, type SeenEventStore } from "../../src/store/index.js";
import { SharedSeenEvents } from "../../src/store/shared-seen-events.js";

describe("MemorySeenEvents", () => {
  it("lets an event through once, and again after its TTL", async () => {
    let now = 0;
    const seen = new MemorySeenEvents(1000, 100, () => now);
    expect(await seen.firstTime("Ev1")).toBe(true);
    expect(await seen.firstTime("Ev1")).toBe(false);
    now = 1001;
    expect(await seen.firstTime("Ev1")).toBe(true);
  });

  it("stays bounded, forgetting the oldest first", async () => {
    const seen = new MemorySeenEvents(60_000, 3, () => 0);
    for (const id of ["a", "b", "c", "d"]) expect(await seen.firstTime(id)).toBe(true);
    expect(await seen.firstTime("d")).toBe(false);
    expect(await seen.firstTime("a")).toBe(true);
  });
});

/** A shared store that can be switched off, as a database outage would. */
class Switchable implements SeenEventStore {
  up = true;
  asked = 0;
  private readonly inner = new MemorySeenEvents();
  async firstTime(eventId: string): Promise<boolean> {
    this.asked++;
    if (!this.up) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    return this.inner.firstTime(eventId);
  }
}

describe("SharedSeenEvents", () => {
  it("falls back to memory while the shared store fails, says so, and returns to it", async () => {
    let now = 0;
    const shared = new Switchable();
    const changes: string[] = [];
    const seen = new SharedSeenEvents(
      shared,
      (scope) => changes.push(scope),
      new MemorySeenEvents(),
      () => now,
    );
    expect(await seen.firstTime("a")).toBe(true);
    shared.up = false;
    expect(await seen.firstTime("b")).toBe(true);
    expect(await seen.firstTime("b")).toBe(false);
    // remembered in memory before the outage too
    expect(await seen.firstTime("a")).toBe(false);
    expect(seen.currentScope).toBe("memory");
    expect(changes).toEqual(["memory"]);
    // no new attempt on the shared store until the retry time
    const asked = shared.asked;
    await seen.firstTime("c");
    expect(shared.asked).toBe(asked);
    shared.up = true;
    now += 5001;
    expect(await seen.firstTime("d")).toBe(true);
    expect(seen.currentScope).toBe("shared");
    expect(changes).toEqual(["memory", "shared"]);
  });
});
