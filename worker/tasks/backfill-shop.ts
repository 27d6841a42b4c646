// Task: a shop's full backfill through bulk operations. A shop that needs
// re-authentication is paused (its jobs wait until the merchant opens the
// app again, which queues a new backfill).
import type { Job } from "pg-boss";
import { runBackfill } from "~/.server/sync/backfill";
import { runShopSyncTask, type ShopSyncDeps } from "./shop-sync-task";

export async function backfillShopTask(deps: ShopSyncDeps, job: Job<unknown> & { createdOn?: Date }): Promise<void> {
  await runShopSyncTask(deps, job, {
    name: "backfill",
    skipNeedingReauth: false,
    work: (shop, request) =>
      runBackfill(deps.pool, request, shop.id.toString(), {
        // A retried job (its worker died, or a resource failed) picks up where the previous attempt stopped.
        resumeSince: job.createdOn,
      }),
  });
}
