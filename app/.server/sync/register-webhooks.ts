// Install-time registration: reconcile the shop's subscriptions and record the
// pass. A failure is logged and recorded, not thrown: the merchant still gets
// into the app, and the next reconciliation registers what is missing. The
// changes are returned (undefined on failure) for `storehouse shops connect`.
import type { PrismaClient } from "@prisma/client";
import type { PgBoss } from "pg-boss";
import { costLimiterFor, createAdminRequest } from "~/.server/admin-api/admin-client";
import type { AdminGraphql } from "~/.server/admin-api/shop-profile";
import { enqueueShopReconcile } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { recordSyncRun } from "./sync-runs";
import {
  desiredWebhookTopics,
  reconcileWebhookSubscriptions,
  recordSubscriptionChanges,
  type SubscriptionChanges,
} from "./webhook-subscriptions";

export async function registerWebhooks(
  db: PrismaClient,
  shopId: bigint,
  shopDomain: string,
  graphql: AdminGraphql,
  callbackUrl: string,
): Promise<SubscriptionChanges | undefined> {
  const startedAt = new Date();
  try {
    const request = createAdminRequest(graphql, costLimiterFor(shopDomain));
    const changes = await reconcileWebhookSubscriptions(request, { callbackUrl, topics: desiredWebhookTopics() });
    await recordSubscriptionChanges(db, shopId, changes, "install", startedAt, callbackUrl);
    logger.info(
      {
        shop: shopDomain,
        created: changes.created.length,
        updated: changes.updated.length,
        deleted: changes.deleted.length,
      },
      "webhook subscriptions registered",
    );
    return changes;
  } catch (error) {
    logger.error({ shop: shopDomain, err: error }, "webhook registration failed; reconciliation will retry");
    await recordSyncRun(db, {
      shopId,
      kind: "install",
      resource: "webhook_subscriptions",
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
      note: null,
      rowsWritten: 0,
      rowsRepaired: 0,
      startedAt,
      finishedAt: new Date(),
    });
    return undefined;
  }
}

/**
 * The app was opened: if the shop's subscriptions point at another URL than
 * this deployment's (a new dev tunnel, a new host), queue a reconciliation
 * now, which re-points them, instead of losing webhooks until the next
 * scheduled one. Returns whether one was queued.
 */
export async function repointSubscriptionsIfMoved(
  db: PrismaClient,
  queue: PgBoss,
  shopDomain: string,
  callbackUrl: string,
): Promise<boolean> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { webhooksCallbackUrl: true } });
  if (!shop?.webhooksCallbackUrl || shop.webhooksCallbackUrl === callbackUrl) return false;
  await enqueueShopReconcile(queue, shopDomain);
  logger.info(
    { shop: shopDomain, from: shop.webhooksCallbackUrl, to: callbackUrl },
    "the app's URL changed: re-pointing webhook subscriptions",
  );
  return true;
}
