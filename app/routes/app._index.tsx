import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { getShopOverview } from "~/.server/shops";
import { prisma } from "~/db.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return { shopDomain: session.shop, overview: await getShopOverview(prisma(), session.shop) };
}

function formatInstant(value: Date | string | null, timeZone: string | null): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone ?? "UTC",
  }).format(new Date(value));
}

const TABLE_LABELS: Record<string, string> = {
  products: "Products",
  product_variants: "Variants",
  inventory_items: "Inventory items",
  inventory_levels: "Inventory levels",
  locations: "Locations",
  customers: "Customers",
  orders: "Orders",
  order_line_items: "Order line items",
  refunds: "Refunds",
  refund_line_items: "Refund line items",
  carts: "Carts",
  webhook_events: "Webhook events",
  sync_runs: "Sync runs",
};

export default function Home() {
  const { shopDomain, overview } = useLoaderData<typeof loader>();

  if (!overview) {
    return (
      <Page title="Storehouse">
        <TitleBar title="Storehouse" />
        <Banner tone="warning" title="Storehouse is still setting up this shop">
          <p>
            {shopDomain} is authenticated but its shop record is not stored yet. Reload the page in a moment; if this
            stays, reinstall the app.
          </p>
        </Banner>
      </Page>
    );
  }

  const rows = Object.entries(overview.rowCounts).map(([table, count]) => [
    TABLE_LABELS[table] ?? table,
    <Text as="span" key={table} numeric>
      {count.toLocaleString("en")}
    </Text>,
  ]);

  return (
    <Page title={overview.name ?? overview.domain}>
      <TitleBar title="Storehouse" />
      <Layout>
        {overview.needsReauthAt && (
          <Layout.Section>
            <Banner tone="critical" title="Storehouse lost access to this shop">
              <p>
                Shopify rejected the app&apos;s access token on{" "}
                {formatInstant(overview.needsReauthAt, overview.timezone)} ({overview.needsReauthWhy}). Syncing is
                paused until the app is opened again by a staff member.
              </p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Shop
              </Text>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
                <Detail label="Domain" value={overview.domain} />
                <Detail label="Plan" value={overview.plan ?? "—"} />
                <Detail label="Currency" value={overview.currency ?? "—"} />
                <Detail label="Installed" value={formatInstant(overview.installedAt, overview.timezone)} />
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "numeric"]}
              headings={["Table", "Rows"]}
              rows={rows}
              footerContent="Live rows stored for this shop (deleted records excluded)."
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" fontWeight="semibold">
        {value}
      </Text>
    </BlockStack>
  );
}
