// `storehouse shops connect` and `storehouse doctor` as an operator runs them:
// subprocesses against the Shopify simulator and real PostgreSQL. A store
// goes from nothing to a complete backfill by the client credentials grant;
// doctor names each injected fault, exits 1, and 0 once it is repaired.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { desiredWebhookTopics } from "~/.server/sync/webhook-subscriptions";
import type { RunningSimulator } from "../simulator";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "./support/database";
import { API_KEY, API_SECRET, startTestSimulator } from "./support/simulator";
import { runStorehouse, type CliRun } from "./support/storehouse-cli";

const SHOP = "connect-cli.myshopify.com";
const COUNTS = { products: 12, customers: 30, orders: 60, locations: 2, carts: 0 };

interface DoctorReport {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

describe("storehouse shops connect and doctor", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;

  function storehouse(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
    return runStorehouse(args, {
      DATABASE_URL: db.url,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_SIMULATOR_URL: sim.url,
      SCOPES: ACCESS_SCOPES.join(","),
      ...extraEnv,
    });
  }

  async function doctor(): Promise<{ code: number | null; report: DoctorReport; failing: string[] }> {
    const run = await storehouse(["doctor", "--shop", SHOP, "--json"]);
    const report = JSON.parse(run.stdout) as DoctorReport;
    return { code: run.code, report, failing: report.checks.filter((check) => !check.ok).map((check) => check.name) };
  }

  const clientCredentials = ["--client-id", API_KEY, "--client-secret", API_SECRET];

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startTestSimulator();
    // Installed from the Dev Dashboard: the app holds its scopes, no token was handed to Storehouse.
    sim.sim.createShop({ domain: SHOP, seed: "connect", counts: COUNTS, install: true });
  });
  afterAll(async () => {
    await sim?.close();
    await db?.drop();
  });

  it("connects a store by client credentials: scopes checked, subscriptions registered, backfill complete", async () => {
    const run = await storehouse(["shops", "connect", "--shop", SHOP, ...clientCredentials, "--json"]);
    expect(run.stderr).toContain("by client credentials");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ domain: SHOP, scopes: [...ACCESS_SCOPES], missing_scopes: [] });
    // Progress as plain lines (stderr is not a terminal here), then the total.
    expect(run.stderr).toMatch(/backfill connect-cli\.myshopify\.com: [\d,]+( of [\d,]+)? objects written/);
    expect(run.stderr).toMatch(/backfill connect-cli\.myshopify\.com: done: \d+ objects/);

    const subscribed = sim.sim.subscriptions.listApi(SHOP);
    expect(subscribed.map((subscription) => subscription.topic).sort()).toEqual(desiredWebhookTopics());
    expect(new Set(subscribed.map((subscription) => subscription.uri))).toEqual(
      new Set(["https://storehouse.example/webhooks"]),
    );

    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const simulated = sim.sim.requireShop(SHOP);
    expect({
      products: await db.prisma.product.count({ where: { shopId: shop.id } }),
      customers: await db.prisma.customer.count({ where: { shopId: shop.id } }),
      orders: await db.prisma.order.count({ where: { shopId: shop.id } }),
      locations: await db.prisma.location.count({ where: { shopId: shop.id } }),
    }).toEqual({
      products: simulated.products.count,
      customers: simulated.customers.count,
      orders: simulated.orders.count,
      locations: simulated.locations.count,
    });
    // A client credentials token: it expires in 24 hours and has no refresh token.
    const session = await db.prisma.session.findFirstOrThrow({ where: { shop: SHOP, isOnline: false } });
    expect(session.refreshToken).toBeNull();
    expect(session.expires!.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(sim.sim.oauth.counters.clientCredentialsGrants).toBe(1);

    const listed = await storehouse(["shops", "list", "--json"]);
    expect(JSON.parse(listed.stdout)).toEqual([
      { domain: SHOP, name: expect.any(String), installed: true, needs_reauth: false },
    ]);
  }, 120_000);

  it("doctor passes on a healthy store, names each injected fault with exit 1, and passes once repaired", async () => {
    const healthy = await doctor();
    expect(healthy.failing).toEqual([]);
    expect(healthy.code).toBe(0);
    expect(healthy.report.ok).toBe(true);

    // Shopify deleted a subscription, the app lost a scope, an event gave up.
    const orders = sim.sim.subscriptions.listApi(SHOP).find((subscription) => subscription.topic === "orders/create")!;
    sim.sim.subscriptions.delete(SHOP, orders.id);
    const simulated = sim.sim.requireShop(SHOP);
    simulated.grantedScopes = ACCESS_SCOPES.filter((scope) => scope !== "read_customers");
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const dead = await db.prisma.webhookEvent.create({
      data: {
        shopId: shop.id,
        shopDomain: SHOP,
        topic: "orders/updated",
        webhookId: "doctor-dead-1",
        payload: {},
        status: "dead",
        attempts: 8,
        lastError: "malformed payload",
      },
    });

    // And an event has waited ten minutes (no worker is running).
    const waiting = await db.prisma.webhookEvent.create({
      data: {
        shopId: shop.id,
        shopDomain: SHOP,
        topic: "products/update",
        webhookId: "doctor-waiting-1",
        payload: {},
        receivedAt: new Date(Date.now() - 10 * 60_000),
      },
    });

    const faulty = await doctor();
    expect(faulty.code).toBe(1);
    expect(faulty.report.ok).toBe(false);
    expect(faulty.failing.sort()).toEqual(
      [`${SHOP}: dead events`, `${SHOP}: ingestion lag`, `${SHOP}: scopes`, `${SHOP}: webhook subscriptions`].sort(),
    );
    const detail = (name: string) => faulty.report.checks.find((check) => check.name === `${SHOP}: ${name}`)!.detail;
    expect(detail("webhook subscriptions")).toContain("missing orders/create");
    expect(detail("webhook subscriptions")).toContain(`storehouse reconcile --shop ${SHOP}`);
    expect(detail("scopes")).toContain("missing read_customers");
    expect(detail("dead events")).toContain("1 event(s) gave up");
    expect(detail("dead events")).toContain("events replay");
    expect(detail("ingestion lag")).toMatch(
      /1 event\(s\) waiting, the oldest received \d+ s ago: is the worker running/,
    );

    // Without --json: one line per check for people, the count on stderr.
    const plain = await storehouse(["doctor", "--shop", SHOP]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(/^FAIL {2}connect-cli\.myshopify\.com: scopes: missing read_customers/m);
    expect(plain.stderr).toContain("storehouse: doctor found 4 problems");

    // Repaired as the details say.
    const reconciled = await storehouse(["reconcile", "--shop", SHOP, "--json"]);
    expect(reconciled.code).toBe(0);
    expect(JSON.parse(reconciled.stdout).resources).toContainEqual(
      expect.objectContaining({ resource: "webhook_subscriptions", status: "succeeded", repaired: 1 }),
    );
    simulated.grantedScopes = [...ACCESS_SCOPES];
    await db.prisma.webhookEvent.updateMany({
      where: { id: { in: [dead.id, waiting.id] } },
      data: { status: "processed", processedAt: new Date() },
    });
    const repaired = await doctor();
    expect(repaired.failing).toEqual([]);
    expect(repaired.code).toBe(0);
  }, 180_000);

  it("renews a client credentials token before it expires; names a token Shopify refuses until reconnected", async () => {
    // Ten minutes or less left: the next use renews it (here: doctor's), with the app's credentials.
    await db.prisma.session.updateMany({
      where: { shop: SHOP, isOnline: false },
      data: { expires: new Date(Date.now() + 5 * 60_000) },
    });
    const grantsBefore = sim.sim.oauth.counters.clientCredentialsGrants;
    const renewed = await doctor();
    expect(renewed.failing).toEqual([]);
    expect(sim.sim.oauth.counters.clientCredentialsGrants).toBe(grantsBefore + 1);
    const session = await db.prisma.session.findFirstOrThrow({ where: { shop: SHOP, isOnline: false } });
    expect(session.expires!.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);

    // Shopify no longer accepts the token (expired or revoked at its end).
    sim.sim.oauth.expireAccessTokens(SHOP);
    const refused = await doctor();
    expect(refused.code).toBe(1);
    expect(refused.failing).toEqual([`${SHOP}: token`]);
    expect(refused.report.checks.find((check) => check.name === `${SHOP}: token`)!.detail).toMatch(
      /needs re-authentication.*storehouse shops connect/,
    );

    const reconnected = await storehouse(["shops", "connect", "--shop", SHOP, ...clientCredentials, "--no-backfill"]);
    expect(reconnected.code).toBe(0);
    expect(reconnected.stderr).toContain(
      "0 created, 0 re-pointed, 29 already in place".replace("29", String(desiredWebhookTopics().length)),
    );
    expect((await doctor()).code).toBe(0);
  }, 180_000);

  it("says which scopes are missing, refuses other credentials (1) and bad usage (2), connects a custom app's token", async () => {
    const partial = "partial-scopes.myshopify.com";
    sim.sim.createShop({ domain: partial, counts: { products: 2, customers: 2, orders: 2, locations: 1, carts: 0 } });
    sim.sim.requireShop(partial).grantedScopes = ["read_products", "read_inventory", "read_locations"];
    const connected = await storehouse([
      "shops",
      "connect",
      "--shop",
      partial,
      ...clientCredentials,
      "--no-backfill",
      "--json",
    ]);
    expect(connected.code).toBe(0);
    expect(JSON.parse(connected.stdout)).toEqual({
      domain: partial,
      scopes: ["read_products", "read_inventory", "read_locations"],
      missing_scopes: ["read_customers", "read_orders", "read_all_orders"],
    });
    expect(connected.stderr).toContain("Missing scopes: read_customers, read_orders, read_all_orders");

    const wrongSecret = await storehouse([
      "shops",
      "connect",
      "--shop",
      partial,
      "--client-id",
      API_KEY,
      "--client-secret",
      "nope",
    ]);
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr.trim().split("\n").at(-1)).toMatch(
      /^storehouse: the client id and secret are not this deployment's app/,
    );
    expect(wrongSecret.stderr).not.toContain("    at ");

    const notInstalled = "not-installed.myshopify.com";
    sim.sim.createShop({
      domain: notInstalled,
      counts: { products: 1, customers: 1, orders: 1, locations: 1, carts: 0 },
    });
    const refused = await storehouse(["shops", "connect", "--shop", notInstalled, ...clientCredentials]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("The app is not installed on this shop");

    expect((await storehouse(["shops", "connect", "--shop", partial])).code).toBe(2);
    expect(
      (await storehouse(["shops", "connect", "--shop", partial, "--access-token", "x", ...clientCredentials])).code,
    ).toBe(2);

    // A custom app's token: never expires, its scopes are asked of Shopify.
    const custom = "custom-app.myshopify.com";
    sim.sim.createShop({ domain: custom, counts: { products: 3, customers: 3, orders: 3, locations: 1, carts: 0 } });
    const { accessToken } = sim.sim.install(custom, false);
    const byToken = await storehouse(["shops", "connect", "--shop", custom, "--json"], {
      STOREHOUSE_ACCESS_TOKEN: accessToken,
    });
    expect(byToken.code).toBe(0);
    expect(JSON.parse(byToken.stdout)).toEqual({ domain: custom, scopes: [...ACCESS_SCOPES], missing_scopes: [] });
    expect(await db.prisma.order.count({ where: { shop: { domain: custom } } })).toBe(3);
    const badToken = await storehouse(["shops", "connect", "--shop", custom, "--access-token", "shpat_wrong"]);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain("Shopify refused the access token");

    const disconnected = await storehouse(["shops", "disconnect", "--shop", custom, "--json"]);
    expect(disconnected.code).toBe(0);
    expect(JSON.parse(disconnected.stdout).removed_subscriptions).toHaveLength(desiredWebhookTopics().length);
    expect(sim.sim.subscriptions.listApi(custom)).toEqual([]);
    const shops = JSON.parse((await storehouse(["shops", "list", "--json"])).stdout) as {
      domain: string;
      installed: boolean;
    }[];
    expect(shops.find((shop) => shop.domain === custom)?.installed).toBe(false);
  }, 240_000);
  it("names topics and fields Shopify withholds for protected customer data, until the app is approved", async () => {
    // Approval withdrawn, and a protected topic's subscription gone: Shopify refuses to subscribe it again.
    sim.sim.protectedCustomerData.update({ approved: false });
    const orders = sim.sim.subscriptions.listApi(SHOP).find((subscription) => subscription.topic === "orders/create")!;
    sim.sim.subscriptions.delete(SHOP, orders.id);
    // Shopify also denies the customer and order reads: the reconciliation fails, and says so.
    const reconciled = await storehouse(["reconcile", "--shop", SHOP]);
    expect(reconciled.code).toBe(1);
    expect(reconciled.stderr).toMatch(/^storehouse: the reconciliation of .* failed/m);
    const refused = await doctor();
    expect(refused.code).toBe(1);
    // The refused topics are this check's, not reported again as missing subscriptions.
    expect(refused.failing).toEqual([`${SHOP}: protected customer data`, `${SHOP}: reconciliation`]);
    expect(refused.report.checks.find((check) => check.name === `${SHOP}: protected customer data`)!.detail).toMatch(
      /Shopify refused the topics .*orders\/create.*Partner Dashboard/,
    );
    sim.sim.protectedCustomerData.update({ approved: true });
    expect((await storehouse(["reconcile", "--shop", SHOP])).code).toBe(0);
    expect((await doctor()).code).toBe(0);
  }, 120_000);

  it("reports migrations not applied without applying them; db migrate applies them", async () => {
    const empty = await createEmptyDatabase();
    try {
      const before = await storehouse(["doctor", "--json"], { DATABASE_URL: empty.url });
      expect(before.code).toBe(1);
      const report = JSON.parse(before.stdout) as DoctorReport;
      expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(["database: migrations"]);
      expect(report.checks[0]!.detail).toMatch(/^\d+ not applied \(.*\): run `storehouse db migrate`$/);
      const migrated = await storehouse(["db", "migrate", "--json"], { DATABASE_URL: empty.url });
      expect(migrated.code).toBe(0);
      expect((JSON.parse(migrated.stdout) as { applied: string[] }).applied.length).toBeGreaterThan(10);
      const after = await storehouse(["doctor", "--json"], { DATABASE_URL: empty.url });
      expect(after.code).toBe(0);
    } finally {
      await empty.drop();
    }
  }, 120_000);
});
