// Deciding when an alert fires. Like the sales rollups, evaluation follows
// the shop's writes by position (write_xid): each pass looks at exactly the
// rows written since the last one, up to the oldest transaction still in
// flight, and writes its alerts to the outbox (alert_deliveries) in the same
// transaction that advances the position. So every write is evaluated once,
// a worker that dies mid-pass loses nothing, and a pass repeated after a
// failure writes no duplicate (each alert has a dedupe key per destination).
//
// Conditions on a state (stock) are edge-triggered: an alert fires when the
// condition becomes true and not again until it has cleared; low stock
// clears only above the threshold plus a margin (hysteresis), so stock
// wobbling around the threshold does not alert on every webhook. When one
// pass fires many alerts of one rule they go out as one digest.
import { inTransaction, type Pool, type PoolClient } from "~/.server/database/pool";
import type { RuleKind } from "./rules";

/** What a destination receives, whatever the channel. */
export interface AlertPayload {
  kind: RuleKind | "digest" | "test";
  title: string;
  text: string;
  /** Where in the app to look (the embedded app's admin URL). */
  link: string | null;
  facts: { label: string; value: string }[];
  shop: string;
  occurred_at: string;
}

interface Alert {
  dedupeKey: string;
  payload: AlertPayload;
}

interface RuleRow {
  id: string;
  kind: RuleKind;
  threshold: string | null;
  destination_id: string;
  location_id: string | null;
  created_at: Date;
}

/** A pipeline rule without a threshold alerts when webhook events wait longer than this. */
export const DEFAULT_LAG_SECONDS = 300;

/** Above this many alerts of one rule in one pass, they are sent as one digest. */
export const DIGEST_OVER = 5;

/** Low stock clears above threshold + margin: a fifth of the threshold, at least one unit. */
export function lowStockMargin(threshold: number): number {
  return Math.max(1, Math.ceil(threshold * 0.2));
}

/**
 * A stock rule's state after an item's units available changed, and whether
 * the change fires it. low-stock and out-of-stock are active while their
 * condition holds; back-in-stock's state is "out of stock" and it fires when
 * that clears. `before` is undefined for an item the rule has not seen.
 */
export function stockTransition(
  kind: RuleKind,
  threshold: number,
  before: boolean | undefined,
  available: number,
): { active: boolean; fires: boolean } {
  const active =
    kind === "low-stock" ? available <= threshold + (before ? lowStockMargin(threshold) : 0) : available <= 0;
  const fires = kind === "back-in-stock" ? before === true && !active : active && !before;
  return { active, fires };
}

/** A stock alert's title; `where` is "" or " at <location>" for a rule that watches one location. */
export function stockAlertTitle(kind: RuleKind, name: string, available: number, where: string): string {
  if (kind === "low-stock") return `Low stock: ${name} has ${available} left${where}`;
  if (kind === "out-of-stock") return `Out of stock: ${name}${where}`;
  return `Back in stock: ${name} has ${available} available${where}`;
}

export interface EvaluationContext {
  /** The embedded app's URL in the shop's admin (https://{shop}/admin/apps/{api key}); links are under it. */
  appAdminUrl: string;
}

/**
 * Evaluates the shop's enabled rules against what was written since the last
 * pass; returns how many alerts it wrote to the outbox.
 */
export async function evaluateAlerts(pool: Pool, shopId: string, context: EvaluationContext): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('storehouse:alerts:' || $1, 0))`, [shopId]);
    const { rows: shops } = await client.query<{ domain: string; currency: string | null }>(
      `SELECT domain, currency FROM shops WHERE id = $1`,
      [shopId],
    );
    const { rows: states } = await client.query<{ position: string; checked_at: Date }>(
      `SELECT position::text, checked_at FROM alert_evaluation_state WHERE shop_id = $1`,
      [shopId],
    );
    const { rows: snapshot } = await client.query<{ xmin: string; now: Date }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, now() AS now`,
    );
    const { xmin, now } = snapshot[0]!;
    const shop = shops[0];
    const state = states[0];
    let written = 0;
    if (shop && state) {
      const { rows: rules } = await client.query<RuleRow>(
        `SELECT id::text, kind, threshold::text, destination_id::text, location_shopify_id::text AS location_id, created_at
         FROM alert_rules
         WHERE shop_id = $1 AND enabled ORDER BY id`,
        [shopId],
      );
      const window = { shopId, from: state.position, to: xmin, checkedAt: state.checked_at, now };
      const found = new AlertFinder(client, window, { domain: shop.domain, currency: shop.currency }, context);
      for (const rule of rules) {
        written += await writeOutbox(client, shopId, rule, await found.forRule(rule), shop.domain, now, xmin);
      }
    }
    // The first pass only sets the position: rules look forward from when alerts were first set up.
    await client.query(
      `INSERT INTO alert_evaluation_state (shop_id, position, checked_at) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (shop_id) DO UPDATE SET position = EXCLUDED.position, checked_at = EXCLUDED.checked_at`,
      [shopId, xmin, now],
    );
    return written;
  });
}

