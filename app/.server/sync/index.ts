// Sync: everything that makes the store agree with Shopify besides webhooks:
// per-shop webhook registration, the bulk-operation backfill, the paged
// reconciliation, when each runs (schedule.ts, shop-sync.ts), the sync_runs
// ledger (sync-runs.ts, its only writer) and the sync status read model.
// May import admin-api, database, jobs, normalize, shopify, shops and store.
export { backfillShop, reconcileShop, type ShopSyncDeps } from "./shop-sync";
export { runBackfill, BACKFILL_RESOURCES } from "./backfill";
export { runReconciliation, RECONCILE_RESOURCES } from "./reconcile";
export { getSyncStatus, requestResync, resyncRequest } from "./status";
