// Admin API access for background work (worker, sync): loads the shop's
// offline session (refreshed single-flight by OfflineTokenStorage) and turns
// Shopify's 401 into the shop's "needs re-authentication" state.
import type { PrismaClient } from "@prisma/client";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { isUnauthorizedError, markShopNeedsReauth, ShopNeedsReauthError } from "~/.server/shops";
import type { ShopifyApp } from "~/.server/shopify/app";
import type { AdminGraphql } from "./shop-profile";

export async function withShopAdmin<T>(
  shopify: Pick<ShopifyApp, "unauthenticated">,
  db: PrismaClient,
  shopDomain: string,
  work: (graphql: AdminGraphql) => Promise<T>,
): Promise<T> {
  let admin;
  try {
    ({ admin } = await shopify.unauthenticated.admin(shopDomain));
  } catch (error) {
    if (error instanceof SessionNotFoundError) {
      throw new ShopNeedsReauthError(shopDomain, "no offline session is stored");
    }
    throw error;
  }
  try {
    return await work(admin.graphql);
  } catch (error) {
    if (isUnauthorizedError(error)) {
      const reason = "Shopify answered 401 to an Admin API call";
      await markShopNeedsReauth(db, shopDomain, reason);
      throw new ShopNeedsReauthError(shopDomain, reason);
    }
    throw error;
  }
}