/**
 * Writes one rule's alerts to the outbox; an alert already written (same
 * destination and dedupe key) is skipped. When more than DIGEST_OVER are new,
 * they are kept as "digested" (so none fires again) and one digest of them
 * is sent instead. Returns how many deliveries are now pending.
 */
async function writeOutbox(
  client: PoolClient,
  shopId: string,
  rule: RuleRow,
  alerts: Alert[],
  shop: string,
  now: Date,
  position: string,
): Promise<number> {
  if (!alerts.length) return 0;
  const { rows: fresh } = await client.query<{ id: string; title: string }>(
    `INSERT INTO alert_deliveries (shop_id, rule_id, destination_id, dedupe_key, payload)
     SELECT $1, $2, $3, dedupe_key, payload FROM unnest($4::text[], $5::jsonb[]) AS a(dedupe_key, payload)
     ON CONFLICT (destination_id, dedupe_key) DO NOTHING
     RETURNING id::text, payload->>'title' AS title`,
    [
      shopId,
      rule.id,
      rule.destination_id,
      alerts.map((alert) => alert.dedupeKey),
      alerts.map((alert) => JSON.stringify(alert.payload)),
    ],
  );
  if (fresh.length <= DIGEST_OVER) return fresh.length;
  await client.query(`UPDATE alert_deliveries SET status = 'digested' WHERE id = ANY($1::bigint[])`, [
    fresh.map((row) => row.id),
  ]);
  const digest: AlertPayload = {
    kind: "digest",
    title: `${fresh.length} alerts: ${rule.kind.replaceAll("-", " ")}`,
    text: fresh.map((row) => `- ${row.title}`).join("\n"),
    link: alerts[0]!.payload.link,
    facts: [{ label: "Alerts", value: String(fresh.length) }],
    shop,
    occurred_at: now.toISOString(),
  };
  await client.query(
    `INSERT INTO alert_deliveries (shop_id, rule_id, destination_id, dedupe_key, payload) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (destination_id, dedupe_key) DO NOTHING`,
    [shopId, rule.id, rule.destination_id, `digest:${rule.id}:${position}`, JSON.stringify(digest)],
  );
  return 1;
}

interface Window {
  shopId: string;
  from: string;
  to: string;
  checkedAt: Date;
  now: Date;
}

/** What each kind of rule finds in a window of writes. */
class AlertFinder {
  private readonly stockCache = new Map<string, Promise<StockRow[]>>();

  constructor(
    private readonly client: PoolClient,
    private readonly window: Window,
    private readonly shop: { domain: string; currency: string | null },
    private readonly context: EvaluationContext,
  ) {}

  async forRule(rule: RuleRow): Promise<Alert[]> {
    switch (rule.kind) {
      case "low-stock":
      case "out-of-stock":
      case "back-in-stock":
        return this.stock(rule);
      case "big-order":
        return this.bigOrders(rule);
      case "refund":
        return this.refunds(rule);
      case "order-cancelled":
        return this.cancelled(rule);
      case "new-customer":
        return this.newCustomers(rule);
      case "pipeline":
        return this.pipeline(rule);
      case "activity":
        return this.activity(rule);
    }
  }

  private alert(rule: RuleRow, dedupeKey: string, payload: Omit<AlertPayload, "shop" | "occurred_at" | "kind">): Alert {
    return {
      dedupeKey,
      payload: { kind: rule.kind, ...payload, shop: this.shop.domain, occurred_at: this.window.now.toISOString() },
    };
  }

  private link(path: string): string {
    return `${this.context.appAdminUrl}${path}`;
  }

