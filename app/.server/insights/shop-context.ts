// The authenticated shop as the read models need it: its row id (which
// scopes every query), time zone and currency, and the row itself, read once
// per request and handed to every read model that needs more of it.
import type { PrismaClient, Shop } from "@prisma/client";
import { safeTimeZone } from "./period";

export interface ShopContext {
  id: bigint;
  domain: string;
  timeZone: string;
  currency: string | null;
  /** The shop's row as this request read it (never sent to the browser whole). */
  record: Shop;
}

export async function getShopContext(db: PrismaClient, domain: string): Promise<ShopContext | null> {
  const shop = await db.shop.findUnique({ where: { domain } });
  return (
    shop && {
      id: shop.id,
      domain: shop.domain,
      timeZone: safeTimeZone(shop.timezone),
      currency: shop.currency,
      record: shop,
    }
  );
}
