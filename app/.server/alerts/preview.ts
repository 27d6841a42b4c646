// A rule's preview: what it would have sent over the last days of the shop's
// stored data, before the merchant enables it. Orders, refunds, cancellations
// and customers come from their tables; stock rules replay the stored
// inventory_levels/update webhooks in the order Shopify sent them, through
// the same edge-and-hysteresis logic evaluation uses, so the preview of a
// rule equals what it would have fired on those deliveries (evaluated one by
// one; a batch that dipped and recovered between two evaluations fires in the
// preview only).
import type { Pool } from "~/.server/database/pool";
import { stockAlertTitle, stockTransition } from "./evaluate";
import { isRuleKind, RuleError, type RuleKind } from "./rules";

export interface PreviewItem {
  at: string;
  title: string;
}

export interface RulePreview {
  days: number;
  count: number;
  /** The most recent ones (at most 100). */
  items: PreviewItem[];
}

export async function previewRule(
  pool: Pool,
  shopId: string,
  rule: { kind: string; threshold?: number | null; locationId?: string | null },
  days = 30,
  now = new Date(),
): Promise<RulePreview> {
  if (!isRuleKind(rule.kind)) throw new RuleError(`unknown rule kind ${rule.kind}`);
  const since = new Date(now.getTime() - days * 86_400_000);
  const items = await find(pool, shopId, rule.kind, rule.threshold ?? null, since, rule.locationId ?? null);
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { days, count: items.length, items: items.slice(0, 100) };
}

async function find(
  pool: Pool,
  shopId: string,
  kind: RuleKind,
  threshold: number | null,
  since: Date,
  location: string | null,
): Promise<PreviewItem[]> {
  const rowsOf = async (sql: string, params: unknown[]) =>
    (await pool.query<{ at: Date; title: string }>(sql, params)).rows.map((row) => ({
      at: row.at.toISOString(),
      title: row.title,
    }));
  switch (kind) {
    case "big-order":
      return rowsOf(
        `SELECT created_at AS at, 'Big order ' || coalesce(name, shopify_id::text) || ': ' || round(total_price, 2) AS title
         FROM orders WHERE shop_id = $1 AND deleted_at IS NULL AND test IS NOT TRUE AND created_at >= $2
           AND total_price >= $3::numeric`,
        [shopId, since, threshold ?? 0],
      );
    case "refund":
      return rowsOf(
        `SELECT r.created_at AS at, 'Refund of ' || round(coalesce(r.total_refunded, 0), 2) || ' on ' || coalesce(o.name, 'an order') AS title
         FROM refunds r LEFT JOIN orders o ON o.id = r.order_id
         WHERE r.shop_id = $1 AND r.deleted_at IS NULL AND r.created_at >= $2 AND coalesce(r.total_refunded, 0) >= $3::numeric`,
        [shopId, since, threshold ?? 0],
      );
    case "order-cancelled":
      return rowsOf(
        `SELECT cancelled_at AS at, 'Order ' || coalesce(name, shopify_id::text) || ' cancelled' AS title
         FROM orders WHERE shop_id = $1 AND deleted_at IS NULL AND cancelled_at >= $2`,
        [shopId, since],
      );
    case "new-customer":
      return rowsOf(
        `SELECT created_at AS at, 'New customer' AS title FROM customers
         WHERE shop_id = $1 AND deleted_at IS NULL AND created_at >= $2`,
        [shopId, since],
      );
    case "pipeline":
      return rowsOf(
        `SELECT finished_at AS at, 'The ' || kind || ' of ' || resource || ' failed' AS title FROM sync_runs
         WHERE shop_id = $1 AND status = 'failed' AND finished_at >= $2
         UNION ALL
         SELECT coalesce(processed_at, received_at), 'A webhook event could not be applied (' || topic || ')'
         FROM webhook_events WHERE shop_id = $1 AND status = 'dead' AND coalesce(processed_at, received_at) >= $2`,
        [shopId, since],
      );
    case "low-stock":
    case "out-of-stock":
    case "back-in-stock":
      return replayStock(pool, shopId, kind, threshold ?? 0, since, location);
    case "activity":
      // One digest per period that ended in the window, with the orders the shop took in it.
      return rowsOf(
        `SELECT bucket + make_interval(hours => $3) AS at,
           'Storehouse activity: ' || (SELECT count(*) FROM orders o WHERE o.shop_id = $1 AND o.created_at >= bucket
             AND o.created_at < bucket + make_interval(hours => $3)) || ' orders created' AS title
         FROM generate_series($2::timestamptz, now() - make_interval(hours => $3), make_interval(hours => $3)) bucket`,
        [shopId, since, threshold ?? 24],
      );
  }
}

