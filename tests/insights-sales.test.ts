// The home page's numbers, against values computed independently from the
// simulator's own records (not from the stored rows).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { getInsights } from "~/.server/insights/sales";
import { resolvePeriod, todayIn } from "~/.server/insights/period";
import { createPool, type Pool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";
import type { RunningSimulator } from "../simulator";
import { refundedQuantity } from "../simulator/admin-graphql/views/orders";
import { orderTotals } from "../simulator/shop/order-totals";
import type { OrderRecord } from "../simulator/shop/records";
import type { SimulatedShop } from "../simulator/shop/shop";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestSimulator, simulatorGraphql } from "./support/simulator";

const SHOP = "insights.myshopify.com";
// Far from UTC, so a day boundary in the wrong zone would move orders between days.
const TIME_ZONE = "Pacific/Auckland";

describe("dashboard insights", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let orders: OrderRecord[];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 5);
    sim = await startTestSimulator();
    shop = sim.sim.createShop({
      domain: SHOP,
      currency: "NZD",
      timezone: TIME_ZONE,
      counts: { locations: 2, products: 30, customers: 150, orders: 900 },
    });
    const token = sim.sim.install(SHOP, false).accessToken;
    const created = await db.prisma.shop.create({
      data: { domain: SHOP, currency: "NZD", timezone: TIME_ZONE, installedAt: new Date() },
    });
    await db.prisma.shop.create({ data: { domain: "other.myshopify.com", currency: "USD", timezone: "UTC" } });
    const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
    const outcomes = await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), created.id.toString(), {
      pollMs: 20,
    });
    expect(outcomes.every((outcome) => outcome.status === "succeeded")).toBe(true);
    orders = [...shop.orders.entries()].map(([, order]) => order);
  });
  afterAll(async () => {
    await pool.end();
    await sim.close();
    await db.drop();
  });

  /** The expected figures for calendar days [from, to] in the shop's zone, from the simulator's records. */
  function expected(from: string, to: string) {
    const localDay = (ms: number) => todayIn(TIME_ZONE, new Date(ms));
    const inPeriod = orders.filter((order) => localDay(order.processedAt) >= from && localDay(order.processedAt) <= to);
    const revenueCents = inPeriod.reduce((sum, order) => {
      const totals = orderTotals(order);
      return sum + totals.totalCents - totals.refundedCents;
    }, 0);
    const units = inPeriod.reduce(
      (sum, order) =>
        sum + order.lineItems.reduce((inner, item) => inner + item.quantity - refundedQuantity(order, item.id), 0),
      0,
    );
    const firstOrderDay = new Map<string, string>();
    for (const order of orders) {
      if (!order.customerId) continue;
      const day = localDay(order.processedAt);
      const known = firstOrderDay.get(order.customerId);
      if (!known || day < known) firstOrderDay.set(order.customerId, day);
    }
    const buyers = new Set(inPeriod.flatMap((order) => (order.customerId ? [order.customerId] : [])));
    const newCustomers = [...buyers].filter((id) => firstOrderDay.get(id)! >= from).length;
    return {
      orders: inPeriod.length,
      revenueCents,
      units,
      newCustomers,
      returningCustomers: buyers.size - newCustomers,
    };
  }
  const cents = (amount: string) => Math.round(Number(amount) * 100);

  it("matches the simulator's records for the last 30 days and the 30 before, in the shop's time zone", async () => {
    const period = resolvePeriod("30d", TIME_ZONE);
    const insights = (await getInsights(db.prisma, SHOP, period))!;
    const current = expected(period.current.from, period.current.to);
    const previous = expected(period.previous.from, period.previous.to);
    expect(current.orders).toBeGreaterThan(10); // The fixture really has orders in the period.

    expect(insights.timeZone).toBe(TIME_ZONE);
    expect(insights.currency).toBe("NZD");
    expect({
      orders: insights.current.orders,
      revenueCents: cents(insights.current.revenue),
      units: insights.current.units,
      newCustomers: insights.current.newCustomers,
      returningCustomers: insights.current.returningCustomers,
    }).toEqual(current);
    expect(insights.previous.orders).toBe(previous.orders);
    expect(cents(insights.previous.revenue)).toBe(previous.revenueCents);
    expect(Number(insights.current.averageOrderValue)).toBeCloseTo(current.revenueCents / 100 / current.orders, 2);

    // The daily series covers every day of the period and adds up to the totals.
    expect(insights.series).toHaveLength(30);
    expect(insights.series[0]!.day).toBe(period.current.from);
    expect(insights.series.at(-1)!.day).toBe(period.current.to);
    expect(insights.series.reduce((sum, point) => sum + point.orders, 0)).toBe(current.orders);
    expect(insights.series.reduce((sum, point) => sum + cents(point.revenue), 0)).toBe(current.revenueCents);
  });

  it("ranks products by revenue from their line items, and lists low stock and recent orders", async () => {
    const period = resolvePeriod("90d", TIME_ZONE);
    const insights = (await getInsights(db.prisma, SHOP, period))!;
    const localDay = (ms: number) => todayIn(TIME_ZONE, new Date(ms));
    const byProduct = new Map<string, number>();
    for (const order of orders) {
      const day = localDay(order.processedAt);
      if (day < period.current.from || day > period.current.to) continue;
      for (const item of order.lineItems) {
        if (!item.productId) continue;
        const kept = item.quantity - refundedQuantity(order, item.id);
        const revenue = item.priceCents * kept - (item.quantity ? (item.discountCents * kept) / item.quantity : 0);
        byProduct.set(item.productId, (byProduct.get(item.productId) ?? 0) + revenue);
      }
    }
    const [bestId, bestCents] = [...byProduct.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(insights.topProducts[0]).toMatchObject({ id: bestId });
    expect(cents(insights.topProducts[0]!.revenue)).toBe(Math.round(bestCents));
    expect(insights.topVariants.length).toBeGreaterThan(0);

    const newest = [...orders].sort((a, b) => b.processedAt - a.processedAt).slice(0, 10);
    expect(insights.recentOrders.map((order) => order.id)).toEqual(newest.map((order) => order.id));
    for (const variant of insights.lowStock) expect(variant.quantity).toBeLessThanOrEqual(5);
  });

  it("a custom period is validated, and another shop sees none of this shop's data", async () => {
    expect(() => resolvePeriod("custom", TIME_ZONE, { from: "2026-02-10", to: "2026-02-01" })).toThrow(/on or before/);
    expect(() => resolvePeriod("custom", TIME_ZONE, { from: "yesterday", to: "2026-02-01" })).toThrow(/YYYY-MM-DD/);
    const custom = resolvePeriod("custom", TIME_ZONE, { from: "2026-01-01", to: "2026-01-31" });
    expect(custom.previous).toEqual({ from: "2025-12-01", to: "2025-12-31" });

    const other = (await getInsights(db.prisma, "other.myshopify.com", resolvePeriod("90d", "UTC")))!;
    expect(other.current).toMatchObject({ orders: 0, revenue: "0", units: 0 });
    expect(other.topProducts).toEqual([]);
    expect(other.recentOrders).toEqual([]);
    expect(await getInsights(db.prisma, "missing.myshopify.com", resolvePeriod("7d", "UTC"))).toBeNull();
  });
});
