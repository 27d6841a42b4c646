// GDPR compliance topics, checked against the database catalogue rather than
// a hand-kept list of columns: after customers/redact no text, json or jsonb
// column of any table (a table added later included) holds the customer's
// email, phone, names or street; after shop/redact no table holds a row of
// the shop, and the job queue names it nowhere.
import { describe, expect, it } from "vitest";
import { enqueueShopBackfill } from "~/.server/jobs";
import { receiveWebhook } from "~/.server/ingestion";
import { drainQueue, signedRequest, useIngestionDatabase } from "./support/webhooks";

const SHOP = "compliance.myshopify.com";
const CUSTOMER = 620000000000001n;
const ORDER = 620000000000101n;
const OTHER_CUSTOMER = 620000000000002n;
const OTHER_ORDER = 620000000000102n;
const PII = ["zelda.quimby@example.com", "5557654321", "Zelda", "Quimby", "Evergreen"];

const address = `{"first_name":"Zelda","last_name":"Quimby","address1":"742 Evergreen Terrace","city":"Springfield","zip":"49007","country":"US","phone":"+15557654321"}`;

const customerPayload = (id: bigint, email: string, first: string, last: string, extra = "") =>
  `{"id":${id},"admin_graphql_api_id":"gid://shopify/Customer/${id}","email":"${email}","first_name":"${first}",` +
  `"last_name":"${last}","state":"enabled","tags":"","created_at":"2026-05-01T00:00:00Z","updated_at":"2026-05-01T00:00:00Z"${extra}}`;

const orderPayload = (id: bigint, customer: string, extra = "", engraving = "For Zelda Quimby") =>
  `{"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}","name":"#${String(id).slice(-4)}","order_number":${Number(String(id).slice(-4))},` +
  `"currency":"USD","subtotal_price":"50.00","total_price":"55.00","total_tax":"5.00","total_discounts":"0.00",` +
  `"financial_status":"paid","fulfillment_status":null,"customer":${customer},"processed_at":"2026-05-02T00:00:00Z",` +
  `"created_at":"2026-05-02T00:00:00Z","updated_at":"2026-05-02T00:00:00Z",` +
  `"line_items":[{"id":${id}1,"admin_graphql_api_id":"gid://shopify/LineItem/${id}1","title":"Kite","quantity":1,"price":"50.00",` +
  `"sku":"KITE-1","product_id":null,"variant_id":null,"properties":[{"name":"Engraving","value":"${engraving}"}]}]${extra}}`;

