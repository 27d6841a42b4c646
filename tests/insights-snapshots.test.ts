// The home page's row-count snapshot: stored on first read, served while
// current, recomputed in the request when cheap, served out of date (and
// refreshed by the worker's task) when expensive, and recomputed on the
// shop's next day. Sales figures are never snapshotted: they read the rollups.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShopContext, type ShopContext } from "~/.server/insights/shop-context";
import { resolvePeriod } from "~/.server/insights/period";
import { getInsights } from "~/.server/insights/sales";
import {
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
    const first = await homeRowCounts(db.prisma, shop);
    expect(first.value.orders).toBe(1);
    expect(first.outOfDate).toBe(false);
    const stored = await snapshot("overview");
    expect(stored.computedAt).toEqual(first.computedAt);

    const again = await homeRowCounts(db.prisma, shop);
    expect(again.computedAt).toEqual(stored.computedAt);
    expect(again.value.orders).toBe(1);
  });

  it("a cheap snapshot is recomputed in the request once ingestion marks a change", async () => {
    // The cost is what the test is about, not how fast this machine computed the first one.
    await db.prisma.dashboardSnapshot.updateMany({ where: { shopId: shop.id }, data: { durationMs: 20 } });
    await addOrder("500");
    const delay = await markSnapshotsChanged(pool, SHOP);
    expect(delay).toBeGreaterThanOrEqual(2);
    const read = await homeRowCounts(db.prisma, shop);
    expect(read.outOfDate).toBe(false);
    expect(read.value.orders).toBe(2);
  });

  it("an expensive one is served out of date until the refresh task recomputes it; sales figures are current", async () => {
    await db.prisma.dashboardSnapshot.updateMany({ where: { shopId: shop.id }, data: { durationMs: 5_000 } });
    await addOrder("250");
    // Paced by the cost: a snapshot of 5 s waits 20 s.
    expect(await markSnapshotsChanged(pool, SHOP)).toBe(20);
    const stale = await homeRowCounts(db.prisma, shop);
    expect(stale.outOfDate).toBe(true);
    expect(stale.value.orders).toBe(2);
    // The sales figures come from the rollups, never from a snapshot: the new order is counted already.
    expect((await getInsights(pool, shop, resolvePeriod("7d", TIME_ZONE))).current.orders).toBe(3);

    expect(await refreshSnapshots(db.prisma, shop)).toEqual(["overview"]);
    const fresh = await homeRowCounts(db.prisma, shop);
    expect(fresh.outOfDate).toBe(false);
    expect(fresh.value.orders).toBe(3);
    expect(await refreshSnapshots(db.prisma, shop)).toEqual([]); // Nothing left to do.
  });

  it("a snapshot of an earlier day is recomputed, and the scheduler finds its shop", async () => {
    expect(await shopsWithSnapshotsOfEarlierDays(db.prisma)).toEqual([]);
    await db.prisma.dashboardSnapshot.update({
      where: { shopId_kind: { shopId: shop.id, kind: "overview" } },
      data: { day: "2020-01-01" },
    });
    expect(await shopsWithSnapshotsOfEarlierDays(db.prisma)).toEqual([SHOP]);
    const read = await homeRowCounts(db.prisma, shop);
    expect(read.outOfDate).toBe(false);
    expect((await snapshot("overview")).day).not.toBe("2020-01-01");
  });
});