  private money(amount: string): string {
    return `${Number(amount).toFixed(2)} ${this.shop.currency ?? ""}`.trim();
  }

  /**
   * The inventory items whose levels were written in the window, with their
   * units available over all locations, or at `location` alone.
   */
  private touchedStock(location: string | null): Promise<StockRow[]> {
    const key = location ?? "all";
    const cached = this.stockCache.get(key);
    if (cached) return cached;
    const loaded = this.client
      .query<StockRow>(
        `WITH touched AS (
           SELECT DISTINCT inventory_item_id FROM inventory_levels
           WHERE shop_id = $1 AND write_xid >= $2::xid8 AND write_xid < $3::xid8
             AND ($4::bigint IS NULL OR location_id = $4::bigint)
         )
         SELECT t.inventory_item_id::text AS item,
           (SELECT coalesce(sum(l.available), 0) FROM inventory_levels l
            WHERE l.shop_id = $1 AND l.inventory_item_id = t.inventory_item_id AND l.deleted_at IS NULL
              AND ($4::bigint IS NULL OR l.location_id = $4::bigint))::int AS available,
           (SELECT name FROM locations WHERE shop_id = $1 AND shopify_id = $4::bigint) AS location_name,
           v.shopify_id::text AS variant_id, v.title AS variant_title, v.sku,
           p.shopify_id::text AS product_id, p.title AS product_title
         FROM touched t
         LEFT JOIN LATERAL (
           SELECT * FROM product_variants v
           WHERE v.shop_id = $1 AND v.inventory_item_id = t.inventory_item_id AND v.deleted_at IS NULL LIMIT 1
         ) v ON true
         LEFT JOIN products p ON p.id = v.product_id
         ORDER BY t.inventory_item_id`,
        [this.window.shopId, this.window.from, this.window.to, location],
      )
      .then((result) => result.rows);
    this.stockCache.set(key, loaded);
    return loaded;
  }

  /** Records the subjects of a rule whose condition changed, as of now (or of `since`). */
  private async saveStates(rule: RuleRow, changed: { subject: string; active: boolean }[], since?: Date) {
    if (!changed.length) return;
    await this.client.query(
      `INSERT INTO alert_states (rule_id, subject, active, since)
       SELECT $1, subject, active, coalesce($4::timestamptz, now()) FROM unnest($2::text[], $3::boolean[]) AS s(subject, active)
       ON CONFLICT (rule_id, subject) DO UPDATE SET active = EXCLUDED.active, since = EXCLUDED.since`,
      [rule.id, changed.map((row) => row.subject), changed.map((row) => row.active), since ?? null],
    );
  }

  private async stock(rule: RuleRow): Promise<Alert[]> {
    const items = await this.touchedStock(rule.location_id);
    if (!items.length) return [];
    const subjectOf = (item: StockRow) =>
      rule.location_id ? `item:${item.item}:location:${rule.location_id}` : `item:${item.item}`;
    const subjects = items.map(subjectOf);
    const { rows: known } = await this.client.query<{ subject: string; active: boolean }>(
      `SELECT subject, active FROM alert_states WHERE rule_id = $1 AND subject = ANY($2::text[])`,
      [rule.id, subjects],
    );
    const wasActive = new Map(known.map((row) => [row.subject, row.active]));
    const threshold = Number(rule.threshold ?? 0);
    const alerts: Alert[] = [];
    const changed: { subject: string; active: boolean }[] = [];
    for (const item of items) {
      const subject = subjectOf(item);
      const before = wasActive.get(subject);
      const { active, fires } = stockTransition(rule.kind, threshold, before, item.available);
      if (before === active) continue;
      changed.push({ subject, active });
      if (!fires) continue;
      const where = rule.location_id ? ` at ${item.location_name ?? `location ${rule.location_id}`}` : "";
      const name = `${item.product_title ?? "An item"}${item.variant_title && item.variant_title !== "Default Title" ? ` – ${item.variant_title}` : ""}`;
      const title = stockAlertTitle(rule.kind, name, item.available, where);
      alerts.push(
        this.alert(rule, `${rule.kind}:${subject}:${this.window.to}`, {
          title,
          text:
            rule.kind === "low-stock"
              ? `${name}${item.sku ? ` (SKU ${item.sku})` : ""} is down to ${item.available} units ${where ? where.trim() : "over all locations"} (alert at ${threshold} or fewer).`
              : title,
          link: item.product_id ? this.link(`/app/products/${item.product_id}`) : null,
          facts: [
            { label: "Available", value: String(item.available) },
            ...(item.sku ? [{ label: "SKU", value: item.sku }] : []),
            ...(rule.kind === "low-stock" ? [{ label: "Threshold", value: String(threshold) }] : []),
          ],
        }),
      );
    }
    await this.saveStates(rule, changed);
    return alerts;
  }

