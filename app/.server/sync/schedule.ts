// When a shop's sync runs: a backfill until one has completed (queued at each
// authentication), then a reconciliation whenever one is due: installed,
// authorised, backfilled once, and not reconciled within the interval. The
// worker's per-minute cron job asks and queues one job per due shop (singleton per shop).
import type { PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { enqueueShopBackfill } from "~/.server/jobs";

/** Queues a backfill for a shop that has none completed (a first install, or an earlier one that failed). */
export async function backfillIfNeverCompleted(
  pool: Pool,
  queue: PgBoss,
  shop: { id: bigint | string; domain: string },
): Promise<void> {
  const { rows } = await pool.query(
    `SELECT 1 FROM sync_runs WHERE shop_id = $1 AND kind = 'backfill' AND status = 'succeeded' LIMIT 1`,
    [String(shop.id)],
  );
  if (!rows.length) await enqueueShopBackfill(queue, shop.domain);
}

export async function shopsDueForReconciliation(pool: Pool, intervalMinutes: number): Promise<string[]> {
  const { rows } = await pool.query<{ domain: string }>(
    `SELECT s.domain FROM shops s
     WHERE s.installed_at IS NOT NULL AND s.uninstalled_at IS NULL AND s.redacted_at IS NULL AND s.needs_reauth_at IS NULL
       AND EXISTS (SELECT 1 FROM sync_runs r
                   WHERE r.shop_id = s.id AND r.kind = 'backfill' AND r.status = 'succeeded')
       AND NOT EXISTS (SELECT 1 FROM sync_runs r
                       WHERE r.shop_id = s.id AND r.kind IN ('backfill', 'reconcile')
                         AND r.started_at > now() - make_interval(mins => $1))
     ORDER BY s.id`,
    [intervalMinutes],
  );
  return rows.map((row) => row.domain);
}
