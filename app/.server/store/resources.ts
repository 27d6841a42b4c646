// Writing normalized resources: each function stores one resource with its
// children in the caller's transaction, and links children that arrived
// before their parent (they carry the parent's Shopify id until then).
import type { PoolClient } from "~/.server/database/pool";
import type { NormalizedOrder, NormalizedProduct, NormalizedRefund, Row } from "~/.server/normalize";
import { markDeleted, upsertRows } from "./upsert";

const BY_SHOPIFY_ID = { key: ["shopify_id"] };

/** Internal ids of stored rows by Shopify id (as text), for linking children to parents. */
async function idsOf(
  client: PoolClient,
  table: string,
  shopId: string,
  shopifyIds: unknown[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(shopifyIds.filter((id) => id !== null && id !== undefined).map(String))];
  if (!wanted.length) return new Map();
  const result = await client.query<{ id: string; shopify_id: string }>(
    `SELECT id, shopify_id::text FROM "${table}" WHERE shop_id = $1 AND shopify_id = ANY($2::bigint[])`,
    [shopId, wanted],
  );
  return new Map(result.rows.map((row) => [row.shopify_id, row.id]));
}

const idText = (value: unknown) => String(value);

// Every store function takes a list: a webhook passes one resource, a backfill batch hundreds.
// The work per call is a fixed number of statements, whatever the list's length.

/** Products with their variants; returns how many products were written (not older than stored). */
export async function storeProducts(client: PoolClient, shopId: string, list: NormalizedProduct[]): Promise<number> {
  if (!list.length) return 0;
  const productIds = await upsertRows(
    client,
    "products",
    shopId,
    list.map((normalized) => normalized.product),
    BY_SHOPIFY_ID,
  );
  const written = list.filter((normalized) => productIds.has(idText(normalized.product.shopify_id)));
  if (!written.length) return 0;
  await upsertRows(
    client,
    "product_variants",
    shopId,
    written.flatMap((normalized) =>
      normalized.variants.map((variant) => ({
        ...variant,
        product_id: productIds.get(idText(normalized.product.shopify_id))!,
      })),
    ),
    BY_SHOPIFY_ID,
  );
  const writtenIds = written.map((normalized) => idText(normalized.product.shopify_id));
  // A variant its product no longer lists was removed from it.
  await client.query(
    `UPDATE product_variants SET deleted_at = now(), synced_at = now()
     WHERE shop_id = $1 AND product_shopify_id = ANY($2::bigint[]) AND deleted_at IS NULL AND NOT (shopify_id = ANY($3::bigint[]))`,
    [shopId, writtenIds, written.flatMap((normalized) => normalized.variantIds.map(String))],
  );
  // Variants stored before their product (an inventory or variant event first).
  await client.query(
    `UPDATE product_variants v SET product_id = p.id FROM products p
     WHERE v.shop_id = $1 AND p.shop_id = $1 AND v.product_id IS NULL AND v.product_shopify_id = ANY($2::bigint[])
       AND p.shopify_id = v.product_shopify_id`,
    [shopId, writtenIds],
  );
  await syncVariantStock(
    client,
    shopId,
    written.flatMap((normalized) => normalized.variants.map((variant) => variant.inventory_item_id)),
  );
  return written.length;
}

/**
 * Stock has one truth, the inventory levels (Shopify's own): a variant's
 * `inventory_quantity` is the sum of its item's available quantities over
 * the locations stocking it, whatever order products/update and
 * inventory_levels/update arrived in. The payload's own figure is kept only
 * while no level of the item is stored yet.
 */
export async function syncVariantStock(client: PoolClient, shopId: string, inventoryItemIds: unknown[]): Promise<void> {
  const ids = [...new Set(inventoryItemIds.filter((id) => id !== null && id !== undefined).map(String))];
  if (!ids.length) return;
  await client.query(
    `UPDATE product_variants v SET inventory_quantity = s.total
     FROM (SELECT inventory_item_id, coalesce(sum(available) FILTER (WHERE deleted_at IS NULL), 0)::int AS total
           FROM inventory_levels WHERE shop_id = $1 AND inventory_item_id = ANY($2::bigint[])
           GROUP BY inventory_item_id) s
     WHERE v.shop_id = $1 AND v.inventory_item_id = s.inventory_item_id
       AND v.inventory_quantity IS DISTINCT FROM s.total`,
    [shopId, ids],
  );
}

