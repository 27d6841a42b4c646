// Sync health: per resource whether it is running, when it last succeeded,
// its last error, the rows held and what reconciliation repaired; webhooks
// by topic (last received, failures); and the resync actions.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { loadSyncHealth } from "~/.server/insights/home";
import { requestResync, resyncRequest, type ResourceState } from "~/.server/sync/status";
import { formatCount, formatInstant } from "~/components/format";
import { requireShop } from "~/admin.server";
import { pageTitle } from "~/components/page-title";
import { ActionError } from "~/components/ActionError";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  return loadSyncHealth(db, shop);
}

export async function action({ request }: ActionFunctionArgs) {
  const { queue, shop } = await requireShop(request);
  const parsed = resyncRequest.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { queued: null, error: "Choose a reconciliation or a full resync." };
  await requestResync(await queue(), shop.domain, parsed.data.intent);
  return { queued: parsed.data.intent, error: null };
}

const STATE_TONE: Record<ResourceState, "success" | "info" | "critical" | undefined> = {
  idle: "success",
  running: "info",
  failing: "critical",
  never: undefined,
};

const RESOURCE_LABELS: Record<string, string> = {
  locations: "Locations",
  products: "Products",
  inventory: "Inventory",
  customers: "Customers",
  orders: "Orders",
  webhook_subscriptions: "Webhook subscriptions",
};

export const meta = () => pageTitle("Sync health");

export default function SyncHealth() {
  const { timeZone, status, webhooks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const shopify = useAppBridge();
  useEffect(() => {
    if (result?.queued) {
      shopify.toast.show(result.queued === "backfill" ? "Full resync queued" : "Reconciliation queued");
    }
  }, [result, shopify]);
  const busy = navigation.state === "submitting";

  return (
    <Page title="Sync health">
      <TitleBar title="Sync health" />
      <Layout>
        {status?.notices.map((notice) => (
          <Layout.Section key={notice}>
            <Banner tone="warning">
              <p>{notice}</p>
            </Banner>
          </Layout.Section>
        ))}
        {status && status.refusedTopics.length > 0 && (
          <Layout.Section>
            <Banner tone="critical" title={`Shopify refused ${status.refusedTopics.length} webhook topics`}>
              <BlockStack gap="200">
                {[...new Set(status.refusedTopics.map((refusal) => refusal.message))].map((message) => {
                  const refusals = status.refusedTopics.filter((refusal) => refusal.message === message);
                  return (
                    <BlockStack gap="100" key={message}>
                      <Text as="p" fontWeight="semibold">
                        {refusals.map((refusal) => refusal.topic).join(", ")}
                      </Text>
                      <Text as="p">Shopify: “{message}”</Text>
                      <Text as="p">{refusals[0]!.action}</Text>
                    </BlockStack>
                  );
                })}
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        {status?.withheldFields && (
          <Layout.Section>
            <Banner
              tone="warning"
              title={`Shopify withholds customers' ${listOf(status.withheldFields.fields)} from Storehouse`}
            >
              <BlockStack gap="100">
                <Text as="p">Shopify: “{status.withheldFields.message}”</Text>
                <Text as="p">{status.withheldFields.action}</Text>
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        <ActionError message={result?.error} />
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Resources
                </Text>
                <InlineStack gap="200">
                  <Button onClick={() => submit({ intent: "reconcile" }, { method: "post" })} loading={busy}>
                    Reconcile now
                  </Button>
                  <Button
                    onClick={() => submit({ intent: "backfill" }, { method: "post" })}
                    loading={busy}
                    variant="primary"
                  >
                    Full resync
                  </Button>
                </InlineStack>
              </InlineStack>
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric", "numeric", "text"]}
                headings={["Resource", "State", "Last success", "Rows", "Repaired (24 h)", "Last error"]}
                rows={(status?.resources ?? []).map((resource) => [
                  RESOURCE_LABELS[resource.resource] ?? resource.resource,
                  <Badge key="state" tone={STATE_TONE[resource.state]}>
                    {resource.state}
                  </Badge>,
                  formatInstant(resource.lastSuccessAt, timeZone),
                  resource.rows === null ? "—" : formatCount(resource.rows),
                  formatCount(resource.repairedLast24h),
                  resource.lastError
                    ? `${resource.lastError.message} (${formatInstant(resource.lastError.at, timeZone)})`
                    : "—",
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
              headings={["Webhook topic", "Last received", "Received (24 h)", "Failed (24 h)", "Waiting"]}
              rows={webhooks.map((topic) => [
                topic.topic,
                formatInstant(topic.lastReceivedAt, timeZone),
                formatCount(topic.received24h),
                topic.failed24h
                  ? `${formatCount(topic.failed24h)} (${Math.round((topic.failed24h / Math.max(1, topic.received24h)) * 100)}%)`
                  : "0",
                formatCount(topic.pending),
              ])}
              footerContent={webhooks.length ? undefined : "No webhooks received yet."}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** "email, phone and address" */
function listOf(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? "");
}
