// What the commands that talk to Shopify share: the database clients, the
// Shopify app object (its session storage renews tokens as in the worker) and
// the settings, built once when such a command runs.
import type { ShopifyApp, ShopifyAppSettings } from "~/.server/auth";
import type { ShopSyncDeps } from "~/.server/sync";

export interface Runtime extends ShopSyncDeps {
  /** Built on first use: its session storage expects the migrated schema, which `doctor` may find missing. */
  shopify: ShopifyApp;
  settings: ShopifyAppSettings;
  /** Where the shops' webhook subscriptions deliver: SHOPIFY_APP_URL + /webhooks. */
  callbackUrl: string;
  reconcileIntervalMinutes: number;
  reconcileLookbackMs: number;
}

let built: Promise<Runtime> | undefined;

export function runtime(): Promise<Runtime> {
  built ??= (async () => {
    const [{ env }, { prisma, pool }, { createShopifyApp, shopifyAppSettings }, { WEBHOOK_PATH }] = await Promise.all([
      import("~/.server/env"),
      import("~/db.server"),
      import("~/.server/auth/shopify-app"),
      import("~/.server/shopify/constants"),
    ]);
    const config = env();
    const settings = shopifyAppSettings(config);
    let shopifyApp: ShopifyApp | undefined;
    return {
      db: prisma(),
      pool: pool(4),
      get shopify() {
        return (shopifyApp ??= createShopifyApp(settings, prisma()));
      },
      settings,
      callbackUrl: new URL(WEBHOOK_PATH, config.SHOPIFY_APP_URL).href,
      reconcileIntervalMinutes: config.RECONCILE_INTERVAL_MINUTES,
      reconcileLookbackMs: config.RECONCILE_LOOKBACK_SECONDS * 1000,
    };
  })();
  return built;
}
