// The analyst API's resources: orders (orders.ts), products with their
// variants, customers, inventory levels with their item, variant and
// location, and locations. One definition each (table, filters, the row's
// shape and its children); listing and reading by id are the same for all:
// pages in write order (write-cursor.ts), tombstones with deleted_at.
import type { Pool } from "~/.server/database/pool";
import { decodeCursor, encodeCursor, pageByWrites } from "../write-cursor";
import { ORDERS } from "./orders";
import { ApiProblem } from "./problems";
import { instant, iso, isoDateTime, money, type ApiResource, type Row } from "./resource-shapes";
import { z } from "./zod";

/** What every list takes (CONTRACTS.md), plus a resource's own filters. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).default(50),
  cursor: z.string().max(200).optional(),
  updated_since: isoDateTime.optional(),
  include_deleted: z.enum(["true", "false"]).default("false"),
});

const timestamps = { created_at: instant, updated_at: instant, deleted_at: instant };

export const apiProduct = z.object({
  id: z.string(),
  title: z.string().nullable(),
  handle: z.string().nullable(),
  vendor: z.string().nullable(),
  product_type: z.string().nullable(),
  status: z.string().nullable(),
  tags: z.array(z.string()),
  published_at: instant,
  ...timestamps,
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string().nullable(),
      title: z.string().nullable(),
      price: money,
      compare_at_price: money,
      inventory_item_id: z.string().nullable(),
      inventory_quantity: z.number().int().nullable(),
      position: z.number().int().nullable(),
    }),
  ),
});

export const apiCustomer = z.object({
  id: z.string(),
  email: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  state: z.string().nullable(),
  tags: z.array(z.string()),
  orders_count: z.number().int().nullable(),
  total_spent: money,
  currency: z.string().nullable(),
  ...timestamps,
});

export const apiInventoryLevel = z.object({
  /** "{inventory_item_id}:{location_id}": a level is the stock of one item at one location. */
  id: z.string(),
  inventory_item_id: z.string(),
  location_id: z.string(),
  available: z.number().int().nullable(),
  on_hand: z.number().int().nullable(),
  committed: z.number().int().nullable(),
  ...timestamps,
  item: z.object({ sku: z.string().nullable(), tracked: z.boolean().nullable(), cost: money }).nullable(),
  variant: z.object({ id: z.string(), product_id: z.string().nullable(), title: z.string().nullable() }).nullable(),
  location: z.object({ name: z.string().nullable() }).nullable(),
});

export const apiLocation = z.object({
  id: z.string(),
  name: z.string().nullable(),
  active: z.boolean().nullable(),
  fulfills_online_orders: z.boolean().nullable(),
  address: z.record(z.string(), z.unknown()).nullable(),
  ...timestamps,
});

const withTimes = (row: Row): Row => ({
  ...row,
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
  deleted_at: iso(row.deleted_at),
});
const TIMES = "t.created_at, t.updated_at, t.deleted_at";
const byShopifyId = (id: string) =>
  /^\d{1,19}$/.test(id) ? { sql: "t.shopify_id = ?::bigint", params: [id] } : undefined;

export const API_RESOURCES = {
  orders: ORDERS,
  products: {
    table: "products",
    columns: `t.shopify_id::text AS id, t.title, t.handle, t.vendor, t.product_type, t.status, t.tags, t.published_at, ${TIMES}`,
    filters: {
      status: { schema: z.string().max(40), sql: "t.status = ?" },
      vendor: { schema: z.string().max(255), sql: "t.vendor = ?" },
      tag: { schema: z.string().max(255), sql: "? = ANY(t.tags)" },
    },
    byId: byShopifyId,
    shape: async (pool, shopId, rows) => {
      const { rows: variants } = await pool.query<Row & { product_id: string }>(
        `SELECT shopify_id::text AS id, product_shopify_id::text AS product_id, sku, title,
           round(price, 2)::text AS price, round(compare_at_price, 2)::text AS compare_at_price,
           inventory_item_id::text AS inventory_item_id, inventory_quantity, position
         FROM product_variants WHERE shop_id = $1 AND product_shopify_id = ANY($2::bigint[]) AND deleted_at IS NULL
         ORDER BY position NULLS LAST, shopify_id`,
        [shopId, rows.map((row) => row.id)],
      );
      return rows.map((row) => ({
        ...withTimes(row),
        published_at: iso(row.published_at),
        variants: variants
          .filter((variant) => variant.product_id === row.id)
          .map(({ product_id: _product, ...variant }) => variant),
      }));
    },
    schema: apiProduct,
  },
  customers: {
    table: "customers",
    columns: `t.shopify_id::text AS id, t.email, t.first_name, t.last_name, t.phone, t.state, t.tags, t.orders_count,
      round(t.total_spent, 2)::text AS total_spent, t.currency, ${TIMES}`,
    filters: {
      state: { schema: z.string().max(40), sql: "t.state = ?" },
      tag: { schema: z.string().max(255), sql: "? = ANY(t.tags)" },
    },
    byId: byShopifyId,
    shape: async (_pool, _shopId, rows) => rows.map(withTimes),
    schema: apiCustomer,
  },
  inventory_levels: {
    table: "inventory_levels",
    columns: `t.inventory_item_id::text || ':' || t.location_id::text AS id, t.inventory_item_id::text AS inventory_item_id,
      t.location_id::text AS location_id, t.available, t.on_hand, t.committed, ${TIMES}`,
    filters: {
      location_id: { schema: z.string().regex(/^\d{1,19}$/), sql: "t.location_id = ?::bigint" },
      inventory_item_id: { schema: z.string().regex(/^\d{1,19}$/), sql: "t.inventory_item_id = ?::bigint" },
    },
    byId: (id) => {
      const match = /^(\d{1,19}):(\d{1,19})$/.exec(id);
      return match
        ? { sql: "t.inventory_item_id = ?::bigint AND t.location_id = ?::bigint", params: [match[1], match[2]] }
        : undefined;
    },
    shape: async (pool, shopId, rows) => {
      const itemIds = [...new Set(rows.map((row) => row.inventory_item_id))];
      const locationIds = [...new Set(rows.map((row) => row.location_id))];
      const [items, variants, locations] = await Promise.all([
        pool.query<Row & { id: string }>(
          `SELECT shopify_id::text AS id, sku, tracked, round(cost, 2)::text AS cost
           FROM inventory_items WHERE shop_id = $1 AND shopify_id = ANY($2::bigint[])`,
          [shopId, itemIds],
        ),
        pool.query<Row & { inventory_item_id: string }>(
          `SELECT shopify_id::text AS id, product_shopify_id::text AS product_id, title, inventory_item_id::text AS inventory_item_id
           FROM product_variants WHERE shop_id = $1 AND inventory_item_id = ANY($2::bigint[]) AND deleted_at IS NULL`,
          [shopId, itemIds],
        ),
        pool.query<Row & { id: string }>(
          `SELECT shopify_id::text AS id, name FROM locations WHERE shop_id = $1 AND shopify_id = ANY($2::bigint[])`,
          [shopId, locationIds],
        ),
      ]);
      const item = new Map(items.rows.map(({ id, ...rest }) => [id, rest]));
      const variant = new Map(variants.rows.map(({ inventory_item_id, ...rest }) => [inventory_item_id, rest]));
      const location = new Map(locations.rows.map(({ id: _id, ...rest }) => [_id, rest]));
      return rows.map((row) => ({
        ...withTimes(row),
        item: item.get(row.inventory_item_id as string) ?? null,
        variant: variant.get(row.inventory_item_id as string) ?? null,
        location: location.get(row.location_id as string) ?? null,
      }));
    },
    schema: apiInventoryLevel,
  },
  locations: {
    table: "locations",
    columns: `t.shopify_id::text AS id, t.name, t.active, t.fulfills_online_orders, t.address, ${TIMES}`,
    filters: { active: { schema: z.enum(["true", "false"]), sql: "t.active = ?::boolean" } },
    byId: byShopifyId,
    shape: async (_pool, _shopId, rows) => rows.map(withTimes),
    schema: apiLocation,
  },
} satisfies Record<string, ApiResource>;

