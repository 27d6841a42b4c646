// A shop whose app is not approved for some protected customer fields: Shopify
// fails the bulk queries for customers and orders with ACCESS_DENIED and
// answers ordinary queries with those fields null and an ACCESS_DENIED error
// each. The backfill still loads every customer and order (page by page),
// without the withheld fields and with every figure; Sync health says which
// fields are withheld and why; once approved, a backfill fills them in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import type { Pool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";
import { runReconciliation } from "~/.server/sync/reconcile";
import { getSyncStatus, WITHHELD_FIELDS_ACTION } from "~/.server/sync/status";
import { recordWithheldFields, WithheldFields } from "~/.server/sync/withheld-fields";
import type { RunningSimulator } from "../simulator";
import { orderTotals } from "../simulator/shop/order-totals";
import type { SimulatedShop } from "../simulator/shop/shop";
import type { TestDatabase } from "./support/database";
import { closeSimulatedShop, openSimulatedShop } from "./support/simulated-shop";
import { simulatorGraphql } from "./support/simulator";

const SHOP = "withheld-fields.myshopify.com";

describe("protected customer fields Shopify withholds", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let shopId: string;
  let token: string;

  beforeAll(async () => {
    ({ db, pool, sim, shop, shopId, token } = await openSimulatedShop(
      {
        domain: SHOP,
        currency: "EUR",
        counts: { locations: 2, products: 10, customers: 40, orders: 90 },
      },
      { app: { protectedCustomerData: { fields: ["name"] } } },
    ));
  });
  afterAll(() => closeSimulatedShop({ db, pool, sim }));

  const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
  const backfill = async () => {
    const withheld = new WithheldFields();
    const request = createAdminRequest(graphql, new CostLimiter(), { onWithheld: withheld.add });
    const outcomes = await runBackfill(pool, request, shopId, { pollMs: 20, retryDelayMs: 10 });
    await recordWithheldFields(db.prisma, BigInt(shopId), withheld, true);
    return outcomes;
  };
  const one = async <T>(sql: string) => (await pool.query(sql, [shopId])).rows[0] as T;

  it("loads every customer and order without the withheld fields, figures intact, and says so", async () => {
    const outcomes = await backfill();
    expect(outcomes.map((outcome) => [outcome.resource, outcome.status])).toEqual([
      ["locations", "succeeded"],
      ["products", "succeeded"],
      ["inventory", "succeeded"],
      ["customers", "succeeded"],
      ["orders", "succeeded"],
    ]);
    const orders = [...shop.orders.entries()].map(([, order]) => order);
    const customers = await one<{ n: string; emails: string; phones: string; addresses: string; names: string }>(
      `SELECT count(*) AS n, count(email) AS emails, count(phone) AS phones, count(default_address) AS addresses,
              count(first_name) AS names
       FROM customers WHERE shop_id = $1`,
    );
    expect(customers).toEqual({
      n: String(shop.customers.length),
      emails: "0",
      phones: "0",
      addresses: "0",
      names: String(shop.customers.length), // Approved: stored.
    });
    const stored = await one<{ n: string; emails: string; shipping: string; total: string; lines: string }>(
      `SELECT count(*) AS n, count(email) AS emails, count(shipping_address) AS shipping,
              sum(total_price)::text AS total,
              (SELECT count(*) FROM order_line_items i WHERE i.shop_id = $1) AS lines
       FROM orders WHERE shop_id = $1`,
    );
    expect(stored).toMatchObject({ n: String(orders.length), emails: "0", shipping: "0" });
    expect(Number(stored.lines)).toBe(orders.reduce((sum, order) => sum + order.lineItems.length, 0));
    const expectedTotal = orders.reduce((sum, order) => sum + orderTotals(order).totalCents, 0) / 100;
    expect(Number(stored.total)).toBeCloseTo(expectedTotal, 2);
    const customersRun = await one<{ note: string; object_count: string }>(
      `SELECT note, object_count FROM sync_runs WHERE shop_id = $1 AND kind = 'backfill' AND resource = 'customers'`,
    );
    expect(customersRun.note).toMatch(/denied the bulk query.*page by page/);
    expect(Number(customersRun.object_count)).toBe(shop.customers.length);

    const status = await getSyncStatus(db.prisma, SHOP);
    expect(status!.withheldFields).toEqual({
      fields: ["email", "phone", "address"],
      message: expect.stringMatching(/^This app is not approved to use the \w+ field\./),
      at: expect.any(String),
      action: WITHHELD_FIELDS_ACTION,
    });
  });

  it("keeps reconciling customers and orders while fields are withheld", async () => {
    const customer = shop.customers.at(3)!;
    sim.changes.updateCustomer(shop, customer.id, { note: "changed while withheld" });
    const withheld = new WithheldFields();
    const outcomes = await runReconciliation(
      pool,
      createAdminRequest(graphql, new CostLimiter(), { onWithheld: withheld.add }),
      shopId,
      { resources: ["customers"], lookbackMs: 60_000 },
    );
    expect(outcomes).toEqual([expect.objectContaining({ resource: "customers", status: "succeeded", repaired: 1 })]);
    expect(withheld.toJSON().fields).toEqual(["email", "phone", "address"]);
    const row = await one<{ note: string; email: string | null }>(
      `SELECT note, email FROM customers WHERE shop_id = $1 AND shopify_id = ${customer.id}`,
    );
    expect(row).toEqual({ note: "changed while withheld", email: null });
  });

  it("fills the fields in once Shopify approves them, and the notice goes", async () => {
    sim.sim.protectedCustomerData.update({ fields: ["name", "email", "phone", "address"] });
    await backfill();
    const customers = await one<{ n: string; emails: string }>(
      `SELECT count(*) AS n, count(email) AS emails FROM customers WHERE shop_id = $1`,
    );
    const withEmail = [...shop.customers.entries()].filter(([, customer]) => customer.email !== null).length;
    expect(withEmail).toBeGreaterThan(0);
    expect(customers).toEqual({ n: String(shop.customers.length), emails: String(withEmail) });
    expect((await getSyncStatus(db.prisma, SHOP))!.withheldFields).toBeNull();
  });
});
