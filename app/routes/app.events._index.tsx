// Event log: the shop's webhook events with filters (topic, status, days),
// newest first, 50 a page; failed and dead events can be replayed, selected
// in bulk or all at once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";
import { eventFilters, listEvents } from "~/.server/insights/events";
import { EVENT_STATUSES } from "~/vocabulary";
import { replayEvents } from "~/.server/events";
import { formatInstant } from "~/components/format";
import { authenticateAdmin } from "~/admin.server";
import { pageTitle } from "~/components/page-title";
import { ActionError } from "~/components/ActionError";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await authenticateAdmin(request);
  const filters = eventFilters.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (!shop) return { timeZone: "UTC", filters, events: [], nextBefore: null, topics: [] };
  return { timeZone: shop.timeZone, filters, ...(await listEvents(db, shop.id, filters)) };
}

const replayForm = z.object({ ids: z.string().max(20_000) });

export async function action({ request }: ActionFunctionArgs) {
  const { pool, queue, shop } = await authenticateAdmin(request);
  const parsed = replayForm.safeParse(Object.fromEntries(await request.formData()));
  if (!shop || !parsed.success) return { replayed: 0, error: "Nothing to replay." };
  const ids = parsed.data.ids.split(",").filter(Boolean);
  // Scoped by shop in the statement itself: ids of another shop's events are simply not matched.
  const replayed = await replayEvents(pool, await queue(), { shopId: shop.id.toString(), eventIds: ids });
  return { replayed: replayed.length, error: null };
}

const STATUS_TONE: Record<string, "success" | "critical" | "warning" | "info" | undefined> = {
  processed: "success",
  failed: "warning",
  dead: "critical",
  pending: "info",
  ignored: undefined,
};

export const meta = () => pageTitle("Event log");

export default function EventLog() {
  const { timeZone, filters, events, nextBefore, topics } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const replayable = events.filter((event) => event.status === "failed" || event.status === "dead");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    replayable.map((event) => ({ id: event.id })),
  );
  useEffect(() => {
    if (result && !result.error) {
      shopify.toast.show(`${result.replayed} event${result.replayed === 1 ? "" : "s"} queued for replay`);
      clearSelection();
    }
  }, [result, shopify, clearSelection]);

  const filter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("before");
    submit(next, { method: "get" });
  };
  const replay = (ids: string[]) => submit({ ids: ids.join(",") }, { method: "post" });

  return (
    <Page title="Event log" subtitle="Webhooks received from Shopify, newest first">
      <TitleBar title="Event log" />
      <Layout>
        <ActionError message={result?.error} />
        <Layout.Section>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end">
              <Select
                label="Topic"
                options={[
                  { label: "All topics", value: "" },
                  ...topics.map((topic) => ({ label: topic, value: topic })),
                ]}
                value={filters.topic ?? ""}
                onChange={(value) => filter("topic", value)}
              />
              <Select
                label="Status"
                options={[
                  { label: "All statuses", value: "" },
                  ...EVENT_STATUSES.map((status) => ({ label: status, value: status })),
                ]}
                value={filters.status ?? ""}
                onChange={(value) => filter("status", value)}
              />
              <TextField
                label="From"
                type="date"
                autoComplete="off"
                value={from}
                onChange={setFrom}
                onBlur={() => filter("from", from)}
              />
              <TextField
                label="To"
                type="date"
                autoComplete="off"
                value={to}
                onChange={setTo}
                onBlur={() => filter("to", to)}
              />
              {replayable.length > 0 && (
                <Button
                  onClick={() => replay(replayable.map((event) => event.id))}
                  loading={navigation.state === "submitting"}
                >
                  {`Replay ${replayable.length} failed on this page`}
                </Button>
              )}
            </InlineStack>
          </Form>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <IndexTable
              resourceName={{ singular: "event", plural: "events" }}
              itemCount={events.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              selectable={replayable.length > 0}
              promotedBulkActions={[{ content: "Replay selected", onAction: () => replay(selectedResources) }]}
              headings={[
                { title: "Event" },
                { title: "Topic" },
                { title: "Status" },
                { title: "Attempts", alignment: "end" },
                { title: "Received" },
                { title: "Error" },
              ]}
              emptyState={
                <Text as="p" tone="subdued" alignment="center">
                  No events match these filters.
                </Text>
              }
            >
              {events.map((event, index) => (
                <IndexTable.Row
                  id={event.id}
                  key={event.id}
                  position={index}
                  selected={selectedResources.includes(event.id)}
                  disabled={!(event.status === "failed" || event.status === "dead")}
                >
                  <IndexTable.Cell>
                    <Link url={`/app/events/${event.id}`} removeUnderline>
                      {`#${event.id}`}
                    </Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{event.topic}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge tone={STATUS_TONE[event.status]}>{event.status}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {event.attempts}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{formatInstant(event.receivedAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" tone="subdued" truncate>
                      {event.lastError ?? ""}
                    </Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
        {nextBefore && (
          <Layout.Section>
            <Button
              onClick={() =>
                submit(new URLSearchParams({ ...Object.fromEntries(params), before: nextBefore }), { method: "get" })
              }
            >
              Older events
            </Button>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