  private async bigOrders(rule: RuleRow): Promise<Alert[]> {
    const { rows } = await this.client.query<OrderRow>(
      `SELECT shopify_id::text AS id, name, round(total_price, 2)::text AS total, email
       FROM orders
       WHERE shop_id = $1 AND write_xid >= $2::xid8 AND write_xid < $3::xid8 AND deleted_at IS NULL
         AND test IS NOT TRUE AND created_at >= $4 AND total_price >= $5::numeric
       ORDER BY id`,
      [this.window.shopId, this.window.from, this.window.to, rule.created_at, rule.threshold],
    );
    return rows.map((order) =>
      this.alert(rule, `big-order:${order.id}`, {
        title: `Big order ${order.name ?? order.id}: ${this.money(order.total)}`,
        text: `Order ${order.name ?? order.id} was placed for ${this.money(order.total)} (alert at ${this.money(rule.threshold!)} or more).`,
        link: this.link(`/app/orders/${order.id}`),
        facts: [
          { label: "Order", value: order.name ?? order.id },
          { label: "Total", value: this.money(order.total) },
        ],
      }),
    );
  }

  private async refunds(rule: RuleRow): Promise<Alert[]> {
    const { rows } = await this.client.query<{
      id: string;
      order_id: string | null;
      order_name: string | null;
      total: string;
    }>(
      `SELECT r.shopify_id::text AS id, o.shopify_id::text AS order_id, o.name AS order_name,
         round(coalesce(r.total_refunded, 0), 2)::text AS total
       FROM refunds r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.shop_id = $1 AND r.write_xid >= $2::xid8 AND r.write_xid < $3::xid8 AND r.deleted_at IS NULL
         AND r.created_at >= $4 AND coalesce(r.total_refunded, 0) >= coalesce($5::numeric, 0)
       ORDER BY r.id`,
      [this.window.shopId, this.window.from, this.window.to, rule.created_at, rule.threshold],
    );
    return rows.map((refund) =>
      this.alert(rule, `refund:${refund.id}`, {
        title: `Refund of ${this.money(refund.total)} on ${refund.order_name ?? "an order"}`,
        text: `A refund of ${this.money(refund.total)} was issued on order ${refund.order_name ?? refund.order_id ?? "?"}.`,
        link: refund.order_id ? this.link(`/app/orders/${refund.order_id}`) : null,
        facts: [{ label: "Refunded", value: this.money(refund.total) }],
      }),
    );
  }

  private async cancelled(rule: RuleRow): Promise<Alert[]> {
    const { rows } = await this.client.query<OrderRow & { reason: string | null }>(
      `SELECT shopify_id::text AS id, name, round(coalesce(total_price, 0), 2)::text AS total, cancel_reason AS reason
       FROM orders
       WHERE shop_id = $1 AND write_xid >= $2::xid8 AND write_xid < $3::xid8 AND deleted_at IS NULL
         AND cancelled_at >= $4
       ORDER BY id`,
      [this.window.shopId, this.window.from, this.window.to, rule.created_at],
    );
    return rows.map((order) =>
      this.alert(rule, `order-cancelled:${order.id}`, {
        title: `Order ${order.name ?? order.id} cancelled`,
        text: `Order ${order.name ?? order.id} (${this.money(order.total)}) was cancelled${order.reason ? ` (${order.reason.toLowerCase()})` : ""}.`,
        link: this.link(`/app/orders/${order.id}`),
        facts: [{ label: "Total", value: this.money(order.total) }],
      }),
    );
  }

