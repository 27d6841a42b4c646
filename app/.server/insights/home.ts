// The home and sync health pages' reads, as their loaders make them (and as
// bench:dashboard times them): sales figures from the daily rollups, row
// counts from their snapshot, the shop's row, its sync status and webhook health.
import type { PrismaClient } from "@prisma/client";
import type { Pool } from "~/.server/database/pool";
import { getShopOverview } from "~/.server/shops";
import { getSyncStatus } from "~/.server/sync/status";
import type { ResolvedPeriod } from "./period";
import type { ShopContext } from "./shop-context";
import { getInsights } from "./sales";
import { homeRowCounts } from "./snapshots";
import { getWebhookHealth } from "./webhook-health";

export async function loadHome(db: PrismaClient, pool: Pool, shop: ShopContext, period: ResolvedPeriod) {
  const [counts, insights] = await Promise.all([homeRowCounts(db, shop), getInsights(pool, shop, period)]);
  const [overview, sync] = await Promise.all([
    getShopOverview(db, shop.record, async () => counts.value),
    getSyncStatus(db, shop.record, { tableCounts: counts.value }),
  ]);
  return {
    overview,
    insights,
    sync,
    figures: { computedAt: counts.computedAt, outOfDate: counts.outOfDate },
  };
}

export async function loadSyncHealth(db: PrismaClient, shop: ShopContext) {
  // Row counts from the home page's snapshot: counting a big shop's tables per request takes seconds.
  const [counts, webhooks] = await Promise.all([homeRowCounts(db, shop), getWebhookHealth(db, shop)]);
  const status = await getSyncStatus(db, shop.record, { tableCounts: counts.value });
  return { timeZone: shop.timeZone, status, webhooks };
}
