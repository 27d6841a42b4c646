// A shop's sales figures for any period, read from the daily rollups
// (sales-rollups.ts): the one module both the dashboard's home page and the
// analyst API's metrics read, so the admin and the API never disagree.
// Names and definitions are ShopifyQL's `sales` dataset's (Shopify's sales
// reports), in the shop's time zone, both ends of a period included:
//
// - orders: orders placed (test and deleted orders left out).
// - gross_sales: line items' price × quantity, before discounts, on the order's day.
// - discounts: the orders' discounts (line and order level), negative, on the order's day.
// - returns: refunded line items' value (net of their discounts), negative, on the refund's day.
// - net_sales: gross_sales + discounts + returns.
// - taxes: the orders' taxes on the order's day, less refunded taxes on the refund's day.
// - shipping_charges: the orders' shipping on the order's day, less shipping refunds on the refund's day.
// - total_sales: net_sales + taxes + shipping_charges.
// - average_order_value: (gross_sales + discounts) / orders.
// - ordered_item_quantity, returned_item_quantity (negative, on the refund's day), net_items_sold: their sum.
// - new_customers: customers whose first order was placed in the period (one first order per customer).
// - returning_customer_orders: orders of customers who had ordered before.
//
// Top products and variants rank by net sales (lines' price × quantity less
// their discounts, less refunded lines on the refund's day).
import type { Pool } from "~/.server/database/pool";
import { refreshSalesRollups } from "./sales-rollups";
import { safeTimeZone } from "./period";

export type Interval = "day" | "week" | "month";

export interface SalesFigures {
  orders: number;
  gross_sales: string;
  discounts: string;
  returns: string;
  net_sales: string;
  taxes: string;
  shipping_charges: string;
  total_sales: string;
  average_order_value: string;
  ordered_item_quantity: number;
  returned_item_quantity: number;
  net_items_sold: number;
  new_customers: number;
  returning_customer_orders: number;
}

export interface SalesPeriod {
  currency: string | null;
  timezone: string;
  interval: Interval;
  totals: SalesFigures;
  /** Every bucket of the period, zeros where nothing sold; `date` is the bucket's first day. */
  series: ({ date: string } & SalesFigures)[];
}

export interface TopSeller {
  product_id: string;
  variant_id: string | null;
  title: string;
  variant_title: string | null;
  net_sales: string;
  net_items_sold: number;
}

/** One bucket's sums as the database returns them (decimals as text). */
interface Sums {
  bucket: string;
  orders: string;
  gross_sales: string;
  discounts: string;
  returns: string;
  taxes: string;
  shipping: string;
  items_ordered: string;
  items_returned: string;
  first_orders: string;
  repeat_orders: string;
}

const SUMMED = [
  "orders",
  "gross_sales",
  "discounts",
  "returns",
  "taxes",
  "shipping",
  "items_ordered",
  "items_returned",
  "first_orders",
  "repeat_orders",
] as const;

/** The longest period a read accepts: five years of days. */
export const MAX_PERIOD_DAYS = 366 * 5;

/** The shop's figures for [from, to] by interval; the rollups are brought up to date first (usually nothing to do). */
export async function readSalesPeriod(
  pool: Pool,
  shopId: string,
  period: { from: string; to: string; interval: Interval },
): Promise<SalesPeriod> {
  const { rows: shops } = await pool.query<{ timezone: string | null; currency: string | null }>(
    `SELECT timezone, currency FROM shops WHERE id = $1`,
    [shopId],
  );
  await refreshSalesRollups(pool, shopId);
  const { rows } = await pool.query<Sums>(
    `SELECT to_char(date_trunc($4, day), 'YYYY-MM-DD') AS bucket,
       ${SUMMED.map((column) => `sum(${column})::text AS ${column}`).join(", ")}
     FROM daily_sales WHERE shop_id = $1 AND day BETWEEN $2::date AND $3::date
     GROUP BY 1 ORDER BY 1`,
    [shopId, period.from, period.to, period.interval],
  );
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  return {
    currency: shops[0]?.currency ?? null,
    timezone: safeTimeZone(shops[0]?.timezone),
    interval: period.interval,
    totals: figuresOf(rows),
    series: bucketsOf(period.from, period.to, period.interval).map((bucket) => ({
      date: bucket,
      ...figuresOf(byBucket.has(bucket) ? [byBucket.get(bucket)!] : []),
    })),
  };
}

/** Top sellers computed less than this long ago are served even if sales came in since. */
export const TOP_SELLERS_FRESH_MS = 30_000;

/**
 * The best-selling products (or variants) of [from, to] by net sales.
 * Ranking reads every variant's days of the period (up to seconds on a shop
 * with 100,000 variants), so the answer is kept (top_sellers_cache) and
 * served again while no sales came in since, or for TOP_SELLERS_FRESH_MS
 * while they keep coming in.
 */
