// Data requests: the customers/data_request deliveries Shopify sent for this
// shop, with the date an answer is due (30 days after the request) and the
// assembled data to download and send to the customer.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { listDataRequests } from "~/.server/insights/data-requests";
import { useDownload } from "~/components/download";
import { formatInstant } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  return { timeZone: shop.timeZone, requests: await listDataRequests(db, shop.id), now: new Date() };
}

export const meta = () => pageTitle("Data requests");

export default function DataRequests() {
  const { timeZone, requests, now } = useLoaderData<typeof loader>();
  const { downloading, download } = useDownload();
  return (
    <Page title="Data requests">
      <TitleBar title="Data requests" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              When a customer asks a shop for their data, Shopify sends it here. Download what Storehouse holds about
              them and send it to the customer within 30 days of the request.
            </Text>
            <Card padding="0">
              {requests.length === 0 ? (
                <EmptyState heading="No data requests" image="">
                  <p>Requests appear here as soon as Shopify sends them.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "data request", plural: "data requests" }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: "Customer" },
                    { title: "Requested" },
                    { title: "Due" },
                    { title: "Status" },
                    { title: "Data" },
                  ]}
                >
                  {requests.map((row, index) => {
                    const overdue = new Date(row.dueAt) < new Date(now);
                    return (
                      <IndexTable.Row id={row.id} key={row.id} position={index}>
                        <IndexTable.Cell>
                          <Text as="span" fontWeight="semibold">
                            {row.email ?? (row.customerId ? `Customer ${row.customerId}` : "Unknown customer")}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{formatInstant(row.requestedAt, timeZone)}</IndexTable.Cell>
                        <IndexTable.Cell>{formatInstant(row.dueAt, timeZone)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          {row.redacted ? (
                            <Badge>Customer redacted</Badge>
                          ) : overdue ? (
                            <Badge tone="critical">Past due</Badge>
                          ) : (
                            <Badge tone="attention">Open</Badge>
                          )}
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          {row.redacted ? (
                            <Text as="span" tone="subdued">
                              Erased
                            </Text>
                          ) : (
                            <Button
                              size="slim"
                              loading={downloading === `/app/data-requests/${row.id}/download`}
                              onClick={() =>
                                void download(`/app/data-requests/${row.id}/download`, `data-request-${row.id}.json`)
                              }
                            >
                              Download JSON
                            </Button>
                          )}
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    );
                  })}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
