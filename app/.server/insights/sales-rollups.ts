// Daily sales rollups: each day's figures of a shop (in its time zone), so a
// metrics period of any length reads at most a few hundred rows however many
// orders the shop has. Kept current the way the write cursor is: every order
// and refund is stamped with its writing transaction (write_xid), and a
// refresh recomputes exactly the days of the rows written since its last
// position, up to the oldest transaction still in flight, so no write is
// missed and none is counted twice (a day is always recomputed whole).
// Definitions: insights/api/sales-metrics.ts.
import { inTransaction, type Pool, type PoolClient } from "~/.server/database/pool";
import { safeTimeZone } from "./sales";

/**
 * One row per (shop, day) of placed orders and refunds: the figures before
 * the derived ones (net, total). `$1` shop, `$2` time zone; `days` narrows
 * to those days (`$3`), with the range of instants they cover (`$4`, `$5`).
 */
function dailyFiguresSql(days: boolean): string {
  const placedIn = days
    ? `AND o.processed_at >= $4 AND o.processed_at < $5 AND (o.processed_at AT TIME ZONE $2)::date = ANY($3::date[])`
    : "AND o.processed_at IS NOT NULL";
  const refundedIn = days
    ? `AND r.processed_at >= $4 AND r.processed_at < $5 AND (r.processed_at AT TIME ZONE $2)::date = ANY($3::date[])`
    : "AND r.processed_at IS NOT NULL";
  return `
    WITH placed AS (
      SELECT (o.processed_at AT TIME ZONE $2)::date AS day, count(*) AS orders,
        coalesce(sum(lines.gross), 0) AS gross_sales, -coalesce(sum(o.total_discounts), 0) AS discounts,
        coalesce(sum(o.total_tax), 0) AS taxes, coalesce(sum(o.total_shipping), 0) AS shipping
      FROM orders o
      LEFT JOIN LATERAL (
        SELECT sum(li.price * li.quantity) AS gross FROM order_line_items li
        WHERE li.shop_id = o.shop_id AND li.order_id = o.id AND li.deleted_at IS NULL
      ) lines ON true
      WHERE o.shop_id = $1 AND o.deleted_at IS NULL AND o.test IS NOT TRUE ${placedIn}
      GROUP BY 1
    ),
    refunded AS (
      SELECT (r.processed_at AT TIME ZONE $2)::date AS day,
        -coalesce(sum(lines.subtotal), 0) AS returns, -coalesce(sum(lines.tax), 0) AS taxes,
        coalesce(sum(shipping.amount), 0) AS shipping
      FROM refunds r
      LEFT JOIN LATERAL (
        SELECT sum(l.subtotal) AS subtotal, sum(l.total_tax) AS tax FROM refund_line_items l
        WHERE l.shop_id = r.shop_id AND l.refund_id = r.id AND l.deleted_at IS NULL
      ) lines ON true
      LEFT JOIN LATERAL (
        -- Shopify writes a shipping refund as a negative adjustment.
        SELECT sum((adjustment->>'amount')::numeric) AS amount
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.order_adjustments) = 'array' THEN r.order_adjustments ELSE '[]' END) adjustment
        WHERE adjustment->>'kind' = 'shipping_refund'
      ) shipping ON true
      WHERE r.shop_id = $1 AND r.deleted_at IS NULL ${refundedIn}
      GROUP BY 1
    )
    INSERT INTO daily_sales (shop_id, day, orders, gross_sales, discounts, returns, taxes, shipping)
    SELECT $1, coalesce(p.day, f.day), coalesce(p.orders, 0), coalesce(p.gross_sales, 0), coalesce(p.discounts, 0),
      coalesce(f.returns, 0), coalesce(p.taxes, 0) + coalesce(f.taxes, 0), coalesce(p.shipping, 0) + coalesce(f.shipping, 0)
    FROM placed p FULL JOIN refunded f ON f.day = p.day`;
}

/**
 * Brings the shop's daily_sales up to date; returns how many days it
 * recomputed (all of them when there was no rollup yet or the shop's time
 * zone changed). Concurrent refreshes of one shop take turns.
 */
export async function refreshSalesRollups(pool: Pool, shopId: string): Promise<number> {
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
      recomputed = (await client.query(dailyFiguresSql(false), [shopId, timeZone])).rowCount ?? 0;
    } else {
      recomputed = await recomputeTouchedDays(client, shopId, timeZone, state.position, xmin);
    }
    await client.query(
      `INSERT INTO sales_rollup_state (shop_id, position, time_zone) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (shop_id) DO UPDATE SET position = EXCLUDED.position, time_zone = EXCLUDED.time_zone`,
      [shopId, xmin, timeZone],
    );
    return recomputed;
  });
}

/** The days of the orders and refunds written in [from, to): recomputed whole. */
async function recomputeTouchedDays(
  client: PoolClient,
  shopId: string,
  timeZone: string,
  from: string,
  to: string,
): Promise<number> {
  const { rows } = await client.query<{ day: string }>(
    `SELECT DISTINCT to_char((processed_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day FROM (
       SELECT processed_at FROM orders
       WHERE shop_id = $1 AND write_xid >= $3::xid8 AND write_xid < $4::xid8 AND processed_at IS NOT NULL
       UNION ALL
       SELECT processed_at FROM refunds
       WHERE shop_id = $1 AND write_xid >= $3::xid8 AND write_xid < $4::xid8 AND processed_at IS NOT NULL
     ) written`,
    [shopId, timeZone, from, to],
  );
  if (!rows.length) return 0;
  const days = rows.map((row) => row.day).sort();
  await client.query(`DELETE FROM daily_sales WHERE shop_id = $1 AND day = ANY($2::date[])`, [shopId, days]);
  // The instants the days cover (a day is at most 26 hours from its UTC date): the index narrows to them.
  const starts = new Date(Date.parse(`${days[0]}T00:00:00Z`) - 26 * 3_600_000);
  const ends = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 50 * 3_600_000);
  await client.query(dailyFiguresSql(true), [shopId, timeZone, days, starts, ends]);
  return days.length;
}

/** The rollups' subscriber to data changes (data-changes/): each batch, backfill or repair refreshes the days it touched. */
export function salesRollupsFollowDataChanges(pool: Pool) {
  return async (shopDomain: string): Promise<void> => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id::text FROM shops WHERE domain = $1`, [shopDomain]);
    if (rows[0]) await refreshSalesRollups(pool, rows[0].id);
  };
}