export async function readTopSellers(
  pool: Pool,
  shopId: string,
  period: { from: string; to: string },
  by: "product" | "variant",
  limit: number,
): Promise<TopSeller[]> {
  await refreshSalesRollups(pool, shopId);
  const key = `${period.from}..${period.to}:${by}:${limit}`;
  const { rows: kept } = await pool.query<{ data: TopSeller[]; current: boolean }>(
    // A ranking begun a second after the last change's stamp began after its commit too.
    `SELECT c.data, (c.computed_at >= s.changed_at + interval '1 second'
       OR c.computed_at > now() - make_interval(secs => $3)) AS current
     FROM top_sellers_cache c JOIN sales_rollup_state s ON s.shop_id = c.shop_id
     WHERE c.shop_id = $1 AND c.key = $2`,
    [shopId, key, TOP_SELLERS_FRESH_MS / 1000],
  );
  if (kept[0]?.current) return kept[0].data;
  // Stamped with when the ranking started: a change the ranking may have missed is newer than the stamp.
  const startedAt = new Date();
  const ranked = await rankTopSellers(pool, shopId, period, by, limit);
  await pool.query(
    `INSERT INTO top_sellers_cache (shop_id, key, computed_at, data) VALUES ($1, $2, $4, $3)
     ON CONFLICT (shop_id, key) DO UPDATE SET computed_at = EXCLUDED.computed_at, data = EXCLUDED.data`,
    [shopId, key, JSON.stringify(ranked), startedAt],
  );
  return ranked;
}

async function rankTopSellers(
  pool: Pool,
  shopId: string,
  period: { from: string; to: string },
  by: "product" | "variant",
  limit: number,
): Promise<TopSeller[]> {
  const variant = by === "variant";
  // Ranked on the sums alone; titles are then read for the few rows kept (an aggregate per group is costly).
  const key = variant ? "product_shopify_id, variant_shopify_id" : "product_shopify_id";
  const { rows } = await pool.query<TopSeller & { net_items_sold: string }>(
    `WITH ranked AS (
       SELECT ${key}, sum(net_sales) AS net, sum(net_items) AS items
       FROM daily_variant_sales
       WHERE shop_id = $1 AND day BETWEEN $2::date AND $3::date
       GROUP BY ${key}
       ORDER BY net DESC, ${key}
       LIMIT $4
     )
     SELECT r.product_shopify_id::text AS product_id,
       ${variant ? "nullif(r.variant_shopify_id, 0)::text" : "NULL"} AS variant_id,
       named.title, ${variant ? "named.variant_title" : "NULL"} AS variant_title,
       round(r.net, 2)::text AS net_sales, r.items::text AS net_items_sold
     FROM ranked r
     CROSS JOIN LATERAL (
       SELECT d.title, d.variant_title FROM daily_variant_sales d
       WHERE d.shop_id = $1 AND d.product_shopify_id = r.product_shopify_id
         ${variant ? "AND d.variant_shopify_id = r.variant_shopify_id" : ""} AND d.day <= $3::date
       ORDER BY d.day DESC LIMIT 1
     ) named
     ORDER BY r.net DESC, ${key
       .split(", ")
       .map((column) => `r.${column}`)
       .join(", ")}`,
    [shopId, period.from, period.to, limit],
  );
  return rows.map((row) => ({ ...row, net_items_sold: Number(row.net_items_sold) }));
}

/** Sums of several buckets as exact cents (the rollups hold four decimals; Shopify's reports show two). */
function figuresOf(rows: Sums[]): SalesFigures {
  const total = (column: (typeof SUMMED)[number]) => rows.reduce((sum, row) => sum + Number(row[column]), 0);
  const cents = (column: (typeof SUMMED)[number]) =>
    rows.reduce((sum, row) => sum + Math.round(Number(row[column]) * 100), 0);
  const orders = total("orders");
  const gross = cents("gross_sales");
  const discounts = cents("discounts");
  const returns = cents("returns");
  const taxes = cents("taxes");
  const shipping = cents("shipping");
  const net = gross + discounts + returns;
  const ordered = total("items_ordered");
  const returned = total("items_returned");
  return {
    orders,
    gross_sales: moneyText(gross),
    discounts: moneyText(discounts),
    returns: moneyText(returns),
    net_sales: moneyText(net),
    taxes: moneyText(taxes),
    shipping_charges: moneyText(shipping),
    total_sales: moneyText(net + taxes + shipping),
    average_order_value: moneyText(orders ? Math.round((gross + discounts) / orders) : 0),
    ordered_item_quantity: ordered,
    returned_item_quantity: returned,
    net_items_sold: ordered + returned,
    new_customers: total("first_orders"),
    returning_customer_orders: total("repeat_orders"),
  };
}

/** Cents as a decimal string with two places. */
function moneyText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Every bucket start from `from` to `to` (weeks from Monday), so days without sales are in the series as zeros. */
function bucketsOf(from: string, to: string, interval: Interval): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  if (interval === "week") start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (interval === "month") start.setUTCDate(1);
  const end = new Date(`${to}T00:00:00Z`);
  const buckets: string[] = [];
  for (const at = start; at <= end;) {
    buckets.push(at.toISOString().slice(0, 10));
    if (interval === "day") at.setUTCDate(at.getUTCDate() + 1);
    else if (interval === "week") at.setUTCDate(at.getUTCDate() + 7);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return buckets;
}
