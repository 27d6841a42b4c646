import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfflineTokenStorage } from "~/.server/auth/offline-token-storage";
import { createTestDatabase, type TestDatabase } from "./support/database";

describe("session storage", () => {
  let db: TestDatabase;
  let storage: OfflineTokenStorage;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = new OfflineTokenStorage(new PrismaSessionStorage(db.prisma), {
      db: db.prisma,
      refresh: () => Promise.reject(new Error("no refresh expected in a round trip")),
      renew: () => Promise.reject(new Error("no renewal expected in a round trip")),
      onRefreshRejected: async () => {},
    });
  });
  afterAll(() => db.drop());

  it("round-trips an online session with its user, scopes and expiry", async () => {
    const expires = new Date(Date.now() + 24 * 3600 * 1000);
    const session = new Session({
      id: "round-trip.myshopify.com_902541635",
      shop: "round-trip.myshopify.com",
      state: "state-123",
      isOnline: true,
      scope: "read_products,read_orders",
      expires,
      accessToken: "shpua_online_token",
      onlineAccessInfo: {
        expires_in: 86400,
        associated_user_scope: "read_products,read_orders",
        associated_user: {
          id: 902541635,
          first_name: "Ada",
          last_name: "Lovelace",
          email: "ada@example.com",
          email_verified: true,
          account_owner: true,
          locale: "en",
          collaborator: false,
        },
      },
    });

    expect(await storage.storeSession(session)).toBe(true);
    const loaded = await storage.loadSession(session.id);

    // PrismaSessionStorage keeps the user but not expires_in / associated_user_scope
    // (the session's own `expires` and `scope` carry them).
    const { onlineAccessInfo, ...rest } = session.toObject();
    expect(loaded?.toObject()).toEqual({
      ...rest,
      onlineAccessInfo: { associated_user: onlineAccessInfo!.associated_user },
    });
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.userId).toBe(902541635n);
  });

  it("round-trips an offline session with its refresh token and finds it by shop", async () => {
    const session = new Session({
      id: "offline_round-trip.myshopify.com",
      shop: "round-trip.myshopify.com",
      state: "",
      isOnline: false,
      scope: "read_orders",
      expires: new Date(Date.now() + 3600 * 1000),
      accessToken: "shpat_offline",
      refreshToken: "shprt_refresh",
      refreshTokenExpires: new Date(Date.now() + 90 * 24 * 3600 * 1000),
    });
    await storage.storeSession(session);

    const loaded = await storage.loadSession(session.id);
    expect(loaded?.refreshToken).toBe("shprt_refresh");
    expect(loaded?.refreshTokenExpires?.getTime()).toBe(session.refreshTokenExpires!.getTime());
    const byShop = await storage.findSessionsByShop("round-trip.myshopify.com");
    expect(byShop.map((found) => found.id).sort()).toEqual([session.id, "round-trip.myshopify.com_902541635"].sort());

    expect(await storage.deleteSession(session.id)).toBe(true);
    expect(await storage.loadSession(session.id)).toBeUndefined();
  });
});
