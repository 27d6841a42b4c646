import type { PrismaClient, Shop } from "@prisma/client";

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
  rowCounts: RowCounts;
}

export type RowCounts = Record<CountedTable, number>;

/** How many live rows the shop has per table (tombstones excluded). Reads every row: big shops read it from a snapshot. */
export async function countShopRows(db: PrismaClient, shopId: bigint): Promise<RowCounts> {
  const live = { shopId, deletedAt: null };
  const byShop = { shopId };
  // Separate queries, not one transaction: on a big shop they take seconds, longer than a transaction may stay open.
  const counts = await Promise.all([
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
  return Object.fromEntries(COUNTED_TABLES.map((table, index) => [table, counts[index] ?? 0])) as RowCounts;
}

/**
 * The shop's row (as already read, or by domain) and its row counts, counted
 * by `rowCounts` (live by default).
 */
export async function getShopOverview(
  db: PrismaClient,
  shopOrDomain: Shop | string,
  rowCounts: (shopId: bigint) => Promise<RowCounts> = (shopId) => countShopRows(db, shopId),
): Promise<ShopOverview | null> {
  const shop =
    typeof shopOrDomain === "string" ? await db.shop.findUnique({ where: { domain: shopOrDomain } }) : shopOrDomain;
  if (!shop) return null;
  return {
    domain: shop.domain,
    name: shop.name,
    currency: shop.currency,
    timezone: shop.timezone,
    plan: shop.plan,
    installedAt: shop.installedAt,
    needsReauthAt: shop.needsReauthAt,
    needsReauthWhy: shop.needsReauthWhy,
    rowCounts: await rowCounts(shop.id),
  };
}

export interface ShopListing {
  domain: string;
  name: string | null;
  /** Installed now: not uninstalled since, not erased by shop/redact. */
  installed: boolean;
  needsReauth: boolean;
  installedAt: Date | null;
  uninstalledAt: Date | null;
}

/** Every stored shop, by domain. */
export async function listShops(db: PrismaClient): Promise<ShopListing[]> {
  const shops = await db.shop.findMany({ orderBy: { domain: "asc" } });
  return shops.map((shop) => ({
    domain: shop.domain,
    name: shop.name,
    installed: shop.installedAt !== null && shop.uninstalledAt === null && shop.redactedAt === null,
    needsReauth: shop.needsReauthAt !== null,
    installedAt: shop.installedAt,
    uninstalledAt: shop.uninstalledAt,
  }));
}