  private async newCustomers(rule: RuleRow): Promise<Alert[]> {
    const { rows } = await this.client.query<{ id: string }>(
      `SELECT shopify_id::text AS id FROM customers
       WHERE shop_id = $1 AND write_xid >= $2::xid8 AND write_xid < $3::xid8 AND deleted_at IS NULL
         AND created_at >= $4
       ORDER BY id`,
      [this.window.shopId, this.window.from, this.window.to, rule.created_at],
    );
    // No name or email in the alert: it may travel by SMS or to third parties (protected customer data).
    return rows.map((customer) =>
      this.alert(rule, `new-customer:${customer.id}`, {
        title: "New customer",
        text: `A new customer (id ${customer.id}) signed up.`,
        link: this.link(`/app/customers/${customer.id}`),
        facts: [{ label: "Customer id", value: customer.id }],
      }),
    );
  }

  private async pipeline(rule: RuleRow): Promise<Alert[]> {
    const since = new Date(Math.max(this.window.checkedAt.getTime(), rule.created_at.getTime()));
    const shopId = this.window.shopId;
    // One query at a time: a client runs one at a time.
    const runs = await this.client.query<{ id: string; kind: string; resource: string; error: string | null }>(
      `SELECT id::text, kind, resource, error FROM sync_runs
       WHERE shop_id = $1 AND status = 'failed' AND finished_at >= $2 ORDER BY id`,
      [shopId, since],
    );
    const recreated = await this.client.query<{ id: string; repaired: string }>(
      `SELECT id::text, rows_repaired::text AS repaired FROM sync_runs
       WHERE shop_id = $1 AND resource = 'webhook_subscriptions' AND kind = 'reconcile' AND status = 'succeeded'
         AND rows_repaired > 0 AND finished_at >= $2 ORDER BY id`,
      [shopId, since],
    );
    const dead = await this.client.query<{ count: string; last: string | null }>(
      `SELECT count(*)::text AS count, max(id)::text AS last FROM webhook_events
       WHERE shop_id = $1 AND status = 'dead' AND coalesce(processed_at, received_at) >= $2`,
      [shopId, since],
    );
    const shop = await this.client.query<{ reauth_at: Date | null; why: string | null; refused: unknown }>(
      `SELECT needs_reauth_at AS reauth_at, needs_reauth_reason AS why, refused_webhook_topics AS refused
       FROM shops WHERE id = $1`,
      [shopId],
    );
    const lag = await this.client.query<{ waiting: string; oldest: number | null }>(
      `SELECT count(*)::text AS waiting, extract(epoch FROM now() - min(received_at))::float AS oldest
       FROM webhook_events WHERE shop_id = $1 AND status IN ('pending', 'failed')`,
      [shopId],
    );
    const alerts = runs.rows.map((run) =>
      this.alert(rule, `sync-run:${run.id}`, {
        title: `The ${run.kind} of ${run.resource} failed`,
        text: `Storehouse's ${run.kind} of ${run.resource} failed: ${(run.error ?? "no error recorded").slice(0, 300)}`,
        link: this.link("/app/sync"),
        facts: [{ label: "Run", value: run.id }],
      }),
    );
    for (const run of recreated.rows) {
      alerts.push(
        this.alert(rule, `subscriptions-recreated:${run.id}`, {
          title: `Shopify removed ${run.repaired} webhook subscription${run.repaired === "1" ? "" : "s"}; Storehouse re-created them`,
          text: "Shopify deletes a subscription after repeated failed deliveries. Storehouse re-created it and repairs what was missed in its reconciliation.",
          link: this.link("/app/sync"),
          facts: [{ label: "Re-created", value: run.repaired }],
        }),
      );
    }
    const deadCount = Number(dead.rows[0]?.count ?? 0);
    if (deadCount > 0) {
      alerts.push(
        this.alert(rule, `dead-events:${dead.rows[0]!.last}`, {
          title: `${deadCount} webhook event${deadCount === 1 ? "" : "s"} could not be applied`,
          text: "Storehouse gave up on webhook events after its retries. Review and replay them in the event log.",
          link: this.link("/app/events?status=dead"),
          facts: [{ label: "Dead events", value: String(deadCount) }],
        }),
      );
    }
    const row = shop.rows[0];
    if (row?.reauth_at && row.reauth_at >= since) {
      alerts.push(
        this.alert(rule, `reauth:${row.reauth_at.getTime()}`, {
          title: "Storehouse lost access to the shop",
          text: `Shopify rejected Storehouse's access token (${row.why ?? "unknown reason"}). Open the app in the admin to restore it.`,
          link: this.link("/app"),
          facts: [],
        }),
      );
    }
    const refused = Array.isArray(row?.refused)
      ? (row.refused as { topic?: string; message?: string; at?: string }[])
      : [];
    for (const topic of refused.filter((entry) => entry.at && new Date(entry.at) >= since)) {
      alerts.push(
        this.alert(rule, `topic-refused:${topic.topic}:${topic.at}`, {
          title: `Shopify refused the ${topic.topic} webhook topic`,
          text: `${topic.message ?? "No reason given."} Storehouse repairs that data by reconciliation until the topic is accepted.`,
          link: this.link("/app/sync"),
          facts: [{ label: "Topic", value: String(topic.topic) }],
        }),
      );
    }
    // Ingestion lag: edge-triggered like stock; the rule's threshold is in seconds (five minutes by default).
    const limit = Number(rule.threshold ?? DEFAULT_LAG_SECONDS);
    const oldest = lag.rows[0]?.oldest ?? 0;
    const { rows: known } = await this.client.query<{ active: boolean }>(
      `SELECT active FROM alert_states WHERE rule_id = $1 AND subject = 'ingestion-lag'`,
      [rule.id],
    );
    const behind = oldest > limit;
    if (behind !== (known[0]?.active ?? false)) {
      await this.saveStates(rule, [{ subject: "ingestion-lag", active: behind }]);
      if (behind) {
        alerts.push(
          this.alert(rule, `ingestion-lag:${this.window.to}`, {
            title: `Ingestion is behind: ${lag.rows[0]!.waiting} webhook events waiting, the oldest for ${Math.round(oldest)} s`,
            text: "Webhook events are waiting longer than they should to be applied. Check that the worker is running.",
            link: this.link("/app/events?status=pending"),
            facts: [{ label: "Waiting", value: lag.rows[0]!.waiting }],
          }),
        );
      }
    }
    return alerts;
  }

