// The analyst API's sales metrics, named and defined as ShopifyQL's `sales`
// dataset and Shopify's sales reports define them, so they agree with the
// figures merchants already trust. Days are the shop's (its time zone).
//
// - orders: orders placed on the day (test and deleted orders left out).
// - gross_sales: line items' price × quantity, before discounts, on the order's day.
// - discounts: the orders' discounts (line and order level), negative, on the order's day.
// - returns: refunded line items' value (net of their discounts), negative, on the refund's day.
// - net_sales: gross_sales + discounts + returns.
// - taxes: the orders' taxes on the order's day, less refunded taxes on the refund's day.
// - shipping_charges: the orders' shipping on the order's day, less shipping refunds on the refund's day.
// - total_sales: net_sales + taxes + shipping_charges.
// - average_order_value: (gross_sales + discounts) / orders.
//
// Sources: orders, order_line_items, refunds (order_adjustments of kind
// shipping_refund) and refund_line_items, as webhooks and sync store them,
// summed per day into daily_sales (insights/sales-rollups.ts).
import type { Pool } from "~/.server/database/pool";
import { safeTimeZone } from "../sales";
import { refreshSalesRollups } from "../sales-rollups";
import { ApiProblem } from "./problems";
import { z } from "./zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const salesQuery = z
  .object({ from: day, to: day, interval: z.enum(["day", "week", "month"]).default("day") })
  .strict();

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const figures = {
  orders: z.number().int(),
  gross_sales: money,
  discounts: money,
  returns: money,
  net_sales: money,
  taxes: money,
  shipping_charges: money,
  total_sales: money,
  average_order_value: money,
};

export const salesMetrics = z.object({
  currency: z.string().nullable(),
  timezone: z.string(),
  interval: z.enum(["day", "week", "month"]),
  totals: z.object(figures),
  series: z.array(
    z.object({ date: day.describe("The first day of the interval, in the shop's time zone"), ...figures }),
  ),
});

export type SalesMetrics = z.infer<typeof salesMetrics>;

interface Raw {
  bucket: string;
  orders: string;
  gross_sales: string;
  discounts: string;
  returns: string;
  taxes: string;
  shipping_charges: string;
}

const MAX_DAYS = 366 * 5;

export async function getSalesMetrics(
  pool: Pool,
  shopId: string,
  query: z.infer<typeof salesQuery>,
): Promise<SalesMetrics> {
  const found = await pool.query<{ timezone: string | null; currency: string | null }>(
    `SELECT timezone, currency FROM shops WHERE id = $1`,
    [shopId],
  );
  const shop = {
    id: shopId,
    timeZone: safeTimeZone(found.rows[0]?.timezone),
    currency: found.rows[0]?.currency ?? null,
  };
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new ApiProblem("invalid-request", "from and to must be real dates");
  if (from > to) throw new ApiProblem("invalid-request", "from must be on or before to");
  if ((to - from) / 86_400_000 > MAX_DAYS) throw new ApiProblem("invalid-request", "a period spans at most five years");
  // Brought up to date first (usually nothing: the worker refreshes after each batch), then read: a few hundred rows.
  await refreshSalesRollups(pool, shopId);
  const { rows } = await pool.query<Raw>(
    `SELECT to_char(date_trunc($4, day), 'YYYY-MM-DD') AS bucket, sum(orders)::text AS orders,
       sum(gross_sales)::text AS gross_sales, sum(discounts)::text AS discounts, sum(returns)::text AS returns,
       sum(taxes)::text AS taxes, sum(shipping)::text AS shipping_charges
     FROM daily_sales WHERE shop_id = $1 AND day BETWEEN $2::date AND $3::date
     GROUP BY 1 ORDER BY 1`,
    [shopId, query.from, query.to, query.interval],
  );
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const series = bucketsOf(query.from, query.to, query.interval).map((bucket) => ({
    date: bucket,
    ...figuresOf(byBucket.get(bucket)),
  }));
  const sum = (field: keyof Raw) => rows.reduce((total, row) => total + Number(row[field]), 0);
  return {
    currency: shop.currency,
    timezone: shop.timeZone,
    interval: query.interval,
    totals: figuresOf({
      bucket: "",
      orders: String(sum("orders")),
      gross_sales: String(sum("gross_sales")),
      discounts: String(sum("discounts")),
      returns: String(sum("returns")),
      taxes: String(sum("taxes")),
      shipping_charges: String(sum("shipping_charges")),
    }),
    series,
  };
}

/** The figures of one bucket from its sums (as decimal text), the derived ones computed in cents. */
function figuresOf(raw: Raw | undefined): Omit<SalesMetrics["totals"], never> {
  const cents = (value: string | undefined) => Math.round(Number(value ?? 0) * 100);
  const orders = Number(raw?.orders ?? 0);
  const gross = cents(raw?.gross_sales);
  const discounts = cents(raw?.discounts);
  const returns = cents(raw?.returns);
  const taxes = cents(raw?.taxes);
  const shipping = cents(raw?.shipping_charges);
  const net = gross + discounts + returns;
  const text = (value: number) => {
    const sign = value < 0 ? "-" : "";
    const abs = Math.abs(value);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  };
  return {
    orders,
    gross_sales: text(gross),
    discounts: text(discounts),
    returns: text(returns),
    net_sales: text(net),
    taxes: text(taxes),
    shipping_charges: text(shipping),
    total_sales: text(net + taxes + shipping),
    average_order_value: text(orders ? Math.round((gross + discounts) / orders) : 0),
  };
}

/** Every bucket start from `from` to `to`, so days without sales are in the series as zeros. */
function bucketsOf(from: string, to: string, interval: "day" | "week" | "month"): string[] {
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
