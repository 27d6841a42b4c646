// A shop's backfill and reconciliation as the worker runs them: a shop that
// is no longer installed is skipped; Admin API access goes through the
// shop's offline session; protected customer fields Shopify withheld are
// recorded on the shop; failed resources fail the run (the queue retries
// it); a shop that needs re-authentication is paused rather than failed (the
// merchant's next visit resumes it).
import type { PrismaClient, Shop } from "@prisma/client";
import { costLimiterFor, createAdminRequest, type AdminRequest } from "~/.server/admin-api/admin-client";
import type { Pool } from "~/.server/database/pool";
import { logger } from "~/.server/logger";
import { ShopNeedsReauthError, withShopAdmin, type UnauthenticatedAdmin } from "~/.server/shops";
import { runBackfill } from "./backfill";
import { runReconciliation } from "./reconcile";
import {
  desiredWebhookTopics,
  reconcileWebhookSubscriptions,
  recordSubscriptionChanges,
} from "./webhook-subscriptions";
import { recordWithheldFields, WithheldFields } from "./withheld-fields";

export interface ShopSyncDeps {
  pool: Pool;
  db: PrismaClient;
  shopify: UnauthenticatedAdmin;
}

interface ShopSync {
  name: "backfill" | "reconciliation";
  /** Skip a shop already marked as needing re-authentication instead of trying its token. */
  skipNeedingReauth: boolean;
  work: (shop: Shop, request: AdminRequest) => Promise<{ resource: string; status: string }[]>;
}

async function syncShop(deps: ShopSyncDeps, shopDomain: string, sync: ShopSync): Promise<void> {
  const shop = await deps.db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt || shop.redactedAt || (sync.skipNeedingReauth && shop.needsReauthAt)) {
    logger.info({ shop: shopDomain }, `${sync.name} skipped: the shop is not installed or needs re-authentication`);
    return;
  }
  try {
    const withheld = new WithheldFields();
    const outcomes = await withShopAdmin(deps.shopify, deps.db, shopDomain, (graphql) =>
      sync.work(shop, createAdminRequest(graphql, costLimiterFor(shopDomain), { onWithheld: withheld.add })),
    );
    const readCustomerData = ["customers", "orders"].every((resource) =>
      outcomes.some((outcome) => outcome.resource === resource && outcome.status === "succeeded"),
    );
    await recordWithheldFields(deps.db, shop.id, withheld, sync.name === "backfill" && readCustomerData);
    logger.info({ shop: shopDomain, outcomes }, `${sync.name} finished`);
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    if (failed.length)
      throw new Error(`${sync.name} failed for ${failed.map((outcome) => outcome.resource).join(", ")}`);
  } catch (error) {
    if (error instanceof ShopNeedsReauthError) {
      logger.warn({ shop: shopDomain }, `${sync.name} paused: the shop needs to re-authenticate`);
      return;
    }
    throw error;
  }
}

/**
 * The shop's full backfill through bulk operations. `resumeSince` (a retried
 * job's creation) picks up where the previous attempt stopped. A shop that
 * needs re-authentication is tried anyway: the merchant's visit that queued
 * this backfill may have renewed its token.
 */
export function backfillShop(deps: ShopSyncDeps, shopDomain: string, resumeSince?: Date): Promise<void> {
  return syncShop(deps, shopDomain, {
    name: "backfill",
    skipNeedingReauth: false,
    work: (shop, request) => runBackfill(deps.pool, request, shop.id.toString(), { resumeSince }),
  });
}

/**
 * The shop's scheduled reconciliation: its webhook subscriptions re-checked
 * first (Shopify deletes one after 8 failed deliveries; a re-created one is
 * recorded as a repair), then missed updates repaired.
 */
export function reconcileShop(
  deps: ShopSyncDeps,
  shopDomain: string,
  options: { callbackUrl: string; lookbackMs: number },
): Promise<void> {
  return syncShop(deps, shopDomain, {
    name: "reconciliation",
    skipNeedingReauth: true,
    work: async (shop, request) => {
      const startedAt = new Date();
      const changes = await reconcileWebhookSubscriptions(request, {
        callbackUrl: options.callbackUrl,
        topics: desiredWebhookTopics(),
      });
      await recordSubscriptionChanges(deps.db, shop.id, changes, "reconcile", startedAt, options.callbackUrl);
      return runReconciliation(deps.pool, request, shop.id.toString(), { lookbackMs: options.lookbackMs });
    },
  });
}
