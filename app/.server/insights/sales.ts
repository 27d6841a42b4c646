// The home page's numbers for one shop and period, compared with the period
// before: ShopifyQL's sales figures (total sales, orders, average order
// value, net items sold, new customers and returning customers' orders), a
// daily series and the top products and variants, all read from the daily
// rollups through sales-figures.ts (the analyst API's metrics read the same
// module, so the two never disagree), plus low-stock variants and recent
// orders. Days are the shop's calendar days (its IANA time zone); amounts
// are the shop currency's, as exact decimals. Every query is scoped to the shop.
import type { Pool } from "~/.server/database/pool";
import type { ResolvedPeriod } from "./period";
import { readSalesPeriod, readTopSellers, type SalesFigures, type TopSeller } from "./sales-figures";
import type { ShopContext } from "./shop-context";

export interface DayPoint {
  day: string;
  /** ShopifyQL's total_sales of the day. */
  revenue: string;
  orders: number;
}

export interface Insights {
  currency: string | null;
  timeZone: string;
  period: ResolvedPeriod;
  current: SalesFigures;
  previous: SalesFigures;
  series: DayPoint[];
  topProducts: TopSeller[];
  topVariants: TopSeller[];
  lowStock: { id: string; productTitle: string; variantTitle: string | null; sku: string | null; quantity: number }[];
  recentOrders: {
    id: string;
    name: string | null;
    processedAt: Date | null;
    total: string;
    financialStatus: string | null;
    fulfillmentStatus: string | null;
    customer: string | null;
  }[];
}

export const LOW_STOCK_THRESHOLD = 5;

export async function getInsights(pool: Pool, shop: ShopContext, period: ResolvedPeriod): Promise<Insights> {
  const shopId = shop.id.toString();
  // The current period first: it brings the rollups up to date for the reads after it.
  const current = await readSalesPeriod(pool, shopId, { ...period.current, interval: "day" });
  const [previous, topProducts, topVariants, lowStock, recent] = await Promise.all([
    readSalesPeriod(pool, shopId, { ...period.previous, interval: "day" }),
    readTopSellers(pool, shopId, period.current, "product", 5),
    readTopSellers(pool, shopId, period.current, "variant", 5),
    pool.query<{
      id: string;
      product_title: string;
      variant_title: string | null;
      sku: string | null;
      quantity: number;
    }>(
      `SELECT v.shopify_id::text AS id, coalesce(p.title, '') AS product_title, v.title AS variant_title, v.sku,
              v.inventory_quantity AS quantity
       FROM product_variants v LEFT JOIN products p ON p.id = v.product_id
       WHERE v.shop_id = $1 AND v.deleted_at IS NULL AND v.inventory_quantity <= $2
         AND (p.id IS NULL OR (p.deleted_at IS NULL AND coalesce(p.status, 'active') = 'active'))
       ORDER BY v.inventory_quantity, v.shopify_id
       LIMIT 10`,
      [shopId, LOW_STOCK_THRESHOLD],
    ),
    pool.query<{
      id: string;
      name: string | null;
      processed_at: Date | null;
      total: string;
      financial_status: string | null;
      fulfillment_status: string | null;
      customer: string | null;
    }>(
      `SELECT o.shopify_id::text AS id, o.name, o.processed_at, coalesce(o.total_price, 0)::text AS total,
              o.financial_status, o.fulfillment_status,
              nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') AS customer
       FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
       WHERE o.shop_id = $1 AND o.deleted_at IS NULL AND o.test IS NOT TRUE AND o.processed_at IS NOT NULL
       -- Walks the (shop_id, processed_at) index backwards (NULLS LAST would sort the shop's every order).
       ORDER BY o.processed_at DESC, o.id DESC
       LIMIT 10`,
      [shopId],
    ),
  ]);
  return {
    currency: current.currency,
    timeZone: current.timezone,
    period,
    current: current.totals,
    previous: previous.totals,
    series: current.series.map((entry) => ({ day: entry.date, revenue: entry.total_sales, orders: entry.orders })),
    topProducts,
    topVariants,
    lowStock: lowStock.rows.map((row) => ({
      id: row.id,
      productTitle: row.product_title,
      variantTitle: row.variant_title,
      sku: row.sku,
      quantity: Number(row.quantity),
    })),
    recentOrders: recent.rows.map((row) => ({
      id: row.id,
      name: row.name,
      processedAt: row.processed_at,
      total: row.total,
      financialStatus: row.financial_status,
      fulfillmentStatus: row.fulfillment_status,
      customer: row.customer,
    })),
  };
}
