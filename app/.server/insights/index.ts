// Insights: the read models the dashboard, the analyst API and the CLI share:
// sales figures for a period (sales.ts) and their stored snapshots, the data
// browsers (browse/: filters, keyset pages, CSV), the event log, webhook
// health, data requests, and the shop context every read is scoped by.
// Reads only; may import database, jobs, shopify, shops and sync.
export { getShopContext, type ShopContext } from "./shop-context";
export { loadHome, loadSyncHealth } from "./home";
export { periodFromSearch, resolvePeriod, type ResolvedPeriod } from "./period";