export type ApiResourceName = keyof typeof API_RESOURCES;

/** The list query of a resource: the common parameters and its own filters, nothing else. */
export function listQueryOf(name: ApiResourceName) {
  const filters = Object.fromEntries(
    Object.entries(API_RESOURCES[name].filters).map(([parameter, filter]) => [parameter, filter.schema.optional()]),
  );
  return listQuery.extend(filters).strict();
}

export async function listApiResource(
  pool: Pool,
  shopId: string,
  name: ApiResourceName,
  /** As listQueryOf(name) parsed it. */
  parsed: Record<string, unknown>,
): Promise<{ data: Row[]; next_cursor: string; has_more: boolean }> {
  const query = parsed as z.infer<typeof listQuery> & Record<string, unknown>;
  const resource: ApiResource = API_RESOURCES[name];
  const after = decodeCursor(query.cursor);
  if (!after) throw new ApiProblem("invalid-request", "cursor is not one this API issued");
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql.replace(/\?/g, () => `$${params.push(values.shift()) + 3}`));
  };
  if (query.include_deleted !== "true") conditions.push("t.deleted_at IS NULL");
  if (query.updated_since) add("t.updated_at >= ?", query.updated_since);
  for (const [parameter, filter] of Object.entries(resource.filters)) {
    if (query[parameter] !== undefined) add(filter.sql, query[parameter]);
  }
  const page = await pageByWrites(pool, resource.table, shopId, after, query.limit, {
    sql: conditions.join(" AND ") || "TRUE",
    params,
  });
  return {
    data: await rowsOf(pool, shopId, resource, page.ids),
    next_cursor: encodeCursor(page.next),
    has_more: page.hasMore,
  };
}

export async function getApiResource(pool: Pool, shopId: string, name: ApiResourceName, id: string): Promise<Row> {
  const resource: ApiResource = API_RESOURCES[name];
  const match = resource.byId(id);
  if (!match) throw new ApiProblem("not-found");
  let index = 1;
  const { rows } = await pool.query<{ id: string }>(
    `SELECT t.id::text AS id FROM ${resource.table} t WHERE t.shop_id = $1 AND ${match.sql.replace(/\?/g, () => `$${++index}`)}`,
    [shopId, ...match.params],
  );
  const [row] = await rowsOf(
    pool,
    shopId,
    resource,
    rows.map((found) => found.id),
  );
  if (!row) throw new ApiProblem("not-found");
  return row;
}

/** The rows of these row ids, in that order, as the resource's shape. */
async function rowsOf(pool: Pool, shopId: string, resource: ApiResource, ids: string[]): Promise<Row[]> {
  if (!ids.length) return [];
  const { rows } = await pool.query<Row & { row_id: string }>(
    `SELECT t.id::text AS row_id, ${resource.columns} FROM ${resource.table} t WHERE t.shop_id = $1 AND t.id = ANY($2::bigint[])`,
    [shopId, ids],
  );
  const byRowId = new Map(rows.map(({ row_id, ...row }) => [row_id, row as Row]));
  const found = ids.filter((id) => byRowId.has(id));
  return resource.shape(
    pool,
    shopId,
    found.map((id) => byRowId.get(id)!),
    found,
  );
}
