// The customers browser: one shop's customers filtered, searched, sorted and
// paged by cursor; one customer with their orders and lifetime value; the
// filtered view's rows for CSV export. Scoped to the shop in every query.
import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";
import { CUSTOMER_RECENT_ORDERS, CUSTOMER_STATES } from "~/vocabulary";
import { BROWSE_PAGE_SIZE, browseParams, containing, sortParam, withinDays } from "./filters";
import { keysetPage, keysetRows, type PageOf, type SortKey } from "./keyset";

/** The customer's display name as the list sorts and searches it (customers_browse_name and customers_name_trgm). */
const NAME = Prisma.sql`lower(coalesce(t.last_name, '') || ' ' || coalesce(t.first_name, ''))`;

const CUSTOMER_SORTS: Record<"created" | "spent" | "name", SortKey> = {
  created: { expression: Prisma.sql`coalesce(t.created_at, '-infinity'::timestamptz)`, type: "timestamptz" },
  spent: { expression: Prisma.sql`coalesce(t.total_spent, 0)`, type: "numeric" },
  name: { expression: NAME, type: "text" },
};

export const customerFilters = browseParams.extend({
  // The most valuable customers first: newest first opened on a wall of sign-ups who never ordered.
  sort: sortParam(["created", "spent", "name"], "spent desc"),
  state: z.enum(CUSTOMER_STATES).optional().catch(undefined),
});
export type CustomerFilters = z.infer<typeof customerFilters>;

export interface CustomerListRow {
  id: string;
  name: string | null;
  email: string | null;
  state: string | null;
  orders: number;
  spent: string;
  createdAt: Date | null;
  tags: string[];
}

function customerConditions(filters: CustomerFilters, timeZone: string): Prisma.Sql[] {
  const where = [Prisma.sql`t.deleted_at IS NULL`];
  if (filters.q) {
    const pattern = containing(filters.q.toLowerCase());
    where.push(Prisma.sql`(t.email ILIKE ${pattern} OR ${NAME} LIKE ${pattern})`);
  }
  if (filters.state) where.push(Prisma.sql`t.state = ${filters.state}`);
  if (filters.tag) where.push(Prisma.sql`t.tags @> ARRAY[${filters.tag}]::text[]`);
  where.push(...withinDays(CUSTOMER_SORTS.created.expression, filters, timeZone));
  return where;
}

function customerQuery(shopId: bigint, filters: CustomerFilters, timeZone: string) {
  return {
    select: Prisma.sql`
      t.shopify_id::text AS id,
      nullif(trim(coalesce(t.first_name, '') || ' ' || coalesce(t.last_name, '')), '') AS name,
      t.email, t.state, coalesce(t.orders_count, 0) AS orders, coalesce(t.total_spent, 0)::text AS spent,
      t.created_at AS "createdAt", t.tags`,
    from: Prisma.sql`customers t`,
    shopId,
    where: customerConditions(filters, timeZone),
    sort: CUSTOMER_SORTS[filters.sort.key],
    direction: filters.sort.direction,
  };
}

export function listCustomers(
  db: PrismaClient,
  shopId: bigint,
  filters: CustomerFilters,
  timeZone: string,
): Promise<PageOf<CustomerListRow>> {
  return keysetPage<CustomerListRow>(db, {
    ...customerQuery(shopId, filters, timeZone),
    limit: BROWSE_PAGE_SIZE,
    page: filters,
  });
}

export const CUSTOMER_CSV_COLUMNS = [
  ["id", "Customer id"],
  ["name", "Name"],
  ["email", "Email"],
  ["state", "Account state"],
  ["orders", "Orders"],
  ["spent", "Amount spent"],
  ["createdAt", "Customer since"],
  ["tags", "Tags"],
] as const satisfies readonly (readonly [keyof CustomerListRow, string])[];

export function exportCustomers(
  db: PrismaClient,
  shopId: bigint,
  filters: CustomerFilters,
  timeZone: string,
): AsyncGenerator<CustomerListRow> {
  return keysetRows<CustomerListRow>(db, customerQuery(shopId, filters, timeZone));
}

export interface CustomerDetail {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  state: string | null;
  tags: string[];
  note: string | null;
  createdAt: Date | null;
  redacted: boolean;
  emailMarketing: string | null;
  defaultAddress: unknown;
  /** From the orders stored here (test orders excluded): what the customer is worth to the shop. */
  lifetime: {
    orders: number;
    /** Sum of totals less refunds. */
    value: string;
    averageOrderValue: string;
    firstOrderAt: Date | null;
    lastOrderAt: Date | null;
  };
  orders: {
    id: string;
    name: string | null;
    processedAt: Date | null;
    total: string;
    refunded: string;
    financialStatus: string | null;
    fulfillmentStatus: string | null;
  }[];
}

export async function getCustomer(db: PrismaClient, shopId: bigint, shopifyId: string): Promise<CustomerDetail | null> {
  if (!/^\d{1,19}$/.test(shopifyId)) return null;
  const customer = await db.customer.findFirst({ where: { shopId, shopifyId: BigInt(shopifyId), deletedAt: null } });
  if (!customer) return null;
  const [[lifetime], orders] = await Promise.all([
    db.$queryRaw<{ orders: bigint; value: string; aov: string; first: Date | null; last: Date | null }[]>`
      SELECT count(*) AS orders, coalesce(sum(total_price - coalesce(total_refunded, 0)), 0)::text AS value,
             CASE WHEN count(*) = 0 THEN '0'
                  ELSE round(sum(total_price - coalesce(total_refunded, 0)) / count(*), 2)::text END AS aov,
             min(processed_at) AS first, max(processed_at) AS last
      FROM orders
      WHERE shop_id = ${shopId} AND customer_id = ${customer.id} AND deleted_at IS NULL AND test IS NOT TRUE`,
    db.order.findMany({
      where: { shopId, customerId: customer.id, deletedAt: null },
      orderBy: [{ processedAt: "desc" }, { id: "desc" }],
      take: CUSTOMER_RECENT_ORDERS,
    }),
  ]);
  const consent = customer.emailMarketingConsent as { state?: unknown } | null;
  return {
    id: customer.shopifyId.toString(),
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || null,
    email: customer.email,
    phone: customer.phone,
    state: customer.state,
    tags: customer.tags,
    note: customer.note,
    createdAt: customer.createdAt,
    redacted: customer.redactedAt !== null,
    emailMarketing: typeof consent?.state === "string" ? consent.state : null,
    defaultAddress: customer.defaultAddress,
    lifetime: {
      orders: Number(lifetime?.orders ?? 0),
      value: lifetime?.value ?? "0",
      averageOrderValue: lifetime?.aov ?? "0",
      firstOrderAt: lifetime?.first ?? null,
      lastOrderAt: lifetime?.last ?? null,
    },
    orders: orders.map((order) => ({
      id: order.shopifyId.toString(),
      name: order.name,
      processedAt: order.processedAt,
      total: order.totalPrice?.toFixed(2) ?? "0.00",
      refunded: order.totalRefunded?.toFixed(2) ?? "0.00",
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus ?? "unfulfilled",
    })),
  };
}
