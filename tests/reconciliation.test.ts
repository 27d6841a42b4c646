import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { createPool, type Pool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";
import { runReconciliation } from "~/.server/sync/reconcile";
import { shopsDueForReconciliation } from "~/.server/sync/schedule";
import { getSyncStatus, SIXTY_DAY_NOTICE } from "~/.server/sync/status";
import type { RunningSimulator } from "../simulator";
import { SIMULATED_TOPICS, type Topic } from "../simulator/webhooks/topics";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startWebhookEndpoint } from "./support/forward-webhooks";
import { eventually, startTestSimulator, simulatorGraphql } from "./support/simulator";
import { API_KEY, API_SECRET, createTestIngestion, drainQueue, type TestIngestion } from "./support/webhooks";

const SHOP = "reconcile.myshopify.com";

describe("reconciliation repairs what webhooks missed", () => {
  let db: TestDatabase;
  let pool: Pool;
  let ingestion: TestIngestion;
  let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>;
  let sim: RunningSimulator;
  let shopId: string;
  let token: string;

  const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
  const reconcile = () =>
    runReconciliation(pool, createAdminRequest(graphql, new CostLimiter()), shopId, { lookbackMs: 60_000 });
  /** Waits until the simulator has delivered (or dropped) everything, then applies what arrived. */
  const settle = async () => {
    await eventually(() => sim.sim.deliveries.idle);
    await drainQueue(ingestion);
  };
  const one = async (sql: string, ...values: unknown[]) => (await pool.query(sql, [shopId, ...values])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 5);
    ingestion = await createTestIngestion(db.url);
    endpoint = await startWebhookEndpoint(ingestion);
    sim = await startTestSimulator({ app: { apiKey: API_KEY, apiSecret: API_SECRET } });
    sim.sim.subscriptions.setAppConfig([{ topics: [...SIMULATED_TOPICS] as Topic[], uri: endpoint.url }]);
    sim.sim.createShop({ domain: SHOP, counts: { locations: 2, products: 10, customers: 20, orders: 30 } });
    token = sim.sim.install(SHOP, false).accessToken;
    const created = await db.prisma.shop.create({ data: { domain: SHOP, currency: "USD", installedAt: new Date() } });
    shopId = created.id.toString();
    const outcomes = await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), shopId, { pollMs: 20 });
    expect(outcomes.every((outcome) => outcome.status === "succeeded")).toBe(true);
    await settle(); // Whatever the install itself published.
  });
  afterAll(async () => {
    await sim.close();
    await endpoint.close();
    await ingestion.close();
    await pool.end();
    await db.drop();
  });

  it("finds nothing to repair right after the backfill", async () => {
    const outcomes = await reconcile();
    expect(outcomes.map((outcome) => [outcome.resource, outcome.status, outcome.repaired])).toEqual([
      ["products", "succeeded", 0],
      ["inventory", "succeeded", 0],
      ["customers", "succeeded", 0],
      ["orders", "succeeded", 0],
    ]);
  });

  it("repairs updates whose webhooks the simulator's chaos dropped, and only those", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const [order, otherOrder] = [shop.orders.at(0)!, shop.orders.at(1)!];
    const customer = shop.customers.at(0)!;
    const product = [...shop.products.entries()][0]![1];

    sim.sim.deliveries.setChaos({ dropRate: 1 });
    sim.changes.updateOrder(shop, order.id, { note: "changed while webhooks were lost" });
    const { order: newOrder } = sim.changes.createOrder(shop);
    sim.changes.updateCustomer(shop, customer.id, { note: "VIP, set while webhooks were lost" });
    sim.changes.updateProduct(shop, product.id, { title: "Renamed while webhooks were lost" });
    await settle();
    const dropped = sim.sim.deliveries.list().filter((delivery) => delivery.state === "dropped");
    expect(dropped.length).toBeGreaterThanOrEqual(4);
    expect((await one("SELECT note FROM orders WHERE shop_id = $1 AND shopify_id = $2", order.id)).note).not.toBe(
      "changed while webhooks were lost",
    );
    expect(await one("SELECT id FROM orders WHERE shop_id = $1 AND shopify_id = $2", newOrder.id)).toBeUndefined();

    // A change whose webhook did arrive is current already: listed, but not a repair.
    sim.sim.deliveries.setChaos({ dropRate: 0 });
    sim.changes.updateOrder(shop, otherOrder.id, { note: "delivered normally" });
    await settle();
    expect((await one("SELECT note FROM orders WHERE shop_id = $1 AND shopify_id = $2", otherOrder.id)).note).toBe(
      "delivered normally",
    );

    const outcomes = await reconcile();
    const byResource = Object.fromEntries(outcomes.map((outcome) => [outcome.resource, outcome]));
    expect(byResource.orders).toMatchObject({ status: "succeeded", repaired: 2 });
    expect(byResource.orders!.checked).toBeGreaterThanOrEqual(3);
    expect(byResource.customers).toMatchObject({ status: "succeeded", repaired: 1 });
    expect(byResource.products).toMatchObject({ status: "succeeded", repaired: 1 });

    expect((await one("SELECT note FROM orders WHERE shop_id = $1 AND shopify_id = $2", order.id)).note).toBe(
      "changed while webhooks were lost",
    );
    const created = await one(
      `SELECT o.total_price::text AS total, (SELECT count(*)::int FROM order_line_items l WHERE l.order_id = o.id) AS lines
       FROM orders o WHERE o.shop_id = $1 AND o.shopify_id = $2`,
      newOrder.id,
    );
    expect(created.lines).toBe(newOrder.lineItems.length);
    expect((await one("SELECT note FROM customers WHERE shop_id = $1 AND shopify_id = $2", customer.id)).note).toBe(
      "VIP, set while webhooks were lost",
    );
    expect((await one("SELECT title FROM products WHERE shop_id = $1 AND shopify_id = $2", product.id)).title).toBe(
      "Renamed while webhooks were lost",
    );

    // What was repaired is on record, window and all.
    const runs = await pool.query(
      `SELECT resource, rows_repaired::int AS repaired, window_start, window_end FROM sync_runs
       WHERE shop_id = $1 AND kind = 'reconcile' AND status = 'succeeded' ORDER BY id DESC LIMIT 4`,
      [shopId],
    );
    expect(Object.fromEntries(runs.rows.map((run) => [run.resource, run.repaired]))).toEqual({
      products: 1,
      inventory: 0,
      customers: 1,
      orders: 2,
    });
    for (const run of runs.rows) expect(run.window_start.getTime()).toBeLessThan(run.window_end.getTime());

    // The next run starts where this one ended (less the lookback) and has nothing left to repair.
    expect((await reconcile()).map((outcome) => outcome.repaired)).toEqual([0, 0, 0, 0]);
  });

  it("refund line items and big orders come complete through the follow-up queries", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const variants = [...shop.products.entries()].flatMap(([, product]) => product.variants);
    sim.sim.deliveries.setChaos({ dropRate: 1 });
    // More line items than the first page (20) of OrdersById holds.
    const { order } = sim.changes.createOrder(shop, {
      lineItems: variants.slice(0, 30).map((variant) => ({ variantId: variant.id, quantity: 1 })),
    });
    sim.changes.refundOrder(shop, order.id, {
      lineItems: order.lineItems.slice(0, 3).map((item) => ({ lineItemId: item.id, quantity: 1 })),
    });
    await settle();
    sim.sim.deliveries.setChaos({ dropRate: 0 });

    const outcomes = await reconcile();
    expect(outcomes.find((outcome) => outcome.resource === "orders")).toMatchObject({ repaired: 1 });
    const stored = await one(
      `SELECT (SELECT count(*)::int FROM order_line_items l WHERE l.order_id = o.id) AS lines,
              (SELECT count(*)::int FROM refund_line_items r JOIN refunds f ON f.id = r.refund_id WHERE f.order_id = o.id) AS refunded
       FROM orders o WHERE o.shop_id = $1 AND o.shopify_id = $2`,
      order.id,
    );
    expect(stored).toEqual({ lines: Math.min(30, variants.length), refunded: 3 });
    expect(stored.lines).toBeGreaterThan(20); // So the second page was fetched.
  });

  it("reports per-resource sync status, repairs and the 60-day notice", async () => {
    await db.prisma.shop.update({ where: { domain: SHOP }, data: { scopes: "read_products,read_orders" } });
    const status = (await getSyncStatus(db.prisma, SHOP))!;
    expect(status.backfill).toMatchObject({ state: "succeeded" });
    expect(status.backfill.written).toBe(status.backfill.expected);
    const orders = status.resources.find((resource) => resource.resource === "orders")!;
    expect(orders).toMatchObject({ state: "idle", lastError: null, repairedLast24h: 3 });
    expect(orders.rows).toBe(Number((await one("SELECT count(*) AS n FROM orders WHERE shop_id = $1")).n));
    expect(orders.lastRun).toMatchObject({ kind: "reconcile", status: "succeeded" });
    expect(orders.lastSuccessAt).toBeInstanceOf(Date);
    expect(status.notices).toEqual([SIXTY_DAY_NOTICE]);

    // A failed run after the last success shows as failing, with its error.
    await pool.query(
      `INSERT INTO sync_runs (shop_id, kind, resource, status, error, started_at, finished_at)
       VALUES ($1, 'reconcile', 'customers', 'failed', 'Shopify answered 502', now(), now())`,
      [shopId],
    );
    await db.prisma.shop.update({ where: { domain: SHOP }, data: { scopes: "read_orders,read_all_orders" } });
    const after = (await getSyncStatus(db.prisma, SHOP))!;
    expect(after.resources.find((resource) => resource.resource === "customers")).toMatchObject({
      state: "failing",
      lastError: { message: "Shopify answered 502" },
    });
    expect(after.notices).toEqual([]);
    expect(await getSyncStatus(db.prisma, "other-shop.myshopify.com")).toBeNull();
  });

  it("schedules a shop once its backfill finished and its interval has passed", async () => {
    // It was reconciled moments ago: not due within an hour, due when the interval is shorter than that.
    expect(await shopsDueForReconciliation(pool, 60)).toEqual([]);
    await pool.query("UPDATE sync_runs SET started_at = started_at - interval '2 hours' WHERE shop_id = $1", [shopId]);
    expect(await shopsDueForReconciliation(pool, 60)).toEqual([SHOP]);
    await db.prisma.shop.update({ where: { domain: SHOP }, data: { needsReauthAt: new Date() } });
    expect(await shopsDueForReconciliation(pool, 60)).toEqual([]);
  });
});
