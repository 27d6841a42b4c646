import type { PrismaClient } from "@prisma/client";

/** Tables counted on the home page, in the order shown. */
export const COUNTED_TABLES = [
  "products",
  "product_variants",
  "inventory_items",
  "inventory_levels",
  "locations",
  "customers",
  "orders",
  "order_line_items",
  "refunds",
  "refund_line_items",
  "carts",
  "webhook_events",
  "sync_runs",
] as const;

export type CountedTable = (typeof COUNTED_TABLES)[number];

export interface ShopOverview {
  domain: string;
  name: string | null;
  currency: string | null;
  timezone: string | null;
  plan: string | null;
  installedAt: Date | null;
  needsReauthAt: Date | null;
  needsReauthWhy: string | null;
  rowCounts: Record<CountedTable, number>;
}

/** The shop's row and how many live rows it has per table (tombstones excluded). */
export async function getShopOverview(db: PrismaClient, shopDomain: string): Promise<ShopOverview | null> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  const live = { shopId: shop.id, deletedAt: null };
  const byShop = { shopId: shop.id };
  const counts = await db.$transaction([
    db.product.count({ where: live }),
    db.productVariant.count({ where: live }),
    db.inventoryItem.count({ where: live }),
    db.inventoryLevel.count({ where: live }),
    db.location.count({ where: live }),
    db.customer.count({ where: live }),
    db.order.count({ where: live }),
    db.orderLineItem.count({ where: live }),
    db.refund.count({ where: live }),
    db.refundLineItem.count({ where: live }),
    db.cart.count({ where: live }),
    db.webhookEvent.count({ where: byShop }),
    db.syncRun.count({ where: byShop }),
  ]);
  return {
    domain: shop.domain,
    name: shop.name,
    currency: shop.currency,
    timezone: shop.timezone,
    plan: shop.plan,
    installedAt: shop.installedAt,
    needsReauthAt: shop.needsReauthAt,
    needsReauthWhy: shop.needsReauthWhy,
    rowCounts: Object.fromEntries(COUNTED_TABLES.map((table, index) => [table, counts[index] ?? 0])) as Record<
      CountedTable,
      number
    >,
  };
}
