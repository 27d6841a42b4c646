// Task: a shop's scheduled reconciliation. The shop's webhook subscriptions
// are re-checked first (Shopify deletes one after 8 failed deliveries; a
// re-created one is recorded as a repair), then missed updates are repaired.
// A shop that needs re-authentication is skipped until the merchant returns.
import type { Job } from "pg-boss";
import { runReconciliation } from "~/.server/sync/reconcile";
import {
  desiredWebhookTopics,
  reconcileWebhookSubscriptions,
  recordSubscriptionChanges,
} from "~/.server/sync/webhook-subscriptions";
import { runShopSyncTask, type ShopSyncDeps } from "./shop-sync-task";

export interface ReconcileShopDeps extends ShopSyncDeps {
  callbackUrl: string;
  lookbackMs: number;
}

export async function reconcileShopTask(deps: ReconcileShopDeps, job: Job<unknown>): Promise<void> {
  await runShopSyncTask(deps, job, {
    name: "reconciliation",
    skipNeedingReauth: true,
    work: async (shop, request) => {
      const startedAt = new Date();
      const changes = await reconcileWebhookSubscriptions(request, {
        callbackUrl: deps.callbackUrl,
        topics: desiredWebhookTopics(),
      });
      await recordSubscriptionChanges(deps.db, shop.id, changes, "reconcile", startedAt, deps.callbackUrl);
      return runReconciliation(deps.pool, request, shop.id.toString(), { lookbackMs: deps.lookbackMs });
    },
  });
}
