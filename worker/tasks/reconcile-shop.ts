// Task: a shop's scheduled reconciliation. The shop's webhook subscriptions
// are re-checked first (Shopify deletes one after 8 failed deliveries; a
// re-created one is recorded as a repair), then missed updates are repaired.
// A shop that needs re-authentication is skipped until the merchant returns.
import type { Job } from "pg-boss";
import type { PrismaClient } from "@prisma/client";
import { costLimiterFor, createAdminRequest } from "~/.server/admin-api/admin-client";
import { withShopAdmin } from "~/.server/admin-api/shop-admin";
import type { Pool } from "~/.server/database/pool";
import { shopReconcileJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { ShopifyApp } from "~/.server/shopify/app";
import { ShopNeedsReauthError } from "~/.server/shops";
import { runReconciliation } from "~/.server/sync/reconcile";
import {
  desiredWebhookTopics,
  reconcileWebhookSubscriptions,
  recordSubscriptionChanges,
} from "~/.server/sync/webhook-subscriptions";

export interface ReconcileShopDeps {
  pool: Pool;
  db: PrismaClient;
  shopify: Pick<ShopifyApp, "unauthenticated">;
  callbackUrl: string;
  lookbackMs: number;
}

export async function reconcileShopTask(deps: ReconcileShopDeps, job: Job<unknown>): Promise<void> {
  const parsed = shopReconcileJob.safeParse(job.data);
  if (!parsed.success) {
    logger.error({ jobId: job.id, issues: parsed.error.issues }, "dropping a reconcile job with an invalid payload");
    return;
  }
  const { shopDomain } = parsed.data;
  const shop = await deps.db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt || shop.redactedAt || shop.needsReauthAt) {
    logger.info({ shop: shopDomain }, "reconciliation skipped: the shop is not installed or needs re-authentication");
    return;
  }
  try {
    const outcomes = await withShopAdmin(deps.shopify, deps.db, shopDomain, async (graphql) => {
      const request = createAdminRequest(graphql, costLimiterFor(shopDomain));
      const startedAt = new Date();
      const changes = await reconcileWebhookSubscriptions(request, {
        callbackUrl: deps.callbackUrl,
        topics: desiredWebhookTopics(),
      });
      await recordSubscriptionChanges(deps.db, shop.id, changes, "reconcile", startedAt);
      return runReconciliation(deps.pool, request, shop.id.toString(), { lookbackMs: deps.lookbackMs });
    });
    logger.info({ shop: shopDomain, outcomes }, "reconciliation finished");
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    if (failed.length)
      throw new Error(`reconciliation failed for ${failed.map((outcome) => outcome.resource).join(", ")}`);
  } catch (error) {
    if (error instanceof ShopNeedsReauthError) {
      logger.warn({ shop: shopDomain }, "reconciliation paused: the shop needs to re-authenticate");
      return;
    }
    throw error;
  }
}
