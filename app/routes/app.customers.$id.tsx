// One customer: profile, lifetime value from the orders stored here, and
// their latest orders. An id of another shop's customer is not found (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, IndexTable, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { getCustomer } from "~/.server/insights/browse/customers";
import { CUSTOMER_RECENT_ORDERS } from "~/vocabulary";
import { addressLines, Fact } from "~/components/browse/Fact";
import { FinancialBadge, FulfillmentBadge } from "~/components/browse/status-badges";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const customer = await getCustomer(db, shop.id, params.id ?? "");
  if (!customer) throw new Response("Customer not found", { status: 404 });
  return { timeZone: shop.timeZone, currency: shop.currency, customer };
}

export const meta = () => pageTitle("Customer");

export default function CustomerDetail() {
  const { timeZone, currency, customer } = useLoaderData<typeof loader>();
  const title = customer.name ?? customer.email ?? `Customer ${customer.id}`;
  const { lifetime } = customer;
  return (
    <Page
      title={title}
      backAction={{ content: "Customers", url: "/app/customers" }}
      subtitle={customer.createdAt ? `Customer since ${formatInstant(customer.createdAt, timeZone)}` : undefined}
      titleMetadata={customer.redacted ? <Badge tone="warning">Redacted</Badge> : undefined}
    >
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                <Fact label="Lifetime value">
                  <span data-fact="lifetime-value">{formatMoney(lifetime.value, currency)}</span>
                </Fact>
                <Fact label="Orders">
                  <span data-fact="orders">{lifetime.orders}</span>
                </Fact>
                <Fact label="Average order value">{formatMoney(lifetime.averageOrderValue, currency)}</Fact>
                <Fact label="Last order">{formatInstant(lifetime.lastOrderAt, timeZone)}</Fact>
              </InlineGrid>
            </Card>
            <Card padding="0">
              <IndexTable
                resourceName={{ singular: "order", plural: "orders" }}
                itemCount={customer.orders.length}
                selectable={false}
                headings={[
                  { title: "Order" },
                  { title: "Date" },
                  { title: "Total", alignment: "end" },
                  { title: "Payment status" },
                  { title: "Fulfillment status" },
                ]}
                emptyState={
                  <Text as="p" tone="subdued" alignment="center">
                    No orders yet.
                  </Text>
                }
              >
                {customer.orders.map((order, index) => (
                  <IndexTable.Row id={order.id} key={order.id} position={index}>
                    <IndexTable.Cell>
                      <Link url={`/app/orders/${order.id}`} removeUnderline>
                        {order.name ?? order.id}
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatInstant(order.processedAt, timeZone)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatMoney(order.total, currency)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <FinancialBadge status={order.financialStatus} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <FulfillmentBadge status={order.fulfillmentStatus} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
            {lifetime.orders > CUSTOMER_RECENT_ORDERS && (
              <Button url={`/app/orders?customer=${customer.id}`}>{`View all ${lifetime.orders} orders`}</Button>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Fact label="Email">{customer.email ?? "—"}</Fact>
              <Fact label="Phone">{customer.phone ?? "—"}</Fact>
              <Fact label="Account">{customer.state ?? "—"}</Fact>
              <Fact label="Email marketing">{customer.emailMarketing?.toLowerCase().replace(/_/g, " ") ?? "—"}</Fact>
              <Fact label="First order">{formatInstant(lifetime.firstOrderAt, timeZone)}</Fact>
              <Fact label="Default address">{addressLines(customer.defaultAddress).join(", ") || "—"}</Fact>
              <Fact label="Tags">{customer.tags.length ? customer.tags.join(", ") : "—"}</Fact>
              <Fact label="Note">{customer.note ?? "—"}</Fact>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
