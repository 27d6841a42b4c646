// One order, product and customer of a simulated shop, stored once from its
// webhook payload and once from the Admin GraphQL shape (what backfill and
// reconciliation read): every column of every row must be equal, except the
// raw copies, the database's own keys and the time of writing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { CUSTOMERS_BY_ID, ORDERS_BY_ID, PRODUCTS_BY_ID } from "~/.server/admin-api/documents/reconcile";
import { createPool, inTransaction, type Pool } from "~/.server/database/pool";
import { RESOURCE_WRITERS, type WriteContext } from "~/.server/store";
import { parseShopifyJson, type Payload } from "~/.server/normalize";
import { customerFromGraphql, orderFromGraphql, productFromGraphql, type Node } from "~/.server/normalize/graphql";
import { allNodes, fetchRefundDetails, refundIdsOf, type Connection } from "~/.server/sync/graphql-pages";
import { ORDER_LINE_ITEMS_PAGE, PRODUCT_VARIANTS_PAGE } from "~/.server/admin-api/documents/reconcile";
import type { RunningSimulator } from "../simulator";
import { customerPayload, orderPayload, productPayload, serializePayload } from "../simulator/webhooks/payloads";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestSimulator, simulatorGraphql } from "./support/simulator";

const SHOP = "parity.myshopify.com";

/** Columns that differ by construction: the copy as received, keys of this database, when it was written. */
// write_xid is the writing transaction (the analyst API's cursor): two writes never share it.
const NOT_COMPARED = new Set(["id", "shop_id", "raw", "synced_at", "created_in_db_at", "inserted_at", "write_xid"]);
/** Internal foreign keys (their Shopify ids, `*_shopify_id`, are compared). */
const INTERNAL_KEYS = new Set(["order_id", "customer_id", "product_id", "refund_id"]);

describe("webhook and GraphQL shapes store identical rows", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let token: string;
  const shopIds: Record<"webhook" | "graphql", string> = { webhook: "", graphql: "" };

  const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
  const request = () => createAdminRequest(graphql, new CostLimiter());
  const write = (path: "webhook" | "graphql", apply: (context: WriteContext) => Promise<unknown>) =>
    inTransaction(pool, (client) => apply({ client, shopId: shopIds[path], shopCurrency: "EUR" }));
  /** A webhook body as Shopify sends it, parsed as ingestion parses it (64-bit ids exact). */
  const asDelivered = (payload: unknown) => parseShopifyJson(serializePayload(payload)) as Payload;
  const byId = async (document: string, id: string) =>
    (await request()<{ nodes: Node[] }>(document, { ids: [id] })).nodes[0]!;

  async function rows(table: string, path: "webhook" | "graphql") {
    const { rows } = await pool.query(`SELECT * FROM ${table} WHERE shop_id = $1 ORDER BY shopify_id`, [shopIds[path]]);
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).filter(([column]) => !NOT_COMPARED.has(column) && !INTERNAL_KEYS.has(column)),
      ),
    );
  }
  async function expectSameRows(table: string) {
    const [fromWebhook, fromGraphql] = [await rows(table, "webhook"), await rows(table, "graphql")];
    expect(fromWebhook.length, `${table} rows`).toBeGreaterThan(0);
    expect(fromGraphql, table).toEqual(fromWebhook);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 4);
    sim = await startTestSimulator();
    sim.sim.createShop({
      domain: SHOP,
      currency: "EUR",
      counts: { locations: 2, products: 8, customers: 30, orders: 300 },
    });
    token = sim.sim.install(SHOP, false).accessToken;
    for (const path of ["webhook", "graphql"] as const) {
      const shop = await db.prisma.shop.create({ data: { domain: `${path}-${SHOP}`, currency: "EUR" } });
      shopIds[path] = shop.id.toString();
    }
  });
  afterAll(async () => {
    await pool.end();
    await sim.close();
    await db.drop();
  });

  it("a product with its variants", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const product = [...shop.products.entries()].map(([, record]) => record).find((p) => p.variants.length > 1)!;
    await write("webhook", (context) =>
      RESOURCE_WRITERS.products([asDelivered(productPayload(shop, product))], context),
    );
    const node = await byId(PRODUCTS_BY_ID, `gid://shopify/Product/${product.id}`);
    const variants = await allNodes(
      request(),
      PRODUCT_VARIANTS_PAGE,
      String(node.id),
      "variants",
      node.variants as Connection,
    );
    await write("graphql", (context) => RESOURCE_WRITERS.products([productFromGraphql(node, variants)], context));
    await expectSameRows("products");
    await expectSameRows("product_variants");
  });

  it("a customer with addresses and consent", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const customer = shop.customers.at(3)!;
    const node = await byId(CUSTOMERS_BY_ID, `gid://shopify/Customer/${customer.id}`);
    await write("graphql", (context) => RESOURCE_WRITERS.customers([customerFromGraphql(node)], context));
    // Since 2026-07 the webhook leaves out tags, order statistics and marketing consent: over a row the
    // backfill wrote, it changes what it carries to the same values and leaves the rest as it was.
    await write("webhook", (context) => RESOURCE_WRITERS.customers([customerFromGraphql(node)], context));
    const payload = asDelivered(customerPayload(shop, customer));
    expect(Object.keys(payload)).not.toContain("tags");
    await write("webhook", (context) => RESOURCE_WRITERS.customers([payload], context));
    await expectSameRows("customers");
    const [stored] = await rows("customers", "webhook");
    expect(stored!.tags).toEqual(customer.tags);
    expect(stored!.orders_count).not.toBeNull();
  });

  it("an order with line items, a refund with its line items, discounts, shipping and tax", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const orders = Array.from({ length: 300 }, (_, index) => shop.orders.at(index)!);
    // An order that exercises every JSON column: refunded line items, a discount code, shipping and tax.
    const order = orders.find((o) => o.refunds.some((refund) => refund.lineItems.length) && o.discountCodes.length)!;
    expect(order).toBeDefined();
    await write("webhook", (context) => RESOURCE_WRITERS.orders([asDelivered(orderPayload(shop, order))], context));
    const node = await byId(ORDERS_BY_ID, `gid://shopify/Order/${order.id}`);
    const lineItems = await allNodes(
      request(),
      ORDER_LINE_ITEMS_PAGE,
      String(node.id),
      "lineItems",
      node.lineItems as Connection,
    );
    const refunds = await fetchRefundDetails(request(), refundIdsOf([node]));
    await write("graphql", (context) => RESOURCE_WRITERS.orders([orderFromGraphql(node, lineItems, refunds)], context));
    for (const table of ["orders", "order_line_items", "refunds", "refund_line_items"]) await expectSameRows(table);
    const [stored] = await rows("orders", "graphql");
    expect(stored!.discount_codes).not.toEqual([]);
    expect(stored!.shipping_lines).not.toEqual([]);
    expect(stored!.tax_lines).not.toEqual([]);
    // The 2026 fields both paths carry: current shipping, duties (none here), the tax exemption.
    expect(stored!.current_shipping).not.toBeNull();
    expect(stored!.current_total_duties).toBeNull();
    expect(stored!.tax_exempt).toBe(false);
    expect((await rows("refunds", "graphql"))[0]!.transactions).not.toEqual([]);
  });
});
