import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import type { Pool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";
import type { RunningSimulator } from "../simulator";
import { orderTotals } from "../simulator/shop/order-totals";
import type { SimulatedShop } from "../simulator/shop/shop";
import type { TestDatabase } from "./support/database";
import { closeSimulatedShop, openSimulatedShop } from "./support/simulated-shop";
import { simulatorGraphql } from "./support/simulator";

const SHOP = "backfill.myshopify.com";

describe("backfill through bulk operations", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let shopId: string;
  let token: string;

  beforeAll(async () => {
    ({ db, pool, sim, shop, shopId, token } = await openSimulatedShop({
      domain: SHOP,
      currency: "EUR",
      plan: "Plus",
      counts: { locations: 3, products: 40, customers: 120, orders: 400 },
    }));
  });
  afterAll(() => closeSimulatedShop({ db, pool, sim }));

  const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
  const count = async (sql: string) => Number((await pool.query(sql, [shopId])).rows[0].n);

  it("ends with the simulator's row counts and totals, and a sync run per resource", async () => {
    const outcomes = await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), shopId, { pollMs: 20 });
    expect(outcomes.map((outcome) => [outcome.resource, outcome.status])).toEqual([
      ["locations", "succeeded"],
      ["products", "succeeded"],
      ["inventory", "succeeded"],
      ["customers", "succeeded"],
      ["orders", "succeeded"],
    ]);

    const orders = [...shop.orders.entries()].map(([, order]) => order);
    const products = [...shop.products.entries()].map(([, product]) => product);
    const variants = products.flatMap((product) => product.variants);
    expect(await count("SELECT count(*) AS n FROM orders WHERE shop_id = $1")).toBe(orders.length);
    expect(await count("SELECT count(*) AS n FROM order_line_items WHERE shop_id = $1")).toBe(
      orders.reduce((sum, order) => sum + order.lineItems.length, 0),
    );
    expect(await count("SELECT count(*) AS n FROM refunds WHERE shop_id = $1")).toBe(
      orders.reduce((sum, order) => sum + order.refunds.length, 0),
    );
    // Refund line items cannot be bulk-nested; the backfill fetches them per batch.
    const refundLineItems = orders.reduce(
      (sum, order) => sum + order.refunds.reduce((inner, refund) => inner + refund.lineItems.length, 0),
      0,
    );
    expect(refundLineItems).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM refund_line_items WHERE shop_id = $1")).toBe(refundLineItems);
    expect(await count("SELECT count(*) AS n FROM customers WHERE shop_id = $1")).toBe(shop.customers.length);
    expect(await count("SELECT count(*) AS n FROM products WHERE shop_id = $1")).toBe(products.length);
    expect(await count("SELECT count(*) AS n FROM product_variants WHERE shop_id = $1")).toBe(variants.length);
    expect(await count("SELECT count(*) AS n FROM inventory_items WHERE shop_id = $1")).toBe(variants.length);
    expect(await count("SELECT count(*) AS n FROM locations WHERE shop_id = $1")).toBe(3);
    expect(await count("SELECT count(*) AS n FROM inventory_levels WHERE shop_id = $1")).toBe(
      variants.reduce((sum, variant) => sum + shop.inventoryLevels(variant.inventoryItemId).length, 0),
    );
    // On hand and committed come from the Admin API's quantities (webhooks carry only available).
    expect(
      await count(
        "SELECT count(*) AS n FROM inventory_levels WHERE shop_id = $1 AND (on_hand IS NULL OR committed IS NULL)",
      ),
    ).toBe(0);
    // A variant's stock is the sum of its levels.
    expect(
      await count(`SELECT count(*) AS n FROM product_variants v WHERE v.shop_id = $1 AND v.inventory_quantity IS DISTINCT FROM
        (SELECT sum(l.available)::int FROM inventory_levels l WHERE l.shop_id = v.shop_id AND l.inventory_item_id = v.inventory_item_id)
        AND EXISTS (SELECT 1 FROM inventory_levels l WHERE l.shop_id = v.shop_id AND l.inventory_item_id = v.inventory_item_id)`),
    ).toBe(0);

    // Money totals, exact: computed from the simulator's records, not from what was stored.
    const cents = (sql: string) => count(sql.replace("SUM(", "round(100 * SUM(").replace(") AS n", ")) AS n"));
    expect(await cents("SELECT SUM(total_price) AS n FROM orders WHERE shop_id = $1")).toBe(
      orders.reduce((sum, order) => sum + orderTotals(order).totalCents, 0),
    );
    expect(await cents("SELECT SUM(total_refunded) AS n FROM orders WHERE shop_id = $1")).toBe(
      orders.reduce((sum, order) => sum + orderTotals(order).refundedCents, 0),
    );
    // Line items link to their orders, orders to their customers (guests excepted).
    expect(await count("SELECT count(*) AS n FROM order_line_items WHERE shop_id = $1 AND order_id IS NULL")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM orders WHERE shop_id = $1 AND customer_id IS NOT NULL")).toBe(
      orders.filter((order) => order.customerId !== null).length,
    );

    const runs = await pool.query(
      "SELECT resource, status, object_count::int AS objects, rows_written::int AS written FROM sync_runs WHERE shop_id = $1 AND kind = 'backfill' ORDER BY resource",
      [shopId],
    );
    expect(runs.rows).toHaveLength(5);
    for (const run of runs.rows) {
      expect(run.status).toBe("succeeded");
      expect(run.written).toBe(run.objects);
    }
  });

  it("never overwrites a newer webhook row with older backfill data", async () => {
    const [, order] = shop.orders.entries().next().value!;
    await pool.query(
      "UPDATE orders SET note = 'from a newer webhook', updated_at = updated_at + interval '1 day' WHERE shop_id = $1 AND shopify_id = $2",
      [shopId, order.id],
    );
    await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), shopId, {
      pollMs: 20,
      resources: ["orders"],
    });
    const { rows } = await pool.query("SELECT note FROM orders WHERE shop_id = $1 AND shopify_id = $2", [
      shopId,
      order.id,
    ]);
    expect(rows[0].note).toBe("from a newer webhook");
  });

  it("retries a bulk operation that Shopify fails, and records the attempts", async () => {
    let failed = 0;
    // The first status poll answers FAILED / INTERNAL_SERVER_ERROR, as Shopify does when an operation breaks.
    const failingOnce = async (query: string, options?: { variables?: Record<string, unknown> }) => {
      const response = await graphql(query, options);
      if (failed > 0 || !query.includes("query BulkOperationStatus")) return response;
      const body = (await response.json()) as { data: { bulkOperation: Record<string, unknown> } };
      body.data.bulkOperation = {
        ...body.data.bulkOperation,
        status: "FAILED",
        errorCode: "INTERNAL_SERVER_ERROR",
        url: null,
      };
      failed += 1;
      return Response.json(body);
    };
    const [outcome] = await runBackfill(pool, createAdminRequest(failingOnce, new CostLimiter()), shopId, {
      pollMs: 20,
      retryDelayMs: 10,
      resources: ["orders"],
    });
    expect(failed).toBe(1);
    expect(outcome).toMatchObject({ resource: "orders", status: "succeeded" });
    const run = await pool.query(
      "SELECT attempts, status, error FROM sync_runs WHERE shop_id = $1 AND kind = 'backfill' AND resource = 'orders' ORDER BY id DESC LIMIT 1",
      [shopId],
    );
    expect(run.rows[0]).toEqual({ attempts: 2, status: "succeeded", error: null });
  });
});
