// One order: its line items, refunds, totals, customer and shipping address.
// An id of another shop's order is not found (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { getOrder } from "~/.server/insights/browse/orders";
import { addressLines, Fact } from "~/components/browse/Fact";
import { FinancialBadge, FulfillmentBadge } from "~/components/browse/status-badges";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const order = await getOrder(db, shop.id, params.id ?? "");
  if (!order) throw new Response("Order not found", { status: 404 });
  return { timeZone: shop.timeZone, currency: shop.currency, order };
}

export const meta = () => pageTitle("Order");

export default function OrderDetail() {
  const { timeZone, currency, order } = useLoaderData<typeof loader>();
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, order.currency ?? currency));
  const lineTotal = (line: (typeof order.lineItems)[number]) =>
    Number(line.price) * line.quantity - Number(line.discount);
  const title = order.name ?? `Order ${order.id}`;
  return (
    <Page
      title={title}
      backAction={{ content: "Orders", url: "/app/orders" }}
      subtitle={formatInstant(order.processedAt, timeZone)}
      titleMetadata={
        <InlineStack gap="100">
          <FinancialBadge status={order.financialStatus} />
          <FulfillmentBadge status={order.fulfillmentStatus} />
          {order.test && <Badge>Test</Badge>}
          {order.cancelledAt && <Badge tone="critical">Cancelled</Badge>}
        </InlineStack>
      }
    >
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card padding="0">
              <BlockStack>
                <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                  <Text as="h2" variant="headingMd">
                    {`Line items (${order.lineItems.length})`}
                  </Text>
                </div>
                <div data-testid="line-items">
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric"]}
                    headings={["Item", "SKU", "Price", "Quantity", "Now on order", "Total"]}
                    rows={order.lineItems.map((line) => [
                      <BlockStack key={line.id} gap="050">
                        {line.productId ? (
                          <Link url={`/app/products/${line.productId}`} removeUnderline>
                            {line.title ?? "Untitled item"}
                          </Link>
                        ) : (
                          <Text as="span">{line.title ?? "Untitled item"}</Text>
                        )}
                        {line.variantTitle && (
                          <Text as="span" tone="subdued" variant="bodySm">
                            {line.variantTitle}
                          </Text>
                        )}
                      </BlockStack>,
                      line.sku ?? "—",
                      money(line.price),
                      line.quantity,
                      line.currentQuantity,
                      money(lineTotal(line).toFixed(2)),
                    ])}
                  />
                </div>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Payment
                </Text>
                <Totals
                  rows={[
                    ["Subtotal", money(order.subtotal)],
                    ["Discounts", money(order.discounts)],
                    ["Shipping", money(order.shipping)],
                    ["Tax", money(order.tax)],
                    ["Total", money(order.total)],
                    ["Refunded", money(order.refunded)],
                    [
                      "Net",
                      money(
                        order.total === null ? null : (Number(order.total) - Number(order.refunded ?? 0)).toFixed(2),
                      ),
                    ],
                  ]}
                />
              </BlockStack>
            </Card>
            {order.refunds.length > 0 && (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {`Refunds (${order.refunds.length})`}
                  </Text>
                  {order.refunds.map((refund) => (
                    <BlockStack key={refund.id} gap="100">
                      <InlineStack align="space-between">
                        <Text as="span" fontWeight="semibold">
                          {formatInstant(refund.processedAt, timeZone)}
                        </Text>
                        <Text as="span" numeric>
                          {money(refund.amount)}
                        </Text>
                      </InlineStack>
                      {refund.note && (
                        <Text as="p" tone="subdued">
                          {refund.note}
                        </Text>
                      )}
                      {refund.lines.map((line, index) => (
                        <Text as="p" key={index} variant="bodySm">
                          {`${line.quantity} × ${line.title ?? `line ${line.lineItemId ?? "?"}`}`}
                          {line.subtotal !== null ? ` · ${money(line.subtotal)}` : ""}
                          {line.restockType ? ` · ${line.restockType.replace(/_/g, " ")}` : ""}
                        </Text>
                      ))}
                    </BlockStack>
                  ))}
                </BlockStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                {order.customer ? (
                  <BlockStack gap="100">
                    <Link url={`/app/customers/${order.customer.id}`}>
                      {order.customer.name ?? order.customer.email ?? order.customer.id}
                    </Link>
                    {order.customer.email && <Text as="span">{order.customer.email}</Text>}
                    <Text as="span" tone="subdued">
                      {`${order.customer.orders} order${order.customer.orders === 1 ? "" : "s"}`}
                    </Text>
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    {order.email ?? "No customer"}
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Shipping address
                </Text>
                {addressLines(order.shippingAddress).map((line, index) => (
                  <Text as="p" key={index}>
                    {line}
                  </Text>
                ))}
                {addressLines(order.shippingAddress).length === 0 && (
                  <Text as="p" tone="subdued">
                    No shipping address
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <InlineGrid columns={1} gap="300">
                <Fact label="Channel">{order.sourceName ?? "—"}</Fact>
                <Fact label="Created">{formatInstant(order.createdAt, timeZone)}</Fact>
                {order.cancelledAt && (
                  <Fact label="Cancelled">
                    {`${formatInstant(order.cancelledAt, timeZone)}${order.cancelReason ? ` (${order.cancelReason})` : ""}`}
                  </Fact>
                )}
                {order.closedAt && <Fact label="Archived">{formatInstant(order.closedAt, timeZone)}</Fact>}
                <Fact label="Tags">{order.tags.length ? order.tags.join(", ") : "—"}</Fact>
                <Fact label="Note">{order.note ?? "—"}</Fact>
              </InlineGrid>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Totals({ rows }: { rows: [string, string][] }) {
  return (
    <BlockStack gap="100">
      {rows.map(([label, value]) => (
        <InlineStack key={label} align="space-between">
          <Text as="span" fontWeight={label === "Total" || label === "Net" ? "semibold" : "regular"}>
            {label}
          </Text>
          <Text as="span" numeric>
            <span data-total={label}>{value}</span>
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
