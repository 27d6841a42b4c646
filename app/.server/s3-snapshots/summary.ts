// summary.json: what a front-end shows without reading Parquet: the shop's
// headline figures and the last 90 days of daily sales, from the same
// rollups as the dashboard. No personal data: counts and money only.
import type { Pool } from "~/.server/database/pool";
import { addDays, safeTimeZone, todayIn } from "~/.server/insights/period";
import { readSalesPeriod } from "~/.server/insights/sales-figures";
import type { Bucket, StoredFile } from "./bucket";

export const SUMMARY_DAYS = 90;

export async function writeSummary(
  pool: Pool,
  bucket: Bucket,
  target: { shopId: string; domain: string; snapshotId: string; createdAt: string; key: string },
): Promise<StoredFile> {
  const { rows } = await pool.query<{ timezone: string | null; products: string; customers: string; orders: string }>(
    `SELECT s.timezone,
       (SELECT count(*) FROM products WHERE shop_id = s.id AND deleted_at IS NULL)::text AS products,
       (SELECT count(*) FROM customers WHERE shop_id = s.id AND deleted_at IS NULL)::text AS customers,
       (SELECT count(*) FROM orders WHERE shop_id = s.id AND deleted_at IS NULL)::text AS orders
     FROM shops s WHERE s.id = $1`,
    [target.shopId],
  );
  const shop = rows[0]!;
  const to = todayIn(safeTimeZone(shop.timezone), new Date(target.createdAt));
  const sales = await readSalesPeriod(pool, target.shopId, {
    from: addDays(to, -(SUMMARY_DAYS - 1)),
    to,
    interval: "day",
  });
  return bucket.putJson(target.key, {
    snapshot: target.snapshotId,
    shop: target.domain,
    created_at: target.createdAt,
    currency: sales.currency,
    timezone: sales.timezone,
    counts: { products: Number(shop.products), customers: Number(shop.customers), orders: Number(shop.orders) },
    last_90_days: sales.totals,
    daily_sales: sales.series.map((day) => ({
      date: day.date,
      orders: day.orders,
      gross_sales: day.gross_sales,
      net_sales: day.net_sales,
      total_sales: day.total_sales,
      net_items_sold: day.net_items_sold,
    })),
  });
}
