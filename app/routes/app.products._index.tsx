// Products browser: search by title or SKU, filter by status, vendor, type
// and tag, sort, page by cursor, and export the view as CSV. Each row shows
// its variants and the stock they hold together.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, IndexTable, Link, Text } from "@shopify/polaris";
import { listProducts, productFilterChoices, productFilters } from "~/.server/insights/browse/products";
import { PRODUCT_STATUSES } from "~/vocabulary";
import { BrowseFilters } from "~/components/browse/BrowseFilters";
import { BrowsePage, NoMatches } from "~/components/browse/BrowsePage";
import { useCursorPagination } from "~/components/browse/paging";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop, searchParamsOf } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = productFilters.parse(searchParamsOf(request));
  const [page, choices] = await Promise.all([listProducts(db, shop.id, filters), productFilterChoices(db, shop.id)]);
  return { timeZone: shop.timeZone, currency: shop.currency, page, choices };
}

const STATUS_TONE: Record<string, "success" | "info" | undefined> = { active: "success", draft: "info" };
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const meta = () => pageTitle("Products");

export default function Products() {
  const { timeZone, currency, page, choices } = useLoaderData<typeof loader>();
  const pagination = useCursorPagination(page.next, page.previous);
  const price = (min: string | null, max: string | null) =>
    min === null
      ? "—"
      : min === max
        ? formatMoney(min, currency)
        : `${formatMoney(min, currency)} – ${formatMoney(max ?? min, currency)}`;
  return (
    <BrowsePage
      title="Products"
      exportPath="/app/products/export"
      exportFilename="products.csv"
      filters={
        <BrowseFilters
          queryPlaceholder="Search by title or exact SKU"
          defaultSort="title asc"
          sortOptions={[
            { label: "Title", value: "title asc", directionLabel: "A–Z" },
            { label: "Title", value: "title desc", directionLabel: "Z–A" },
            { label: "Updated", value: "updated desc", directionLabel: "Newest first" },
            { label: "Updated", value: "updated asc", directionLabel: "Oldest first" },
            { label: "Created", value: "created desc", directionLabel: "Newest first" },
            { label: "Created", value: "created asc", directionLabel: "Oldest first" },
          ]}
          filters={[
            {
              kind: "choice",
              key: "status",
              label: "Status",
              choices: PRODUCT_STATUSES.map((value) => ({ value, label: capitalized(value) })),
            },
            {
              kind: "choice",
              key: "vendor",
              label: "Vendor",
              choices: choices.vendors.map((value) => ({ value, label: value })),
            },
            {
              kind: "choice",
              key: "type",
              label: "Product type",
              multiple: false,
              choices: choices.types.map((value) => ({ value, label: value })),
            },
            { kind: "text", key: "tag", label: "Tagged with" },
          ]}
        />
      }
    >
      <IndexTable
        resourceName={{ singular: "product", plural: "products" }}
        itemCount={page.rows.length}
        selectable={false}
        pagination={pagination}
        headings={[
          { title: "Product" },
          { title: "Status" },
          { title: "Inventory", alignment: "end" },
          { title: "Variants", alignment: "end" },
          { title: "Price" },
          { title: "Vendor" },
          { title: "Type" },
          { title: "Updated" },
        ]}
        emptyState={<NoMatches plural="products" />}
      >
        {page.rows.map((product, index) => (
          <IndexTable.Row id={product.id} key={product.id} position={index}>
            <IndexTable.Cell>
              <Link url={`/app/products/${product.id}`} removeUnderline dataPrimaryLink>
                <Text as="span" fontWeight="semibold">
                  {product.title ?? `Product ${product.id}`}
                </Text>
              </Link>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {product.status && <Badge tone={STATUS_TONE[product.status]}>{capitalized(product.status)}</Badge>}
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric tone={product.inventory <= 0 ? "critical" : undefined}>
                {product.inventory}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {product.variants}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{price(product.minPrice, product.maxPrice)}</IndexTable.Cell>
            <IndexTable.Cell>{product.vendor ?? "—"}</IndexTable.Cell>
            <IndexTable.Cell>{product.productType || "—"}</IndexTable.Cell>
            <IndexTable.Cell>{formatInstant(product.updatedAt, timeZone)}</IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </BrowsePage>
  );
}
