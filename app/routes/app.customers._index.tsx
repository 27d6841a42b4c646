// Customers browser: search by name or email, filter by account state, tag
// and sign-up date, sort, page by cursor, and export the view as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { IndexTable, Link, Text } from "@shopify/polaris";
import { customerFilters, listCustomers } from "~/.server/insights/browse/customers";
import { CUSTOMER_STATES } from "~/vocabulary";
import { BrowseFilters } from "~/components/browse/BrowseFilters";
import { BrowsePage, NoMatches } from "~/components/browse/BrowsePage";
import { useCursorPagination } from "~/components/browse/paging";
import { formatInstant, formatMoney } from "~/components/format";
import { requireShop, searchParamsOf } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = customerFilters.parse(searchParamsOf(request));
  return {
    timeZone: shop.timeZone,
    currency: shop.currency,
    page: await listCustomers(db, shop.id, filters, shop.timeZone),
  };
}

export const meta = () => pageTitle("Customers");

export default function Customers() {
  const { timeZone, currency, page } = useLoaderData<typeof loader>();
  const pagination = useCursorPagination(page.next, page.previous);
  return (
    <BrowsePage
      title="Customers"
      exportPath="/app/customers/export"
      exportFilename="customers.csv"
      filters={
        <BrowseFilters
          queryPlaceholder="Search by name or email"
          defaultSort="spent desc"
          sortOptions={[
            { label: "Customer since", value: "created desc", directionLabel: "Newest first" },
            { label: "Customer since", value: "created asc", directionLabel: "Oldest first" },
            { label: "Amount spent", value: "spent desc", directionLabel: "Highest first" },
            { label: "Amount spent", value: "spent asc", directionLabel: "Lowest first" },
            { label: "Last name", value: "name asc", directionLabel: "A–Z" },
            { label: "Last name", value: "name desc", directionLabel: "Z–A" },
          ]}
          filters={[
            {
              kind: "choice",
              key: "state",
              label: "Account state",
              multiple: false,
              choices: CUSTOMER_STATES.map((value) => ({
                value,
                label: value.charAt(0).toUpperCase() + value.slice(1),
              })),
            },
            { kind: "dates", label: "Customer since" },
            { kind: "text", key: "tag", label: "Tagged with" },
          ]}
        />
      }
    >
      <IndexTable
        resourceName={{ singular: "customer", plural: "customers" }}
        itemCount={page.rows.length}
        selectable={false}
        pagination={pagination}
        headings={[
          { title: "Customer" },
          { title: "Email" },
          { title: "Orders", alignment: "end" },
          { title: "Amount spent", alignment: "end" },
          { title: "Customer since" },
          { title: "Tags" },
        ]}
        emptyState={<NoMatches plural="customers" />}
      >
        {page.rows.map((customer, index) => (
          <IndexTable.Row id={customer.id} key={customer.id} position={index}>
            <IndexTable.Cell>
              <Link url={`/app/customers/${customer.id}`} removeUnderline dataPrimaryLink>
                <Text as="span" fontWeight="semibold">
                  {customer.name ?? customer.email ?? `Customer ${customer.id}`}
                </Text>
              </Link>
            </IndexTable.Cell>
            <IndexTable.Cell>{customer.email ?? "—"}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {customer.orders}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {formatMoney(customer.spent, currency)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{formatInstant(customer.createdAt, timeZone)}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" tone="subdued" truncate>
                {customer.tags.join(", ")}
              </Text>
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </BrowsePage>
  );
}
