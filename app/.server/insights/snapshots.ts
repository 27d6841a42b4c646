// The home page's row counts as a stored snapshot (dashboard_snapshots), so a
// big shop's home page reads a row instead of counting a dozen big tables per
// request. (Sales figures need none: they come from the daily rollups, see
// sales-figures.ts.)
//
// - A page load serves the snapshot when it is of today (in the shop's time
//   zone) and nothing changed since it was computed.
// - When data changed since, a cheap snapshot (a small shop) is recomputed in
//   the request; an expensive one is served as it is, marked out of date, and
//   the worker recomputes it shortly (ingestion queued that refresh).
// - Without a usable snapshot the figures are computed in the request and
//   stored.
import type { PrismaClient } from "@prisma/client";
import type { PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { enqueueDashboardRefresh } from "~/.server/jobs";
import { countShopRows, type RowCounts } from "~/.server/shops";
import { safeTimeZone, todayIn } from "./period";
import type { ShopContext } from "./shop-context";

export type SnapshotKind = "overview";

/** Below this, recomputing in the request is cheaper than serving figures that are out of date. */
export const RECOMPUTE_IN_REQUEST_MS = 150;

export interface Snapshot<T> {
  value: T;
  computedAt: Date;
  /** Data changed after the figures were computed; a refresh is queued. */
  outOfDate: boolean;
}

async function store(db: PrismaClient, shop: ShopContext, startedAt: Date): Promise<RowCounts> {
  const value = await countShopRows(db, shop.id);
  const fields = {
    day: todayIn(shop.timeZone, startedAt),
    data: JSON.parse(JSON.stringify(value)) as object,
    computedAt: startedAt,
    durationMs: Math.round(Date.now() - startedAt.getTime()),
  };
  await db.dashboardSnapshot.upsert({
    where: { shopId_kind: { shopId: shop.id, kind: "overview" } },
    create: { shopId: shop.id, kind: "overview", ...fields },
    update: fields,
  });
  return value;
}

/** The shop's row counts (from their snapshot). */
export async function homeRowCounts(db: PrismaClient, shop: ShopContext): Promise<Snapshot<RowCounts>> {
  const now = new Date();
  const row = await db.dashboardSnapshot.findUnique({ where: { shopId_kind: { shopId: shop.id, kind: "overview" } } });
  if (row && row.day === todayIn(shop.timeZone, now)) {
    const outOfDate = row.changedAt !== null && row.changedAt > row.computedAt;
    if (!outOfDate || row.durationMs > RECOMPUTE_IN_REQUEST_MS) {
      return { value: row.data as unknown as RowCounts, computedAt: row.computedAt, outOfDate };
    }
  }
  return { value: await store(db, shop, now), computedAt: now, outOfDate: false };
}

/**
 * Notes that ingestion changed a shop's data. Returns the delay after which
 * the worker should refresh its snapshots, or null when the shop has none
 * (nobody has opened its home page: nothing to keep warm).
 */
export async function markSnapshotsChanged(pool: Pool, shopDomain: string): Promise<number | null> {
  const { rows } = await pool.query<{ duration_ms: number }>(
    `UPDATE dashboard_snapshots s SET changed_at = now()
     FROM shops WHERE shops.id = s.shop_id AND shops.domain = $1
     RETURNING s.duration_ms`,
    [shopDomain],
  );
  if (rows.length === 0) return null;
  // Paced by the cost: a shop whose figures take 5 s to compute is refreshed at most every ~20 s.
  const total = rows.reduce((sum, row) => sum + row.duration_ms, 0);
  return Math.min(600, Math.max(2, Math.ceil((total * 4) / 1000)));
}

/**
 * The dashboard's subscriber to data changes (data-changes/): marks the
 * shop's snapshots out of date and queues their refresh, paced by their cost.
 */
export function snapshotsFollowDataChanges(pool: Pool, queue: PgBoss) {
  return async (shopDomain: string): Promise<void> => {
    const delaySeconds = await markSnapshotsChanged(pool, shopDomain);
    if (delaySeconds !== null) await enqueueDashboardRefresh(queue, shopDomain, delaySeconds);
  };
}

/** Recomputes the shop's snapshot when it is out of date or of an earlier day; returns what it recomputed. */
export async function refreshSnapshots(db: PrismaClient, shop: ShopContext): Promise<SnapshotKind[]> {
  const now = new Date();
  const row = await db.dashboardSnapshot.findUnique({ where: { shopId_kind: { shopId: shop.id, kind: "overview" } } });
  const due =
    row && (row.day !== todayIn(shop.timeZone, now) || (row.changedAt !== null && row.changedAt > row.computedAt));
  if (!due) return [];
  await store(db, shop, now);
  return ["overview"];
}

/** Shops with a snapshot of an earlier day than their own today: the scheduler refreshes them after midnight. */
export async function shopsWithSnapshotsOfEarlierDays(db: PrismaClient, now = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ domain: string; timezone: string | null; days: string[] }[]>`
    SELECT shops.domain, shops.timezone, array_agg(DISTINCT s.day) AS days
    FROM dashboard_snapshots s JOIN shops ON shops.id = s.shop_id
    WHERE shops.uninstalled_at IS NULL
    GROUP BY shops.domain, shops.timezone`;
  return rows
    .filter((row) => row.days.some((day) => day !== todayIn(safeTimeZone(row.timezone), now)))
    .map((row) => row.domain);
}
