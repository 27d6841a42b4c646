// The authenticated shop as the dashboard's read models need it: its row id
// (which scopes every query), time zone and currency.
import type { PrismaClient } from "@prisma/client";
import { safeTimeZone } from "./sales";

export interface ShopContext {
  id: bigint;
  domain: string;
  timeZone: string;
  currency: string | null;
}

export async function getShopContext(db: PrismaClient, domain: string): Promise<ShopContext | null> {
  const shop = await db.shop.findUnique({
    where: { domain },
    select: { id: true, domain: true, timezone: true, currency: true },
  });
  return shop && { id: shop.id, domain: shop.domain, timeZone: safeTimeZone(shop.timezone), currency: shop.currency };
}
