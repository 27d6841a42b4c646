// Daily sales rollups: each day's figures of a shop (in its time zone), so a
// metrics period of any length reads at most a few hundred rows however many
// orders the shop has. Kept current the way the write cursor is: every order
// and refund is stamped with its writing transaction (write_xid), and a
// refresh recomputes exactly the days of the rows written since its last
// position, up to the oldest transaction still in flight, so no write is
// missed and none is counted twice (a day is always recomputed whole).
// Definitions: insights/api/sales-metrics.ts.
import { inTransaction, type Pool, type PoolClient } from "~/.server/database/pool";
import { safeTimeZone } from "./period";

const ORDER_COUNTS = `o.shop_id = $1 AND o.deleted_at IS NULL AND o.test IS NOT TRUE`;
const REFUND_COUNTS = `r.shop_id = $1 AND r.deleted_at IS NULL`;

/** The orders (`o`) and refunds (`r`) to sum: all of the shop's, or those of the days `$3` (instants `$4` to `$5`). */
function dayConditions(days: boolean) {
  const within = (alias: string) =>
    days
      ? `AND ${alias}.processed_at >= $4 AND ${alias}.processed_at < $5
         AND (${alias}.processed_at AT TIME ZONE $2)::date = ANY($3::date[])`
      : `AND ${alias}.processed_at IS NOT NULL`;
  return { placed: `${ORDER_COUNTS} ${within("o")}`, refunded: `${REFUND_COUNTS} ${within("r")}` };
}

/** Each customer's first order (ties broken by id): one pass over the shop's orders, for a full rebuild. */
const FIRST_ORDERS = `firsts AS (
  SELECT DISTINCT ON (customer_id) id FROM orders
  WHERE shop_id = $1 AND deleted_at IS NULL AND test IS NOT TRUE AND customer_id IS NOT NULL AND processed_at IS NOT NULL
  ORDER BY customer_id, processed_at, id
)`;
const EARLIER_ORDER_BY_FIRSTS = `LEFT JOIN firsts first_of ON first_of.id = o.id
      CROSS JOIN LATERAL (SELECT first_of.id IS NULL AS found) earlier`;
/** Whether the order's customer ordered before it, looked up per order: for a few days' orders. */
const EARLIER_ORDER_BY_LOOKUP = `LEFT JOIN LATERAL (
        SELECT EXISTS (
          SELECT 1 FROM orders e
          WHERE e.shop_id = o.shop_id AND e.customer_id = o.customer_id AND e.deleted_at IS NULL
            AND e.test IS NOT TRUE AND e.processed_at <= o.processed_at AND (e.processed_at, e.id) < (o.processed_at, o.id)
        ) AS found
      ) earlier ON true`;

/**
 * One row per (shop, day) of placed orders and refunds: the figures before
 * the derived ones (net, total). `$1` shop, `$2` time zone; `days` narrows
 * to those days (`$3`), with the range of instants they cover (`$4`, `$5`).
 */
function dailyFiguresSql(days: boolean): string {
  const where = dayConditions(days);
  return `
    WITH ${days ? "" : `${FIRST_ORDERS},`} placed AS (
      SELECT (o.processed_at AT TIME ZONE $2)::date AS day, count(*) AS orders,
        coalesce(sum(lines.gross), 0) AS gross_sales, -coalesce(sum(o.total_discounts), 0) AS discounts,
        coalesce(sum(o.total_tax), 0) AS taxes, coalesce(sum(o.total_shipping), 0) AS shipping,
        coalesce(sum(lines.units), 0) AS items_ordered,
        count(*) FILTER (WHERE o.customer_id IS NOT NULL AND NOT earlier.found) AS first_orders,
        count(*) FILTER (WHERE o.customer_id IS NOT NULL AND earlier.found) AS repeat_orders
      FROM orders o
      LEFT JOIN LATERAL (
        SELECT sum(li.price * li.quantity) AS gross, sum(li.quantity) AS units FROM order_line_items li
        WHERE li.shop_id = o.shop_id AND li.order_id = o.id AND li.deleted_at IS NULL
      ) lines ON true
      ${days ? EARLIER_ORDER_BY_LOOKUP : EARLIER_ORDER_BY_FIRSTS}
      WHERE ${where.placed}
      GROUP BY 1
    ),
    refunded AS (
      SELECT (r.processed_at AT TIME ZONE $2)::date AS day,
        -coalesce(sum(lines.subtotal), 0) AS returns, -coalesce(sum(lines.tax), 0) AS taxes,
        coalesce(sum(shipping.amount), 0) AS shipping, -coalesce(sum(lines.units), 0) AS items_returned
      FROM refunds r
      LEFT JOIN LATERAL (
        SELECT sum(l.subtotal) AS subtotal, sum(l.total_tax) AS tax, sum(l.quantity) AS units FROM refund_line_items l
        WHERE l.shop_id = r.shop_id AND l.refund_id = r.id AND l.deleted_at IS NULL
      ) lines ON true
      LEFT JOIN LATERAL (
        -- Shopify writes a shipping refund as a negative adjustment.
        SELECT sum((adjustment->>'amount')::numeric) AS amount
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.order_adjustments) = 'array' THEN r.order_adjustments ELSE '[]' END) adjustment
        WHERE adjustment->>'kind' = 'shipping_refund'
      ) shipping ON true
      WHERE ${where.refunded}
      GROUP BY 1
    )
    INSERT INTO daily_sales (shop_id, day, orders, gross_sales, discounts, returns, taxes, shipping,
      items_ordered, items_returned, first_orders, repeat_orders)
    SELECT $1, coalesce(p.day, f.day), coalesce(p.orders, 0), coalesce(p.gross_sales, 0), coalesce(p.discounts, 0),
      coalesce(f.returns, 0), coalesce(p.taxes, 0) + coalesce(f.taxes, 0), coalesce(p.shipping, 0) + coalesce(f.shipping, 0),
      coalesce(p.items_ordered, 0), coalesce(f.items_returned, 0), coalesce(p.first_orders, 0), coalesce(p.repeat_orders, 0)
    FROM placed p FULL JOIN refunded f ON f.day = p.day`;
}

