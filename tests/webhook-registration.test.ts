import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { withShopAdmin } from "~/.server/shops";
import { createShopifyApp, type ShopifyApp } from "~/.server/auth/shopify-app";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import {
  desiredWebhookTopics,
  reconcileWebhookSubscriptions,
  recordSubscriptionChanges,
} from "~/.server/sync/webhook-subscriptions";
import { createPool } from "~/.server/database/pool";
import { getSyncStatus, PROTECTED_DATA_ACTION } from "~/.server/sync/status";
import { repointSubscriptionsIfMoved } from "~/.server/sync/register-webhooks";
import { SHOP_RECONCILE_QUEUE, startQueue } from "~/.server/jobs";
import { PROTECTED_CUSTOMER_DATA_REFUSAL } from "../simulator/webhooks/subscriptions";
import type { RunningSimulator } from "../simulator";
import { backfillShopTask } from "../worker/tasks/shop-backfill";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { API_KEY, API_SECRET, startTestSimulator } from "./support/simulator";

const SHOP = "registration.myshopify.com";
const APP_URL = "https://storehouse.example";
const CALLBACK = `${APP_URL}/webhooks`;

describe("webhook registration", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let shopify: ShopifyApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startTestSimulator();
    sim.sim.createShop({ domain: SHOP, plan: "Basic" });
    shopify = createShopifyApp(
      { apiKey: API_KEY, apiSecretKey: API_SECRET, appUrl: APP_URL, scopes: [...ACCESS_SCOPES], simulatorUrl: sim.url },
      db.prisma,
    );
  });
  afterAll(async () => {
    await sim.close();
    await db.drop();
  });

  const subscriptions = () =>
    sim.sim.subscriptions
      .listApi(SHOP)
      .map((subscription) => ({ topic: subscription.topic, uri: subscription.uri }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  const mutationsSent = () => sim.sim.graphqlLog.filter((entry) => /^\s*mutation/.test(entry.query)).length;
  const reconcile = (limiter = new CostLimiter()) =>
    withShopAdmin(shopify, db.prisma, SHOP, (graphql) =>
      reconcileWebhookSubscriptions(createAdminRequest(graphql, limiter), {
        callbackUrl: CALLBACK,
        topics: desiredWebhookTopics(),
      }),
    );

  it("installing registers exactly the desired topics, and a second pass changes nothing", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: SHOP.replace(".myshopify.com", ""),
        apiKey: API_KEY,
        apiSecretKey: API_SECRET,
      },
      new Request(`${APP_URL}/app`),
    );
    await shopify.authenticate.admin(request);

    const desired = desiredWebhookTopics();
    expect(desired).toContain("orders/create");
    expect(desired).toContain("locations/update");
    // Declared in shopify.app.toml, never through the API.
    expect(desired).not.toContain("customers/redact");
    expect(desired).not.toContain("app/uninstalled");
    expect(subscriptions()).toEqual(desired.map((topic) => ({ topic, uri: CALLBACK })));
    const run = await db.prisma.syncRun.findFirstOrThrow({ where: { resource: "webhook_subscriptions" } });
    expect(run).toMatchObject({ kind: "install", status: "succeeded", rowsRepaired: 0n });
    expect(run.rowsWritten).toBe(BigInt(desired.length));

    const before = mutationsSent();
    const again = await reconcile();
    expect(again).toEqual({ created: [], updated: [], deleted: [], refused: [], unchanged: desired.length });
    expect(mutationsSent()).toBe(before);
    expect(subscriptions()).toEqual(desired.map((topic) => ({ topic, uri: CALLBACK })));
  });

  it("re-creates a subscription Shopify removed, re-points a moved one, deletes a stale one and records the repair", async () => {
    const byTopic = (topic: string) => sim.sim.subscriptions.listApi(SHOP).find((s) => s.topic === topic)!;
    sim.sim.subscriptions.delete(SHOP, byTopic("orders/create").id);
    sim.sim.subscriptions.update(SHOP, byTopic("products/update").id, { uri: "https://elsewhere.example/hooks" });
    sim.sim.subscriptions.create(SHOP, "FULFILLMENTS_CREATE", { uri: CALLBACK });

    const startedAt = new Date();
    const changes = await reconcile();
    expect(changes).toMatchObject({
      created: ["orders/create"],
      updated: ["products/update"],
      deleted: ["fulfillments/create"],
    });
    expect(subscriptions()).toEqual(desiredWebhookTopics().map((topic) => ({ topic, uri: CALLBACK })));

    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await recordSubscriptionChanges(db.prisma, shop.id, changes, "reconcile", startedAt, CALLBACK);
    const repair = await db.prisma.syncRun.findFirstOrThrow({ where: { kind: "reconcile" } });
    expect(repair.rowsRepaired).toBe(2n);
    expect(repair.note).toContain("created orders/create");
  });

  it("waits for an empty cost bucket to refill instead of failing", async () => {
    sim.sim.bucket(SHOP).drain();
    const limiter = new CostLimiter();
    const changes = await reconcile(limiter);
    expect(changes.unchanged).toBe(desiredWebhookTopics().length);
    // The first call met an empty bucket (THROTTLED with HTTP 200) and was retried after a wait.
    expect(limiter.throttledRetries).toBeGreaterThanOrEqual(1);
    expect(limiter.waitedMs).toBeGreaterThan(0);
  });

  it("the worker's backfill job loads the installed shop through its offline session", async () => {
    const pool = createPool(db.url, 4);
    try {
      await backfillShopTask({ pool, db: db.prisma, shopify }, {
        id: "job-1",
        name: "shop-backfill",
        data: { shopDomain: SHOP },
      } as never);
    } finally {
      await pool.end();
    }
    const runs = await db.prisma.syncRun.findMany({ where: { kind: "backfill" } });
    expect(runs.map((run) => [run.resource, run.status]).sort()).toEqual(
      [["customers"], ["inventory"], ["locations"], ["orders"], ["products"]].map(([resource]) => [
        resource,
        "succeeded",
      ]),
    );
    const simulated = sim.sim.shop(SHOP)!;
    expect(await db.prisma.order.count()).toBe(simulated.orders.length);
    expect(await db.prisma.customer.count()).toBe(simulated.customers.length);
  });

  it("a shop whose app lacks protected customer data approval gets every other topic; the refused ones are shown and subscribed once approved", async () => {
    const domain = "unapproved.myshopify.com";
    sim.sim.createShop({ domain, plan: "Basic" });
    sim.sim.protectedCustomerData.approved = false;
    try {
      await shopify.authenticate.admin(
        await setUpValidRequest(
          { type: RequestType.Bearer, store: "unapproved", apiKey: API_KEY, apiSecretKey: API_SECRET },
          new Request(`${APP_URL}/app`),
        ),
      );
      const desired = desiredWebhookTopics();
      const isProtected = (topic: string) => /^(customers|orders|refunds)\//.test(topic);
      // Every topic that holds no protected data is subscribed, whatever order the refusals came in.
      const subscribed = sim.sim.subscriptions
        .listApi(domain)
        .map((subscription) => subscription.topic)
        .sort();
      expect(subscribed).toEqual(desired.filter((topic) => !isProtected(topic)));
      expect(subscribed).toEqual(
        expect.arrayContaining(["inventory_levels/update", "locations/create", "products/update"]),
      );

      const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain } });
      const refused = shop.refusedWebhookTopics as { topic: string; message: string }[];
      expect(refused.map((refusal) => refusal.topic).sort()).toEqual(desired.filter(isProtected));
      expect(refused.every((refusal) => refusal.message === PROTECTED_CUSTOMER_DATA_REFUSAL)).toBe(true);
      const status = (await getSyncStatus(db.prisma, domain))!;
      expect(status.refusedTopics).toHaveLength(desired.filter(isProtected).length);
      expect(status.refusedTopics[0]!.action).toBe(PROTECTED_DATA_ACTION);
      const subscriptionsState = status.resources.find((resource) => resource.resource === "webhook_subscriptions")!;
      expect(subscriptionsState.state).toBe("failing");
      expect(subscriptionsState.lastError?.message).toMatch(/^Shopify refused \d+ topics: This app is not approved/);

      // Approved in the Partner Dashboard: the next reconciliation subscribes them, and the notice goes.
      sim.sim.protectedCustomerData.approved = true;
      const startedAt = new Date();
      const changes = await withShopAdmin(shopify, db.prisma, domain, (graphql) =>
        reconcileWebhookSubscriptions(createAdminRequest(graphql, new CostLimiter()), {
          callbackUrl: CALLBACK,
          topics: desired,
        }),
      );
      expect(changes.created.sort()).toEqual(desired.filter(isProtected));
      expect(changes.refused).toEqual([]);
      await recordSubscriptionChanges(db.prisma, shop.id, changes, "reconcile", startedAt, CALLBACK);
      expect(sim.sim.subscriptions.listApi(domain)).toHaveLength(desired.length);
      const after = (await getSyncStatus(db.prisma, domain))!;
      expect(after.refusedTopics).toEqual([]);
      expect(after.resources.find((resource) => resource.resource === "webhook_subscriptions")!.state).toBe("idle");
    } finally {
      sim.sim.protectedCustomerData.approved = true;
    }
  });

  it("opening the app after its URL changed queues a reconciliation that re-points the shop's subscriptions", async () => {
    const queue = await startQueue(db.url);
    try {
      const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      expect(shop.webhooksCallbackUrl).toBe(CALLBACK);
      expect(await repointSubscriptionsIfMoved(db.prisma, queue, SHOP, CALLBACK)).toBe(false);

      const moved = "https://new-tunnel.example/webhooks";
      expect(await repointSubscriptionsIfMoved(db.prisma, queue, SHOP, moved)).toBe(true);
      const jobs = await createPool(db.url, 1).query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'shopDomain' = $2 AND state = 'created'`,
        [SHOP_RECONCILE_QUEUE, SHOP],
      );
      expect(jobs.rows[0]!.n).toBe(1);
      // The reconciliation that job runs re-points every subscription and records the new URL.
      const changes = await withShopAdmin(shopify, db.prisma, SHOP, (graphql) =>
        reconcileWebhookSubscriptions(createAdminRequest(graphql, new CostLimiter()), {
          callbackUrl: moved,
          topics: desiredWebhookTopics(),
        }),
      );
      expect(changes.updated).toHaveLength(desiredWebhookTopics().length);
      await recordSubscriptionChanges(db.prisma, shop.id, changes, "reconcile", new Date(), moved);
      expect(subscriptions().every((subscription) => subscription.uri === moved)).toBe(true);
      expect(await repointSubscriptionsIfMoved(db.prisma, queue, SHOP, moved)).toBe(false);
    } finally {
      await queue.stop({ graceful: false, close: true });
    }
  });
});
