// Which shops are due a reconciliation: installed, authorised, backfilled
// once, and not reconciled within the interval. The worker's per-minute cron
// job asks and queues one job per due shop (singleton per shop).
import type { Pool } from "~/.server/database/pool";

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
