// Builds the Shopify app object from explicit config, so tests can build one
// against the Shopify simulator without touching process.env.
import "@shopify/shopify-app-remix/adapters/node";
import type { PrismaClient, Shop } from "@prisma/client";
import { shopifyApi } from "@shopify/shopify-api";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { fetchShopProfile } from "~/.server/admin-api/shop-profile";
import { OfflineTokenStorage } from "~/.server/auth/offline-token-storage";
import { logger } from "~/.server/logger";
import { markShopNeedsReauth, recordInstallation } from "~/.server/shops";
import { registerWebhooks } from "~/.server/sync/register-webhooks";
import { API_VERSION, WEBHOOK_PATH } from "~/.server/shopify/constants";
import type { Env } from "~/.server/env";
import { routeShopifyCallsToSimulator } from "~/.server/shopify/simulator-routing";

export interface ShopifyAppSettings {
  apiKey: string;
  apiSecretKey: string;
  appUrl: string;
  scopes: string[];
  customShopDomains?: string[];
  /** Dev/test only: base URL of the Shopify simulator (see simulator/). */
  simulatorUrl?: string;
  /** Runs after every successful auth, once the shop row and webhooks are in place (e.g. to start a backfill). */
  onAuthenticated?: (shop: Shop) => Promise<void>;
}

/** The settings every process builds its Shopify app object from (the web adds its install hook). */
export function shopifyAppSettings(config: Env): ShopifyAppSettings {
  return {
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    appUrl: config.SHOPIFY_APP_URL,
    scopes: config.SCOPES,
    customShopDomains: config.SHOP_CUSTOM_DOMAIN ? [config.SHOP_CUSTOM_DOMAIN] : undefined,
    simulatorUrl: config.SHOPIFY_SIMULATOR_URL,
  };
}

/**
 * The library's OAuth grants that shopifyApp() does not expose: the
 * refresh-token grant and the client credentials grant.
 */
export function createGrantsApi(settings: ShopifyAppSettings) {
  const appUrl = new URL(settings.appUrl);
  return shopifyApi({
    apiKey: settings.apiKey,
    apiSecretKey: settings.apiSecretKey,
    apiVersion: API_VERSION,
    scopes: settings.scopes,
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === "http:" ? "http" : "https",
    isEmbeddedApp: true,
    customShopDomains: settings.customShopDomains,
    logger: { level: 0, log: async () => {} },
  });
}

export function createShopifyApp(settings: ShopifyAppSettings, db: PrismaClient) {
  if (settings.simulatorUrl) routeShopifyCallsToSimulator(settings.simulatorUrl);

  const appUrl = new URL(settings.appUrl);
  const webhookCallbackUrl = new URL(WEBHOOK_PATH, appUrl).href;
  const grantsApi = createGrantsApi(settings);

  const sessionStorage = new OfflineTokenStorage(new PrismaSessionStorage(db), {
    db,
    refresh: async (shop, refreshToken) => (await grantsApi.auth.refreshToken({ shop, refreshToken })).session,
    renew: async (shop) => (await grantsApi.auth.clientCredentials({ shop })).session,
    onRefreshRejected: (shop, reason) => markShopNeedsReauth(db, shop, reason),
  });

  return shopifyApp({
    apiKey: settings.apiKey,
    apiSecretKey: settings.apiSecretKey,
    apiVersion: API_VERSION,
    scopes: settings.scopes,
    appUrl: settings.appUrl,
    authPathPrefix: "/auth",
    sessionStorage,
    distribution: AppDistribution.AppStore,
    customShopDomains: settings.customShopDomains,
    future: {
      unstable_newEmbeddedAuthStrategy: true,
      expiringOfflineAccessTokens: true,
    },
    logger: {
      level: 1,
      timestamps: false,
      // Shopify's own log lines go through pino, where tokens are redacted.
      log: async (severity, message) => {
        logger[severity <= 0 ? "error" : severity === 1 ? "warn" : "debug"]({ source: "shopify" }, message);
      },
    },
    hooks: {
      afterAuth: async ({ session, admin }) => {
        const profile = await fetchShopProfile(admin.graphql);
        const shop = await recordInstallation(db, { domain: session.shop, scopes: session.scope, profile });
        logger.info({ shop: session.shop }, "shop authenticated");
        await registerWebhooks(db, shop.id, session.shop, admin.graphql, webhookCallbackUrl);
        // Follow-up work must not lock the merchant out of the app: log and let reconciliation catch up.
        await settings.onAuthenticated?.(shop).catch((error: unknown) => {
          logger.error({ shop: session.shop, err: error }, "post-install work could not be queued");
        });
      },
    },
    webhooks: {},
  });
}

export type ShopifyApp = ReturnType<typeof createShopifyApp>;