export async function deleteProduct(client: PoolClient, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, "products", shopId, { shopify_id: shopifyId });
  await client.query(
    `UPDATE product_variants SET deleted_at = now(), synced_at = now() WHERE shop_id = $1 AND product_shopify_id = $2 AND deleted_at IS NULL`,
    [shopId, shopifyId],
  );
}

/** Rows of a table keyed by shopify_id alone (locations, inventory items); returns how many were written. */
export async function storeRows(client: PoolClient, table: string, shopId: string, rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  return (await upsertRows(client, table, shopId, rows, BY_SHOPIFY_ID)).size;
}

export async function deleteRow(client: PoolClient, table: string, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, table, shopId, { shopify_id: shopifyId });
}

export async function storeInventoryLevels(client: PoolClient, shopId: string, rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  const written = (
    await upsertRows(client, "inventory_levels", shopId, rows, { key: ["inventory_item_id", "location_id"] })
  ).size;
  await syncVariantStock(
    client,
    shopId,
    rows.map((row) => row.inventory_item_id),
  );
  return written;
}

export async function disconnectInventoryLevel(client: PoolClient, shopId: string, row: Row): Promise<void> {
  await markDeleted(client, "inventory_levels", shopId, {
    inventory_item_id: row.inventory_item_id ?? null,
    location_id: row.location_id ?? null,
  });
  await syncVariantStock(client, shopId, [row.inventory_item_id]);
}

export async function storeCustomers(client: PoolClient, shopId: string, rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  const customerIds = await upsertRows(client, "customers", shopId, rows, BY_SHOPIFY_ID);
  if (!customerIds.size) return 0;
  // Orders stored before their customer.
  await client.query(
    `UPDATE orders o SET customer_id = c.id FROM customers c
     WHERE o.shop_id = $1 AND c.shop_id = $1 AND o.customer_id IS NULL AND o.customer_shopify_id = ANY($2::bigint[])
       AND c.shopify_id = o.customer_shopify_id`,
    [shopId, [...customerIds.keys()]],
  );
  return customerIds.size;
}

/**
 * Refunds with their line items. `orderIds` are internal ids of orders the
 * caller just wrote; others are looked up (a refunds/create webhook).
 */
export async function storeRefunds(
  client: PoolClient,
  shopId: string,
  list: NormalizedRefund[],
  orderIds: ReadonlyMap<string, string> = new Map(),
): Promise<number> {
  if (!list.length) return 0;
  const unknown = list
    .map((normalized) => normalized.refund.order_shopify_id)
    .filter((id) => !orderIds.has(idText(id)));
  const looked = await idsOf(client, "orders", shopId, unknown);
  const orderIdOf = (id: unknown) => orderIds.get(idText(id)) ?? looked.get(idText(id)) ?? null;
  const refundIds = await upsertRows(
    client,
    "refunds",
    shopId,
    list.map((normalized) => ({ ...normalized.refund, order_id: orderIdOf(normalized.refund.order_shopify_id) })),
    BY_SHOPIFY_ID,
  );
  const written = list.filter((normalized) => refundIds.has(idText(normalized.refund.shopify_id)));
  await upsertRows(
    client,
    "refund_line_items",
    shopId,
    written.flatMap((normalized) =>
      normalized.lineItems.map((item) => ({
        ...item,
        refund_id: refundIds.get(idText(normalized.refund.shopify_id))!,
      })),
    ),
    BY_SHOPIFY_ID,
  );
  return written.length;
}

