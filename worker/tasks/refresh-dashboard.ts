// Task: recompute a shop's dashboard snapshots that are out of date
// (dashboard/snapshots.ts). Idempotent: a snapshot already current is left.
import type { PrismaClient } from "@prisma/client";
import type { Job } from "pg-boss";
import { getShopContext } from "~/.server/dashboard/shop-context";
import { refreshSnapshots } from "~/.server/dashboard/snapshots";
import { dashboardRefreshJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";

export async function refreshDashboardTask(db: PrismaClient, job: Job<unknown>): Promise<void> {
  const parsed = dashboardRefreshJob.safeParse(job.data);
  if (!parsed.success) {
    logger.error(
      { jobId: job.id, issues: parsed.error.issues },
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
}
