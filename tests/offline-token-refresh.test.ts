import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createShopifyApp, type ShopifyApp } from "~/.server/auth/shopify-app";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { createTestDatabase, type TestDatabase } from "./support/database";
import type { RunningSimulator } from "../simulator";
import { startTestSimulator } from "./support/simulator";

const apiKey = "refresh-test-key";
const apiSecretKey = "refresh-test-secret";
const SHOP = "refresh-test.myshopify.com";
const SESSION_ID = `offline_${SHOP}`;

describe("expiring offline tokens", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  // Two app instances with their own database pools: two processes (web and worker).
  let web: ShopifyApp;
  let worker: ShopifyApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startTestSimulator({ app: { apiKey, apiSecret: apiSecretKey }, refreshDelayMs: 150 });
    sim.sim.createShop({ domain: SHOP, name: "Refresh", timezone: "UTC", plan: "Basic" });
    const settings = {
      apiKey,
      apiSecretKey,
      appUrl: "https://storehouse.example",
      scopes: [...ACCESS_SCOPES],
      simulatorUrl: sim.url,
    };
    web = createShopifyApp(settings, db.connect());
    worker = createShopifyApp(settings, db.connect());
    await db.prisma.shop.create({ data: { domain: SHOP, installedAt: new Date() } });
  });

  afterEach(async () => {
    await db.prisma.session.deleteMany();
    await db.prisma.shop.update({ where: { domain: SHOP }, data: { needsReauthAt: null, needsReauthWhy: null } });
    sim.sim.oauth.counters.refreshGrants = 0;
    sim.sim.oauth.counters.refusedRefreshGrants = 0;
  });

  afterAll(async () => {
    await sim.close();
    await db.drop();
  });

  /** Writes an offline session straight to the table, bypassing any storage logic. */
  async function storeOfflineSession(expires: Date | undefined) {
    const { accessToken, refreshToken } = sim.sim.install(SHOP);
    const session = new Session({
      id: SESSION_ID,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken,
      expires,
      refreshToken,
    });
    await new PrismaSessionStorage(db.prisma).storeSession(session);
    return { accessToken, refreshToken };
  }

  it("concurrent web and worker requests refresh a near-expiry token exactly once", async () => {
    const old = await storeOfflineSession(new Date(Date.now() + 2 * 60 * 1000));

    const sessions = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? web : worker).sessionStorage!.loadSession(SESSION_ID)),
    );

    expect(sim.sim.oauth.counters.refreshGrants).toBe(1);
    expect(sim.sim.oauth.counters.refusedRefreshGrants).toBe(0);
    const tokens = new Set(sessions.map((session) => session?.accessToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(old.accessToken);
    const stored = await db.prisma.session.findUniqueOrThrow({ where: { id: SESSION_ID } });
    expect(stored.accessToken).toBe([...tokens][0]);
    expect(stored.refreshToken).not.toBe(old.refreshToken);
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now() + 55 * 60 * 1000);
  });

  it("Admin API calls through the library use the refreshed token", async () => {
    await storeOfflineSession(new Date(Date.now() + 60 * 1000));

    const [a, b] = await Promise.all([web.unauthenticated.admin(SHOP), worker.unauthenticated.admin(SHOP)]);
    const response = await a.admin.graphql("query { shop { id } }");
    expect(response.ok).toBe(true);
    expect(a.session.accessToken).toBe(b.session.accessToken);
    expect(sim.sim.oauth.counters.refreshGrants).toBe(1);
  });

  it("a token stored without an expiry but with a refresh token gets refreshed (shopify-app-js#3400)", async () => {
    await storeOfflineSession(undefined);

    const session = await worker.sessionStorage!.loadSession(SESSION_ID);

    expect(sim.sim.oauth.counters.refreshGrants).toBe(1);
    expect(session?.expires).toBeInstanceOf(Date);
  });

  it("a session stored without an expiry is given one, so it is refreshed in time", async () => {
    const { accessToken, refreshToken } = sim.sim.install(SHOP);
    await web.sessionStorage!.storeSession(
      new Session({ id: SESSION_ID, shop: SHOP, state: "", isOnline: false, accessToken, refreshToken }),
    );
    const stored = await db.prisma.session.findUniqueOrThrow({ where: { id: SESSION_ID } });
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    expect(sim.sim.oauth.counters.refreshGrants).toBe(0);
  });

  it("a refresh token Shopify refuses marks the shop as needing re-authentication", async () => {
    await storeOfflineSession(new Date(Date.now() + 60 * 1000));
    sim.sim.oauth.revokeShop(SHOP);

    const session = await web.sessionStorage!.loadSession(SESSION_ID);

    expect(session).toBeUndefined();
    expect(sim.sim.oauth.counters.refusedRefreshGrants).toBe(1);
    const shop = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.needsReauthAt).toBeInstanceOf(Date);
    expect(shop.needsReauthWhy).toMatch(/refresh token/);
    expect(await db.prisma.session.count({ where: { id: SESSION_ID } })).toBe(0);
  });

  it("a token far from expiry is handed out without any refresh", async () => {
    const { accessToken } = await storeOfflineSession(new Date(Date.now() + 50 * 60 * 1000));
    const session = await web.sessionStorage!.loadSession(SESSION_ID);
    expect(session?.accessToken).toBe(accessToken);
    expect(sim.sim.oauth.counters.refreshGrants).toBe(0);
  });
});
