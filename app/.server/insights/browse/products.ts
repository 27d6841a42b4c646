// The products browser: one shop's products with their variants' stock,
// filtered, searched (title or SKU), sorted and paged by cursor; one product
// with its variants, stock by location and recent sales; the filtered view's
// rows for CSV export. Scoped to the shop in every query.
import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";
import { PRODUCT_SALES_DAYS, PRODUCT_STATUSES } from "~/vocabulary";
import { BROWSE_PAGE_SIZE, browseParams, containing, listParam, sortParam } from "./filters";
import { keysetPage, keysetRows, type PageOf, type SortKey } from "./keyset";

const PRODUCT_SORTS: Record<"title" | "updated" | "created", SortKey> = {
  // The same expressions as the products_browse_* indexes (see the migration).
  title: { expression: Prisma.sql`lower(coalesce(t.title, ''))`, type: "text" },
  updated: { expression: Prisma.sql`coalesce(t.updated_at, '-infinity'::timestamptz)`, type: "timestamptz" },
  created: { expression: Prisma.sql`coalesce(t.created_at, '-infinity'::timestamptz)`, type: "timestamptz" },
};

export const productFilters = browseParams.extend({
  sort: sortParam(["title", "updated", "created"], "title asc"),
  status: listParam.transform((values) =>
    values.filter((value) => (PRODUCT_STATUSES as readonly string[]).includes(value)),
  ),
  vendor: listParam,
  type: z
    .string()
    .max(255)
    .optional()
    .catch(undefined)
    .transform((value) => value?.trim() || undefined),
});
export type ProductFilters = z.infer<typeof productFilters>;

export interface ProductListRow {
  id: string;
  title: string | null;
  status: string | null;
  vendor: string | null;
  productType: string | null;
  variants: number;
  inventory: number;
  minPrice: string | null;
  maxPrice: string | null;
  updatedAt: Date | null;
  tags: string[];
}

/** A line's revenue: its price for the units still on the order, less their share of its discount. */
const LINE_REVENUE = Prisma.sql`
  (li.price * coalesce(li.current_quantity, li.quantity)
   - CASE WHEN coalesce(li.quantity, 0) > 0
          THEN coalesce(li.total_discount, 0) * coalesce(li.current_quantity, li.quantity) / li.quantity
          ELSE 0 END)`;

function productConditions(filters: ProductFilters): Prisma.Sql[] {
  const where = [Prisma.sql`t.deleted_at IS NULL`];
  if (filters.q) {
    // Title anywhere (products_title_trgm), or a variant's exact SKU (product_variants_shop_id_sku_idx).
    where.push(Prisma.sql`(t.title ILIKE ${containing(filters.q)} OR EXISTS (
      SELECT 1 FROM product_variants sv
      WHERE sv.shop_id = t.shop_id AND sv.sku = ${filters.q} AND sv.product_id = t.id AND sv.deleted_at IS NULL))`);
  }
  if (filters.status.length) where.push(Prisma.sql`t.status IN (${Prisma.join(filters.status)})`);
  if (filters.vendor.length) where.push(Prisma.sql`t.vendor IN (${Prisma.join(filters.vendor)})`);
  if (filters.type) where.push(Prisma.sql`t.product_type = ${filters.type}`);
  if (filters.tag) where.push(Prisma.sql`t.tags @> ARRAY[${filters.tag}]::text[]`);
  return where;
}

function productQuery(shopId: bigint, filters: ProductFilters) {
  return {
    select: Prisma.sql`
      t.shopify_id::text AS id, t.title, t.status, t.vendor, t.product_type AS "productType",
      t.updated_at AS "updatedAt", t.tags, v.variants, v.inventory, v.min_price AS "minPrice", v.max_price AS "maxPrice"`,
    from: Prisma.sql`products t CROSS JOIN LATERAL (
      SELECT count(*)::int AS variants, coalesce(sum(inventory_quantity), 0)::int AS inventory,
             min(price)::text AS min_price, max(price)::text AS max_price
      FROM product_variants WHERE product_id = t.id AND deleted_at IS NULL) v`,
    shopId,
    where: productConditions(filters),
    sort: PRODUCT_SORTS[filters.sort.key],
    direction: filters.sort.direction,
  };
}

export function listProducts(
  db: PrismaClient,
  shopId: bigint,
  filters: ProductFilters,
): Promise<PageOf<ProductListRow>> {
  return keysetPage<ProductListRow>(db, { ...productQuery(shopId, filters), limit: BROWSE_PAGE_SIZE, page: filters });
}

/** Vendors and product types to offer as filter choices (the first 250 of each). */
export async function productFilterChoices(
  db: PrismaClient,
  shopId: bigint,
): Promise<{ vendors: string[]; types: string[] }> {
  const [vendors, types] = await Promise.all([
    db.$queryRaw<{ value: string }[]>`
      SELECT DISTINCT vendor AS value FROM products
      WHERE shop_id = ${shopId} AND vendor IS NOT NULL AND vendor <> '' AND deleted_at IS NULL ORDER BY 1 LIMIT 250`,
    db.$queryRaw<{ value: string }[]>`
      SELECT DISTINCT product_type AS value FROM products
      WHERE shop_id = ${shopId} AND product_type IS NOT NULL AND product_type <> '' AND deleted_at IS NULL
      ORDER BY 1 LIMIT 250`,
  ]);
  return { vendors: vendors.map((row) => row.value), types: types.map((row) => row.value) };
}