describe("compliance topics erase what they must, wherever it is stored", () => {
  const opened = useIngestionDatabase();
  const deliver = async (shop: string, topic: string, body: string) => {
    const response = await receiveWebhook(opened.ingestion, signedRequest({ topic, shop, body }));
    expect([topic, response.status]).toEqual([topic, 200]);
  };

  /** Every text, json, jsonb and text[] column of every table outside PostgreSQL's own schemas that holds `needle`. */
  async function columnsHolding(needle: string): Promise<string[]> {
    const { rows: columns } = await opened.ingestion.pool.query<{ schema: string; table: string; column: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
         AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar'))`,
    );
    expect(columns.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const { schema, table, column } of columns) {
      const { rows } = await opened.ingestion.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`,
        [needle],
      );
      if (rows[0]!.n > 0) found.push(`${schema}.${table}.${column} (${rows[0]!.n})`);
    }
    return found;
  }

  it("customers/redact leaves none of the customer's email, phone, names or street in any column of any table", async () => {
    const zelda = customerPayload(
      CUSTOMER,
      "zelda.quimby@example.com",
      "Zelda",
      "Quimby",
      `,"phone":"+15557654321","note":"Prefers 742 Evergreen Terrace","addresses":[${address}],"default_address":${address}`,
    );
    const other = customerPayload(OTHER_CUSTOMER, "otto.other@example.com", "Otto", "Other");
    await deliver(SHOP, "customers/create", zelda);
    await deliver(SHOP, "customers/create", other);
    await deliver(
      SHOP,
      "orders/create",
      orderPayload(
        ORDER,
        zelda,
        `,"email":"zelda.quimby@example.com","phone":"+15557654321","billing_address":${address},"shipping_address":${address},` +
          `"note":"Call +15557654321 at the door","note_attributes":[{"name":"gift_to","value":"Zelda Quimby, 742 Evergreen Terrace"}]`,
      ),
    );
    await deliver(
      SHOP,
      "orders/create",
      orderPayload(OTHER_ORDER, other, `,"email":"otto.other@example.com"`, "For Otto"),
    );
    await deliver(
      SHOP,
      "refunds/create",
      `{"id":620000000000201,"admin_graphql_api_id":"gid://shopify/Refund/620000000000201","order_id":${ORDER},` +
        `"note":"Refunded to zelda.quimby@example.com","created_at":"2026-05-03T00:00:00Z","processed_at":"2026-05-03T00:00:00Z",` +
        `"transactions":[{"id":1,"kind":"refund","status":"success","amount":"10.00","currency":"USD","receipt":{"payer":"Zelda Quimby"}}],` +
        `"refund_line_items":[{"id":620000000000301,"line_item_id":${ORDER}1,"quantity":1,"restock_type":"return","subtotal":"10.00",` +
        `"total_tax":"0.00","line_item":{"id":${ORDER}1,"properties":[{"name":"Engraving","value":"For Zelda Quimby"}]}}]}`,
    );
    await deliver(
      SHOP,
      "carts/create",
      `{"id":"cart-7f3a","token":"cart-7f3a","note":"Ship to 742 Evergreen Terrace, zelda.quimby@example.com",` +
        `"line_items":[{"id":1,"title":"Kite","quantity":1,"price":"50.00","properties":{"To":"Zelda Quimby"}}],` +
        `"created_at":"2026-05-01T00:00:00Z","updated_at":"2026-05-01T00:00:00Z"}`,
    );
    await deliver(
      SHOP,
      "customers/data_request",
      `{"shop_id":1,"shop_domain":"${SHOP}","customer":{"id":${CUSTOMER},"email":"zelda.quimby@example.com","phone":"+15557654321"},` +
        `"orders_requested":[${ORDER}],"data_request":{"id":9999}}`,
    );
    await drainQueue(opened.ingestion);
    // The home page's stored figures, as a merchant opening the app leaves them.
    const shop = await opened.db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await opened.db.prisma.dashboardSnapshot.create({
      data: {
        shopId: shop.id,
        kind: "7d",
        day: "2026-05-03",
        data: { recentOrders: [{ name: "#0101", customer: "Zelda Quimby" }] },
        computedAt: new Date(),
        durationMs: 5,
      },
    });
    // Before: the data really is in many places, or the search below would prove nothing.
    expect((await columnsHolding("Quimby")).length).toBeGreaterThan(8);

    await deliver(
      SHOP,
      "customers/redact",
      `{"shop_id":1,"shop_domain":"${SHOP}","customer":{"id":${CUSTOMER},"email":"zelda.quimby@example.com","phone":"+15557654321"},` +
        `"orders_to_redact":[${ORDER}]}`,
    );
    await drainQueue(opened.ingestion);

    for (const needle of PII) expect([needle, await columnsHolding(needle)]).toEqual([needle, []]);

    // Ids, money and dates stay: the merchant's figures do not change.
    const order = await opened.db.prisma.order.findFirstOrThrow({
      where: { shopifyId: ORDER },
      include: { lineItems: true, refunds: true },
    });
    expect(order.totalPrice?.toFixed(2)).toBe("55.00");
    expect(order.customerShopifyId).toBe(CUSTOMER);
    expect(order.processedAt).toEqual(new Date("2026-05-02T00:00:00Z"));
    expect(order.lineItems.map((item) => [item.quantity, item.price?.toFixed(2)])).toEqual([[1, "50.00"]]);
    expect(order.refunds.map((refund) => refund.totalRefunded?.toFixed(2))).toEqual(["10.00"]);
    // The data request keeps only its ids and dates.
    const request = await opened.db.prisma.customerDataRequest.findFirstOrThrow({
      where: { customerShopifyId: CUSTOMER },
    });
    expect(request.ordersRequested).toEqual([ORDER]);
    expect(request.requestedAt).toBeInstanceOf(Date);
    // Another customer of the shop keeps everything.
    expect(await columnsHolding("otto.other@example.com")).toEqual(
      expect.arrayContaining(["public.customers.email (1)", "public.orders.email (1)"]),
    );
  });

  it("shop/redact deletes the shop's rows from every table with a shop_id, and the queue's jobs naming it", async () => {
    const domain = "erased.myshopify.com";
    await deliver(domain, "customers/create", customerPayload(630000000000001n, "e@example.com", "Erin", "Quill"));
    await deliver(domain, "orders/create", orderPayload(630000000000101n, "null", "", "For Erin"));
    await drainQueue(opened.ingestion);
    const shop = await opened.db.prisma.shop.findUniqueOrThrow({ where: { domain } });
    await opened.db.prisma.dashboardSnapshot.create({
      data: { shopId: shop.id, kind: "overview", day: "2026-05-03", data: {}, computedAt: new Date(), durationMs: 1 },
    });
    await opened.db.prisma.customerDataRequest.create({
      data: { shopId: shop.id, email: "e@example.com", requestPayload: {} },
    });
    await enqueueShopBackfill(opened.ingestion.boss, domain);
    // A delivery still waiting for the worker when the shop is erased.
    await deliver(domain, "customers/update", customerPayload(630000000000001n, "e@example.com", "Erin", "Later"));

    const { rows: tables } = await opened.ingestion.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'shop_id'`,
    );
    expect(tables.length).toBeGreaterThan(12);
    const rowsOfShop = async () => {
      const counts: Record<string, number> = {};
      for (const { table_name: table } of tables) {
        const { rows } = await opened.ingestion.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE shop_id = $1`,
          [shop.id.toString()],
        );
        if (rows[0]!.n > 0) counts[table] = rows[0]!.n;
      }
      return counts;
    };
    expect(Object.keys(await rowsOfShop()).sort()).toEqual([
      "customer_data_requests",
      "customers",
      "dashboard_snapshots",
      "order_line_items",
      "orders",
      "webhook_events",
    ]);

    await deliver(domain, "shop/redact", `{"shop_id":2,"shop_domain":"${domain}"}`);
    await drainQueue(opened.ingestion);

    // Only the shop/redact event itself stays, as the record that it happened, and the request that
    // carries it to the S3 snapshots (the shop's prefix is deleted: s3-snapshots.test.ts).
    expect(await rowsOfShop()).toEqual({ webhook_events: 1, snapshot_redactions: 1 });
    const request = await opened.ingestion.pool.query(
      `SELECT kind, customer_ids, email_sha256 FROM snapshot_redactions WHERE shop_domain = $1`,
      [domain],
    );
    expect(request.rows).toEqual([{ kind: "shop", customer_ids: null, email_sha256: null }]);
    const jobs = await opened.ingestion.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'shopDomain' = $1`,
      [domain],
    );
    expect(jobs.rows[0]!.n).toBe(0);
    expect(await columnsHolding("Quill")).toEqual([]);
  });
});