/** The same days per product variant: lines sold on the order's day, refunded lines on the refund's day. */
function dailyVariantSalesSql(days: boolean): string {
  const where = dayConditions(days);
  return `
    INSERT INTO daily_variant_sales (shop_id, day, product_shopify_id, variant_shopify_id, title, variant_title,
      net_sales, net_items)
    SELECT $1, day, product_id, variant_id, coalesce(max(title), ''), max(variant_title), sum(net), sum(units)
    FROM (
      SELECT (o.processed_at AT TIME ZONE $2)::date AS day, li.product_shopify_id AS product_id,
        coalesce(li.variant_shopify_id, 0) AS variant_id, li.title, li.variant_title,
        coalesce(li.price * li.quantity, 0) - coalesce(li.total_discount, 0) AS net, coalesce(li.quantity, 0) AS units
      FROM orders o JOIN order_line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
      WHERE ${where.placed} AND li.deleted_at IS NULL AND li.product_shopify_id IS NOT NULL
      UNION ALL
      SELECT (r.processed_at AT TIME ZONE $2)::date, li.product_shopify_id, coalesce(li.variant_shopify_id, 0),
        li.title, li.variant_title, -coalesce(l.subtotal, 0), -coalesce(l.quantity, 0)
      FROM refunds r
      JOIN refund_line_items l ON l.shop_id = r.shop_id AND l.refund_id = r.id
      JOIN order_line_items li ON li.shop_id = l.shop_id AND li.shopify_id = l.line_item_shopify_id
      WHERE ${where.refunded} AND l.deleted_at IS NULL AND li.product_shopify_id IS NOT NULL
    ) sold
    GROUP BY day, product_id, variant_id`;
}

/**
 * Brings the shop's daily_sales up to date; returns how many days it
 * recomputed (all of them when there was no rollup yet or the shop's time
 * zone changed). Concurrent refreshes of one shop take turns.
 *
 * Every read calls it first, so the usual case (nothing written since) is
 * one query without a transaction or a lock: the position may stay where it
 * is, since a later refresh covers the same range and finds the same rows.
 */
