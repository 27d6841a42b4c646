// Task sync-scheduler: every minute, queue the reconciliations that are due
// (each shop every RECONCILE_INTERVAL_MINUTES), and, after a shop's midnight,
// the refresh of its snapshots of yesterday before anyone waits for it; and
// evaluates alert rules (pipeline health changes without data changes) and
// runs an alert delivery round for retries that fell due; queues the shops'
// daily S3 snapshots that are due, and a round of snapshot redactions while
// compliance requests wait.
import { evaluateAllShops } from "~/.server/alerts";
import { shopsWithSnapshotsOfEarlierDays } from "~/.server/insights/snapshots";
import {
  enqueueAlertDelivery,
  enqueueDashboardRefresh,
  enqueueS3Snapshot,
  enqueueShopReconcile,
  enqueueSnapshotRedaction,
  SYNC_SCHEDULER_QUEUE,
} from "~/.server/jobs";
import { hasPendingRedactions, shopsDueForSnapshot } from "~/.server/s3-snapshots";
import { shopsDueForReconciliation } from "~/.server/sync/schedule";
import type { TaskFactory } from "../task";

/** The cron pg-boss runs the scheduler on. */
export const SYNC_SCHEDULE = "* * * * *";

export const syncSchedulerTask: TaskFactory = ({ config, pool, db, queue, snapshots }) => ({
  queue: SYNC_SCHEDULER_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 5 },
  handler: async () => {
    for (const shopDomain of await shopsDueForReconciliation(pool, config.RECONCILE_INTERVAL_MINUTES)) {
      await enqueueShopReconcile(queue, shopDomain);
    }
    for (const shopDomain of await shopsWithSnapshotsOfEarlierDays(db)) {
      await enqueueDashboardRefresh(queue, shopDomain, 0);
    }
    await evaluateAllShops(pool, queue, config.SHOPIFY_API_KEY);
    await enqueueAlertDelivery(queue);
    if (snapshots && snapshots.scheduleHour !== "off") {
      for (const shopDomain of await shopsDueForSnapshot(pool, snapshots.scheduleHour)) {
        await enqueueS3Snapshot(queue, shopDomain, "schedule");
      }
    }
    // Even with snapshots off: a round completes the requests (nothing to reach) and forgets their identifiers.
    if (await hasPendingRedactions(pool)) await enqueueSnapshotRedaction(queue);
  },
});
