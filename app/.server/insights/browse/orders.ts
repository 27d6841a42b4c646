// The orders browser: one shop's orders filtered, searched, sorted and paged
// by cursor; one order with its line items, refunds and customer; and the
// filtered view's rows for CSV export. Every query is scoped to the shop: an
// order of another shop is simply not found.
import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES, ORDER_STATES } from "~/vocabulary";
import { BROWSE_PAGE_SIZE, browseParams, containing, listParam, sortParam, withinDays } from "./filters";
import { keysetPage, keysetRows, type PageOf, type SortKey } from "./keyset";

const ORDER_SORTS: Record<"date" | "total", SortKey> = {
  // The same expressions as the orders_browse_* indexes (see the migration).
  date: { expression: Prisma.sql`coalesce(t.processed_at, '-infinity'::timestamptz)`, type: "timestamptz" },
  total: { expression: Prisma.sql`coalesce(t.total_price, 0)`, type: "numeric" },
};

export const orderFilters = browseParams.extend({
  sort: sortParam(["date", "total"], "date desc"),
  financial: listParam.transform((values) =>
    values.filter((value) => (FINANCIAL_STATUSES as readonly string[]).includes(value)),
  ),
  fulfillment: listParam.transform((values) =>
    values.filter((value) => (FULFILLMENT_STATUSES as readonly string[]).includes(value)),
  ),
  state: z.enum(ORDER_STATES).optional().catch(undefined),
  /** A customer's Shopify id: their orders only. */
  customer: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
});
export type OrderFilters = z.infer<typeof orderFilters>;

export interface OrderListRow {
  id: string;
  name: string | null;
  processedAt: Date | null;
  customer: string | null;
  email: string | null;
  total: string;
  refunded: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  cancelledAt: Date | null;
  closedAt: Date | null;
  test: boolean;
  tags: string[];
  items: number;
}

function orderConditions(filters: OrderFilters, timeZone: string): Prisma.Sql[] {
  const where = [Prisma.sql`t.deleted_at IS NULL`];
  if (filters.q) {
    const pattern = containing(filters.q);
    // Trigram indexes on name and email (orders_name_trgm, orders_email_trgm).
    where.push(Prisma.sql`(t.name ILIKE ${pattern} OR t.email ILIKE ${pattern})`);
  }
  if (filters.financial.length) where.push(Prisma.sql`t.financial_status IN (${Prisma.join(filters.financial)})`);
  if (filters.fulfillment.length) {
    where.push(Prisma.sql`coalesce(t.fulfillment_status, 'unfulfilled') IN (${Prisma.join(filters.fulfillment)})`);
  }
  if (filters.state === "cancelled") where.push(Prisma.sql`t.cancelled_at IS NOT NULL`);
  if (filters.state === "closed") where.push(Prisma.sql`t.cancelled_at IS NULL AND t.closed_at IS NOT NULL`);
  if (filters.state === "open") where.push(Prisma.sql`t.cancelled_at IS NULL AND t.closed_at IS NULL`);
  if (filters.tag) where.push(Prisma.sql`t.tags @> ARRAY[${filters.tag}]::text[]`);
  if (filters.customer) where.push(Prisma.sql`t.customer_shopify_id = ${BigInt(filters.customer)}`);
  // On the date sort's own expression, so a date range is a range of that index.
  where.push(...withinDays(ORDER_SORTS.date.expression, filters, timeZone));
  return where;
}

const ORDER_COLUMNS = Prisma.sql`
  t.shopify_id::text AS id, t.name, t.processed_at AS "processedAt",
  nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') AS customer,
  t.email, coalesce(t.total_price, 0)::text AS total, coalesce(t.total_refunded, 0)::text AS refunded,
  t.financial_status AS "financialStatus", coalesce(t.fulfillment_status, 'unfulfilled') AS "fulfillmentStatus",
  t.cancelled_at AS "cancelledAt", t.closed_at AS "closedAt", coalesce(t.test, false) AS test, t.tags,
  (SELECT coalesce(sum(li.quantity), 0)::int FROM order_line_items li
    WHERE li.order_id = t.id AND li.deleted_at IS NULL) AS items`;
const ORDER_FROM = Prisma.sql`orders t LEFT JOIN customers c ON c.id = t.customer_id`;

function orderQuery(shopId: bigint, filters: OrderFilters, timeZone: string) {
  return {
    select: ORDER_COLUMNS,
    from: ORDER_FROM,
    shopId,
    where: orderConditions(filters, timeZone),
    sort: ORDER_SORTS[filters.sort.key],
    direction: filters.sort.direction,
  };
}

export function listOrders(
  db: PrismaClient,
  shopId: bigint,
  filters: OrderFilters,
  timeZone: string,
): Promise<PageOf<OrderListRow>> {
  return keysetPage<OrderListRow>(db, {
    ...orderQuery(shopId, filters, timeZone),
    limit: BROWSE_PAGE_SIZE,
    page: filters,
  });
}

