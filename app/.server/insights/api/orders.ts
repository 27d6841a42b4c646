// The analyst API's orders, one of its resources (resources.ts lists and
// reads them): the order's own fields, with its line items, refunds and
// refund lines, in the contract's shapes.
import type { Pool } from "~/.server/database/pool";
import { instant, iso, isoDateTime, money, type ApiResource, type Row } from "./resource-shapes";
import { z } from "./zod";

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

const MONEY = (column: string) => `round(${column}, 2)::text AS ${column.replace(/^\w+\./, "")}`;

export const ORDERS: ApiResource = {
  table: "orders",
  columns: `t.shopify_id::text AS id, t.name, t.email, t.currency,
    ${["subtotal_price", "total_price", "total_tax", "total_discounts", "total_shipping", "total_refunded"].map((column) => MONEY(`t.${column}`)).join(", ")},
    t.financial_status, t.fulfillment_status, t.customer_shopify_id::text AS customer_id, t.tags, t.test,
    t.processed_at, t.created_at, t.updated_at, t.cancelled_at, t.deleted_at`,
  filters: {
    created_at_min: { schema: isoDateTime, sql: "t.created_at >= ?" },
    created_at_max: { schema: isoDateTime, sql: "t.created_at <= ?" },
    financial_status: { schema: z.string().max(40), sql: "t.financial_status = ?" },
    fulfillment_status: { schema: z.string().max(40), sql: "t.fulfillment_status = ?" },
    tag: { schema: z.string().max(255), sql: "? = ANY(t.tags)" },
  },
  byId: (id) => (/^\d{1,19}$/.test(id) ? { sql: "t.shopify_id = ?::bigint", params: [id] } : undefined),
  shape: withChildren,
  schema: apiOrder,
};

/** A timestamp as ISO 8601 UTC with milliseconds, as Date.toISOString() writes it. */
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DECIMAL = (column: string) => `round(${column}, 2)::text`;

/**
 * The orders' line items, refunds and refund lines as JSON built by the
 * database: one query (one connection, one round trip) whatever the page size.
 */
const CHILDREN_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object(
        'id', li.shopify_id::text, 'product_id', li.product_shopify_id::text, 'variant_id', li.variant_shopify_id::text,
        'sku', li.sku, 'title', li.title, 'quantity', li.quantity, 'price', ${DECIMAL("li.price")},
        'total_discount', ${DECIMAL("li.total_discount")}) ORDER BY li.shopify_id), '[]')
     FROM order_line_items li WHERE li.shop_id = $1 AND li.order_id = o.id AND li.deleted_at IS NULL) AS line_items,
    (SELECT coalesce(json_agg(json_build_object(
        'id', r.shopify_id::text, 'created_at', ${ISO("r.created_at")}, 'processed_at', ${ISO("r.processed_at")},
        'total_refunded', ${DECIMAL("r.total_refunded")},
        'refund_line_items', (
          SELECT coalesce(json_agg(json_build_object(
              'id', l.shopify_id::text, 'line_item_id', l.line_item_shopify_id::text, 'quantity', l.quantity,
              'subtotal', ${DECIMAL("l.subtotal")}, 'total_tax', ${DECIMAL("l.total_tax")}) ORDER BY l.shopify_id), '[]')
          FROM refund_line_items l WHERE l.shop_id = $1 AND l.refund_id = r.id AND l.deleted_at IS NULL)
      ) ORDER BY r.shopify_id), '[]')
     FROM refunds r WHERE r.shop_id = $1 AND r.order_id = o.id AND r.deleted_at IS NULL) AS refunds
  FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, position)
  ORDER BY o.position`;

/** The orders with their line items, refunds and refund lines, in the page's order. */
async function withChildren(pool: Pool, shopId: string, orders: Row[], ids: string[]): Promise<Row[]> {
  const { rows: children } = await pool.query<{ line_items: unknown[]; refunds: unknown[] }>(CHILDREN_SQL, [
    shopId,
    ids,
  ]);
  return orders.map((order, index) => ({
    ...order,
    processed_at: iso(order.processed_at),
    created_at: iso(order.created_at),
    updated_at: iso(order.updated_at),
    cancelled_at: iso(order.cancelled_at),
    deleted_at: iso(order.deleted_at),
    line_items: children[index]!.line_items,
    refunds: children[index]!.refunds,
  }));
}
