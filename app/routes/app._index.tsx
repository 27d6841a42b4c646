// Home: the shop's sales for a period against the period before, charts,
// top products and variants, low stock, recent orders; a banner while the
// first backfill runs; and what Storehouse holds for the shop.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  TextField,
} from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useState } from "react";
import { periodFromSearch } from "~/.server/insights/period";
import { loadHome } from "~/.server/insights/home";
import { authenticateAdmin } from "~/admin.server";
import { formatCount, formatInstant, formatMoney } from "~/components/format";
import { MetricCard } from "~/components/insights/MetricCard";
import { SalesCharts } from "~/components/insights/SalesCharts";
import { pageTitle } from "~/components/page-title";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

const PERIODS = [
  { label: "Today", value: "today" },
  { label: "Last 7 days", value: "7d" },
  { label: "Last 30 days", value: "30d" },
  { label: "Last 90 days", value: "90d" },
  { label: "Custom", value: "custom" },
] as const;
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, pool, shop, shopDomain } = await authenticateAdmin(request);
  if (!shop) {
    return { shopDomain, overview: null, insights: null, sync: null, periodError: null, figures: null };
  }
  const { period, periodError } = periodFromSearch(new URL(request.url).searchParams, shop.timeZone);
  return { shopDomain, periodError, ...(await loadHome(db, pool, shop, period)) };
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

export const meta = () => pageTitle("Home");

