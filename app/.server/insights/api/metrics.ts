// The analyst API's metrics: sales and customers for a period by day, week
// or month, the best-selling products of a period, and the inventory as it
// stands. Sales and customers come from insights/sales-figures.ts, the
// module the dashboard's home page reads too (definitions there), so the
// API and the admin never disagree.
import type { Pool } from "~/.server/database/pool";
import { MAX_PERIOD_DAYS, readSalesPeriod, readTopSellers, type SalesFigures } from "../sales-figures";
import { LOW_STOCK_THRESHOLD } from "../sales";
import { ApiProblem } from "./problems";
import { z } from "./zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const period = { from: day, to: day };
const interval = z.enum(["day", "week", "month"]);
const money = z.string().regex(/^-?\d+\.\d{2}$/);
const count = z.number().int();

export const periodQuery = z.object({ ...period, interval: interval.default("day") }).strict();
export const productsQuery = z
  .object({
    ...period,
    by: z.enum(["product", "variant"]).default("product"),
    limit: z.coerce.number().int().min(1).max(250).default(10),
  })
  .strict();
export const inventoryQuery = z
  .object({ low_stock_threshold: z.coerce.number().int().min(0).max(1_000_000).default(LOW_STOCK_THRESHOLD) })
  .strict();

const salesFields = {
  orders: count,
  gross_sales: money,
  discounts: money,
  returns: money,
  net_sales: money,
  taxes: money,
  shipping_charges: money,
  total_sales: money,
  average_order_value: money,
  ordered_item_quantity: count,
  returned_item_quantity: count.describe("Units refunded, negative, on the refund's day"),
  net_items_sold: count,
};
const customerFields = {
  orders: count,
  new_customers: count.describe("Customers whose first order was placed in the interval"),
  returning_customer_orders: count.describe("Orders of customers who had ordered before"),
  orders_without_customer: count,
};

const seriesOf = <Fields extends z.ZodRawShape>(fields: Fields) =>
  z.object({
    currency: z.string().nullable(),
    timezone: z.string(),
    interval,
    totals: z.object(fields),
    series: z.array(
      z.object({ date: day.describe("The first day of the interval, in the shop's time zone"), ...fields }),
    ),
  });

export const salesMetrics = seriesOf(salesFields);
export const customerMetrics = seriesOf(customerFields);
export type SalesMetrics = z.infer<typeof salesMetrics>;

export const productMetrics = z.object({
  currency: z.string().nullable(),
  timezone: z.string(),
  by: z.enum(["product", "variant"]),
  data: z.array(
    z.object({
      product_id: z.string(),
      variant_id: z.string().nullable(),
      title: z.string(),
      variant_title: z.string().nullable(),
      net_sales: money,
      net_items_sold: count,
    }),
  ),
});

export const inventoryMetrics = z.object({
  currency: z.string().nullable(),
  low_stock_threshold: count,
  totals: z.object({
    available: count,
    on_hand: count,
    committed: count,
    items: count.describe("Inventory items with a level at some location"),
    out_of_stock_items: count.describe("Items with nothing available at any location"),
    low_stock_items: count.describe("Items with some, but at most low_stock_threshold, available"),
    inventory_value: money.describe("On-hand units × the item's cost, for items with a cost"),
  }),
  locations: z.array(
    z.object({
      location_id: z.string(),
      name: z.string().nullable(),
      available: count,
      on_hand: count,
      committed: count,
    }),
  ),
});

type PeriodQuery = z.infer<typeof periodQuery>;

function checkPeriod(query: { from: string; to: string }): void {
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new ApiProblem("invalid-request", "from and to must be real dates");
  if (from > to) throw new ApiProblem("invalid-request", "from must be on or before to");
  if ((to - from) / 86_400_000 > MAX_PERIOD_DAYS) {
    throw new ApiProblem("invalid-request", "a period spans at most five years");
  }
}

const pick = <K extends keyof SalesFigures>(figures: SalesFigures, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, figures[key]])) as Pick<SalesFigures, K>;

const SALES_KEYS = Object.keys(salesFields) as (keyof typeof salesFields)[];

export async function getSalesMetrics(pool: Pool, shopId: string, query: PeriodQuery): Promise<SalesMetrics> {
  checkPeriod(query);
  const read = await readSalesPeriod(pool, shopId, query);
  return {
    ...read,
    totals: pick(read.totals, SALES_KEYS),
    series: read.series.map((entry) => ({ date: entry.date, ...pick(entry, SALES_KEYS) })),
  };
}

