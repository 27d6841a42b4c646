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

/** The orders with their line items, refunds and refund lines: three queries whatever the page size. */
async function withChildren(pool: Pool, shopId: string, orders: Row[], ids: string[]): Promise<Row[]> {
  const [lineItems, refunds, refundLines] = await Promise.all([
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
  return orders.map((order, index) => {
    const id = ids[index]!;
    return {
      ...order,
      processed_at: iso(order.processed_at),
      created_at: iso(order.created_at),
      updated_at: iso(order.updated_at),
      cancelled_at: iso(order.cancelled_at),
      deleted_at: iso(order.deleted_at),
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
    };
  });
}
