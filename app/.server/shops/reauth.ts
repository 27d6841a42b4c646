// A shop whose token Shopify rejects (HTTP 401, or a refresh token it no
// longer accepts) cannot be synced until the merchant opens the app again,
// which runs token exchange and clears the mark (recordInstallation).
import type { PrismaClient } from "@prisma/client";
import { HttpResponseError, GraphqlQueryError } from "@shopify/shopify-api";
import { logger } from "~/.server/logger";

export class ShopNeedsReauthError extends Error {
  constructor(
    readonly shopDomain: string,
    reason: string,
  ) {
    super(`${shopDomain} needs re-authentication: ${reason}`);
    this.name = "ShopNeedsReauthError";
  }
}

function responseCode(error: unknown): number | undefined {
  if (error instanceof HttpResponseError || error instanceof GraphqlQueryError) {
    return error.response?.code;
  }
  if (error instanceof Response) return error.status;
  return undefined;
}

/** True for Shopify's "this token is not valid" answers. */
export function isUnauthorizedError(error: unknown): boolean {
  return responseCode(error) === 401;
}

/**
 * Marks the shop and drops its offline sessions (the token is dead; keeping
 * it would only produce more 401s). Idempotent: the first reason is kept.
 */
export async function markShopNeedsReauth(db: PrismaClient, shopDomain: string, reason: string, now = new Date()) {
  await db.$transaction([
    db.shop.updateMany({
      where: { domain: shopDomain, needsReauthAt: null },
      data: { needsReauthAt: now, needsReauthWhy: reason },
    }),
    db.session.deleteMany({ where: { shop: shopDomain, isOnline: false } }),
  ]);
  logger.warn({ shop: shopDomain, reason }, "shop needs re-authentication");
}
