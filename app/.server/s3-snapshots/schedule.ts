// When a shop's daily snapshot is due: once per local day, from the
// configured hour after the shop's midnight (its own time zone), for shops
// that have the app installed.
import type { Pool } from "~/.server/database/pool";
import { safeTimeZone, todayIn } from "~/.server/insights/period";

/** The domains whose scheduled snapshot of today (in their time zone) has not been started yet. */
export async function shopsDueForSnapshot(pool: Pool, hour: number, now = new Date()): Promise<string[]> {
  const { rows } = await pool.query<{ domain: string; timezone: string | null; last: Date | null }>(
    `SELECT s.domain, s.timezone,
       (SELECT max(started_at) FROM s3_snapshots x WHERE x.shop_id = s.id AND x.trigger = 'schedule') AS last
     FROM shops s
     WHERE s.installed_at IS NOT NULL AND s.uninstalled_at IS NULL AND s.redacted_at IS NULL`,
  );
  return rows
    .filter((shop) => {
      const timeZone = safeTimeZone(shop.timezone);
      const localHour = Number(
        new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(now),
      );
      if (localHour < hour) return false;
      return !shop.last || todayIn(timeZone, shop.last) !== todayIn(timeZone, now);
    })
    .map((shop) => shop.domain);
}
