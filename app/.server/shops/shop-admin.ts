// Admin API access for background work (worker, sync): loads the shop's
// offline session (refreshed single-flight by OfflineTokenStorage) and turns
// Shopify's 401 into the shop's "needs re-authentication" state.
import type { PrismaClient } from "@prisma/client";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { AdminGraphql } from "~/.server/admin-api/shop-profile";
import { isUnauthorizedError, markShopNeedsReauth, ShopNeedsReauthError } from "./reauth";

/** What this needs of the Shopify app object (auth/shopify-app.ts), so shops need not import it. */
export interface UnauthenticatedAdmin {
  unauthenticated: { admin(shop: string): Promise<{ admin: { graphql: AdminGraphql } }> };
}

export async function withShopAdmin<T>(
  shopify: UnauthenticatedAdmin,
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
