// The analyst API's orders: a page in write order (write-cursor.ts), with
// their line items, refunds and refund lines, in the contract's shapes:
// Shopify ids as strings, money as decimal strings, ISO 8601 UTC times,
// snake_case, tombstones with deleted_at.
import { z } from "./zod";
import type { Pool } from "~/.server/database/pool";
import { decodeCursor, encodeCursor, pageByWrites } from "../write-cursor";
import { ApiProblem } from "./problems";

const isoDateTime = z.string().datetime({ offset: true });

export const orderListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(250).default(50),
    cursor: z.string().max(200).optional(),
    updated_since: isoDateTime.optional(),
    created_at_min: isoDateTime.optional(),
    created_at_max: isoDateTime.optional(),
    financial_status: z.string().max(40).optional(),
    fulfillment_status: z.string().max(40).optional(),
    tag: z.string().max(255).optional(),
    include_deleted: z.enum(["true", "false"]).default("false"),
  })
  .strict();

export type OrderListQuery = z.infer<typeof orderListQuery>;

const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .nullable();
const instant = z.string().nullable();

export const apiOrder = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  currency: z.string().nullable(),
  subtotal_price: money,
  total_price: money,
  total_tax: money,
  total_discounts: money,
  total_shipping: money,
  total_refunded: money,
  financial_status: z.string().nullable(),
  fulfillment_status: z.string().nullable(),
  customer_id: z.string().nullable(),
  tags: z.array(z.string()),
  test: z.boolean().nullable(),
  processed_at: instant,
  created_at: instant,
  updated_at: instant,
  cancelled_at: instant,
  deleted_at: instant,
  line_items: z.array(
    z.object({
      id: z.string(),
      product_id: z.string().nullable(),
      variant_id: z.string().nullable(),
      sku: z.string().nullable(),
      title: z.string().nullable(),
      quantity: z.number().int().nullable(),
      price: money,
      total_discount: money,
    }),
  ),
  refunds: z.array(
    z.object({
      id: z.string(),
      created_at: instant,
      processed_at: instant,
      total_refunded: money,
      refund_line_items: z.array(
        z.object({
          id: z.string(),
          line_item_id: z.string().nullable(),
          quantity: z.number().int().nullable(),
          subtotal: money,
          total_tax: money,
        }),
      ),
    }),
  ),
});

export type ApiOrder = z.infer<typeof apiOrder>;

export const orderPage = z.object({ data: z.array(apiOrder), next_cursor: z.string(), has_more: z.boolean() });

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export async function listApiOrders(
  pool: Pool,
  shopId: string,
  query: OrderListQuery,
): Promise<z.infer<typeof orderPage>> {
  const after = decodeCursor(query.cursor);
  if (!after) throw new ApiProblem("invalid-request", "cursor is not one this API issued");
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace("?", `$${params.length + 3}`));
  };
  if (query.include_deleted !== "true") conditions.push("deleted_at IS NULL");
  if (query.updated_since) add("updated_at >= ?", query.updated_since);
  if (query.created_at_min) add("created_at >= ?", query.created_at_min);
  if (query.created_at_max) add("created_at <= ?", query.created_at_max);
  if (query.financial_status) add("financial_status = ?", query.financial_status);
  if (query.fulfillment_status) add("fulfillment_status = ?", query.fulfillment_status);
  if (query.tag) add("? = ANY(tags)", query.tag);
  const page = await pageByWrites(pool, "orders", shopId, after, query.limit, {
    sql: conditions.join(" AND ") || "TRUE",
    params,
  });
  return {
    data: await ordersByRowId(pool, shopId, page.ids),
    next_cursor: encodeCursor(page.next),
    has_more: page.hasMore,
  };
}

