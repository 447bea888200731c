import { describe, expect, it } from "vitest";
import { BatchedCalls } from "../../src/store/batched-calls.js";

/** A batch runner whose round trips the test finishes by hand. */
function manualRunner() {
  const batches: { inputs: number[]; finish: (error?: Error) => void }[] = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ inputs, finish: (error) => (error ? reject(error) : resolve(inputs.map((n) => `r${n}`))) });
    });
  return { batches, run };
}

describe("BatchedCalls", () => {
  it("sends a lone call at once, and the calls made meanwhile together in the next round trip", async () => {
    const { batches, run } = manualRunner();
    const calls = new BatchedCalls(run);
    const first = calls.call(1);
    expect(batches.map((b) => b.inputs)).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => calls.call(n));
    expect(batches).toHaveLength(1);
    batches[0]?.finish();
    expect(await first).toBe("r1");
    await expect.poll(() => batches.length).toBe(2);
    expect(batches[1]?.inputs).toEqual([2, 3, 4]);
    batches[1]?.finish();
    expect(await Promise.all(rest)).toEqual(["r2", "r3", "r4"]);
  });

  it("fails only the calls of a failed round trip, and keeps going", async () => {
    const { batches, run } = manualRunner();
    const calls = new BatchedCalls(run);
    const failed = calls.call(1);
    const later = calls.call(2);
    batches[0]?.finish(new Error("connection terminated"));
    await expect(failed).rejects.toThrow("connection terminated");
    await expect.poll(() => batches.length).toBe(2);
    batches[1]?.finish();
    expect(await later).toBe("r2");
  });

  it("bounds a batch", async () => {
    const { batches, run } = manualRunner();
    const calls = new BatchedCalls(run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => calls.call(n));
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => batches.length).toBe(i + 1);
      batches[i]?.finish();
    }
    expect(await Promise.all(all)).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(batches.map((b) => b.inputs)).toEqual([[1], [2, 3], [4, 5]]);
  });
});
