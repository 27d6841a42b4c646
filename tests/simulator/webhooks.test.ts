import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import {
  adminClient,
  API_KEY,
  API_SECRET,
  eventually,
  startTestSimulator,
  startWebhookReceiver,
} from "../support/simulator";

const SHOP = "webhook-test.myshopify.com";

describe("simulated webhook delivery", () => {
  let sim: RunningSimulator;
  let gql: ReturnType<typeof adminClient>;
  const shopify = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    apiVersion: ApiVersion.October26,
    hostName: "app.example",
    isEmbeddedApp: true,
    logger: { level: 0, log: async () => {} },
  });

  const subscribe = async (topic: string, uri: string) => {
    const { body } = await gql(
      `mutation($uri: String!) { webhookSubscriptionCreate(topic: ${topic}, webhookSubscription: { uri: $uri }) {
      webhookSubscription { id } userErrors { message } } }`,
      { uri },
    );
    return (body.data!.webhookSubscriptionCreate as { webhookSubscription: { id: string } }).webhookSubscription.id;
  };

  beforeAll(async () => {
    // 4 hours of retries in about 1.4 seconds.
    sim = await startTestSimulator({ timeScale: 0.0001 });
    sim.sim.createShop({ domain: SHOP, counts: { products: 4, customers: 6, orders: 10 } });
    gql = adminClient(sim, SHOP, sim.sim.install(SHOP).accessToken);
  });
  afterAll(() => sim.close());

  it("delivers REST payloads with Shopify's headers and an HMAC that @shopify/shopify-api accepts", async () => {
    const receiver = await startWebhookReceiver();
    try {
      await subscribe("PRODUCTS_UPDATE", receiver.url);
      const shop = sim.sim.shop(SHOP)!;
      const product = shop.products.at(1)!;
      sim.changes.updateProduct(shop, product.id, { title: "Renamed" });
      const webhook = await eventually(() => receiver.received[0]);
      const validation = await shopify.webhooks.validate({
        rawBody: webhook.body,
        rawRequest: webhook.request,
        rawResponse: webhook.response,
      });
      expect(validation).toMatchObject({ valid: true, topic: "PRODUCTS_UPDATE", domain: SHOP, apiVersion: "2026-10" });
      expect(webhook.headers).toMatchObject({
        "x-shopify-topic": "products/update",
        "x-shopify-shop-domain": SHOP,
        "x-shopify-api-version": "2026-10",
        "x-shopify-webhook-id": expect.any(String),
        "x-shopify-event-id": expect.any(String),
        "x-shopify-triggered-at": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      // The id is above 2^53 and must reach the receiver exactly, as a JSON number.
      expect(webhook.body).toContain(`"id":${product.id},`);
      expect(JSON.parse(webhook.body)).toMatchObject({
        title: "Renamed",
        admin_graphql_api_id: `gid://shopify/Product/${product.id}`,
      });
      expect(JSON.parse(webhook.body).variants[0].price).toMatch(/^\d+\.\d{2}$/);
      const tampered = await shopify.webhooks.validate({
        rawBody: webhook.body.replace("Renamed", "Tampered"),
        rawRequest: webhook.request,
        rawResponse: webhook.response,
      });
      expect(tampered.valid).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it("retries a failed delivery with the same webhook id and body until it succeeds", async () => {
    const receiver = await startWebhookReceiver((received) => (received.length <= 2 ? 500 : 200));
    try {
      await subscribe("CUSTOMERS_CREATE", receiver.url);
      sim.changes.createCustomer(sim.sim.shop(SHOP)!, { firstName: "Retry" });
      await eventually(() => receiver.received.length >= 3);
      const ids = receiver.received.map((webhook) => webhook.headers["x-shopify-webhook-id"]);
      expect(new Set(ids).size).toBe(1);
      expect(new Set(receiver.received.map((webhook) => webhook.body)).size).toBe(1);
      // The receiver counts a request before the simulator has read its answer: wait for the delivery's own record.
      const delivery = await eventually(() => {
        const [found] = sim.sim.deliveries.list({ topic: "customers/create" });
        return found?.state === "delivered" && found;
      });
      expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    } finally {
      await receiver.close();
    }
  });

  it("gives up after 8 retries and deletes the API-created subscription", async () => {
    const receiver = await startWebhookReceiver(() => 503);
    try {
      const id = await subscribe("ORDERS_DELETE", receiver.url);
      const shop = sim.sim.shop(SHOP)!;
      sim.changes.deleteOrder(shop, shop.orders.at(0)!.id);
      const delivery = await eventually(
        () => sim.sim.deliveries.list({ topic: "orders/delete" }).find((d) => d.state === "failed"),
        15_000,
      );
      expect(delivery.attempts).toHaveLength(9);
      expect(receiver.received).toHaveLength(9);
      const { body } = await gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(body.data!.node).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it("gives each subscription of one event its own webhook id and a shared event id", async () => {
    const first = await startWebhookReceiver();
    const second = await startWebhookReceiver();
    try {
      await subscribe("CARTS_CREATE", first.url);
      await subscribe("CARTS_CREATE", second.url);
      sim.changes.createCart(sim.sim.shop(SHOP)!);
      const [a, b] = await Promise.all([eventually(() => first.received[0]), eventually(() => second.received[0])]);
      expect(a.headers["x-shopify-webhook-id"]).not.toBe(b.headers["x-shopify-webhook-id"]);
      expect(a.headers["x-shopify-event-id"]).toBe(b.headers["x-shopify-event-id"]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("duplicates, reorders and drops deliveries on request", async () => {
    const receiver = await startWebhookReceiver();
    try {
      await subscribe("INVENTORY_LEVELS_UPDATE", receiver.url);
      const shop = sim.sim.shop(SHOP)!;
      const inventoryItemId = shop.products.at(0)!.variants[0]!.inventoryItemId;
      sim.sim.deliveries.setChaos({ duplicateRate: 1, dropRate: 0 });
      sim.changes.setInventory(shop, { inventoryItemId, available: 5 });
      await eventually(() => receiver.received.length === 2);
      expect(receiver.received[0]!.headers["x-shopify-webhook-id"]).toBe(
        receiver.received[1]!.headers["x-shopify-webhook-id"],
      );

      // Random delays reorder: eight updates in a row do not arrive in the order they happened.
      sim.sim.deliveries.setChaos({ duplicateRate: 0, maxDelayMs: 300, seed: "reorder" });
      for (let available = 1; available <= 8; available += 1)
        sim.changes.setInventory(shop, { inventoryItemId, available });
      await eventually(() => receiver.received.length === 10);
      const arrived = receiver.received
        .slice(2)
        .map((webhook) => (JSON.parse(webhook.body) as { available: number }).available);
      expect([...arrived].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(arrived).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

      sim.sim.deliveries.setChaos({ duplicateRate: 0, dropRate: 1, maxDelayMs: 0 });
      sim.changes.setInventory(shop, { inventoryItemId, available: 6 });
      const dropped = sim.sim.deliveries.list({ topic: "inventory_levels/update", state: "dropped" });
      expect(dropped).toHaveLength(1);
      expect(JSON.parse(dropped[0]!.body)).toMatchObject({ available: 6 });
    } finally {
      sim.sim.deliveries.setChaos({ duplicateRate: 0, dropRate: 0, maxDelayMs: 0 });
      await receiver.close();
    }
  });
});
