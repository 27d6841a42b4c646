// What the shop's sync tasks (backfill, reconciliation) share: the job's
// payload checked, a shop that is no longer installed skipped, Admin API
// access through the shop's offline session, failed resources turned into a
// failed job (pg-boss retries it), protected customer fields Shopify withheld
// recorded on the shop, and a shop that needs re-authentication
// paused rather than failed (the merchant's next visit resumes it).
import type { Job } from "pg-boss";
import type { PrismaClient, Shop } from "@prisma/client";
import { costLimiterFor, createAdminRequest, type AdminRequest } from "~/.server/admin-api/admin-client";
import { withShopAdmin } from "~/.server/admin-api/shop-admin";
import type { Pool } from "~/.server/database/pool";
import { shopJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { ShopifyApp } from "~/.server/shopify/app";
import { ShopNeedsReauthError } from "~/.server/shops";
import { recordWithheldFields, WithheldFields } from "~/.server/sync/withheld-fields";

export interface ShopSyncDeps {
  pool: Pool;
  db: PrismaClient;
  shopify: Pick<ShopifyApp, "unauthenticated">;
}

interface ShopSyncTask {
  name: "backfill" | "reconciliation";
  /** Skip a shop already marked as needing re-authentication instead of trying its token. */
  skipNeedingReauth: boolean;
  work: (shop: Shop, request: AdminRequest) => Promise<{ resource: string; status: string }[]>;
}

export async function runShopSyncTask(deps: ShopSyncDeps, job: Job<unknown>, task: ShopSyncTask): Promise<void> {
  const parsed = shopJob.safeParse(job.data);
  if (!parsed.success) {
    logger.error({ jobId: job.id, issues: parsed.error.issues }, `dropping a ${task.name} job with an invalid payload`);
    return;
  }
  const { shopDomain } = parsed.data;
  const shop = await deps.db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt || shop.redactedAt || (task.skipNeedingReauth && shop.needsReauthAt)) {
    logger.info({ shop: shopDomain }, `${task.name} skipped: the shop is not installed or needs re-authentication`);
    return;
  }
  try {
    const withheld = new WithheldFields();
    const outcomes = await withShopAdmin(deps.shopify, deps.db, shopDomain, (graphql) =>
      task.work(shop, createAdminRequest(graphql, costLimiterFor(shopDomain), { onWithheld: withheld.add })),
    );
    const readCustomerData = ["customers", "orders"].every((resource) =>
      outcomes.some((outcome) => outcome.resource === resource && outcome.status === "succeeded"),
    );
    await recordWithheldFields(deps.db, shop.id, withheld, task.name === "backfill" && readCustomerData);
    logger.info({ shop: shopDomain, outcomes }, `${task.name} finished`);
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    if (failed.length)
      throw new Error(`${task.name} failed for ${failed.map((outcome) => outcome.resource).join(", ")}`);
  } catch (error) {
    if (error instanceof ShopNeedsReauthError) {
      logger.warn({ shop: shopDomain }, `${task.name} paused: the shop needs to re-authenticate`);
      return;
    }
    throw error;
  }
}