export const ORDER_CSV_COLUMNS = [
  ["id", "Order id"],
  ["name", "Order"],
  ["processedAt", "Processed at"],
  ["customer", "Customer"],
  ["email", "Email"],
  ["total", "Total"],
  ["refunded", "Refunded"],
  ["financialStatus", "Payment status"],
  ["fulfillmentStatus", "Fulfillment status"],
  ["items", "Items"],
  ["tags", "Tags"],
  ["test", "Test"],
] as const satisfies readonly (readonly [keyof OrderListRow, string])[];

export function exportOrders(
  db: PrismaClient,
  shopId: bigint,
  filters: OrderFilters,
  timeZone: string,
): AsyncGenerator<OrderListRow> {
  return keysetRows<OrderListRow>(db, orderQuery(shopId, filters, timeZone));
}

export interface OrderDetail {
  id: string;
  name: string | null;
  processedAt: Date | null;
  createdAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  currency: string | null;
  subtotal: string | null;
  discounts: string | null;
  shipping: string | null;
  tax: string | null;
  total: string | null;
  refunded: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  sourceName: string | null;
  test: boolean;
  tags: string[];
  note: string | null;
  email: string | null;
  shippingAddress: unknown;
  customer: { id: string; name: string | null; email: string | null; orders: number } | null;
  lineItems: {
    id: string;
    title: string | null;
    variantTitle: string | null;
    sku: string | null;
    productId: string | null;
    quantity: number;
    currentQuantity: number;
    price: string;
    discount: string;
  }[];
  refunds: {
    id: string;
    processedAt: Date | null;
    amount: string | null;
    note: string | null;
    lines: {
      lineItemId: string | null;
      title: string | null;
      quantity: number;
      subtotal: string | null;
      restockType: string | null;
    }[];
  }[];
}

export async function getOrder(db: PrismaClient, shopId: bigint, shopifyId: string): Promise<OrderDetail | null> {
  if (!/^\d{1,19}$/.test(shopifyId)) return null;
  const order = await db.order.findFirst({
    where: { shopId, shopifyId: BigInt(shopifyId), deletedAt: null },
    include: {
      customer: { select: { shopifyId: true, firstName: true, lastName: true, email: true, deletedAt: true } },
      lineItems: { where: { deletedAt: null }, orderBy: { id: "asc" } },
      refunds: {
        where: { deletedAt: null },
        orderBy: { processedAt: "asc" },
        include: { lineItems: { where: { deletedAt: null }, orderBy: { id: "asc" } } },
      },
    },
  });
  if (!order) return null;
  const customer = order.customer && !order.customer.deletedAt ? order.customer : null;
  const customerOrders = customer
    ? await db.order.count({ where: { shopId, customerId: order.customerId, deletedAt: null } })
    : 0;
  const titles = new Map(order.lineItems.map((line) => [line.shopifyId.toString(), line.title]));
  const text = (value: Prisma.Decimal | null) => (value === null ? null : value.toFixed(2));
  return {
    id: order.shopifyId.toString(),
    name: order.name,
    processedAt: order.processedAt,
    createdAt: order.createdAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closedAt: order.closedAt,
    currency: order.currency,
    subtotal: text(order.subtotalPrice),
    discounts: text(order.totalDiscounts),
    shipping: text(order.totalShipping),
    tax: text(order.totalTax),
    total: text(order.totalPrice),
    refunded: text(order.totalRefunded),
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus ?? "unfulfilled",
    sourceName: order.sourceName,
    test: order.test ?? false,
    tags: order.tags,
    note: order.note,
    email: order.email,
    shippingAddress: order.shippingAddress,
    customer: customer
      ? {
          id: customer.shopifyId.toString(),
          name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || null,
          email: customer.email,
          orders: customerOrders,
        }
      : null,
    lineItems: order.lineItems.map((line) => ({
      id: line.shopifyId.toString(),
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      productId: line.productShopifyId?.toString() ?? null,
      quantity: line.quantity ?? 0,
      currentQuantity: line.currentQuantity ?? line.quantity ?? 0,
      price: text(line.price) ?? "0.00",
      discount: text(line.totalDiscount) ?? "0.00",
    })),
    refunds: order.refunds.map((refund) => ({
      id: refund.shopifyId.toString(),
      processedAt: refund.processedAt,
      amount: text(refund.totalRefunded),
      note: refund.note,
      lines: refund.lineItems.map((line) => ({
        lineItemId: line.lineItemShopifyId?.toString() ?? null,
        title: line.lineItemShopifyId ? (titles.get(line.lineItemShopifyId.toString()) ?? null) : null,
        quantity: line.quantity ?? 0,
        subtotal: text(line.subtotal),
        restockType: line.restockType,
      })),
    })),
  };
}
