import { describe, expect, it } from "vitest";
import { orderTotals } from "./order-totals";
import { SimulatedShop } from "./shop";

const options = {
  domain: "gen.myshopify.com",
  seed: "fixed",
  asOf: "2026-11-01T00:00:00Z",
  counts: { products: 40, customers: 300, orders: 2000 },
};

describe("seeded shop generator", () => {
  it("generates the same shop from the same seed, and another from another seed", () => {
    const a = new SimulatedShop(0, options);
    const b = new SimulatedShop(0, options);
    const c = new SimulatedShop(0, { ...options, seed: "other" });
    expect(b.orders.at(1234)).toEqual(a.orders.at(1234));
    expect(b.customers.at(17)).toEqual(a.customers.at(17));
    expect(c.orders.at(1234)!.email).not.toBe(a.orders.at(1234)!.email);
  });

  it("makes ids above 2^53 that fit a PostgreSQL BIGINT, unique per resource", () => {
    const shop = new SimulatedShop(89, options);
    const ids = [...shop.orders.entries()].map(([, order]) => BigInt(order.id));
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) {
      expect(id).toBeGreaterThan(2n ** 53n);
      expect(id).toBeLessThan(2n ** 63n);
    }
  });

  it("spreads realistic orders over the history: guests, repeat customers, cancellations, refunds, discounts, other currencies", () => {
    const shop = new SimulatedShop(0, options);
    const orders = [...shop.orders.entries()].map(([, order]) => order);
    const share = (predicate: (order: (typeof orders)[number]) => boolean) =>
      orders.filter(predicate).length / orders.length;
    expect(share((o) => o.customerId === null)).toBeGreaterThan(0.05);
    expect(share((o) => o.cancelledAt !== null)).toBeGreaterThan(0.01);
    expect(share((o) => o.refunds.length > 0 && o.cancelledAt === null)).toBeGreaterThan(0.02);
    expect(share((o) => o.discountCodes.length > 0)).toBeGreaterThan(0.1);
    expect(share((o) => o.presentmentCurrency !== o.currency)).toBeGreaterThan(0.08);
    const perCustomer = new Map<string, number>();
    for (const order of orders)
      if (order.customerId) perCustomer.set(order.customerId, (perCustomer.get(order.customerId) ?? 0) + 1);
    expect([...perCustomer.values()].filter((count) => count > 1).length).toBeGreaterThan(50);
    const months = new Set(orders.map((o) => new Date(o.processedAt).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(Math.max(...orders.map((o) => o.processedAt))).toBeLessThanOrEqual(Date.parse(options.asOf));
    for (const order of orders.slice(0, 200)) {
      const totals = orderTotals(order);
      expect(totals.totalCents).toBe(totals.subtotalCents + totals.taxCents + totals.shippingCents);
      if (order.customerId)
        expect(shop.customers.byId(order.customerId)!.createdAt).toBeLessThanOrEqual(order.processedAt);
    }
  });

  it("answers any record of a million-order shop without building the others", () => {
    const shop = new SimulatedShop(0, {
      ...options,
      counts: { orders: 1_000_000, customers: 300_000, products: 2000 },
    });
    const order = shop.orders.at(999_999)!;
    expect(order.name).toBe("#1001000");
    expect(shop.orders.byId(order.id)).toEqual(order);
    expect(shop.counts.orders).toBe(1_000_000);
  });
});