/** Replays the window's inventory level updates per item, totals over locations, through the rule's transitions. */
async function replayStock(
  pool: Pool,
  shopId: string,
  kind: RuleKind,
  threshold: number,
  since: Date,
  location: string | null,
): Promise<PreviewItem[]> {
  const { rows: events } = await pool.query<{ at: Date; item: string; location: string; available: number }>(
    `SELECT coalesce(triggered_at, received_at) AS at, (payload->>'inventory_item_id') AS item,
       (payload->>'location_id') AS location, (payload->>'available')::int AS available
     FROM webhook_events
     WHERE shop_id = $1 AND topic = 'inventory_levels/update' AND received_at >= $2
       AND status IN ('processed', 'skipped') AND payload->>'available' IS NOT NULL
       AND ($3::text IS NULL OR payload->>'location_id' = $3::text)
     ORDER BY coalesce(triggered_at, received_at), id`,
    [shopId, since, location],
  );
  if (!events.length) return [];
  const items = [...new Set(events.map((event) => event.item))];
  // Locations an item has no update for in the window kept their stored level throughout.
  const { rows: stored } = await pool.query<{ item: string; location: string; available: number }>(
    `SELECT inventory_item_id::text AS item, location_id::text AS location, coalesce(available, 0) AS available
     FROM inventory_levels WHERE shop_id = $1 AND inventory_item_id = ANY($2::bigint[]) AND deleted_at IS NULL
       AND ($3::bigint IS NULL OR location_id = $3::bigint)`,
    [shopId, items, location],
  );
  const { rows: names } = await pool.query<{ item: string; name: string }>(
    `SELECT v.inventory_item_id::text AS item, coalesce(p.title, 'An item') ||
       CASE WHEN v.title IS NULL OR v.title = 'Default Title' THEN '' ELSE ' – ' || v.title END AS name
     FROM product_variants v LEFT JOIN products p ON p.id = v.product_id
     WHERE v.shop_id = $1 AND v.inventory_item_id = ANY($2::bigint[])`,
    [shopId, items],
  );
  const nameOf = new Map(names.map((row) => [row.item, row.name]));
  const locationName = location
    ? ((
        await pool.query<{ name: string | null }>(`SELECT name FROM locations WHERE shop_id = $1 AND shopify_id = $2`, [
          shopId,
          location,
        ])
      ).rows[0]?.name ?? null)
    : null;
  const updated = new Set(events.map((event) => `${event.item}:${event.location}`));
  const levels = new Map<string, Map<string, number>>();
  for (const level of stored) {
    if (updated.has(`${level.item}:${level.location}`)) continue;
    (levels.get(level.item) ?? levels.set(level.item, new Map()).get(level.item)!).set(level.location, level.available);
  }
  // A location's level before its first update in the window is taken to be that update's value: the
  // deliveries say what a level became, never what it was.
  for (const event of [...events].reverse()) {
    (levels.get(event.item) ?? levels.set(event.item, new Map()).get(event.item)!).set(event.location, event.available);
  }
  const state = new Map<string, boolean>();
  const fired: PreviewItem[] = [];
  for (const event of events) {
    const byLocation = levels.get(event.item) ?? levels.set(event.item, new Map()).get(event.item)!;
    byLocation.set(event.location, event.available);
    const total = [...byLocation.values()].reduce((sum, units) => sum + units, 0);
    const { active, fires } = stockTransition(kind, threshold, state.get(event.item), total);
    state.set(event.item, active);
    if (!fires) continue;
    const where = location ? ` at ${locationName ?? `location ${location}`}` : "";
    const title = stockAlertTitle(kind, nameOf.get(event.item) ?? `Item ${event.item}`, total, where);
    fired.push({ at: event.at.toISOString(), title });
  }
  return fired;
}