/** Orders with their line items and refunds; returns how many orders were written (not older than stored). */
export async function storeOrders(client: PoolClient, shopId: string, list: NormalizedOrder[]): Promise<number> {
  if (!list.length) return 0;
  const customerIds = await idsOf(
    client,
    "customers",
    shopId,
    list.map((normalized) => normalized.order.customer_shopify_id),
  );
  const orderIds = await upsertRows(
    client,
    "orders",
    shopId,
    list.map((normalized) => ({
      ...normalized.order,
      customer_id: customerIds.get(idText(normalized.order.customer_shopify_id)) ?? null,
    })),
    BY_SHOPIFY_ID,
  );
  const written = list.filter((normalized) => orderIds.has(idText(normalized.order.shopify_id)));
  if (!written.length) return 0;
  const writtenIds = written.map((normalized) => idText(normalized.order.shopify_id));
  await upsertRows(
    client,
    "order_line_items",
    shopId,
    written.flatMap((normalized) =>
      normalized.lineItems.map((item) => ({ ...item, order_id: orderIds.get(idText(normalized.order.shopify_id))! })),
    ),
    BY_SHOPIFY_ID,
  );
  // An edited order no longer listing a line item removed it.
  await client.query(
    `UPDATE order_line_items SET deleted_at = now(), synced_at = now()
     WHERE shop_id = $1 AND order_shopify_id = ANY($2::bigint[]) AND deleted_at IS NULL AND NOT (shopify_id = ANY($3::bigint[]))`,
    [shopId, writtenIds, written.flatMap((normalized) => normalized.lineItems.map((item) => String(item.shopify_id)))],
  );
  await storeRefunds(
    client,
    shopId,
    written.flatMap((normalized) => normalized.refunds),
    orderIds,
  );
  // Refunds that arrived before their order.
  await client.query(
    `UPDATE refunds r SET order_id = o.id FROM orders o
     WHERE r.shop_id = $1 AND o.shop_id = $1 AND r.order_id IS NULL AND r.order_shopify_id = ANY($2::bigint[])
       AND o.shopify_id = r.order_shopify_id`,
    [shopId, writtenIds],
  );
  return written.length;
}

export async function deleteOrder(client: PoolClient, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, "orders", shopId, { shopify_id: shopifyId });
  await client.query(
    `UPDATE order_line_items SET deleted_at = now(), synced_at = now() WHERE shop_id = $1 AND order_shopify_id = $2 AND deleted_at IS NULL`,
    [shopId, shopifyId],
  );
}

export async function storeCarts(client: PoolClient, shopId: string, rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  return (await upsertRows(client, "carts", shopId, rows, { key: ["token"] })).size;
}

/** shop/update: the shops row's profile columns; absent values keep what is stored. */
export async function updateShop(client: PoolClient, shopId: string, row: Row): Promise<void> {
  // A Shopify shop id belongs to one domain; never move it from another row.
  const owner = await client.query(`SELECT 1 FROM shops WHERE shopify_id = $1 AND id <> $2`, [
    row.shopify_id ?? null,
    shopId,
  ]);
  const entries = Object.entries(row).filter(
    ([column, value]) => value !== null && !(column === "shopify_id" && owner.rowCount),
  );
  if (entries.length === 0) return;
  const sets = entries.map(([column], k) => `"${column}" = $${k + 2}`);
  await client.query(`UPDATE shops SET ${sets.join(", ")}, updated_at = now() WHERE id = $1`, [
    shopId,
    ...entries.map(([, value]) => value),
  ]);
}

/**
 * Links every child whose parent is stored but was not yet visible when the
 * child was written (two concurrent transactions, one writing the parent and
 * one the child, each miss the other). Cheap when nothing is left to link.
 */
export async function linkOrphans(client: Pick<PoolClient, "query">, shopId: string): Promise<number> {
  const statements = [
    `UPDATE orders o SET customer_id = c.id FROM customers c
     WHERE o.shop_id = $1 AND c.shop_id = $1 AND o.customer_id IS NULL AND c.shopify_id = o.customer_shopify_id`,
    `UPDATE order_line_items i SET order_id = o.id FROM orders o
     WHERE i.shop_id = $1 AND o.shop_id = $1 AND i.order_id IS NULL AND o.shopify_id = i.order_shopify_id`,
    `UPDATE refunds r SET order_id = o.id FROM orders o
     WHERE r.shop_id = $1 AND o.shop_id = $1 AND r.order_id IS NULL AND o.shopify_id = r.order_shopify_id`,
    `UPDATE product_variants v SET product_id = p.id FROM products p
     WHERE v.shop_id = $1 AND p.shop_id = $1 AND v.product_id IS NULL AND p.shopify_id = v.product_shopify_id`,
  ];
  let linked = 0;
  for (const statement of statements) linked += (await client.query(statement, [shopId])).rowCount ?? 0;
  return linked;
}
