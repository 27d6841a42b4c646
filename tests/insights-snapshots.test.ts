// The home page's snapshots: stored on first read, served while current,
// recomputed in the request when cheap, served out of date (and refreshed by
// the worker's task) when expensive, and recomputed on the shop's next day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShopContext, type ShopContext } from "~/.server/insights/shop-context";
import { resolvePeriod } from "~/.server/insights/period";
import {
  homeInsights,
  homeRowCounts,
  markSnapshotsChanged,
  refreshSnapshots,
  shopsWithSnapshotsOfEarlierDays,
} from "~/.server/insights/snapshots";
import { createPool, type Pool } from "~/.server/database/pool";
import { createTestDatabase, type TestDatabase } from "./support/database";

const SHOP = "snapshots.myshopify.com";
const TIME_ZONE = "Asia/Tokyo";

describe("dashboard snapshots", () => {
  let db: TestDatabase;
  let pool: Pool;
  let shop: ShopContext;
  let nextOrder = 1;

  async function addOrder(total: string) {
    await db.prisma.order.create({
      data: {
        shopId: shop.id,
        shopifyId: BigInt(nextOrder++),
        currency: "JPY",
        totalPrice: total,
        totalRefunded: "0",
        test: false,
        processedAt: new Date(Date.now() - 3_600_000),
      },
    });
  }
  const snapshot = (kind: string) =>
    db.prisma.dashboardSnapshot.findUniqueOrThrow({ where: { shopId_kind: { shopId: shop.id, kind } } });

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 3);
    await db.prisma.shop.create({ data: { domain: SHOP, currency: "JPY", timezone: TIME_ZONE } });
    shop = (await getShopContext(db.prisma, SHOP))!;
    await addOrder("1000");
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it("are stored on first read and served from the row while nothing changed", async () => {
    expect(await markSnapshotsChanged(pool, SHOP)).toBeNull(); // No snapshot yet: nothing to keep warm.
    const period = resolvePeriod("7d", TIME_ZONE);
    const first = await homeInsights(db.prisma, shop, period);
    expect(first.value.current.orders).toBe(1);
    expect(first.outOfDate).toBe(false);
    const stored = await snapshot("7d");
    expect(stored.computedAt).toEqual(first.computedAt);

    const again = await homeInsights(db.prisma, shop, period);
    expect(again.computedAt).toEqual(stored.computedAt);
    expect(again.value.current.revenue).toBe(first.value.current.revenue);
    expect((await homeRowCounts(db.prisma, shop)).value.orders).toBe(1);
  });

  it("a cheap snapshot is recomputed in the request once ingestion marks a change", async () => {
    // The cost is what the test is about, not how fast this machine computed the first one.
    await db.prisma.dashboardSnapshot.updateMany({ where: { shopId: shop.id }, data: { durationMs: 20 } });
    await addOrder("500");
    const delay = await markSnapshotsChanged(pool, SHOP);
    expect(delay).toBeGreaterThanOrEqual(2);
    const read = await homeInsights(db.prisma, shop, resolvePeriod("7d", TIME_ZONE));
    expect(read.outOfDate).toBe(false);
    expect(read.value.current.orders).toBe(2);
    expect(Number(read.value.current.revenue)).toBe(1500);
  });

  it("an expensive one is served out of date until the refresh task recomputes it", async () => {
    await db.prisma.dashboardSnapshot.updateMany({ where: { shopId: shop.id }, data: { durationMs: 5_000 } });
    await addOrder("250");
    const delay = (await markSnapshotsChanged(pool, SHOP))!;
    // Paced by the cost: two snapshots of 5 s each wait 40 s.
    expect(delay).toBe(40);
    const period = resolvePeriod("7d", TIME_ZONE);
    const stale = await homeInsights(db.prisma, shop, period);
    expect(stale.outOfDate).toBe(true);
    expect(stale.value.current.orders).toBe(2);
    expect(stale.value.recentOrders[0]!.processedAt).toBeInstanceOf(Date);

    expect((await refreshSnapshots(db.prisma, shop)).sort()).toEqual(["7d", "overview"]);
    const fresh = await homeInsights(db.prisma, shop, period);
    expect(fresh.outOfDate).toBe(false);
    expect(fresh.value.current.orders).toBe(3);
    expect((await homeRowCounts(db.prisma, shop)).value.orders).toBe(3);
    expect(await refreshSnapshots(db.prisma, shop)).toEqual([]); // Nothing left to do.
  });

  it("a snapshot of an earlier day is recomputed, and the scheduler finds its shop", async () => {
    expect(await shopsWithSnapshotsOfEarlierDays(db.prisma)).toEqual([]);
    await db.prisma.dashboardSnapshot.update({
      where: { shopId_kind: { shopId: shop.id, kind: "7d" } },
      data: { day: "2020-01-01" },
    });
    expect(await shopsWithSnapshotsOfEarlierDays(db.prisma)).toEqual([SHOP]);
    const read = await homeInsights(db.prisma, shop, resolvePeriod("7d", TIME_ZONE));
    expect(read.outOfDate).toBe(false);
    expect((await snapshot("7d")).day).not.toBe("2020-01-01");
  });

  it("custom periods are computed in the request and not stored", async () => {
    const before = await db.prisma.dashboardSnapshot.count({ where: { shopId: shop.id } });
    const today = resolvePeriod("today", TIME_ZONE).current.from;
    const custom = resolvePeriod("custom", TIME_ZONE, { from: today, to: today });
    expect((await homeInsights(db.prisma, shop, custom)).value.period.key).toBe("custom");
    expect(await db.prisma.dashboardSnapshot.count({ where: { shopId: shop.id } })).toBe(before);
  });
});