export async function getCustomerMetrics(
  pool: Pool,
  shopId: string,
  query: PeriodQuery,
): Promise<z.infer<typeof customerMetrics>> {
  checkPeriod(query);
  const read = await readSalesPeriod(pool, shopId, query);
  const customers = (figures: SalesFigures) => ({
    orders: figures.orders,
    new_customers: figures.new_customers,
    returning_customer_orders: figures.returning_customer_orders,
    orders_without_customer: figures.orders - figures.new_customers - figures.returning_customer_orders,
  });
  return {
    ...read,
    totals: customers(read.totals),
    series: read.series.map((entry) => ({ date: entry.date, ...customers(entry) })),
  };
}

export async function getProductMetrics(
  pool: Pool,
  shopId: string,
  query: z.infer<typeof productsQuery>,
): Promise<z.infer<typeof productMetrics>> {
  checkPeriod(query);
  const { rows } = await pool.query<{ timezone: string | null; currency: string | null }>(
    `SELECT timezone, currency FROM shops WHERE id = $1`,
    [shopId],
  );
  const data = await readTopSellers(pool, shopId, query, query.by, query.limit);
  return { currency: rows[0]?.currency ?? null, timezone: rows[0]?.timezone ?? "UTC", by: query.by, data };
}

export async function getInventoryMetrics(
  pool: Pool,
  shopId: string,
  query: z.infer<typeof inventoryQuery>,
): Promise<z.infer<typeof inventoryMetrics>> {
  const threshold = query.low_stock_threshold;
  const [shop, totals, locations] = await Promise.all([
    pool.query<{ currency: string | null }>(`SELECT currency FROM shops WHERE id = $1`, [shopId]),
    pool.query<Record<string, string>>(
      `WITH per_item AS (
         SELECT l.inventory_item_id, sum(coalesce(l.available, 0)) AS available, sum(coalesce(l.on_hand, 0)) AS on_hand,
           sum(coalesce(l.committed, 0)) AS committed
         FROM inventory_levels l WHERE l.shop_id = $1 AND l.deleted_at IS NULL
         GROUP BY l.inventory_item_id
       )
       SELECT coalesce(sum(p.available), 0)::text AS available, coalesce(sum(p.on_hand), 0)::text AS on_hand,
         coalesce(sum(p.committed), 0)::text AS committed, count(*)::text AS items,
         count(*) FILTER (WHERE p.available <= 0)::text AS out_of_stock_items,
         count(*) FILTER (WHERE p.available > 0 AND p.available <= $2)::text AS low_stock_items,
         round(coalesce(sum(greatest(p.on_hand, 0) * i.cost), 0), 2)::text AS inventory_value
       FROM per_item p
       LEFT JOIN inventory_items i ON i.shop_id = $1 AND i.shopify_id = p.inventory_item_id AND i.deleted_at IS NULL`,
      [shopId, threshold],
    ),
    pool.query<{ location_id: string; name: string | null; available: string; on_hand: string; committed: string }>(
      `SELECT l.location_id::text, max(loc.name) AS name, sum(coalesce(l.available, 0))::text AS available,
         sum(coalesce(l.on_hand, 0))::text AS on_hand, sum(coalesce(l.committed, 0))::text AS committed
       FROM inventory_levels l
       LEFT JOIN locations loc ON loc.shop_id = l.shop_id AND loc.shopify_id = l.location_id
       WHERE l.shop_id = $1 AND l.deleted_at IS NULL
       GROUP BY l.location_id ORDER BY l.location_id`,
      [shopId],
    ),
  ]);
  const row = totals.rows[0]!;
  return {
    currency: shop.rows[0]?.currency ?? null,
    low_stock_threshold: threshold,
    totals: {
      available: Number(row.available),
      on_hand: Number(row.on_hand),
      committed: Number(row.committed),
      items: Number(row.items),
      out_of_stock_items: Number(row.out_of_stock_items),
      low_stock_items: Number(row.low_stock_items),
      inventory_value: row.inventory_value!,
    },
    locations: locations.rows.map((location) => ({
      location_id: location.location_id,
      name: location.name,
      available: Number(location.available),
      on_hand: Number(location.on_hand),
      committed: Number(location.committed),
    })),
  };
}
