// Task shop-reconcile: a shop's reconciliation (sync/shop-sync.ts): its
// webhook subscriptions re-checked, then missed updates repaired. One at a
// time per worker; queued by sync-scheduler and by "Reconcile now".
import { WEBHOOK_PATH } from "~/.server/shopify/constants";
import { SHOP_RECONCILE_QUEUE } from "~/.server/jobs";
import { reconcileShop } from "~/.server/sync/shop-sync";
import type { TaskFactory } from "../task";
import { shopOf } from "./shop-backfill";

export const shopReconcileTask: TaskFactory = (deps) => ({
  queue: SHOP_RECONCILE_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 2 },
  handler: async ([job]) => {
    const shopDomain = shopOf(job!);
    if (!shopDomain) return;
    await deps.dataChanges.whileChanging(shopDomain, () =>
      reconcileShop({ pool: deps.pool, db: deps.db, shopify: deps.shopify() }, shopDomain, {
        callbackUrl: new URL(WEBHOOK_PATH, deps.config.SHOPIFY_APP_URL).href,
        lookbackMs: deps.config.RECONCILE_LOOKBACK_SECONDS * 1000,
      }),
    );
  },
});
