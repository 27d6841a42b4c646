import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withShopAdmin } from "~/.server/shops";
import { fetchShopProfile } from "~/.server/admin-api/shop-profile";
import { createShopifyApp, type ShopifyApp } from "~/.server/auth/shopify-app";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { recordInstallation, ShopNeedsReauthError } from "~/.server/shops";
import { createTestDatabase, type TestDatabase } from "./support/database";
import type { RunningSimulator } from "../simulator";
import { startTestSimulator } from "./support/simulator";

const apiKey = "storehouse-test-key";
const apiSecretKey = "storehouse-test-secret";
const SHOP = "storehouse-test.myshopify.com";

describe("Shopify auth", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  // The simulated shop's id is above 2^53: it must survive as an exact 64-bit id.
  let shopId: string;
  let shopify: ShopifyApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startTestSimulator({ app: { apiKey, apiSecret: apiSecretKey } });
    shopId = sim.sim.createShop({
      domain: SHOP,
      name: "Storehouse Test",
      currency: "EUR",
      timezone: "Europe/Berlin",
      plan: "Grow",
    }).id;
    shopify = createShopifyApp(
      {
        apiKey,
        apiSecretKey,
        appUrl: "https://storehouse.example",
        scopes: [...ACCESS_SCOPES],
        simulatorUrl: sim.url,
      },
      db.prisma,
    );
  });

  afterAll(async () => {
    await sim.close();
    await db.drop();
  });

  async function embeddedRequest() {
    return setUpValidRequest(
      { type: RequestType.Bearer, store: SHOP.replace(".myshopify.com", ""), apiKey, apiSecretKey },
      new Request("https://storehouse.example/app"),
    );
  }

  it("authenticate.admin exchanges the session token for an expiring offline token and stores the session", async () => {
    const { session } = await shopify.authenticate.admin(await embeddedRequest());

    expect(session.shop).toBe(SHOP);
    expect(sim.sim.oauth.counters.tokenExchanges).toBe(1);
    const stored = await db.prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    expect(stored.isOnline).toBe(false);
    expect(stored.refreshToken).toMatch(/^shprt_/);
    const lifetimeMs = stored.expires!.getTime() - Date.now();
    expect(lifetimeMs).toBeGreaterThan(55 * 60 * 1000);
    expect(lifetimeMs).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it("afterAuth stores the shops row from the Admin GraphQL shop query", async () => {
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.shopifyId).toBe(BigInt(shopId));
    expect(shop).toMatchObject({
      name: "Storehouse Test",
      currency: "EUR",
      timezone: "Europe/Berlin",
      plan: "Grow",
      uninstalledAt: null,
      needsReauthAt: null,
    });
    expect(shop.scopes?.split(",")).toEqual(expect.arrayContaining([...ACCESS_SCOPES]));
    expect(shop.installedAt).toBeInstanceOf(Date);
    expect(sim.sim.graphqlLog.some((call) => call.shop === SHOP && call.query.includes("myshopifyDomain"))).toBe(true);
  });

  it("a second request reuses the stored offline token instead of exchanging again", async () => {
    await shopify.authenticate.admin(await embeddedRequest());
    expect(sim.sim.oauth.counters.tokenExchanges).toBe(1);
  });

  it("a token Shopify rejects with 401 marks the shop as needing re-authentication; the next open heals it", async () => {
    sim.sim.oauth.revokeShop(SHOP);

    await expect(withShopAdmin(shopify, db.prisma, SHOP, fetchShopProfile)).rejects.toBeInstanceOf(
      ShopNeedsReauthError,
    );
    const marked = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(marked.needsReauthAt).toBeInstanceOf(Date);
    expect(marked.needsReauthWhy).toContain("401");
    expect(await db.prisma.session.count({ where: { shop: SHOP, isOnline: false } })).toBe(0);

    // Without a session, background work reports the state instead of calling Shopify.
    await expect(withShopAdmin(shopify, db.prisma, SHOP, fetchShopProfile)).rejects.toThrow(/needs re-authentication/);

    // The merchant opens the app: token exchange runs again and afterAuth clears the mark.
    await shopify.authenticate.admin(await embeddedRequest());
    expect(sim.sim.oauth.counters.tokenExchanges).toBe(2);
    const healed = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(healed.needsReauthAt).toBeNull();
    expect(healed.installedAt).toEqual(marked.installedAt);
    const profile = await withShopAdmin(shopify, db.prisma, SHOP, fetchShopProfile);
    expect(profile.shopifyId).toBe(BigInt(shopId));
  });

  it("a session token signed with another secret is refused and stores nothing", async () => {
    const forged = await setUpValidRequest(
      { type: RequestType.Bearer, store: "intruder", apiKey, apiSecretKey: "not-the-secret" },
      new Request("https://storehouse.example/app"),
    );
    const outcome = await shopify.authenticate.admin(forged).then(
      () => "authenticated",
      (response: unknown) => (response instanceof Response ? response.status : "threw"),
    );
    expect(outcome).toBe(401);
    expect(await db.prisma.shop.count({ where: { domain: "intruder.myshopify.com" } })).toBe(0);
    expect(await db.prisma.session.count({ where: { shop: "intruder.myshopify.com" } })).toBe(0);
  });
});

describe("recordInstallation", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const profile = {
    shopifyId: 9007199254740993n,
    name: "Reinstall Shop",
    email: null,
    domain: "reinstall.myshopify.com",
    currency: "USD",
    timezone: "America/New_York",
    plan: "Basic",
    raw: {},
  };

  it("keeps installed_at on re-authentication and starts a new one after uninstall", async () => {
    const first = new Date("2026-01-01T00:00:00Z");
    await recordInstallation(db.prisma, { domain: profile.domain, scopes: "read_orders", profile, now: first });
    await recordInstallation(db.prisma, {
      domain: profile.domain,
      scopes: "read_orders",
      profile,
      now: new Date("2026-02-01T00:00:00Z"),
    });
    let shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: profile.domain } });
    expect(shop.installedAt).toEqual(first);
    expect(shop.shopifyId).toBe(9007199254740993n);

    await db.prisma.shop.update({
      where: { domain: profile.domain },
      data: { uninstalledAt: new Date("2026-03-01T00:00:00Z") },
    });
    const reinstall = new Date("2026-04-01T00:00:00Z");
    await recordInstallation(db.prisma, { domain: profile.domain, scopes: "read_orders", profile, now: reinstall });
    shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: profile.domain } });
    expect(shop.installedAt).toEqual(reinstall);
    expect(shop.uninstalledAt).toBeNull();
  });
});
