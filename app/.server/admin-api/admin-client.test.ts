import { describe, expect, it } from "vitest";
import { CostLimiter } from "./admin-client";

describe("CostLimiter", () => {
  it("holds the cost of calls in flight, so concurrent calls queue instead of being throttled", async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new CostLimiter(
      async (ms) => {
        slept.push(ms);
        now += ms;
      },
      () => now,
    );
    limiter.observe({ maximumAvailable: 1000, currentlyAvailable: 300, restoreRate: 100 });

    const first = await limiter.waitFor(200);
    expect(first).toBe(200);
    expect(slept).toEqual([]);
    // 100 left while the first call is in flight: the second waits for 100 more points (1 s).
    const second = await limiter.waitFor(200);
    expect(slept).toEqual([1000]);
    expect(limiter.available()).toBeCloseTo(0);

    limiter.release(first);
    limiter.release(second);
    expect(limiter.available()).toBeCloseTo(400);
    expect(limiter.waits).toBe(1);
  });

  it("never waits before Shopify has reported a bucket", async () => {
    const limiter = new CostLimiter(async () => {
      throw new Error("must not sleep");
    });
    expect(await limiter.waitFor(500)).toBe(0);
  });
});