  /**
   * Activity digest: every `threshold` hours (24 by default), what was
   * created and updated per resource and how often the analyst API was read.
   */
  private async activity(rule: RuleRow): Promise<Alert[]> {
    const hours = Number(rule.threshold ?? 24);
    const { rows: known } = await this.client.query<{ since: Date }>(
      `SELECT since FROM alert_states WHERE rule_id = $1 AND subject = 'activity'`,
      [rule.id],
    );
    const since = known[0]?.since ?? rule.created_at;
    if (this.window.now.getTime() - since.getTime() < hours * 3_600_000) return [];
    const counts = await this.client.query<{ resource: string; created: string; updated: string }>(
      `SELECT resource, created::text, updated::text FROM (
         ${["products", "customers", "orders", "refunds"]
           .map(
             (table) => `SELECT '${table}' AS resource,
               count(*) FILTER (WHERE created_at >= $2 AND created_at < $3) AS created,
               count(*) FILTER (WHERE NOT (created_at >= $2 AND created_at < $3) OR created_at IS NULL) AS updated
             FROM ${table} WHERE shop_id = $1 AND synced_at >= $2 AND synced_at < $3`,
           )
           .join(" UNION ALL ")}
       ) counted`,
      [this.window.shopId, since, this.window.now],
    );
    const reads = await this.client.query<{ requests: string; rows: string }>(
      `SELECT count(*)::text AS requests, coalesce(sum(rows), 0)::text AS rows FROM api_requests
       WHERE shop_id = $1 AND at >= $2 AND at < $3`,
      [this.window.shopId, since, this.window.now],
    );
    await this.saveStates(rule, [{ subject: "activity", active: false }], this.window.now);
    const facts = counts.rows.map((row) => ({
      label: row.resource.replace(/^\w/, (letter) => letter.toUpperCase()),
      value: `${row.created} created, ${row.updated} updated`,
    }));
    facts.push({
      label: "Analyst API",
      value: `${reads.rows[0]!.requests} requests, ${reads.rows[0]!.rows} rows read`,
    });
    return [
      this.alert(rule, `activity:${since.getTime()}`, {
        title: `Storehouse activity, last ${hours === 24 ? "day" : `${hours} hours`}`,
        text: facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n"),
        link: this.link("/app"),
        facts,
      }),
    ];
  }
}

interface StockRow {
  item: string;
  available: number;
  location_name: string | null;
  variant_id: string | null;
  variant_title: string | null;
  sku: string | null;
  product_id: string | null;
  product_title: string | null;
}

interface OrderRow {
  id: string;
  name: string | null;
  total: string;
  email?: string | null;
}
