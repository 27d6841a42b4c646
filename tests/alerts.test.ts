// Alerts against a real database and real receiving ends: edge-triggered
// stock rules with hysteresis, the other store rules and digests, the
// preview equal to what evaluation fired, delivery by SMTP, Twilio's
// Messages API, Standard Webhooks (verified with the library) and Slack,
// retries to dead and replay, secret rotation, and the SSRF guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDestination,
  createRule,
  deliverDueAlerts,
  evaluateAlerts,
  listDeliveries,
  parseDestination,
  previewRule,
  queueTestAlert,
  replayDelivery,
  rotateSecret,
  updateRuleThreshold,
  type DeliverySettings,
} from "~/.server/alerts";
import { createPool, type Pool } from "~/.server/database/pool";
import {
  startSlackReceiver,
  startSmtpReceiver,
  startTwilioReceiver,
  startWebhookReceiver,
  type SlackReceiver,
  type SmtpReceiver,
  type TwilioReceiver,
  type WebhookReceiver,
} from "./support/alert-receivers";
import { createTestDatabase, type TestDatabase } from "./support/database";

const SHOP = "alerts.myshopify.com";
const context = { appAdminUrl: `https://${SHOP}/admin/apps/test-key` };

describe("alerts", () => {
  let db: TestDatabase;
  let pool: Pool;
  let shopId: bigint;
  let smtp: SmtpReceiver;
  let twilio: TwilioReceiver;
  let hooks: WebhookReceiver;
  let slack: SlackReceiver;
  let settings: DeliverySettings;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 5);
    [smtp, twilio, hooks, slack] = await Promise.all([
      startSmtpReceiver(),
      startTwilioReceiver(),
      startWebhookReceiver(),
      startSlackReceiver(),
    ]);
    settings = {
      maxAttempts: 3,
      retryBaseSeconds: 0,
      pauseAfterMs: 3 * 86_400_000,
      smtpUrl: smtp.url,
      alertsFrom: "Storehouse <alerts@storehouse.test>",
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: "+15550000000", apiUrl: twilio.url },
      allowPrivateTargets: true,
    };
    shopId = (await db.prisma.shop.create({ data: { domain: SHOP, currency: "EUR", installedAt: new Date() } })).id;
    const product = await db.prisma.product.create({ data: { shopId, shopifyId: 100n, title: "Trail Boot" } });
    await db.prisma.productVariant.create({
      data: { shopId, shopifyId: 101n, productId: product.id, title: "42", sku: "TB-42", inventoryItemId: 102n },
    });
    for (const location of [1n, 2n]) {
      await db.prisma.inventoryLevel.create({
        data: { shopId, inventoryItemShopifyId: 102n, locationShopifyId: location, available: 10 },
      });
    }
  });
  afterAll(async () => {
    await Promise.all([smtp.close(), twilio.close(), hooks.close(), slack.close()]);
    await pool.end();
    await db.drop();
  });

  const id = (value: bigint) => value.toString();
  /**
   * Evaluates until the pass has looked past every write made so far. A pass stops below the oldest
   * transaction still running on the server, and other test files share it: one may hold a
   * transaction open for a while. Polls with a deadline; returns the alerts written meanwhile.
   */
  const evaluate = async (shop: string = id(shopId)) => {
    const { rows } = await pool.query<{ xid: string }>(`SELECT pg_current_xact_id()::text AS xid`);
    const deadline = Date.now() + 30_000;
    let written = 0;
    for (;;) {
      written += await evaluateAlerts(pool, shop, context);
      const { rows: state } = await pool.query<{ passed: boolean }>(
        `SELECT position > $2::xid8 AS passed FROM alert_evaluation_state WHERE shop_id = $1`,
        [shop, rows[0]!.xid],
      );
      if (state[0]?.passed) return written;
      if (Date.now() > deadline) throw new Error("alert evaluation did not catch up within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const setStock = async (location: bigint, available: number, item = 102) => {
    await pool.query(
      `UPDATE inventory_levels SET available = $3 WHERE shop_id = $1 AND inventory_item_id = $4 AND location_id = $2`,
      [shopId.toString(), location.toString(), available, item],
    );
    // Stored as Shopify would have delivered it, for the preview to replay.
    await pool.query(
      `INSERT INTO webhook_events (shop_id, shop_domain, topic, webhook_id, payload, status, triggered_at)
       VALUES ($1, $2, 'inventory_levels/update', gen_random_uuid()::text, $3, 'processed', clock_timestamp())`,
      [shopId.toString(), SHOP, JSON.stringify({ inventory_item_id: item, location_id: Number(location), available })],
    );
    return evaluate();
  };
  const fired = async (ruleId: string) =>
    (
      await pool.query<{ title: string }>(
        `SELECT payload->>'title' AS title FROM alert_deliveries WHERE rule_id = $1 AND status <> 'digested' ORDER BY id`,
        [ruleId],
      )
    ).rows.map((row) => row.title);

  it("refuses hostile destinations: plain http, private, loopback, link-local and metadata addresses", async () => {
    for (const dest of [
      "webhook:http://hooks.example.com/x",
      "webhook:https://127.0.0.1/x",
      "webhook:https://10.1.2.3/x",
      "webhook:https://192.168.0.10/x",
      "webhook:https://169.254.169.254/latest/meta-data",
      "webhook:https://[::1]/x",
      "webhook:https://[fd00::1]/x",
      "webhook:https://[::ffff:127.0.0.1]/x",
      "slack:https://localhost/services/x",
      "webhook:https://user:pass@93.184.216.34/x",
      "mailto:not-an-address",
      "sms:5551234567",
      "carrier-pigeon:roof",
    ]) {
      await expect(parseDestination(dest, false), dest).rejects.toThrow();
    }
    expect(await parseDestination("webhook:https://93.184.216.34/hooks", false)).toEqual({
      kind: "webhook",
      target: "https://93.184.216.34/hooks",
    });
    expect(await parseDestination("sms:+15551234567", false)).toEqual({ kind: "sms", target: "+15551234567" });
  });

  it("fires low stock when the total crosses the threshold, once, and again only after it cleared above the margin", async () => {
    const email = await createDestination(db.prisma, shopId, await parseDestination("mailto:ops@shop.test", true));
    const rule = await createRule(db.prisma, shopId, {
      kind: "low-stock",
      threshold: 5,
      destinationId: BigInt(email.id),
    });
    // 20 available: nothing. Then 3 + 1 = 4: low.
    expect(await setStock(1n, 10)).toBe(0);
    expect(await setStock(2n, 10)).toBe(0);
    expect(await setStock(1n, 3)).toBe(0);
    expect(await setStock(2n, 1)).toBe(1);
    // Still low, lower, and back up inside the margin (5 + 1): no new alert.
    for (const [location, units] of [
      [1n, 2],
      [1n, 0],
      [1n, 5],
    ] as const) {
      expect(await setStock(location, units)).toBe(0);
    }
    // Clears above 6 (7 + 1 = 8), falls again (3 + 1 = 4): a second alert.
    expect(await setStock(1n, 7)).toBe(0);
    expect(await setStock(1n, 3)).toBe(1);
    expect(await fired(rule.id)).toEqual([
      "Low stock: Trail Boot – 42 has 4 left",
      "Low stock: Trail Boot – 42 has 4 left",
    ]);

    // The preview replays the same deliveries through the same logic: it finds what was fired.
    const preview = await previewRule(pool, id(shopId), { kind: "low-stock", threshold: 5 });
    expect(preview.count).toBe(2);
    expect(preview.items.map((item) => item.title)).toEqual(await fired(rule.id));
    expect((await previewRule(pool, id(shopId), { kind: "out-of-stock" })).count).toBe(0); // Location 2 kept 1.

    // Delivered by email, through a real SMTP server.
    const round = await deliverDueAlerts(pool, settings);
    expect(round).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(smtp.mail).toHaveLength(2);
    expect(smtp.mail[0]!.subject).toBe("[Storehouse] Low stock: Trail Boot – 42 has 4 left");
    expect(smtp.mail[0]!.text).toContain(`Open in Storehouse: https://${SHOP}/admin/apps/test-key/app/products/100`);
    expect(smtp.mail[0]!.html).toContain("<h2>Low stock: Trail Boot – 42 has 4 left</h2>");
    expect((smtp.mail[0]!.to as { text: string }).text).toBe("ops@shop.test");
  });

  it("sends by SMS through Twilio's Messages API, to a signed webhook and to Slack", async () => {
    const destinations = await Promise.all(
      ["sms:+15551234567", `webhook:${hooks.url}`, `slack:${slack.url}`].map(async (dest) =>
        createDestination(db.prisma, shopId, await parseDestination(dest, true)),
      ),
    );
    const secret = destinations[1]!.secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    hooks.secrets = [secret];
    for (const destination of destinations) {
      await createRule(db.prisma, shopId, { kind: "big-order", threshold: 500, destinationId: BigInt(destination.id) });
    }
    await pool.query(
      `INSERT INTO orders (shop_id, shopify_id, name, total_price, currency, created_at, test)
       VALUES ($1, 9001, '#9001', 750, 'EUR', now(), false), ($1, 9002, '#9002', 20, 'EUR', now(), false)`,
      [shopId.toString()],
    );
    expect(await evaluate()).toBe(3); // One big order, three destinations.
    expect(await evaluate()).toBe(0);
    expect(await deliverDueAlerts(pool, settings)).toEqual({ delivered: 3, failed: 0, dead: 0 });

    expect(twilio.messages).toEqual([
      expect.objectContaining({
        to: "+15551234567",
        from: "+15550000000",
        body: `Big order #9001: 750.00 EUR\nhttps://${SHOP}/admin/apps/test-key/app/orders/9001`,
      }),
    ]);
    expect(hooks.rejected).toBe(0);
    expect(hooks.verified).toHaveLength(1);
    expect(hooks.verified[0]!.body).toMatchObject({
      type: "alert.big-order",
      data: { title: "Big order #9001: 750.00 EUR" },
    });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]!.text).toBe("Big order #9001: 750.00 EUR");
    expect(slack.messages[0]!.blocks.map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "actions",
      "context",
    ]);
    // The delivery log never shows a Slack URL's secret path.
    const log = await listDeliveries(pool, id(shopId));
    expect(log.find((row) => row.destination_kind === "slack")!.destination).toBe(
      `${new URL(slack.url).protocol}//${new URL(slack.url).host}/…`,
    );
  });

  it("signs with both secrets during a rotation, so a receiver on either verifies", async () => {
    const destination = await createDestination(
      db.prisma,
      shopId,
      await parseDestination(`webhook:${hooks.url}`, true),
    );
    const rotated = await rotateSecret(db.prisma, shopId, BigInt(destination.id));
    expect(rotated).not.toBe(destination.secret);
    hooks.secrets = [destination.secret!, rotated];
    const before = hooks.verified.length;
    expect(await queueTestAlert(pool, id(shopId), destination.id)).toBe(true);
    expect((await deliverDueAlerts(pool, settings)).delivered).toBe(1);
    expect(hooks.verified.length).toBe(before + 1);
    expect(hooks.verified.at(-1)!.body.data.kind).toBe("test");
  });

  it("retries a failing destination, ends the alert dead, and delivers it when replayed", async () => {
    const destination = await createDestination(
      db.prisma,
      shopId,
      await parseDestination(`webhook:${hooks.url}`, true),
    );
    hooks.secrets = [destination.secret!];
    hooks.failWith = 503;
    await queueTestAlert(pool, id(shopId), destination.id);
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id::text FROM alert_deliveries WHERE destination_id = $1`,
      [destination.id],
    );
    const deliveryId = rows[0]!.id;
    const rounds = [];
    for (let n = 0; n < 3; n += 1) rounds.push(await deliverDueAlerts(pool, settings));
    expect(rounds).toEqual([
      { delivered: 0, failed: 1, dead: 0 },
      { delivered: 0, failed: 1, dead: 0 },
      { delivered: 0, failed: 0, dead: 1 },
    ]);
    const attempts = await pool.query(`SELECT ok, status, error FROM alert_attempts WHERE delivery_id = $1`, [
      deliveryId,
    ]);
    expect(attempts.rows).toEqual(
      Array.from({ length: 3 }, () => ({ ok: false, status: 503, error: "the receiver answered 503" })),
    );
    expect(await deliverDueAlerts(pool, settings)).toEqual({ delivered: 0, failed: 0, dead: 0 }); // Dead stays dead.

    hooks.failWith = null;
    expect(await replayDelivery(pool, "999999", deliveryId)).toBe(false); // Not another shop's to replay.
    expect(await replayDelivery(pool, id(shopId), deliveryId)).toBe(true);
    expect(await deliverDueAlerts(pool, settings)).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const destinationRow = await db.prisma.alertDestination.findUniqueOrThrow({
      where: { id: BigInt(destination.id) },
    });
    expect(destinationRow.failingSince).toBeNull();
  });

  it("refuses to follow a redirect, and pauses a destination failing for days", async () => {
    const destination = await createDestination(
      db.prisma,
      shopId,
      await parseDestination(`webhook:${hooks.url}`, true),
    );
    hooks.redirectTo = "http://169.254.169.254/latest/meta-data";
    await queueTestAlert(pool, id(shopId), destination.id);
    expect(await deliverDueAlerts(pool, settings)).toEqual({ delivered: 0, failed: 0, dead: 1 });
    const [dead] = await listDeliveries(pool, id(shopId), 1);
    expect(dead).toMatchObject({ status: "dead", last_status: 302, last_error: "redirects are not followed" });
    hooks.redirectTo = null;

    hooks.failWith = 500;
    await db.prisma.alertDestination.update({
      where: { id: BigInt(destination.id) },
      data: { failingSince: new Date(Date.now() - 4 * 86_400_000) },
    });
    await queueTestAlert(pool, id(shopId), destination.id);
    await deliverDueAlerts(pool, settings);
    const paused = await db.prisma.alertDestination.findUniqueOrThrow({ where: { id: BigInt(destination.id) } });
    expect(paused.pausedAt).not.toBeNull();
    await queueTestAlert(pool, id(shopId), destination.id);
    expect(await deliverDueAlerts(pool, settings)).toEqual({ delivered: 0, failed: 0, dead: 0 }); // Paused: not tried.
    hooks.failWith = null;
  });

  it("digests many alerts of one pass, and fires refunds, cancellations, new customers and pipeline failures once", async () => {
    const email = await createDestination(db.prisma, shopId, await parseDestination("mailto:owner@shop.test", true));
    const destinationId = BigInt(email.id);
    const rules = {
      refund: await createRule(db.prisma, shopId, { kind: "refund", destinationId }),
      cancelled: await createRule(db.prisma, shopId, { kind: "order-cancelled", destinationId }),
      customer: await createRule(db.prisma, shopId, { kind: "new-customer", destinationId }),
      pipeline: await createRule(db.prisma, shopId, { kind: "pipeline", destinationId }),
    };
    const shop = shopId.toString();
    await pool.query(
      `INSERT INTO customers (shop_id, shopify_id, created_at) SELECT $1, 7000 + n, now() FROM generate_series(1, 8) n`,
      [shop],
    );
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO orders (shop_id, shopify_id, name, total_price, created_at, cancelled_at)
       VALUES ($1, 9100, '#9100', 40, now(), now()) RETURNING id::text`,
      [shop],
    );
    await pool.query(
      `INSERT INTO refunds (shop_id, shopify_id, order_id, total_refunded, created_at) VALUES ($1, 9200, $2, 15, now())`,
      [shop, rows[0]!.id],
    );
    await pool.query(
      `INSERT INTO sync_runs (shop_id, kind, resource, status, error, finished_at)
       VALUES ($1, 'reconcile', 'orders', 'failed', 'Shopify answered 502', now())`,
      [shop],
    );
    await evaluate(shop);
    expect(await fired(rules.customer.id)).toEqual(["8 alerts: new customer"]); // Eight at once: one digest.
    expect(await fired(rules.cancelled.id)).toEqual(["Order #9100 cancelled"]);
    expect(await fired(rules.refund.id)).toEqual(["Refund of 15.00 EUR on #9100"]);
    expect(await fired(rules.pipeline.id)).toEqual(["The reconcile of orders failed"]);
    // Written again (an update), nothing fires twice.
    await pool.query(`UPDATE orders SET note = 'x' WHERE shop_id = $1`, [shop]);
    await pool.query(`UPDATE customers SET note = 'x' WHERE shop_id = $1`, [shop]);
    await evaluate(shop);
    expect(await fired(rules.cancelled.id)).toHaveLength(1);
    expect(await fired(rules.pipeline.id)).toHaveLength(1);
    const preview = await previewRule(pool, shop, { kind: "new-customer" });
    expect(preview.count).toBe(8);
  });

  it("tells of ingestion lag once until it clears, re-created subscriptions and refused topics, and sends activity digests", async () => {
    const email = await createDestination(db.prisma, shopId, await parseDestination("mailto:pipeline@shop.test", true));
    const destinationId = BigInt(email.id);
    const shop = shopId.toString();
    const pipeline = await createRule(db.prisma, shopId, { kind: "pipeline", threshold: 60, destinationId });
    const activity = await createRule(db.prisma, shopId, { kind: "activity", threshold: 1, destinationId });

    await pool.query(
      `INSERT INTO webhook_events (shop_id, shop_domain, topic, webhook_id, payload, status, received_at)
       VALUES ($1, $2, 'orders/create', 'lagging-1', '{}', 'pending', now() - interval '10 minutes')`,
      [shop, SHOP],
    );
    await pool.query(
      `INSERT INTO sync_runs (shop_id, kind, resource, status, rows_repaired, finished_at)
       VALUES ($1, 'reconcile', 'webhook_subscriptions', 'succeeded', 2, now())`,
      [shop],
    );
    await pool.query(`UPDATE shops SET refused_webhook_topics = $2 WHERE id = $1`, [
      shop,
      JSON.stringify([
        {
          topic: "customers/create",
          message: "This app is not approved to use customer data.",
          at: new Date().toISOString(),
        },
      ]),
    ]);
    await evaluate(shop);
    expect((await fired(pipeline.id)).sort()).toEqual(
      [
        "Ingestion is behind: 1 webhook events waiting, the oldest for 600 s",
        "Shopify refused the customers/create webhook topic",
        "Shopify removed 2 webhook subscriptions; Storehouse re-created them",
      ].sort(),
    );
    await evaluate(shop);
    expect(await fired(pipeline.id)).toHaveLength(3); // Still behind: no second lag alert.
    await pool.query(`UPDATE webhook_events SET status = 'processed' WHERE webhook_id = 'lagging-1'`);
    await evaluate(shop); // Cleared.
    await pool.query(
      `INSERT INTO webhook_events (shop_id, shop_domain, topic, webhook_id, payload, status, received_at)
       VALUES ($1, $2, 'orders/create', 'lagging-2', '{}', 'pending', now() - interval '2 minutes')`,
      [shop, SHOP],
    );
    await evaluate(shop);
    expect(await fired(pipeline.id)).toHaveLength(4); // Behind again after it had cleared: one more.
    await pool.query(`UPDATE webhook_events SET status = 'processed' WHERE webhook_id = 'lagging-2'`);

    // Activity: nothing until the hour is up; then one digest of the hour, and the next one an hour later.
    expect(await fired(activity.id)).toEqual([]);
    await pool.query(`UPDATE alert_rules SET created_at = now() - interval '61 minutes' WHERE id = $1`, [activity.id]);
    await pool.query(
      `INSERT INTO api_requests (shop_id, route, status, rows, duration_ms) VALUES ($1, 'GET /api/v1/orders', 200, 40, 5)`,
      [shop],
    );
    await evaluate(shop);
    await evaluate(shop);
    const digests = await pool.query<{ payload: { title: string; facts: { label: string; value: string }[] } }>(
      `SELECT payload FROM alert_deliveries WHERE rule_id = $1`,
      [activity.id],
    );
    expect(digests.rows).toHaveLength(1);
    expect(digests.rows[0]!.payload.title).toBe("Storehouse activity, last 1 hours");
    expect(digests.rows[0]!.payload.facts).toContainEqual({ label: "Analyst API", value: "1 requests, 40 rows read" });
    expect(digests.rows[0]!.payload.facts.map((fact) => fact.label)).toEqual([
      "Products",
      "Customers",
      "Orders",
      "Refunds",
      "Analyst API",
    ]);
  });

  it("watches one location's level when the rule names it, and a threshold can be changed in place", async () => {
    const shop = shopId.toString();
    await pool.query(
      `INSERT INTO locations (shop_id, shopify_id, name) VALUES ($1, 1, 'Berlin'), ($1, 2, 'Hamburg')
       ON CONFLICT DO NOTHING`,
      [shop],
    );
    const product = await db.prisma.product.create({ data: { shopId, shopifyId: 200n, title: "Rain Coat" } });
    await db.prisma.productVariant.create({
      data: { shopId, shopifyId: 201n, productId: product.id, title: "M", inventoryItemId: 202n },
    });
    for (const location of [1n, 2n]) {
      await db.prisma.inventoryLevel.create({
        data: { shopId, inventoryItemShopifyId: 202n, locationShopifyId: location, available: 10 },
      });
    }
    const email = await createDestination(db.prisma, shopId, await parseDestination("mailto:hamburg@shop.test", true));
    const rule = await createRule(db.prisma, shopId, {
      kind: "low-stock",
      threshold: 3,
      destinationId: BigInt(email.id),
      locationId: 2n,
    });
    await expect(
      createRule(db.prisma, shopId, {
        kind: "big-order",
        threshold: 5,
        destinationId: BigInt(email.id),
        locationId: 2n,
      }),
    ).rejects.toThrow("only stock rules look at one location");

    await setStock(1n, 10, 202);
    await setStock(2n, 10, 202);
    await setStock(1n, 1, 202); // Berlin low, Hamburg not: this rule watches Hamburg.
    expect(await fired(rule.id)).toEqual([]);
    await setStock(2n, 2, 202);
    expect(await fired(rule.id)).toEqual(["Low stock: Rain Coat – M has 2 left at Hamburg"]);
    // The preview also finds what the rule would have sent before it existed: Trail Boot fell to 1 in Hamburg.
    const preview = await previewRule(pool, shop, { kind: "low-stock", threshold: 3, locationId: "2" });
    expect(preview.items.map((item) => item.title)).toEqual([
      ...(await fired(rule.id)),
      "Low stock: Trail Boot – 42 has 1 left at Hamburg",
    ]);

    expect(await updateRuleThreshold(db.prisma, shopId, BigInt(rule.id), 1)).toBe(true);
    await expect(updateRuleThreshold(db.prisma, shopId, BigInt(rule.id), null)).rejects.toThrow("needs a threshold");
    expect(await updateRuleThreshold(db.prisma, 424242n, BigInt(rule.id), 1)).toBe(false); // Not another shop's.
    expect(
      (await db.prisma.alertRule.findUniqueOrThrow({ where: { id: BigInt(rule.id) } })).threshold?.toString(),
    ).toBe("1");
  });
});
