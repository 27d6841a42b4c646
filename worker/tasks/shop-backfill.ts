// Task shop-backfill: a shop's full backfill (sync/shop-sync.ts), one at a
// time per worker. A retried job (its worker died, or a resource failed)
// picks up where the previous attempt stopped.
import type { Job } from "pg-boss";
import { SHOP_BACKFILL_QUEUE, shopJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { backfillShop, type ShopSyncDeps } from "~/.server/sync/shop-sync";
import type { TaskFactory } from "../task";

export const shopBackfillTask: TaskFactory = (deps) => ({
  queue: SHOP_BACKFILL_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 2 },
  handler: async ([job]) => {
    const shopDomain = shopOf(job!);
    if (!shopDomain) return;
    await deps.dataChanges.whileChanging(shopDomain, () =>
      backfillShopTask({ pool: deps.pool, db: deps.db, shopify: deps.shopify() }, job!),
    );
  },
});

export async function backfillShopTask(deps: ShopSyncDeps, job: Job<unknown> & { createdOn?: Date }): Promise<void> {
  const shopDomain = shopOf(job);
  if (shopDomain) await backfillShop(deps, shopDomain, job.createdOn);
}

/** The job's shop, or undefined (logged) for a payload that is not one. */
export function shopOf(job: Job<unknown>): string | undefined {
  const parsed = shopJob.safeParse(job.data);
  if (parsed.success) return parsed.data.shopDomain;
  logger.error(
    { jobId: job.id, queue: job.name, issues: parsed.error.issues },
    "dropping a job with an invalid payload",
  );
  return undefined;
}
