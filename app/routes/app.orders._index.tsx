// Orders browser: search by order name or email, filter by payment and
// fulfilment status, state, tag, customer and date, sort, page by cursor,
// and export the filtered view as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, IndexTable, InlineStack, Link, Text } from "@shopify/polaris";
import { listOrders, orderFilters } from "~/.server/insights/browse/orders";
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES, ORDER_STATES } from "~/vocabulary";
import { BrowseFilters } from "~/components/browse/BrowseFilters";
import { BrowsePage, NoMatches } from "~/components/browse/BrowsePage";
import { useCursorPagination } from "~/components/browse/paging";
import {
  FINANCIAL_LABELS,
  FinancialBadge,
  FULFILLMENT_LABELS,
  FulfillmentBadge,
} from "~/components/browse/status-badges";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop, searchParamsOf } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = orderFilters.parse(searchParamsOf(request));
  return {
    timeZone: shop.timeZone,
    currency: shop.currency,
    page: await listOrders(db, shop.id, filters, shop.timeZone),
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const meta = () => pageTitle("Orders");

export default function Orders() {
  const { timeZone, currency, page } = useLoaderData<typeof loader>();
  const pagination = useCursorPagination(page.next, page.previous);
  return (
    <BrowsePage
      title="Orders"
      exportPath="/app/orders/export"
      exportFilename="orders.csv"
      filters={
        <BrowseFilters
          queryPlaceholder="Search by order or email"
          defaultSort="date desc"
          sortOptions={[
            { label: "Date", value: "date desc", directionLabel: "Newest first" },
            { label: "Date", value: "date asc", directionLabel: "Oldest first" },
            { label: "Total", value: "total desc", directionLabel: "Highest first" },
            { label: "Total", value: "total asc", directionLabel: "Lowest first" },
          ]}
          filters={[
            {
              kind: "choice",
              key: "financial",
              label: "Payment status",
              choices: FINANCIAL_STATUSES.map((value) => ({ value, label: FINANCIAL_LABELS[value] ?? value })),
            },
            {
              kind: "choice",
              key: "fulfillment",
              label: "Fulfillment status",
              choices: FULFILLMENT_STATUSES.map((value) => ({ value, label: FULFILLMENT_LABELS[value] ?? value })),
            },
            {
              kind: "choice",
              key: "state",
              label: "Status",
              multiple: false,
              choices: ORDER_STATES.map((value) => ({ value, label: capitalized(value) })),
            },
            { kind: "dates", label: "Date" },
            { kind: "text", key: "tag", label: "Tagged with" },
            { kind: "text", key: "customer", label: "Customer id" },
          ]}
        />
      }
    >
      <IndexTable
        resourceName={{ singular: "order", plural: "orders" }}
        itemCount={page.rows.length}
        selectable={false}
        pagination={pagination}
        headings={[
          { title: "Order" },
          { title: "Date" },
          { title: "Customer" },
          { title: "Total", alignment: "end" },
          { title: "Payment status" },
          { title: "Fulfillment status" },
          { title: "Items", alignment: "end" },
          { title: "Tags" },
        ]}
        emptyState={<NoMatches plural="orders" />}
      >
        {page.rows.map((order, index) => (
          <IndexTable.Row id={order.id} key={order.id} position={index}>
            <IndexTable.Cell>
              <InlineStack gap="100" blockAlign="center" wrap={false}>
                <Link url={`/app/orders/${order.id}`} removeUnderline dataPrimaryLink>
                  <Text as="span" fontWeight="semibold">
                    {order.name ?? order.id}
                  </Text>
                </Link>
                {order.test && <Badge>Test</Badge>}
                {order.cancelledAt && <Badge tone="critical">Cancelled</Badge>}
              </InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{formatInstant(order.processedAt, timeZone)}</IndexTable.Cell>
            <IndexTable.Cell>{order.customer ?? order.email ?? "No customer"}</IndexTable.Cell>
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
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {order.items}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" tone="subdued" truncate>
                {order.tags.join(", ")}
              </Text>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </BrowsePage>
  );
}