export async function refreshSalesRollups(pool: Pool, shopId: string): Promise<number> {
  const { rows: current } = await pool.query<{ timezone: string | null; time_zone: string | null; written: boolean }>(
    `SELECT s.timezone, st.time_zone,
       EXISTS (SELECT 1 FROM orders WHERE shop_id = s.id AND write_xid >= st.position)
         OR EXISTS (SELECT 1 FROM refunds WHERE shop_id = s.id AND write_xid >= st.position) AS written
     FROM shops s LEFT JOIN sales_rollup_state st ON st.shop_id = s.id
     WHERE s.id = $1`,
    [shopId],
  );
  const found = current[0];
  if (!found || (found.time_zone === safeTimeZone(found.timezone) && !found.written)) return 0;
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('storehouse:sales-rollups:' || $1, 0))`, [
      shopId,
    ]);
    // One after another: a client runs one query at a time.
    const { rows: shops } = await client.query<{ timezone: string | null }>(
      `SELECT timezone FROM shops WHERE id = $1`,
      [shopId],
    );
    const { rows: states } = await client.query<{ position: string; time_zone: string }>(
      `SELECT position::text, time_zone FROM sales_rollup_state WHERE shop_id = $1`,
      [shopId],
    );
    const { rows: snapshot } = await client.query<{ xmin: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
    );
    if (!shops[0]) return 0;
    const timeZone = safeTimeZone(shops[0].timezone);
    const xmin = snapshot[0]!.xmin;
    const state = states[0];
    let recomputed: number;
    if (!state || state.time_zone !== timeZone) {
      await client.query(`DELETE FROM daily_sales WHERE shop_id = $1`, [shopId]);
      await client.query(`DELETE FROM daily_variant_sales WHERE shop_id = $1`, [shopId]);
      recomputed = (await client.query(dailyFiguresSql(false), [shopId, timeZone])).rowCount ?? 0;
      await client.query(dailyVariantSalesSql(false), [shopId, timeZone]);
    } else {
      recomputed = await recomputeTouchedDays(client, shopId, timeZone, state.position, xmin);
    }
    await client.query(
      // changed_at is stamped last, just before the commit (clock time, not the transaction's start).
      `INSERT INTO sales_rollup_state (shop_id, position, time_zone, changed_at) VALUES ($1, $2::xid8, $3, clock_timestamp())
       ON CONFLICT (shop_id) DO UPDATE SET position = EXCLUDED.position, time_zone = EXCLUDED.time_zone,
         changed_at = CASE WHEN $4 THEN clock_timestamp() ELSE sales_rollup_state.changed_at END`,
      [shopId, xmin, timeZone, recomputed > 0],
    );
    return recomputed;
  });
}

/**
 * The days whose figures the writes in [from, to) can change, recomputed
 * whole: the days of the orders and refunds written, the refunds of the
 * orders written (their lines name the products), and the first two orders
 * of each customer whose orders were written (which of them is the
 * customer's first may have changed).
 */
async function recomputeTouchedDays(
  client: PoolClient,
  shopId: string,
  timeZone: string,
  from: string,
  to: string,
): Promise<number> {
  const { rows } = await client.query<{ day: string }>(
    `WITH written AS (
       SELECT id, customer_id, processed_at FROM orders
       WHERE shop_id = $1 AND write_xid >= $3::xid8 AND write_xid < $4::xid8
     )
     SELECT DISTINCT to_char((at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day FROM (
       SELECT processed_at AS at FROM written
       UNION ALL
       SELECT processed_at FROM refunds WHERE shop_id = $1 AND write_xid >= $3::xid8 AND write_xid < $4::xid8
       UNION ALL
       SELECT r.processed_at FROM written w JOIN refunds r ON r.order_id = w.id
       UNION ALL
       SELECT firsts.processed_at FROM (SELECT DISTINCT customer_id FROM written WHERE customer_id IS NOT NULL) c
       CROSS JOIN LATERAL (
         SELECT processed_at FROM orders e
         WHERE e.shop_id = $1 AND e.customer_id = c.customer_id AND e.deleted_at IS NULL AND e.test IS NOT TRUE
           AND e.processed_at IS NOT NULL
         ORDER BY e.processed_at, e.id LIMIT 2
       ) firsts
     ) touched WHERE at IS NOT NULL`,
    [shopId, timeZone, from, to],
  );
  if (!rows.length) return 0;
  // Kept top sellers of periods nobody asked for in a day go (a custom period leaves one behind).
  await client.query(`DELETE FROM top_sellers_cache WHERE shop_id = $1 AND computed_at < now() - interval '1 day'`, [
    shopId,
  ]);
  const days = rows.map((row) => row.day).sort();
  await client.query(`DELETE FROM daily_sales WHERE shop_id = $1 AND day = ANY($2::date[])`, [shopId, days]);
  await client.query(`DELETE FROM daily_variant_sales WHERE shop_id = $1 AND day = ANY($2::date[])`, [shopId, days]);
  // The instants the days cover (a day is at most 26 hours from its UTC date): the index narrows to them.
  const starts = new Date(Date.parse(`${days[0]}T00:00:00Z`) - 26 * 3_600_000);
  const ends = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 50 * 3_600_000);
  await client.query(dailyFiguresSql(true), [shopId, timeZone, days, starts, ends]);
  await client.query(dailyVariantSalesSql(true), [shopId, timeZone, days, starts, ends]);
  return days.length;
}

/** The rollups' subscriber to data changes (data-changes/): each batch, backfill or repair refreshes the days it touched. */
export function salesRollupsFollowDataChanges(pool: Pool) {
  return async (shopDomain: string): Promise<void> => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id::text FROM shops WHERE domain = $1`, [shopDomain]);
    if (rows[0]) await refreshSalesRollups(pool, rows[0].id);
  };
}
