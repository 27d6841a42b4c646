// The data-change hook coalesces bursts: changes told while a subscriber's
// run for a shop is in progress make exactly one more run after it, shops do
// not wait on each other, and a failing subscriber never reaches the writer.
import { describe, expect, it } from "vitest";
import { DataChanges } from "~/.server/data-changes";

describe("data changes", () => {
  it("runs a subscriber once more for any number of changes told while it ran, per shop", async () => {
    const runs: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hook = new DataChanges().subscribe("slow", async (shop) => {
      runs.push(shop);
      if (runs.length === 1) await gate;
    });
    const first = hook.shopChanged("a.myshopify.com");
    const burst = Array.from({ length: 10 }, () => hook.shopChanged("a.myshopify.com"));
    await hook.shopChanged("b.myshopify.com"); // Another shop runs at once, not after a's.
    expect(runs).toEqual(["a.myshopify.com", "b.myshopify.com"]);
    release();
    await Promise.all([first, ...burst]);
    expect(runs).toEqual(["a.myshopify.com", "b.myshopify.com", "a.myshopify.com"]);
    await hook.shopChanged("a.myshopify.com"); // Idle again: a change runs it again.
    expect(runs).toHaveLength(4);
  });

  it("a failing subscriber is logged, the others still run, and the caller never sees the error", async () => {
    const ran: string[] = [];
    const hook = new DataChanges()
      .subscribe("broken", async () => {
        throw new Error("boom");
      })
      .subscribe("fine", async (shop) => {
        ran.push(shop);
      });
    await expect(hook.shopChanged("a.myshopify.com")).resolves.toBeUndefined();
    expect(ran).toEqual(["a.myshopify.com"]);
  });

  it("starts a throttled subscriber at most once per interval per shop, covering every change in between", async () => {
    const starts: number[] = [];
    const hook = new DataChanges().subscribe(
      "rollups",
      async () => {
        starts.push(Date.now());
      },
      { everyMs: 300 },
    );
    await hook.shopChanged("a.myshopify.com");
    // A burst right after: one more run, no sooner than the interval after the first.
    await Promise.all(Array.from({ length: 20 }, () => hook.shopChanged("a.myshopify.com")));
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(295);
  });

  it("holds back no other shop and no first run: the interval starts with a shop's first run", async () => {
    const ran: string[] = [];
    const hook = new DataChanges().subscribe("rollups", async (shop) => void ran.push(shop), { everyMs: 3_600_000 });
    // An hour's interval: waiting on it would time the test out.
    await hook.shopChanged("a.myshopify.com");
    await hook.shopChanged("b.myshopify.com");
    expect(ran).toEqual(["a.myshopify.com", "b.myshopify.com"]);
  });

  it("waits four times a throttled run's length after it, however short the interval", async () => {
    const starts: number[] = [];
    const hook = new DataChanges().subscribe(
      "slow rollups",
      async () => {
        starts.push(Date.now());
        if (starts.length === 1) await new Promise((resolve) => setTimeout(resolve, 200));
      },
      { everyMs: 1 },
    );
    await hook.shopChanged("a.myshopify.com");
    await hook.shopChanged("a.myshopify.com");
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(5 * 195);
  });

  it("starts no run once closed", async () => {
    const ran: string[] = [];
    const hook = new DataChanges().subscribe("rollups", async (shop) => void ran.push(shop), { everyMs: 200 });
    await hook.shopChanged("a.myshopify.com");
    const pending = hook.shopChanged("a.myshopify.com");
    hook.close();
    await pending;
    expect(ran).toEqual(["a.myshopify.com"]);
  });
});
