import type { PrismaClient } from "@prisma/client";
import type { ShopProfile } from "~/.server/admin-api/shop-profile";

export interface InstallationInput {
  domain: string;
  scopes: string | undefined;
  profile: ShopProfile;
  now?: Date;
}

/**
 * Upserts the shops row after Shopify granted the app a token. A first
 * install, or a return after uninstall or shop/redact, starts a new
 * installed_at; a mere re-authentication keeps it. Either way the shop is
 * usable again, so any "needs re-authentication" mark is cleared.
 */
export async function recordInstallation(db: PrismaClient, input: InstallationInput) {
  const now = input.now ?? new Date();
  const { profile } = input;
  const details = {
    shopifyId: profile.shopifyId,
    name: profile.name,
    email: profile.email,
    currency: profile.currency,
    timezone: profile.timezone,
    plan: profile.plan,
    scopes: input.scopes ?? null,
    raw: profile.raw as object,
    uninstalledAt: null,
    needsReauthAt: null,
    needsReauthWhy: null,
    redactedAt: null,
  };
  return db.$transaction(async (tx) => {
    const existing = await tx.shop.findUnique({ where: { domain: input.domain } });
    const freshInstall = !existing?.installedAt || existing.uninstalledAt !== null || existing.redactedAt !== null;
    return tx.shop.upsert({
      where: { domain: input.domain },
      create: { domain: input.domain, installedAt: now, ...details },
      update: { ...details, ...(freshInstall ? { installedAt: now } : {}) },
    });
  });
}
