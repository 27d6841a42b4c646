// One webhook event: its headers' facts, the payload as received, the error
// that stopped it, and replay. Another shop's event id is not found (404).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { getEvent } from "~/.server/insights/events";
import { replayEvents } from "~/.server/events";
import { formatInstant } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";

async function load(request: Request, id: string | undefined) {
  const context = await requireShop(request);
  const event = id ? await getEvent(context.db, context.shop.id, id) : null;
  if (!event) throw new Response("Event not found", { status: 404 });
  return { ...context, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop, event } = await load(request, params.id);
  return {
    timeZone: shop.timeZone,
    event,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { pool, queue, shop, event } = await load(request, params.id);
  const replayed = await replayEvents(pool, await queue(), {
    shopId: shop.id.toString(),
    eventIds: [event.id],
  });
  return { replayed: replayed.length };
}

export const meta = () => pageTitle("Webhook event");

export default function EventDetail() {
  const { timeZone, event } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  useEffect(() => {
    if (result) shopify.toast.show(result.replayed ? "Event queued for replay" : "This event cannot be replayed");
  }, [result, shopify]);

  return (
    <Page
      title={`Event #${event.id}`}
      subtitle={event.topic}
      backAction={{ content: "Event log", url: "/app/events" }}
      titleMetadata={<Badge>{event.status}</Badge>}
    >
      <TitleBar title={`Event #${event.id}`} />
      <Layout>
        {event.lastError && (
          <Layout.Section>
            <Banner tone="critical" title="Why it failed">
              <p>{event.lastError}</p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
                <Fact label="Webhook id" value={event.webhookId} />
                <Fact label="API version" value={event.apiVersion ?? "—"} />
                <Fact label="Received" value={formatInstant(event.receivedAt, timeZone)} />
                <Fact label="Processed" value={formatInstant(event.processedAt, timeZone)} />
                <Fact label="Triggered at Shopify" value={formatInstant(event.triggeredAt, timeZone)} />
                <Fact label="Attempts" value={String(event.attempts)} />
              </InlineGrid>
              {event.status !== "ignored" && (
                <Box>
                  <Button onClick={() => submit({}, { method: "post" })} loading={navigation.state === "submitting"}>
                    Replay
                  </Button>
                </Box>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Payload
              </Text>
              <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
                <pre style={{ margin: 0, fontSize: 12, maxHeight: 600, overflow: "auto" }} data-payload>
                  {event.payload}
                </pre>
              </Box>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
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
