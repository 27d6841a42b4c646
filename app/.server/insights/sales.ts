// The home page's numbers for one shop and period, compared with the period
// before: revenue net of refunds, orders, average order value, new vs
// returning customers, units sold, a daily series, top products and variants,
// low-stock variants and recent orders. Days are the shop's calendar days
// (its IANA time zone); amounts are the shop currency's, as exact decimals.
// Test orders and deleted rows never count. Every query is scoped to shopId.
import { Prisma, type PrismaClient } from "@prisma/client";
import { addDays, daysBetween, type DayRange, type ResolvedPeriod } from "./period";

export interface Totals {
  /** SUM(total_price - total_refunded): what the shop kept. */
  revenue: string;
  orders: number;
  averageOrderValue: string;
  units: number;
  newCustomers: number;
  returningCustomers: number;
}

export interface DayPoint {
  day: string;
  revenue: string;
  orders: number;
}

export interface TopItem {
  id: string;
  title: string;
  revenue: string;
  units: number;
}

export interface Insights {
  currency: string | null;
  timeZone: string;
  period: ResolvedPeriod;
  current: Totals;
  previous: Totals;
  series: DayPoint[];
  topProducts: TopItem[];
  topVariants: TopItem[];
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

/** A time zone the database and Intl both understand; anything else reads as UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** Conditions on orders (aliased `o`) for a day range: processed within the shop's calendar days. */
function orderConditions(shopId: bigint, range: DayRange, timeZone: string): Prisma.Sql {
  return Prisma.sql`o.shop_id = ${shopId} AND o.deleted_at IS NULL AND o.test IS NOT TRUE
      AND o.processed_at >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone})
      AND o.processed_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
}

/** The orders of a day range, as a SQL fragment. */
function ordersIn(shopId: bigint, range: DayRange, timeZone: string): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id, o.customer_id, o.total_price, o.total_refunded FROM orders o
    WHERE ${orderConditions(shopId, range, timeZone)}`;
}

/** A line's revenue: its price for the units still on the order, less their share of its discount. */
export const LINE_REVENUE = Prisma.sql`
  (li.price * coalesce(li.current_quantity, li.quantity)
   - CASE WHEN coalesce(li.quantity, 0) > 0
          THEN coalesce(li.total_discount, 0) * coalesce(li.current_quantity, li.quantity) / li.quantity
          ELSE 0 END)`;

async function totals(db: PrismaClient, shopId: bigint, range: DayRange, timeZone: string): Promise<Totals> {
  const [row] = await db.$queryRaw<
    { revenue: string; orders: bigint; aov: string; units: bigint; new_customers: bigint; returning: bigint }[]
  >`
    WITH o AS (${ordersIn(shopId, range, timeZone)}),
    buyers AS (SELECT DISTINCT customer_id FROM o WHERE customer_id IS NOT NULL),
    firsts AS (
      SELECT b.customer_id, f.first_at FROM buyers b
      CROSS JOIN LATERAL (
        SELECT min(processed_at) AS first_at FROM orders
        WHERE shop_id = ${shopId} AND customer_id = b.customer_id AND deleted_at IS NULL AND test IS NOT TRUE
      ) f
    )
    SELECT
      coalesce(sum(o.total_price - coalesce(o.total_refunded, 0)), 0)::text AS revenue,
      count(*) AS orders,
      CASE WHEN count(*) = 0 THEN '0'
           ELSE round(sum(o.total_price - coalesce(o.total_refunded, 0)) / count(*), 2)::text END AS aov,
      -- Joined to orders, not to the CTE: the planner then walks line items by order_id (indexed).
      (SELECT coalesce(sum(coalesce(li.current_quantity, li.quantity)), 0)
        FROM orders o JOIN order_line_items li ON li.order_id = o.id
        WHERE ${orderConditions(shopId, range, timeZone)} AND li.deleted_at IS NULL) AS units,
      (SELECT count(*) FROM firsts
        WHERE first_at >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone})) AS new_customers,
      (SELECT count(*) FROM firsts
        WHERE first_at < (${range.from}::date::timestamp AT TIME ZONE ${timeZone})) AS returning
    FROM o`;
  return {
    revenue: row!.revenue,
    orders: Number(row!.orders),
    averageOrderValue: row!.aov,
    units: Number(row!.units),
    newCustomers: Number(row!.new_customers),
    returningCustomers: Number(row!.returning),
  };
}

async function series(db: PrismaClient, shopId: bigint, range: DayRange, timeZone: string): Promise<DayPoint[]> {
  const rows = await db.$queryRaw<{ day: string; revenue: string; orders: bigint }[]>`
    SELECT to_char((o.processed_at AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day,
           sum(o.total_price - coalesce(o.total_refunded, 0))::text AS revenue, count(*) AS orders
    FROM orders o
    WHERE ${orderConditions(shopId, range, timeZone)}
    GROUP BY 1`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  // Every day of the range, zero where nothing sold, so charts have no gaps.
  return Array.from({ length: daysBetween(range.from, range.to) }, (_, index) => {
    const day = addDays(range.from, index);
    const row = byDay.get(day);
    return { day, revenue: row?.revenue ?? "0", orders: Number(row?.orders ?? 0) };
  });
}

async function top(
  db: PrismaClient,
  shopId: bigint,
  range: DayRange,
  timeZone: string,
  by: "product" | "variant",
): Promise<TopItem[]> {
  const key = by === "product" ? Prisma.sql`li.product_shopify_id` : Prisma.sql`li.variant_shopify_id`;
  const title =
    by === "product" ? Prisma.sql`max(li.title)` : Prisma.sql`max(li.title || coalesce(' - ' || li.variant_title, ''))`;
  const rows = await db.$queryRaw<{ id: string; title: string; revenue: string; units: bigint }[]>`
    SELECT ${key}::text AS id, ${title} AS title,
           round(sum(${LINE_REVENUE}), 2)::text AS revenue,
           sum(coalesce(li.current_quantity, li.quantity)) AS units
    FROM orders o JOIN order_line_items li ON li.order_id = o.id
    WHERE ${orderConditions(shopId, range, timeZone)} AND li.deleted_at IS NULL AND ${key} IS NOT NULL
    GROUP BY ${key}
    ORDER BY sum(${LINE_REVENUE}) DESC NULLS LAST, ${key}
    LIMIT 5`;
  return rows.map((row) => ({ id: row.id, title: row.title, revenue: row.revenue, units: Number(row.units) }));
}

export async function getInsights(
  db: PrismaClient,
  shopDomain: string,
  period: ResolvedPeriod,
): Promise<Insights | null> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  const timeZone = safeTimeZone(shop.timezone);
  const shopId = shop.id;
  const [current, previous, daily, topProducts, topVariants, lowStock, recent] = await Promise.all([
    totals(db, shopId, period.current, timeZone),
    totals(db, shopId, period.previous, timeZone),
    series(db, shopId, period.current, timeZone),
    top(db, shopId, period.current, timeZone, "product"),
    top(db, shopId, period.current, timeZone, "variant"),
    db.$queryRaw<
      { id: string; product_title: string; variant_title: string | null; sku: string | null; quantity: number }[]
    >`
      SELECT v.shopify_id::text AS id, coalesce(p.title, '') AS product_title, v.title AS variant_title, v.sku,
             v.inventory_quantity AS quantity
      FROM product_variants v LEFT JOIN products p ON p.id = v.product_id
      WHERE v.shop_id = ${shopId} AND v.deleted_at IS NULL AND v.inventory_quantity <= ${LOW_STOCK_THRESHOLD}
        AND (p.id IS NULL OR (p.deleted_at IS NULL AND coalesce(p.status, 'active') = 'active'))
      ORDER BY v.inventory_quantity, v.shopify_id
      LIMIT 10`,
    db.$queryRaw<
      {
        id: string;
        name: string | null;
        processed_at: Date | null;
        total: string;
        financial_status: string | null;
        fulfillment_status: string | null;
        customer: string | null;
      }[]
    >`
      SELECT o.shopify_id::text AS id, o.name, o.processed_at, coalesce(o.total_price, 0)::text AS total,
             o.financial_status, o.fulfillment_status,
             nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') AS customer
      FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
      WHERE o.shop_id = ${shopId} AND o.deleted_at IS NULL AND o.test IS NOT TRUE
      ORDER BY o.processed_at DESC NULLS LAST, o.id DESC
      LIMIT 10`,
  ]);
  return {
    currency: shop.currency,
    timeZone,
    period,
    current,
    previous,
    series: daily,
    topProducts,
    topVariants,
    lowStock: lowStock.map((row) => ({
      id: row.id,
      productTitle: row.product_title,
      variantTitle: row.variant_title,
      sku: row.sku,
      quantity: Number(row.quantity),
    })),
    recentOrders: recent.map((row) => ({
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
