// Task dashboard-refresh: recompute a shop's dashboard snapshots that are out
// of date (insights/snapshots.ts). Idempotent: a snapshot already current is left.
import { getShopContext } from "~/.server/insights/shop-context";
import { refreshSnapshots } from "~/.server/insights/snapshots";
import { DASHBOARD_REFRESH_QUEUE, dashboardRefreshJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { TaskFactory } from "../task";

export const dashboardRefreshTask: TaskFactory = ({ db }) => ({
  queue: DASHBOARD_REFRESH_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 1 },
  handler: async ([job]) => {
    const parsed = dashboardRefreshJob.safeParse(job!.data);
    if (!parsed.success) {
      logger.error(
        { jobId: job!.id, issues: parsed.error.issues },
        "dropping a dashboard refresh job with an invalid payload",
      );
      return;
    }
    const shop = await getShopContext(db, parsed.data.shopDomain);
    if (!shop) return;
    const started = performance.now();
    const refreshed = await refreshSnapshots(db, shop);
    logger.info(
      { shop: shop.domain, refreshed, ms: Math.round(performance.now() - started) },
      "dashboard snapshots refreshed",
    );
  },
});
