// Task: a shop's full backfill through bulk operations. A shop that needs
// re-authentication is skipped (its jobs pause until the merchant opens the
// app again, which queues a new backfill).
import type { Job } from "pg-boss";
import type { PrismaClient } from "@prisma/client";
import { costLimiterFor, createAdminRequest } from "~/.server/admin-api/admin-client";
import { withShopAdmin } from "~/.server/admin-api/shop-admin";
import type { Pool } from "~/.server/database/pool";
import { shopBackfillJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { ShopifyApp } from "~/.server/shopify/app";
import { ShopNeedsReauthError } from "~/.server/shops";
import { runBackfill } from "~/.server/sync/backfill";

export async function backfillShopTask(
  deps: { pool: Pool; db: PrismaClient; shopify: Pick<ShopifyApp, "unauthenticated"> },
  job: Job<unknown> & { createdOn?: Date },
): Promise<void> {
  const parsed = shopBackfillJob.safeParse(job.data);
  if (!parsed.success) {
    logger.error({ jobId: job.id, issues: parsed.error.issues }, "dropping a backfill job with an invalid payload");
    return;
  }
  const { shopDomain } = parsed.data;
  const shop = await deps.db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt || shop.redactedAt) {
    logger.info({ shop: shopDomain }, "backfill skipped: the shop is not installed");
    return;
  }
  try {
    const outcomes = await withShopAdmin(deps.shopify, deps.db, shopDomain, (graphql) =>
      runBackfill(deps.pool, createAdminRequest(graphql, costLimiterFor(shopDomain)), shop.id.toString(), {
        // A retried job (its worker died, or a resource failed) picks up where the previous attempt stopped.
        resumeSince: job.createdOn,
      }),
    );
    logger.info({ shop: shopDomain, outcomes }, "backfill finished");
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    if (failed.length) throw new Error(`backfill failed for ${failed.map((outcome) => outcome.resource).join(", ")}`);
  } catch (error) {
    if (error instanceof ShopNeedsReauthError) {
      logger.warn({ shop: shopDomain }, "backfill paused: the shop needs to re-authenticate");
      return;
    }
    throw error;
  }
}
