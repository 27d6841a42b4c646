// Writing normalized resources: each function stores one resource with its
// children in the caller's transaction, and links children that arrived
// before their parent (they carry the parent's Shopify id until then).
import type { PoolClient } from "~/.server/database/pool";
import type { NormalizedOrder, NormalizedProduct, NormalizedRefund, Row } from "~/.server/normalize";
import { markDeleted, upsertRow } from "./upsert";

const BY_SHOPIFY_ID = { key: ["shopify_id"] };

async function idOf(client: PoolClient, table: string, shopId: string, shopifyId: unknown): Promise<string | null> {
  if (shopifyId === null || shopifyId === undefined) return null;
  const result = await client.query<{ id: string }>(
    `SELECT id FROM "${table}" WHERE shop_id = $1 AND shopify_id = $2`,
    [shopId, shopifyId],
  );
  return result.rows[0]?.id ?? null;
}

export async function storeProduct(
  client: PoolClient,
  shopId: string,
  normalized: NormalizedProduct,
): Promise<boolean> {
  const productId = await upsertRow(client, "products", shopId, normalized.product, BY_SHOPIFY_ID);
  if (!productId) return false;
  for (const variant of normalized.variants) {
    await upsertRow(client, "product_variants", shopId, { ...variant, product_id: productId }, BY_SHOPIFY_ID);
  }
  // A variant the product no longer lists was removed from it.
  await client.query(
    `UPDATE product_variants SET deleted_at = now(), synced_at = now()
     WHERE shop_id = $1 AND product_shopify_id = $2 AND deleted_at IS NULL AND NOT (shopify_id = ANY($3::bigint[]))`,
    [shopId, normalized.product.shopify_id, normalized.variantIds.map(String)],
  );
  await client.query(
    `UPDATE product_variants SET product_id = $3 WHERE shop_id = $1 AND product_shopify_id = $2 AND product_id IS NULL`,
    [shopId, normalized.product.shopify_id, productId],
  );
  return true;
}

export async function deleteProduct(client: PoolClient, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, "products", shopId, { shopify_id: shopifyId });
  await client.query(
    `UPDATE product_variants SET deleted_at = now(), synced_at = now() WHERE shop_id = $1 AND product_shopify_id = $2 AND deleted_at IS NULL`,
    [shopId, shopifyId],
  );
}

export async function storeRow(client: PoolClient, table: string, shopId: string, row: Row): Promise<boolean> {
  return Boolean(await upsertRow(client, table, shopId, row, BY_SHOPIFY_ID));
}

export async function deleteRow(client: PoolClient, table: string, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, table, shopId, { shopify_id: shopifyId });
}

export async function storeInventoryLevel(client: PoolClient, shopId: string, row: Row): Promise<boolean> {
  return Boolean(
    await upsertRow(client, "inventory_levels", shopId, row, { key: ["inventory_item_id", "location_id"] }),
  );
}

export async function disconnectInventoryLevel(client: PoolClient, shopId: string, row: Row): Promise<void> {
  await markDeleted(client, "inventory_levels", shopId, {
    inventory_item_id: row.inventory_item_id ?? null,
    location_id: row.location_id ?? null,
  });
}

export async function storeCustomer(client: PoolClient, shopId: string, row: Row): Promise<boolean> {
  const customerId = await upsertRow(client, "customers", shopId, row, BY_SHOPIFY_ID);
  if (!customerId) return false;
  await client.query(
    `UPDATE orders SET customer_id = $3 WHERE shop_id = $1 AND customer_shopify_id = $2 AND customer_id IS NULL`,
    [shopId, row.shopify_id, customerId],
  );
  return true;
}

export async function storeRefund(client: PoolClient, shopId: string, normalized: NormalizedRefund): Promise<boolean> {
  const orderId = await idOf(client, "orders", shopId, normalized.refund.order_shopify_id);
  const refundId = await upsertRow(
    client,
    "refunds",
    shopId,
    { ...normalized.refund, order_id: orderId },
    BY_SHOPIFY_ID,
  );
  if (!refundId) return false;
  for (const item of normalized.lineItems) {
    await upsertRow(client, "refund_line_items", shopId, { ...item, refund_id: refundId }, BY_SHOPIFY_ID);
  }
  return true;
}

export async function storeOrder(client: PoolClient, shopId: string, normalized: NormalizedOrder): Promise<boolean> {
  const customerId = await idOf(client, "customers", shopId, normalized.order.customer_shopify_id);
  const orderId = await upsertRow(
    client,
    "orders",
    shopId,
    { ...normalized.order, customer_id: customerId },
    BY_SHOPIFY_ID,
  );
  if (!orderId) return false;
  const listed: string[] = [];
  for (const item of normalized.lineItems) {
    await upsertRow(client, "order_line_items", shopId, { ...item, order_id: orderId }, BY_SHOPIFY_ID);
    listed.push(String(item.shopify_id));
  }
  // An edited order no longer listing a line item removed it.
  await client.query(
    `UPDATE order_line_items SET deleted_at = now(), synced_at = now()
     WHERE shop_id = $1 AND order_shopify_id = $2 AND deleted_at IS NULL AND NOT (shopify_id = ANY($3::bigint[]))`,
    [shopId, normalized.order.shopify_id, listed],
  );
  for (const refund of normalized.refunds) await storeRefund(client, shopId, refund);
  // Refunds that arrived before their order.
  await client.query(
    `UPDATE refunds SET order_id = $3 WHERE shop_id = $1 AND order_shopify_id = $2 AND order_id IS NULL`,
    [shopId, normalized.order.shopify_id, orderId],
  );
  return true;
}

export async function deleteOrder(client: PoolClient, shopId: string, shopifyId: bigint): Promise<void> {
  await markDeleted(client, "orders", shopId, { shopify_id: shopifyId });
  await client.query(
    `UPDATE order_line_items SET deleted_at = now(), synced_at = now() WHERE shop_id = $1 AND order_shopify_id = $2 AND deleted_at IS NULL`,
    [shopId, shopifyId],
  );
}

export async function storeCart(client: PoolClient, shopId: string, row: Row): Promise<boolean> {
  return Boolean(await upsertRow(client, "carts", shopId, row, { key: ["token"] }));
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
