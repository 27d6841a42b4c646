// One product: its variants with price, stock by location and the last 90
// days' sales. An id of another shop's product is not found (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { getProduct } from "~/.server/insights/browse/products";
import { PRODUCT_SALES_DAYS } from "~/vocabulary";
import { Fact } from "~/components/browse/Fact";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const product = await getProduct(db, shop.id, params.id ?? "");
  if (!product) throw new Response("Product not found", { status: 404 });
  return { timeZone: shop.timeZone, currency: shop.currency, product };
}

export const meta = () => pageTitle("Product");

export default function ProductDetail() {
  const { timeZone, currency, product } = useLoaderData<typeof loader>();
  const title = product.title ?? `Product ${product.id}`;
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, currency));
  const variantName = (variant: (typeof product.variants)[number]) => variant.title ?? variant.sku ?? variant.id;
  return (
    <Page
      title={title}
      backAction={{ content: "Products", url: "/app/products" }}
      titleMetadata={
        product.status ? (
          <Badge tone={product.status === "active" ? "success" : "info"}>{product.status}</Badge>
        ) : undefined
      }
    >
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card padding="0">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <Text as="h2" variant="headingMd">
                  {`Variants (${product.variants.length})`}
                </Text>
              </div>
              <div data-testid="variants">
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                  headings={[
                    "Variant",
                    "SKU",
                    "Price",
                    "Compare at",
                    "Inventory",
                    `Sold (${PRODUCT_SALES_DAYS} days)`,
                    `Revenue (${PRODUCT_SALES_DAYS} days)`,
                  ]}
                  rows={product.variants.map((variant) => [
                    variantName(variant),
                    variant.sku ?? "—",
                    money(variant.price),
                    money(variant.compareAtPrice),
                    variant.inventoryQuantity ?? "—",
                    variant.unitsSold,
                    money(variant.revenue),
                  ])}
                />
              </div>
            </Card>
            <Card padding="0">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <Text as="h2" variant="headingMd">
                  Stock by location: available (on hand, as of the last sync)
                </Text>
              </div>
              {product.locations.length === 0 ? (
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="p" tone="subdued">
                    No inventory levels stored for this product.
                  </Text>
                </div>
              ) : (
                <div data-testid="stock">
                  <DataTable
                    columnContentTypes={["text", ...product.locations.map(() => "numeric" as const)]}
                    headings={["Variant", ...product.locations.map((location) => location.name)]}
                    rows={product.variants.map((variant) => [
                      variantName(variant),
                      ...product.locations.map((location) => {
                        const level = variant.stock[location.id];
                        if (!level) return "—";
                        // Webhooks carry only `available`; on hand comes from the backfill and reconciliation.
                        return level.onHand === null
                          ? `${level.available ?? "—"}`
                          : `${level.available ?? "—"} (${level.onHand} on hand)`;
                      }),
                    ])}
                  />
                </div>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <InlineGrid columns={1} gap="300">
              <Fact label="Vendor">{product.vendor ?? "—"}</Fact>
              <Fact label="Type">{product.productType || "—"}</Fact>
              <Fact label="Handle">{product.handle ?? "—"}</Fact>
              <Fact label="Tags">{product.tags.length ? product.tags.join(", ") : "—"}</Fact>
              <Fact label="Created">{formatInstant(product.createdAt, timeZone)}</Fact>
              <Fact label="Updated">{formatInstant(product.updatedAt, timeZone)}</Fact>
            </InlineGrid>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