export default function Home() {
  const { shopDomain, overview, insights, sync, periodError, figures } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [custom, setCustom] = useState({
    from: insights?.period.current.from ?? "",
    to: insights?.period.current.to ?? "",
  });

  if (!overview || !insights) {
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

  const { current, previous, currency, period } = insights;
  const previousLabel = `vs ${period.previous.from} – ${period.previous.to}`;
  const money = (amount: string) => formatMoney(amount, currency);
  const backfillRunning = sync?.backfill.state === "running" || sync?.backfill.state === "never";
  const progress =
    sync && sync.backfill.expected ? Math.min(100, (sync.backfill.written / sync.backfill.expected) * 100) : null;
  const hasOrders = overview.rowCounts.orders > 0;

  return (
    <Page
      title={overview.name ?? overview.domain}
      subtitle={`Times in ${insights.timeZone}, amounts in ${currency ?? "the shop currency"}${
        figures?.outOfDate
          ? ` · row counts as of ${formatInstant(figures.computedAt, insights.timeZone)}, updating`
          : ""
      }`}
    >
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
        {backfillRunning && (
          <Layout.Section>
            <Banner tone="info" title="Loading your shop's history">
              <BlockStack gap="200">
                <p>
                  Storehouse is copying your products, customers and orders from Shopify. Figures below fill in as it
                  goes; new orders already arrive live.{" "}
                  {sync ? `${formatCount(sync.backfill.written)} records so far.` : ""}
                </p>
                {progress !== null && <ProgressBar progress={progress} size="small" />}
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        {sync?.notices.map((notice) => (
          <Layout.Section key={notice}>
            <Banner tone="warning">
              <p>{notice}</p>
            </Banner>
          </Layout.Section>
        ))}
        <Layout.Section>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end">
              <div style={{ minWidth: 180 }}>
                <Select
                  label="Period"
                  name="period"
                  options={PERIODS.map((option) => ({ ...option }))}
                  value={period.key}
                  onChange={(value) => {
                    if (value !== "custom") submit({ period: value }, { method: "get" });
                    else submit({ period: value, from: custom.from, to: custom.to }, { method: "get" });
                  }}
                />
              </div>
              {period.key === "custom" && (
                <>
                  <TextField
                    label="From"
                    type="date"
                    name="from"
                    autoComplete="off"
                    value={custom.from}
                    onChange={(from) => setCustom((value) => ({ ...value, from }))}
                  />
                  <TextField
                    label="To"
                    type="date"
                    name="to"
                    autoComplete="off"
                    value={custom.to}
                    onChange={(to) => setCustom((value) => ({ ...value, to }))}
                  />
                  <Button submit loading={navigation.state === "loading"}>
                    Apply
                  </Button>
                </>
              )}
            </InlineStack>
          </Form>
          {periodError && (
            <Banner tone="critical" title="That period could not be shown">
              <p>{periodError}. Showing the last 30 days.</p>
            </Banner>
          )}
        </Layout.Section>
        {!hasOrders && !backfillRunning ? (
          <Layout.Section>
            <Card>
              <EmptyState heading="No orders yet" image="">
                <p>
                  Once your shop takes orders they appear here within seconds: sales, top products and customers.
                  Products and customers already synced are listed in the table below.
                </p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 5 }} gap="300">
                <MetricCard
                  title="Total sales"
                  value={money(current.total_sales)}
                  current={Number(current.total_sales)}
                  previous={Number(previous.total_sales)}
                  previousLabel={`${previousLabel}: ${money(previous.total_sales)}`}
                />
                <MetricCard
                  title="Orders"
                  value={formatCount(current.orders)}
                  current={current.orders}
                  previous={previous.orders}
                  previousLabel={`${previousLabel}: ${formatCount(previous.orders)}`}
                />
                <MetricCard
                  title="Average order value"
                  value={money(current.average_order_value)}
                  current={Number(current.average_order_value)}
                  previous={Number(previous.average_order_value)}
                  previousLabel={`${previousLabel}: ${money(previous.average_order_value)}`}
                />
                <MetricCard
                  title="Net items sold"
                  value={formatCount(current.net_items_sold)}
                  current={current.net_items_sold}
                  previous={previous.net_items_sold}
                  previousLabel={`${previousLabel}: ${formatCount(previous.net_items_sold)}`}
                />
                <MetricCard
                  title="New customers / returning customers' orders"
                  value={`${formatCount(current.new_customers)} / ${formatCount(current.returning_customer_orders)}`}
                  current={current.new_customers}
                  previous={previous.new_customers}
                  previousLabel={`${previousLabel}: ${formatCount(previous.new_customers)} / ${formatCount(previous.returning_customer_orders)}`}
                />
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <SalesCharts series={insights.series} currency={currency} />
            </Layout.Section>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                <Card padding="0">
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["Top products", "Net items", "Net sales"]}
                    rows={insights.topProducts.map((item) => [
                      item.title,
                      formatCount(item.net_items_sold),
                      money(item.net_sales),
                    ])}
                  />
                </Card>
                <Card padding="0">
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["Top variants", "Net items", "Net sales"]}
                    rows={insights.topVariants.map((item) => [
                      `${item.title}${item.variant_title ? ` – ${item.variant_title}` : ""}`,
                      formatCount(item.net_items_sold),
                      money(item.net_sales),
                    ])}
                  />
                </Card>
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <Card padding="0">
                <DataTable
                  columnContentTypes={["text", "text", "text", "numeric", "text"]}
                  headings={["Recent orders", "Placed", "Customer", "Total", "Payment"]}
                  rows={insights.recentOrders.map((order) => [
                    order.name ?? order.id,
                    formatInstant(order.processedAt, insights.timeZone),
                    order.customer ?? "Guest",
                    money(order.total),
                    order.financialStatus ?? "—",
                  ])}
                />
              </Card>
            </Layout.Section>
          </>
        )}
        <Layout.Section variant="oneThird">
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "numeric"]}
              headings={["Low stock", "SKU", "Available"]}
              rows={insights.lowStock.map((variant) => [
                `${variant.productTitle}${variant.variantTitle ? ` – ${variant.variantTitle}` : ""}`,
                variant.sku ?? "—",
                formatCount(variant.quantity),
              ])}
              footerContent={insights.lowStock.length ? undefined : "Every variant has more than 5 in stock."}
            />
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "numeric"]}
              headings={["Table", "Rows"]}
              rows={Object.entries(overview.rowCounts).map(([table, count]) => [
                TABLE_LABELS[table] ?? table,
                formatCount(count),
              ])}
              footerContent="Live rows stored for this shop (deleted records excluded)."
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