export const PRODUCT_CSV_COLUMNS = [
  ["id", "Product id"],
  ["title", "Title"],
  ["status", "Status"],
  ["vendor", "Vendor"],
  ["productType", "Type"],
  ["variants", "Variants"],
  ["inventory", "Inventory"],
  ["minPrice", "Lowest price"],
  ["maxPrice", "Highest price"],
  ["updatedAt", "Updated at"],
  ["tags", "Tags"],
] as const satisfies readonly (readonly [keyof ProductListRow, string])[];

export function exportProducts(
  db: PrismaClient,
  shopId: bigint,
  filters: ProductFilters,
): AsyncGenerator<ProductListRow> {
  return keysetRows<ProductListRow>(db, productQuery(shopId, filters));
}

export interface ProductDetail {
  id: string;
  title: string | null;
  handle: string | null;
  status: string | null;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
  locations: { id: string; name: string }[];
  variants: {
    id: string;
    title: string | null;
    sku: string | null;
    price: string | null;
    compareAtPrice: string | null;
    inventoryQuantity: number | null;
    inventoryPolicy: string | null;
    /** Available units per location id; a location missing here stocks none of this variant. */
    stock: Record<string, { available: number | null; onHand: number | null; committed: number | null }>;
    /** Units and revenue of the last 90 days, test orders excluded. */
    unitsSold: number;
    revenue: string;
  }[];
}

export async function getProduct(db: PrismaClient, shopId: bigint, shopifyId: string): Promise<ProductDetail | null> {
  if (!/^\d{1,19}$/.test(shopifyId)) return null;
  const product = await db.product.findFirst({
    where: { shopId, shopifyId: BigInt(shopifyId), deletedAt: null },
    include: { variants: { where: { deletedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] } },
  });
  if (!product) return null;
  const itemIds = product.variants.flatMap((variant) => (variant.inventoryItemId ? [variant.inventoryItemId] : []));
  const [levels, sales] = await Promise.all([
    itemIds.length
      ? db.$queryRaw<
          {
            item: string;
            location: string;
            name: string | null;
            available: number | null;
            on_hand: number | null;
            committed: number | null;
          }[]
        >`
          SELECT l.inventory_item_id::text AS item, l.location_id::text AS location, loc.name,
                 l.available, l.on_hand, l.committed
          FROM inventory_levels l
          LEFT JOIN locations loc ON loc.shop_id = l.shop_id AND loc.shopify_id = l.location_id
          WHERE l.shop_id = ${shopId} AND l.inventory_item_id IN (${Prisma.join(itemIds)}) AND l.deleted_at IS NULL
            AND (loc.id IS NULL OR loc.deleted_at IS NULL)
          ORDER BY loc.name NULLS LAST, l.location_id`
      : Promise.resolve([]),
    db.$queryRaw<{ variant: string; units: bigint; revenue: string }[]>`
      SELECT li.variant_shopify_id::text AS variant,
             sum(coalesce(li.current_quantity, li.quantity)) AS units,
             round(sum(${LINE_REVENUE}), 2)::text AS revenue
      FROM order_line_items li JOIN orders o ON o.id = li.order_id
      WHERE li.shop_id = ${shopId} AND li.product_shopify_id = ${product.shopifyId} AND li.deleted_at IS NULL
        AND o.deleted_at IS NULL AND o.test IS NOT TRUE
        AND o.processed_at >= now() - make_interval(days => ${PRODUCT_SALES_DAYS})
      GROUP BY li.variant_shopify_id`,
  ]);
  const locations = new Map<string, string>();
  const stockByItem = new Map<string, ProductDetail["variants"][number]["stock"]>();
  for (const level of levels) {
    locations.set(level.location, level.name ?? `Location ${level.location}`);
    const stock = stockByItem.get(level.item) ?? {};
    stock[level.location] = { available: level.available, onHand: level.on_hand, committed: level.committed };
    stockByItem.set(level.item, stock);
  }
  const salesByVariant = new Map(sales.map((row) => [row.variant, row]));
  return {
    id: product.shopifyId.toString(),
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    locations: [...locations].map(([id, name]) => ({ id, name })),
    variants: product.variants.map((variant) => {
      const sold = salesByVariant.get(variant.shopifyId.toString());
      return {
        id: variant.shopifyId.toString(),
        title: variant.title,
        sku: variant.sku,
        price: variant.price?.toFixed(2) ?? null,
        compareAtPrice: variant.compareAtPrice?.toFixed(2) ?? null,
        inventoryQuantity: variant.inventoryQuantity,
        inventoryPolicy: variant.inventoryPolicy,
        stock: (variant.inventoryItemId && stockByItem.get(variant.inventoryItemId.toString())) || {},
        unitsSold: Number(sold?.units ?? 0),
        revenue: sold?.revenue ?? "0.00",
      };
    }),
  };
}
