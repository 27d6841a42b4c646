// The worker applies resource events in batches (events/process-batch.ts).
// A batch must leave exactly the rows that applying its events one at a time
// leaves: several versions of one order in one batch, same-second ties that
// X-Shopify-Triggered-At decides, an older version arriving last. And one bad
// event must not cost the others anything.
import { describe, expect, it } from "vitest";
import { processWebhookEvent, processWebhookEventBatch } from "~/.server/events";
import { receiveWebhook } from "~/.server/ingestion";
import { WEBHOOK_EVENTS_QUEUE } from "~/.server/jobs";
import { SimulatedShop } from "../simulator/shop/shop";
import { customerPayload, orderPayload, productPayload, serializePayload } from "../simulator/webhooks/payloads";
import { applyWebhookEventJobs } from "../worker/tasks/webhook-events";
import { signedRequest, useIngestionDatabase } from "./support/webhooks";

type Payload = Record<string, unknown>;

interface Delivery {
  topic: string;
  payload: Payload;
  triggeredAt: Date;
}

const second = 1000;
const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** A busy hour of one shop: each order created, paid in the same second, edited, and an older copy arriving last. */
function busyHour(): Delivery[] {
  const shop = new SimulatedShop(0, {
    domain: "generator.myshopify.com",
    counts: { orders: 12, customers: 6, products: 4 },
  });
  const deliveries: Delivery[] = [];
  const t0 = Date.parse("2026-11-30T10:00:00Z");
  let k = 0;
  for (const [, order] of shop.orders.entries()) {
    const created = orderPayload(shop, order) as Payload;
    const updatedAt = String(created.updated_at);
    const lineItems = created.line_items as Payload[];
    const at = (offset: number) => new Date(t0 + k * 10 * second + offset);
    deliveries.push({ topic: "orders/create", payload: created, triggeredAt: at(0) });
    // Paid in the same second: updated_at ties, the later trigger wins.
    deliveries.push({
      topic: "orders/paid",
      payload: { ...created, financial_status: "paid", note: "paid" },
      triggeredAt: at(400),
    });
    // Edited a minute later: a line item removed.
    deliveries.push({
      topic: "orders/updated",
      payload: {
        ...created,
        financial_status: "paid",
        note: "edited",
        updated_at: shifted(updatedAt, 60 * second),
        line_items: lineItems.length > 1 ? lineItems.slice(0, -1) : lineItems,
      },
      triggeredAt: at(60 * second),
    });
    // A stale copy, delivered last: never wins.
    deliveries.push({
      topic: "orders/updated",
      payload: { ...created, note: "stale", updated_at: shifted(updatedAt, -60 * second) },
      triggeredAt: at(-60 * second),
    });
    k += 1;
  }
  for (const [, product] of shop.products.entries()) {
    const payload = productPayload(shop, product) as Payload;
    const at = new Date(t0 + k++ * 10 * second);
    deliveries.push({
      topic: "products/update",
      payload: { ...payload, title: "second" },
      triggeredAt: new Date(+at + 1),
    });
    deliveries.push({ topic: "products/update", payload: { ...payload, title: "first" }, triggeredAt: at });
  }
  for (const [, customer] of shop.customers.entries()) {
    const payload = customerPayload(shop, customer) as Payload;
    deliveries.push({ topic: "customers/create", payload, triggeredAt: new Date(t0) });
    deliveries.push({
      topic: "customers/update",
      payload: { ...payload, first_name: "Renamed", updated_at: shifted(String(payload.updated_at), 5 * second) },
      triggeredAt: new Date(t0 + 5 * second),
    });
  }
  for (let level = 0; level < 3; level += 1) {
    for (let version = 0; version < 3; version += 1) {
      deliveries.push({
        topic: "inventory_levels/update",
        payload: {
          inventory_item_id: 900000000000 + level,
          location_id: 800000000000,
          available: 10 * version + level,
          updated_at: `2026-11-30T10:00:0${version}Z`,
          admin_graphql_api_id: `gid://shopify/InventoryLevel/${level}`,
        },
        triggeredAt: new Date(t0 + version * second),
      });
    }
  }
  // Delivered in a scrambled order (a fixed one: the test is repeatable).
  return deliveries
    .map((delivery, index) => ({ delivery, rank: (index * 7919) % deliveries.length }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ delivery }) => delivery);
}

