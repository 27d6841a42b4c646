import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhook } from "~/.server/ingestion";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { createTestIngestion, drainQueue, signedRequest, type TestIngestion } from "./support/webhooks";

const SHOP = "ingest.myshopify.com";
const product = (id: string, updatedAt: string, title = "Widget") =>
  `{"id":${id},"title":"${title}","handle":"widget","vendor":"Acme","product_type":"Tools","status":"active","tags":"a, b",` +
  `"created_at":"2026-01-01T00:00:00-00:00","updated_at":"${updatedAt}","admin_graphql_api_id":"gid://shopify/Product/${id}",` +
  `"variants":[{"id":${id}1,"product_id":${id},"title":"Default Title","price":"19.99","sku":"W-1","inventory_item_id":${id}2,"updated_at":"${updatedAt}"}],"options":[]}`;

describe("POST /webhooks", () => {
  let db: TestDatabase;
  let ingestion: TestIngestion;
  const post = (request: Request) => receiveWebhook(ingestion, request);

  beforeAll(async () => {
    db = await createTestDatabase();
    ingestion = await createTestIngestion(db.url);
  });
  afterAll(async () => {
    await ingestion.close();
    await db.drop();
  });

  it("stores a signed delivery with its headers and enqueues it; a redelivery is stored once and processed once", async () => {
    const body = product("820982911946154508", "2026-02-01T00:00:00-00:00");
    const first = signedRequest({ topic: "products/create", shop: SHOP, body, webhookId: "dup-1", eventId: "event-1" });
    expect((await post(first)).status).toBe(200);
    expect((await post(signedRequest({ topic: "products/create", shop: SHOP, body, webhookId: "dup-1" }))).status).toBe(
      200,
    );
    const events = await db.prisma.webhookEvent.findMany({ where: { webhookId: "dup-1" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: "products/create",
      shopDomain: SHOP,
      eventId: "event-1",
      apiVersion: "2026-10",
      status: "pending",
    });
    expect(events[0]!.triggeredAt).toBeInstanceOf(Date);

    expect(await drainQueue(ingestion)).toBe(1);
    const stored = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "dup-1" } });
    expect(stored).toMatchObject({ status: "processed", attempts: 1 });
    // The shop had no row: the delivery created it.
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const row = await db.prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId: shop.id, shopifyId: 820982911946154508n } },
    });
    expect(row).toMatchObject({ title: "Widget", tags: ["a", "b"], status: "active" });
    const variant = await db.prisma.productVariant.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(variant.shopifyId).toBe(8209829119461545081n);
    expect(variant.productId).toBe(row.id);
    expect(variant.price?.toString()).toBe("19.99");
  });

  it("answers 401 and stores nothing for a missing or wrong HMAC, compliance topics included", async () => {
    const body = `{"shop_id":1,"shop_domain":"${SHOP}"}`;
    const forged = signedRequest({
      topic: "shop/redact",
      shop: SHOP,
      body,
      webhookId: "forged",
      secret: "not-the-secret",
    });
    expect((await post(forged)).status).toBe(401);
    const unsigned = signedRequest({ topic: "shop/redact", shop: SHOP, body, webhookId: "unsigned", hmac: null });
    expect((await post(unsigned)).status).toBe(401);
    expect(await db.prisma.webhookEvent.count({ where: { webhookId: { in: ["forged", "unsigned"] } } })).toBe(0);
  });

  it("answers 413 over the body limit and 400 for malformed JSON, storing nothing", async () => {
    const small = await createTestIngestion(db.url, { maxBodyBytes: 1_000_000 });
    try {
      const big = `{"id":1,"note":"${"x".repeat(1_100_000)}"}`;
      expect(
        (
          await receiveWebhook(
            small,
            signedRequest({ topic: "orders/create", shop: SHOP, body: big, webhookId: "big" }),
          )
        ).status,
      ).toBe(413);
    } finally {
      await small.close();
    }
    const broken = signedRequest({ topic: "orders/create", shop: SHOP, body: '{"id": 1,', webhookId: "broken" });
    const response = await post(broken);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "the body is not valid JSON" });
    expect(await db.prisma.webhookEvent.count({ where: { webhookId: { in: ["big", "broken"] } } })).toBe(0);
  });

  it("accepts a multi-megabyte order under the default limit", async () => {
    const lines = Array.from(
      { length: 4000 },
      (_, k) =>
        `{"id":91000000000${String(k).padStart(5, "0")},"title":"Line ${k} ${"y".repeat(800)}","quantity":1,"price":"1.00"}`,
    );
    const body = `{"id":9000000000000001,"name":"#1","currency":"USD","updated_at":"2026-03-01T00:00:00Z","line_items":[${lines.join(",")}]}`;
    expect(body.length).toBeGreaterThan(3_000_000);
    expect((await post(signedRequest({ topic: "orders/create", shop: SHOP, body, webhookId: "huge" }))).status).toBe(
      200,
    );
    await drainQueue(ingestion);
    expect(await db.prisma.orderLineItem.count({ where: { orderShopifyId: 9000000000000001n } })).toBe(4000);
  });

  it("writes concurrent deliveries in shared transactions without letting one bad body or a duplicate affect the rest", async () => {
    const deliveries = Array.from({ length: 60 }, (_, k) =>
      signedRequest({
        topic: "products/update",
        // Two shops that have no row yet, so each batch also creates shops.
        shop: k % 2 ? "batch-a.myshopify.com" : "batch-b.myshopify.com",
        body: product(`77000000000000${String(k).padStart(4, "0")}`, "2026-02-01T00:00:00-00:00"),
        webhookId: `batch-${k}`,
      }),
    );
    const duplicate = signedRequest({
      topic: "products/update",
      shop: "batch-a.myshopify.com",
      body: product("770000000000000001", "2026-02-01T00:00:00-00:00"),
      webhookId: "batch-1",
    });
    const broken = signedRequest({ topic: "orders/create", shop: SHOP, body: '{"id": 2,', webhookId: "batch-broken" });
    const responses = await Promise.all([...deliveries, duplicate, broken].map(post));
    const outcomes = await Promise.all(responses.map(async (response) => [response.status, await response.json()]));
    expect(outcomes.slice(0, 60).every(([status]) => status === 200)).toBe(true);
    // Exactly one of the two deliveries of batch-1 was stored; the other was answered as a duplicate.
    const batchOne = [outcomes[1]![1], outcomes[60]![1]]
      .map((answer) => (answer as { outcome: string }).outcome)
      .sort();
    expect(batchOne).toEqual(["accepted", "duplicate"]);
    expect(outcomes[61]).toEqual([400, { error: "the body is not valid JSON" }]);

    const stored = await db.prisma.webhookEvent.count({ where: { webhookId: { startsWith: "batch-" } } });
    expect(stored).toBe(60);
    expect(await db.prisma.shop.count({ where: { domain: { startsWith: "batch-" } } })).toBe(2);
    expect(await drainQueue(ingestion)).toBe(60);
    expect(
      await db.prisma.product.count({ where: { shopifyId: { gte: 770000000000000000n, lt: 770000000000010000n } } }),
    ).toBe(60);
  });

  it("stores a topic it does not process as ignored and still answers 200", async () => {
    const response = await post(
      signedRequest({ topic: "collections/create", shop: SHOP, body: '{"id":5}', webhookId: "ignored-1" }),
    );
    expect(response.status).toBe(200);
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "ignored-1" } })).toMatchObject({
      status: "ignored",
    });
    expect(await drainQueue(ingestion)).toBe(0);
  });
});
