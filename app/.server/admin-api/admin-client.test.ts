import { describe, expect, it } from "vitest";
import { AdminApiError, CostLimiter, createAdminRequest, type WithheldField } from "./admin-client";

describe("createAdminRequest with protected customer data", () => {
  const answering = (body: unknown) => async () => new Response(JSON.stringify(body));
  const denied = (path: (string | number)[], field: string) => ({
    message: `This app is not approved to use the ${field} field.`,
    path,
    extensions: { code: "ACCESS_DENIED" },
  });

  it("returns an answer whose only errors are withheld fields, and reports them", async () => {
    const withheld: WithheldField[] = [];
    const request = createAdminRequest(
      answering({
        data: { customers: { nodes: [{ id: "gid://shopify/Customer/1", email: null, addresses: [] }] } },
        errors: [
          denied(["customers", "nodes", 0, "email"], "email"),
          denied(["customers", "nodes", 0, "addresses"], "addresses"),
        ],
      }),
      new CostLimiter(),
      { onWithheld: (fields) => withheld.push(...fields) },
    );
    expect(await request("{ customers(first: 1) { nodes { id email addresses { address1 } } } }")).toEqual({
      customers: { nodes: [{ id: "gid://shopify/Customer/1", email: null, addresses: [] }] },
    });
    expect(withheld.map((entry) => entry.field)).toEqual(["email", "addresses"]);
  });

  it("throws when Shopify denies the objects themselves (level 1), or mixes in any other error", async () => {
    const level1 = createAdminRequest(
      answering({
        data: null,
        errors: [{ ...denied(["customers"], "customers"), message: "not approved to access the Customer object" }],
      }),
      new CostLimiter(),
    );
    await expect(level1("{ customers(first: 1) { nodes { id } } }")).rejects.toThrow(AdminApiError);
    const mixed = createAdminRequest(
      answering({
        data: { customers: { nodes: [{ id: "1", email: null }] } },
        errors: [denied(["customers", "nodes", 0, "email"], "email"), { message: "Internal error" }],
      }),
      new CostLimiter(),
    );
    await expect(mixed("{ customers(first: 1) { nodes { id email } } }")).rejects.toThrow(/Internal error/);
  });
});

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