describe("applying webhook events in batches", () => {
  const opened = useIngestionDatabase();

  const deliverAll = async (shop: string, deliveries: Delivery[]) => {
    for (const { topic, payload, triggeredAt } of deliveries) {
      const response = await receiveWebhook(
        opened.ingestion,
        signedRequest({ topic, shop, body: serializePayload(payload), triggeredAt }),
      );
      expect(response.status).toBe(200);
    }
  };
  /** A shop's pending events, in trigger order (the order a batch applies a resource's versions in). */
  const eventIdsOf = async (shop: string) =>
    (
      await opened.ingestion.pool.query<{ id: string }>(
        `SELECT id::text FROM webhook_events WHERE shop_domain = $1 AND status = 'pending' ORDER BY triggered_at, id`,
        [shop],
      )
    ).rows.map((row) => row.id);
  /** A table's rows as stored, without what differs between two shops holding the same data. */
  const rowsOf = async (table: string, shop: string) =>
    (
      await opened.ingestion.pool.query<{ row: Payload }>(
        `SELECT row FROM (
           SELECT to_jsonb(t) - ARRAY['id', 'shop_id', 'synced_at', 'order_id', 'customer_id', 'refund_id', 'product_id',
             'created_at', 'write_xid', 'deleted_at'] || jsonb_build_object('deleted', t.deleted_at IS NOT NULL) AS row
           FROM "${table}" t JOIN shops s ON s.id = t.shop_id WHERE s.domain = $1) rows
         ORDER BY row`,
        [shop],
      )
    ).rows.map((row) => row.row);

  it("leaves exactly the rows applying the events one at a time leaves", async () => {
    const deliveries = busyHour();
    await deliverAll("batched.myshopify.com", deliveries);
    await deliverAll("one-by-one.myshopify.com", deliveries);

    const batched = await eventIdsOf("batched.myshopify.com");
    expect(batched).toHaveLength(deliveries.length);
    const outcome = await processWebhookEventBatch(opened.ingestion.pool, batched);
    expect(outcome.oneByOne).toEqual([]);
    expect([...outcome.settled.values()].every((result) => result.outcome === "processed")).toBe(true);
    for (const eventId of await eventIdsOf("one-by-one.myshopify.com")) {
      expect((await processWebhookEvent(opened.ingestion.pool, eventId)).outcome).toBe("processed");
    }

    for (const table of [
      "orders",
      "order_line_items",
      "products",
      "product_variants",
      "customers",
      "inventory_levels",
    ]) {
      const rows = await rowsOf(table, "batched.myshopify.com");
      expect(rows.length, table).toBeGreaterThan(0);
      expect(rows, table).toEqual(await rowsOf(table, "one-by-one.myshopify.com"));
    }
    // And those rows are the newest versions.
    const { rows: orders } = await opened.ingestion.pool.query<{
      note: string;
      financial_status: string;
      live: number;
    }>(
      `SELECT o.note, o.financial_status,
         (SELECT count(*)::int FROM order_line_items i WHERE i.order_id = o.id AND i.deleted_at IS NULL) AS live
       FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = 'batched.myshopify.com'`,
    );
    expect(orders).toHaveLength(12);
    expect(new Set(orders.map((order) => order.note))).toEqual(new Set(["edited"]));
    const { rows: products } = await opened.ingestion.pool.query<{ title: string }>(
      `SELECT DISTINCT p.title FROM products p JOIN shops s ON s.id = p.shop_id WHERE s.domain = 'batched.myshopify.com'`,
    );
    expect(products).toEqual([{ title: "second" }]);
    const { rows: levels } = await opened.ingestion.pool.query<{ available: number }>(
      `SELECT l.available FROM inventory_levels l JOIN shops s ON s.id = l.shop_id
       WHERE s.domain = 'batched.myshopify.com' ORDER BY l.inventory_item_id`,
    );
    expect(levels.map((level) => level.available)).toEqual([20, 21, 22]);
    // Raw columns hold the newest payload exactly (copied from the stored event inside PostgreSQL).
    const edited = deliveries.filter(
      (delivery) => delivery.topic === "orders/updated" && (delivery.payload as { note?: string }).note === "edited",
    );
    expect(edited).toHaveLength(12);
    for (const { payload } of edited) {
      const { rows: raw } = await opened.ingestion.pool.query<{ same: boolean; items: number; live: number }>(
        `SELECT o.raw = $2::jsonb AS same,
           (SELECT count(*)::int FROM order_line_items i WHERE i.order_id = o.id AND i.deleted_at IS NULL
              AND i.raw IN (SELECT jsonb_array_elements($2::jsonb -> 'line_items'))) AS items,
           (SELECT count(*)::int FROM order_line_items i WHERE i.order_id = o.id AND i.deleted_at IS NULL) AS live
         FROM orders o JOIN shops s ON s.id = o.shop_id
         WHERE s.domain = 'batched.myshopify.com' AND o.shopify_id = $1::bigint`,
        [String(payload.id).replace("\u0000", ""), serializePayload(payload)],
      );
      expect(raw).toEqual([{ same: true, items: raw[0]!.live, live: (payload.line_items as unknown[]).length }]);
    }
    // Applying the batch again changes nothing: every event is already processed.
    const again = await processWebhookEventBatch(opened.ingestion.pool, batched);
    expect(new Set([...again.settled.values()].map((result) => result.outcome))).toEqual(new Set(["skipped"]));
  });

  it("settles an unusable payload alone and leaves other topics to the one-at-a-time path", async () => {
    const shop = "mixed-batch.myshopify.com";
    await deliverAll(shop, [
      {
        topic: "orders/create",
        payload: { id: 41, name: "#41", currency: "USD", updated_at: "2026-11-30T10:00:00Z" },
        triggeredAt: new Date(),
      },
      { topic: "orders/create", payload: { name: "#no-id", currency: "USD" }, triggeredAt: new Date() },
      { topic: "customers/delete", payload: { id: 42 }, triggeredAt: new Date() },
    ]);
    const ids = await eventIdsOf(shop);
    const outcome = await processWebhookEventBatch(opened.ingestion.pool, ids);
    expect([...outcome.settled.values()].map((result) => result.outcome).sort()).toEqual(["ignored", "processed"]);
    expect(outcome.oneByOne).toEqual([ids[2]]);
    const { rows } = await opened.ingestion.pool.query<{ status: string; last_error: string | null }>(
      `SELECT status, last_error FROM webhook_events WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    expect(rows.map((row) => row.status)).toEqual(["processed", "ignored", "pending"]);
    expect(rows[1]!.last_error).toMatch(/id/);
  });

  it("applies every other event of a batch whose transaction fails, and fails only the job that broke it", async () => {
    const shop = "failing-batch.myshopify.com";
    const order = (id: number, quantity: number) => ({
      id,
      name: `#${id}`,
      currency: "USD",
      updated_at: "2026-11-30T10:00:00Z",
      line_items: [{ id: id * 10, title: "Cap", quantity, price: "10.00" }],
    });
    // A quantity past PostgreSQL's integer: the database refuses the row, a retry cannot help it alone.
    await deliverAll(shop, [
      { topic: "orders/create", payload: order(51, 1), triggeredAt: new Date() },
      { topic: "orders/create", payload: order(52, 2 ** 40), triggeredAt: new Date() },
      { topic: "orders/create", payload: order(53, 3), triggeredAt: new Date() },
    ]);
    const { boss, pool } = opened.ingestion;
    // The earlier tests' jobs are still queued (their events applied directly): they come out skipped.
    const jobs = await boss.fetch(WEBHOOK_EVENTS_QUEUE, { batchSize: 500, includeMetadata: true });
    expect(jobs.length).toBeGreaterThan(3);
    const applied = await applyWebhookEventJobs(pool, boss, jobs);
    expect(applied.failed.size).toBe(1);
    expect(applied.changed).toContain(shop);
    const { rows } = await pool.query<{ name: string; status: string }>(
      `SELECT payload->>'name' AS name, status FROM webhook_events WHERE shop_domain = $1 ORDER BY id`,
      [shop],
    );
    expect(rows).toEqual([
      { name: "#51", status: "processed" },
      { name: "#52", status: "failed" },
      { name: "#53", status: "processed" },
    ]);
    const failedJob = jobs.find((job) => applied.failed.has(job.id))!;
    expect((failedJob.data as { eventId: string }).eventId).toBe(
      (await pool.query(`SELECT id::text FROM webhook_events WHERE payload->>'name' = '#52'`)).rows[0].id,
    );
  });
});
