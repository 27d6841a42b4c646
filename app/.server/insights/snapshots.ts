// The home page's figures as stored snapshots (dashboard_snapshots), so a big
// shop's home page reads rows instead of aggregating a million orders per
// request. One row per shop and kind: a preset period's insights, or the
// shop's row counts ("overview").
//
// - A page load serves the snapshot when it is of today (in the shop's time
//   zone) and nothing changed since it was computed.
// - When data changed since, a cheap snapshot (a small shop) is recomputed in
//   the request; an expensive one is served as it is, marked out of date, and
//   the worker recomputes it shortly (ingestion queued that refresh).
// - Without a usable snapshot the figures are computed in the request and
//   stored. Custom periods are always computed in the request.
import type { PrismaClient } from "@prisma/client";
import type { PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { enqueueDashboardRefresh } from "~/.server/jobs";
import { countShopRows, type RowCounts } from "~/.server/shops";
import { getInsights, safeTimeZone, type Insights } from "./sales";
import { resolvePeriod, todayIn, type PeriodKey } from "./period";
import type { ShopContext } from "./shop-context";

export const PRESET_PERIODS = ["today", "7d", "30d", "90d"] as const satisfies readonly PeriodKey[];
export type SnapshotKind = (typeof PRESET_PERIODS)[number] | "overview";

/** Below this, recomputing in the request is cheaper than serving figures that are out of date. */
export const RECOMPUTE_IN_REQUEST_MS = 150;

export interface Snapshot<T> {
  value: T;
  computedAt: Date;
  /** Data changed after the figures were computed; a refresh is queued. */
  outOfDate: boolean;
}

type Computed = { insights: Insights; overview: RowCounts };

async function compute(db: PrismaClient, shop: ShopContext, kind: SnapshotKind): Promise<unknown> {
  if (kind === "overview") return countShopRows(db, shop.id);
  return getInsights(db, shop.domain, resolvePeriod(kind, shop.timeZone));
}

/** Dates do not survive JSON: revive the ones the home page reads as dates. */
function revive(kind: SnapshotKind, data: unknown): unknown {
  if (kind === "overview") return data;
  const insights = data as Insights;
  return {
    ...insights,
    recentOrders: insights.recentOrders.map((order) => ({
      ...order,
      processedAt: order.processedAt ? new Date(order.processedAt) : null,
    })),
  };
}

async function store(db: PrismaClient, shop: ShopContext, kind: SnapshotKind, startedAt: Date): Promise<unknown> {
  const value = await compute(db, shop, kind);
  const fields = {
    day: todayIn(shop.timeZone, startedAt),
    data: JSON.parse(JSON.stringify(value)) as object,
    computedAt: startedAt,
    durationMs: Math.round(Date.now() - startedAt.getTime()),
  };
  await db.dashboardSnapshot.upsert({
    where: { shopId_kind: { shopId: shop.id, kind } },
    create: { shopId: shop.id, kind, ...fields },
    update: fields,
  });
  return value;
}

async function read<K extends SnapshotKind>(
  db: PrismaClient,
  shop: ShopContext,
  kind: K,
): Promise<Snapshot<K extends "overview" ? Computed["overview"] : Computed["insights"]>> {
  type Value = K extends "overview" ? Computed["overview"] : Computed["insights"];
  const now = new Date();
  const row = await db.dashboardSnapshot.findUnique({ where: { shopId_kind: { shopId: shop.id, kind } } });
  if (row && row.day === todayIn(shop.timeZone, now)) {
    const outOfDate = row.changedAt !== null && row.changedAt > row.computedAt;
    if (!outOfDate || row.durationMs > RECOMPUTE_IN_REQUEST_MS) {
      return { value: revive(kind, row.data) as Value, computedAt: row.computedAt, outOfDate };
    }
  }
  return { value: (await store(db, shop, kind, now)) as Value, computedAt: now, outOfDate: false };
}

/** A preset period's insights (from its snapshot), or a custom period's (computed now). */
export async function homeInsights(
  db: PrismaClient,
  shop: ShopContext,
  period: ReturnType<typeof resolvePeriod>,
): Promise<Snapshot<Insights>> {
  if (period.key === "custom") {
    return { value: (await getInsights(db, shop.domain, period))!, computedAt: new Date(), outOfDate: false };
  }
  return read(db, shop, period.key);
}

/** The shop's row counts (from their snapshot). */
export function homeRowCounts(db: PrismaClient, shop: ShopContext): Promise<Snapshot<RowCounts>> {
  return read(db, shop, "overview");
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

/** Recomputes every snapshot the shop has that is out of date or of an earlier day. */
export async function refreshSnapshots(db: PrismaClient, shop: ShopContext): Promise<SnapshotKind[]> {
  const now = new Date();
  const today = todayIn(shop.timeZone, now);
  const rows = await db.dashboardSnapshot.findMany({ where: { shopId: shop.id } });
  const due = rows.filter((row) => row.day !== today || (row.changedAt !== null && row.changedAt > row.computedAt));
  for (const row of due) await store(db, shop, row.kind as SnapshotKind, new Date());
  return due.map((row) => row.kind as SnapshotKind);
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