/** One order by its Shopify id, tombstone included; another shop's (or no) order: 404. */
export async function getApiOrder(pool: Pool, shopId: string, shopifyId: string): Promise<ApiOrder> {
  if (!/^\d{1,19}$/.test(shopifyId)) throw new ApiProblem("not-found");
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM orders WHERE shop_id = $1 AND shopify_id = $2::bigint`,
    [shopId, shopifyId],
  );
  const [order] = await ordersByRowId(
    pool,
    shopId,
    rows.map((row) => row.id),
  );
  if (!order) throw new ApiProblem("not-found");
  return order;
}

interface OrderRow {
  id: string;
  shopify_id: string;
  name: string | null;
  email: string | null;
  currency: string | null;
  subtotal_price: string | null;
  total_price: string | null;
  total_tax: string | null;
  total_discounts: string | null;
  total_shipping: string | null;
  total_refunded: string | null;
  financial_status: string | null;
  fulfillment_status: string | null;
  customer_shopify_id: string | null;
  tags: string[];
  test: boolean | null;
  processed_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  cancelled_at: Date | null;
  deleted_at: Date | null;
}

const MONEY = (column: string) => `round(${column}, 2)::text AS ${column.replace(/^\w+\./, "")}`;

/** The orders of these row ids, in that order, with their children: four queries whatever the page size. */
async function ordersByRowId(pool: Pool, shopId: string, ids: string[]): Promise<ApiOrder[]> {
  if (!ids.length) return [];
  const [orders, lineItems, refunds, refundLines] = await Promise.all([
    pool.query<OrderRow>(
      `SELECT id::text, shopify_id::text, name, email, currency,
         ${["subtotal_price", "total_price", "total_tax", "total_discounts", "total_shipping", "total_refunded"].map(MONEY).join(", ")},
         financial_status, fulfillment_status, customer_shopify_id::text, tags, test,
         processed_at, created_at, updated_at, cancelled_at, deleted_at
       FROM orders WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
      [shopId, ids],
    ),
    pool.query<{
      order_id: string;
      shopify_id: string;
      product_shopify_id: string | null;
      variant_shopify_id: string | null;
      sku: string | null;
      title: string | null;
      quantity: number | null;
      price: string | null;
      total_discount: string | null;
    }>(
      `SELECT order_id::text, shopify_id::text, product_shopify_id::text, variant_shopify_id::text, sku, title, quantity,
         ${MONEY("price")}, ${MONEY("total_discount")}
       FROM order_line_items WHERE shop_id = $1 AND order_id = ANY($2::bigint[]) AND deleted_at IS NULL
       ORDER BY shopify_id`,
      [shopId, ids],
    ),
    pool.query<{
      id: string;
      order_id: string;
      shopify_id: string;
      created_at: Date | null;
      processed_at: Date | null;
      total_refunded: string | null;
    }>(
      `SELECT id::text, order_id::text, shopify_id::text, created_at, processed_at, ${MONEY("total_refunded")}
       FROM refunds WHERE shop_id = $1 AND order_id = ANY($2::bigint[]) AND deleted_at IS NULL ORDER BY shopify_id`,
      [shopId, ids],
    ),
    pool.query<{
      refund_id: string;
      shopify_id: string;
      line_item_shopify_id: string | null;
      quantity: number | null;
      subtotal: string | null;
      total_tax: string | null;
    }>(
      `SELECT l.refund_id::text, l.shopify_id::text, l.line_item_shopify_id::text, l.quantity,
         ${MONEY("l.subtotal")}, ${MONEY("l.total_tax")}
       FROM refund_line_items l JOIN refunds r ON r.id = l.refund_id
       WHERE l.shop_id = $1 AND r.shop_id = $1 AND r.order_id = ANY($2::bigint[]) AND l.deleted_at IS NULL
       ORDER BY l.shopify_id`,
      [shopId, ids],
    ),
  ]);
  const group = <T, K extends keyof T>(rows: T[], key: K) => {
    const byKey = new Map<T[K], T[]>();
    for (const row of rows) (byKey.get(row[key]) ?? byKey.set(row[key], []).get(row[key])!).push(row);
    return byKey;
  };
  const linesByOrder = group(lineItems.rows, "order_id");
  const refundsByOrder = group(refunds.rows, "order_id");
  const linesByRefund = group(refundLines.rows, "refund_id");
  const byId = new Map(orders.rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.shopify_id,
        name: row.name,
        email: row.email,
        currency: row.currency,
        subtotal_price: row.subtotal_price,
        total_price: row.total_price,
        total_tax: row.total_tax,
        total_discounts: row.total_discounts,
        total_shipping: row.total_shipping,
        total_refunded: row.total_refunded,
        financial_status: row.financial_status,
        fulfillment_status: row.fulfillment_status,
        customer_id: row.customer_shopify_id,
        tags: row.tags,
        test: row.test,
        processed_at: iso(row.processed_at),
        created_at: iso(row.created_at),
        updated_at: iso(row.updated_at),
        cancelled_at: iso(row.cancelled_at),
        deleted_at: iso(row.deleted_at),
        line_items: (linesByOrder.get(id) ?? []).map((line) => ({
          id: line.shopify_id,
          product_id: line.product_shopify_id,
          variant_id: line.variant_shopify_id,
          sku: line.sku,
          title: line.title,
          quantity: line.quantity,
          price: line.price,
          total_discount: line.total_discount,
        })),
        refunds: (refundsByOrder.get(id) ?? []).map((refund) => ({
          id: refund.shopify_id,
          created_at: iso(refund.created_at),
          processed_at: iso(refund.processed_at),
          total_refunded: refund.total_refunded,
          refund_line_items: (linesByRefund.get(refund.id) ?? []).map((line) => ({
            id: line.shopify_id,
            line_item_id: line.line_item_shopify_id,
            quantity: line.quantity,
            subtotal: line.subtotal,
            total_tax: line.total_tax,
          })),
        })),
      },
    ];
  });
}
