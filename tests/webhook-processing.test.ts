import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator";
import { SIMULATED_TOPICS, type Topic } from "../simulator/webhooks/topics";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startWebhookEndpoint } from "./support/forward-webhooks";
import { eventually, startTestSimulator } from "./support/simulator";
import { API_KEY, API_SECRET, createTestIngestion, drainQueue, type TestIngestion } from "./support/webhooks";

const SHOP = "processing.myshopify.com";

describe("webhooks from the simulator end up in the normalized tables", () => {
  let db: TestDatabase;
  let ingestion: TestIngestion;
  let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>;
  let sim: RunningSimulator;
  let shopId: bigint;

  /** Waits until the simulator delivered everything, then runs the queued jobs. */
  const settle = async () => {
    await eventually(() => sim.sim.deliveries.idle);
    const failed = sim.sim.deliveries.list().filter((delivery) => delivery.state !== "delivered");
    expect(failed).toEqual([]);
    await drainQueue(ingestion);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ingestion = await createTestIngestion(db.url);
    endpoint = await startWebhookEndpoint(ingestion);
    sim = await startTestSimulator({ app: { apiKey: API_KEY, apiSecret: API_SECRET } });
    sim.sim.subscriptions.setAppConfig([
      {
        topics: [...SIMULATED_TOPICS, "customers/data_request", "customers/redact", "shop/redact"] as Topic[],
        uri: endpoint.url,
      },
    ]);
    sim.sim.createShop({ domain: SHOP, counts: { products: 5, customers: 5, orders: 5, locations: 2 }, install: true });
  });
  afterAll(async () => {
    await sim.close();
    await endpoint.close();
    await ingestion.close();
    await db.drop();
  });

  it("creates, updates and deletes a product with its variants", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const { product } = sim.changes.createProduct(shop, {
      title: "Trail Boot",
      variants: [
        { title: "S", price: "90.00" },
        { title: "M", price: "95.50" },
      ],
    });
    await settle();
    shopId = (await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).id;
    const stored = await db.prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId, shopifyId: BigInt(product.id) } },
      include: { variants: true },
    });
    expect(stored.title).toBe("Trail Boot");
    expect(stored.variants.map((v) => [v.title, v.price?.toFixed(2)]).sort()).toEqual([
      ["M", "95.50"],
      ["S", "90.00"],
    ]);
    expect(await db.prisma.inventoryItem.count({ where: { shopId } })).toBe(2);
    expect(await db.prisma.inventoryLevel.count({ where: { shopId } })).toBe(2);

    sim.changes.updateProduct(shop, product.id, { title: "Trail Boot II", price: "99.00" });
    await settle();
    const updated = await db.prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId, shopifyId: BigInt(product.id) } },
      include: { variants: true },
    });
    expect(updated.title).toBe("Trail Boot II");
    expect(updated.variants.every((v) => v.price?.toFixed(2) === "99.00")).toBe(true);

    sim.changes.deleteProduct(shop, product.id);
    await settle();
    const deleted = await db.prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId, shopifyId: BigInt(product.id) } },
      include: { variants: true },
    });
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    expect(deleted.title).toBe("Trail Boot II");
    expect(deleted.variants.every((v) => v.deletedAt !== null)).toBe(true);
  });

  it("follows an order through creation, payment, fulfilment, refund and cancellation, with its customer", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const { customer } = sim.changes.createCustomer(shop, {
      firstName: "Ada",
      lastName: "Byron",
      email: "ada@example.com",
    });
    const variant = shop.products.at(0)!.variants[0]!;
    const { order } = sim.changes.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ variantId: variant.id, quantity: 2 }],
      presentmentCurrency: "EUR",
    });
    await settle();
    const stored = await db.prisma.order.findUniqueOrThrow({
      where: { shopId_shopifyId: { shopId, shopifyId: BigInt(order.id) } },
      include: { lineItems: true, customer: true },
    });
    expect(stored.customer?.email).toBe("ada@example.com");
    expect(stored).toMatchObject({ financialStatus: "paid", currency: "USD", presentmentCurrency: "EUR" });
    expect(stored.lineItems).toHaveLength(1);
    expect(stored.lineItems[0]).toMatchObject({ quantity: 2, sku: variant.sku });
    const level = await db.prisma.inventoryLevel.findFirstOrThrow({
      where: { shopId, inventoryItemShopifyId: BigInt(variant.inventoryItemId) },
    });
    expect(level.available).toBe(shop.inventoryLevel(variant.inventoryItemId, shop.locations.at(0)!.id)!.available);

    sim.changes.fulfillOrder(shop, order.id);
    await settle();
    expect(
      (await db.prisma.order.findFirstOrThrow({ where: { shopId, shopifyId: BigInt(order.id) } })).fulfillmentStatus,
    ).toBe("fulfilled");

    const lineItemId = order.lineItems[0]!.id;
    sim.changes.refundOrder(shop, order.id, { lineItems: [{ lineItemId, quantity: 1 }] });
    await settle();
    const refunded = await db.prisma.order.findFirstOrThrow({
      where: { shopId, shopifyId: BigInt(order.id) },
      include: { refunds: { include: { lineItems: true } } },
    });
    expect(refunded.financialStatus).toBe("partially_refunded");
    expect(refunded.refunds).toHaveLength(1);
    expect(refunded.refunds[0]!.lineItems[0]).toMatchObject({ quantity: 1, lineItemShopifyId: BigInt(lineItemId) });
    expect(refunded.totalRefunded?.toString()).toBe(refunded.refunds[0]!.totalRefunded?.toString());

    sim.changes.cancelOrder(shop, sim.changes.createOrder(shop).order.id);
    await settle();
    expect(
      await db.prisma.order.count({ where: { shopId, cancelledAt: { not: null }, financialStatus: "refunded" } }),
    ).toBe(1);

    sim.changes.deleteOrder(shop, order.id);
    await settle();
    expect(
      (await db.prisma.order.findFirstOrThrow({ where: { shopId, shopifyId: BigInt(order.id) } })).deletedAt,
    ).toBeInstanceOf(Date);
  });

  it("stores carts by token and follows their updates", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const variant = shop.products.at(1)!.variants[0]!;
    const { cart } = sim.changes.createCart(shop, { lineItems: [{ variantId: variant.id, quantity: 1 }] });
    sim.changes.updateCart(shop, cart.token, { lineItems: [{ variantId: variant.id, quantity: 3 }] });
    await settle();
    const stored = await db.prisma.cart.findUniqueOrThrow({ where: { shopId_token: { shopId, token: cart.token } } });
    expect(stored.itemCount).toBe(3);
  });

  it("erases a customer's personal data everywhere on customers/redact, and keeps the request on customers/data_request", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const { customer } = sim.changes.createCustomer(shop, {
      firstName: "Grace",
      lastName: "Hopper",
      email: "grace@example.com",
    });
    const { order } = sim.changes.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ variantId: shop.products.at(2)!.variants[0]!.id }],
    });
    await settle();
    sim.changes.compliance(shop, "customers/data_request", { customerId: customer.id });
    await settle();
    const request = await db.prisma.customerDataRequest.findFirstOrThrow({
      where: { shopId, customerShopifyId: BigInt(customer.id) },
    });
    expect(JSON.stringify(request.assembledData)).toContain("grace@example.com");
    expect(request.ordersRequested).toContain(BigInt(order.id));

    sim.changes.compliance(shop, "customers/redact", { customerId: customer.id });
    await settle();
    const redacted = await db.prisma.customer.findFirstOrThrow({ where: { shopId, shopifyId: BigInt(customer.id) } });
    expect(redacted).toMatchObject({ email: null, firstName: null, lastName: null });
    expect(redacted.redactedAt).toBeInstanceOf(Date);
    const redactedOrder = await db.prisma.order.findFirstOrThrow({ where: { shopId, shopifyId: BigInt(order.id) } });
    expect(redactedOrder.email).toBeNull();
    expect(redactedOrder.shippingAddress).toBeNull();
    // No stored copy of the data is left: normalized rows, raw columns, webhook payloads.
    const leftovers = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT (SELECT count(*) FROM webhook_events WHERE payload::text ILIKE '%grace%' OR payload::text ILIKE '%hopper%')
            + (SELECT count(*) FROM customers WHERE raw::text ILIKE '%grace%')
            + (SELECT count(*) FROM orders WHERE raw::text ILIKE '%grace%' OR raw::text ILIKE '%hopper%') AS n`,
    );
    expect(leftovers[0]!.n).toBe(0n);
  });

  it("marks the shop uninstalled and drops its sessions on app/uninstalled, then erases everything on shop/redact", async () => {
    const shop = sim.sim.shop(SHOP)!;
    await db.prisma.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_x" },
    });
    sim.changes.uninstall(shop);
    await settle();
    const uninstalled = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(uninstalled.uninstalledAt).toBeInstanceOf(Date);
    expect(await db.prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db.prisma.order.count({ where: { shopId } })).toBeGreaterThan(0);

    sim.changes.compliance(shop, "shop/redact");
    await settle();
    for (const count of [
      db.prisma.order.count({ where: { shopId } }),
      db.prisma.product.count({ where: { shopId } }),
      db.prisma.customer.count({ where: { shopId } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect((await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).redactedAt).toBeInstanceOf(Date);
  });
});
