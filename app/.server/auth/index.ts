// Auth: the Shopify app object (shopifyApp() with its session storage and
// the install hooks: record the shop, register its webhooks) and the
// single-flight refresh of expiring offline tokens. The top of the core:
// may import admin-api, database, shopify, shops and sync.
export { createShopifyApp, type ShopifyApp, type ShopifyAppSettings } from "./shopify-app";
export { OfflineTokenStorage } from "./offline-token-storage";
