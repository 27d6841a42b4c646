import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import { eventually, startTestSimulator, startWebhookReceiver } from "../support/simulator";

const SHOP = "control-test.myshopify.com";

describe("simulator control API", () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { deliveries?: unknown[] },
    };
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sim = await startTestSimulator();
    // App-config subscriptions point at the receiver, as shopify.app.toml points at the app.
    sim.sim.subscriptions.setAppConfig([
      { topics: ["orders/create", "app/uninstalled", "shop/redact"], uri: receiver.url },
    ]);
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("creates an installed shop with the asked counts and answers bad input with 400 and unknown shops with 404", async () => {
    const created = await call("POST", "/shops", {
      domain: SHOP,
      counts: { orders: 25, customers: 5, products: 3 },
      install: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      domain: SHOP,
      installed: true,
      counts: { orders: 25, customers: 5, products: 3 },
    });
    expect(created.body.tokens).toMatchObject({ accessToken: expect.stringMatching(/^shpat_/) });
    expect((await call("POST", "/shops", { domain: "not a domain" })).status).toBe(400);
    expect((await call("POST", "/shops", { domain: SHOP })).status).toBe(409);
    expect((await call("POST", "/shops", { counts: { orders: -1 } })).status).toBe(400);
    expect((await call("POST", "/shops/missing.myshopify.com/orders", {})).status).toBe(404);
  });

  it("generates a burst of orders and lists their deliveries", async () => {
    const burst = await call("POST", `/shops/${SHOP}/orders/burst`, { count: 20 });
    expect(burst.status).toBe(201);
    expect(burst.body.orders).toHaveLength(20);
    await eventually(
      () => receiver.received.filter((webhook) => webhook.headers["x-shopify-topic"] === "orders/create").length === 20,
    );
    const listed = await call("GET", `/deliveries?shop=${SHOP}&topic=orders/create&state=delivered`);
    expect(listed.body.deliveries).toHaveLength(20);
    expect((await call("GET", `/shops/${SHOP}`)).body.counts).toMatchObject({ orders: 45 });
  });

  it("refuses a change Shopify would refuse with 422", async () => {
    const shop = sim.sim.shop(SHOP)!;
    const order = shop.orders.at(0)!;
    expect((await call("POST", `/shops/${SHOP}/orders/${order.id}/cancel`, {})).status).toBe(200);
    const again = await call("POST", `/shops/${SHOP}/orders/${order.id}/cancel`, {});
    expect(again).toMatchObject({ status: 422, body: { error: "Order has already been cancelled" } });
  });

  it("sets chaos options and validates them", async () => {
    expect((await call("PUT", "/chaos", { duplicateRate: 2 })).status).toBe(400);
    expect((await call("PUT", "/chaos", { maxDelayMs: 10 })).body).toMatchObject({ maxDelayMs: 10, duplicateRate: 0 });
    await call("PUT", "/chaos", { maxDelayMs: 0 });
  });

  it("uninstalls (app/uninstalled to the app-config endpoint), sends shop/redact afterwards, and resets", async () => {
    const uninstall = await call("POST", `/shops/${SHOP}/uninstall`);
    expect(uninstall.body.deliveries).toEqual([
      expect.objectContaining({ topic: "app/uninstalled", uri: receiver.url }),
    ]);
    const redact = await call("POST", `/shops/${SHOP}/compliance/shop-redact`);
    expect(redact.body.deliveries).toEqual([expect.objectContaining({ topic: "shop/redact" })]);
    const webhook = await eventually(() =>
      receiver.received.find((w) => w.headers["x-shopify-topic"] === "shop/redact"),
    );
    expect(JSON.parse(webhook.body)).toMatchObject({ shop_domain: SHOP });
    expect(webhook.body).toContain(`"shop_id":${sim.sim.shop(SHOP)!.id}`);
    expect((await call("POST", "/reset")).status).toBe(200);
    expect((await call("GET", "/shops")).body).toEqual([]);
  });
});
