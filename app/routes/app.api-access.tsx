// API access: the shop's keys to the analyst API (/api/v1): create one (shown
// once), see when each was last used, revoke it; and the access log of the
// latest requests made with them.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { issueApiKey, revokeApiKey } from "~/.server/api-keys";
import { getApiAccess } from "~/.server/insights/api-access";
import { requireShop } from "~/admin.server";
import { formatInstant } from "~/components/format";
import { pageTitle } from "~/components/page-title";
import { ActionError } from "~/components/ActionError";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  return { timeZone: shop.timeZone, ...(await getApiAccess(db, shop.id)) };
}

const apiAccessForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1).max(100) }),
  z.object({ intent: z.literal("revoke"), id: z.string().regex(/^\d{1,18}$/) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const parsed = apiAccessForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { created: null, error: "Give the key a name of 1 to 100 characters." };
  if (parsed.data.intent === "create") {
    const issued = await issueApiKey(db, shop.id, parsed.data.name);
    return { created: { id: issued.id, key: issued.key }, error: null };
  }
  // Scoped by the session's shop: another shop's key id is simply not found.
  const revoked = await revokeApiKey(db, parsed.data.id, shop.id);
  return { created: null, error: revoked ? null : "That key was already revoked." };
}

export const meta = () => pageTitle("API access");

export default function ApiAccess() {
  const { timeZone, keys, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [name, setName] = useState("");
  return (
    <Page title="API access">
      <TitleBar title="API access" />
      <Layout>
        {result?.created && (
          <Layout.Section>
            <Banner tone="success" title="API key created: copy it now">
              <BlockStack gap="200">
                <Text as="p">Storehouse keeps only a hash of it and cannot show it again.</Text>
                <Text as="p" fontWeight="semibold">
                  <code data-new-api-key>{result.created.key}</code>
                </Text>
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        <ActionError message={result?.error} />
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p" tone="subdued">
                Keys let your analysts and tools read this shop&apos;s data through the REST API at /api/v1 (reference:
                /api/v1/docs). Send a key as <code>Authorization: Bearer &lt;key&gt;</code>.
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="create" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField
                    label="Name of the new key"
                    name="name"
                    value={name}
                    onChange={setName}
                    autoComplete="off"
                    placeholder="warehouse BI"
                  />
                  <Button submit variant="primary" loading={busy} disabled={!name.trim()}>
                    Create key
                  </Button>
                </InlineStack>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {keys.length === 0 ? (
              <EmptyState heading="No API keys yet" image="">
                <p>Create one above, or with npx storehouse api-keys create.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "API key", plural: "API keys" }}
                itemCount={keys.length}
                selectable={false}
                headings={[
                  { title: "Name" },
                  { title: "Key" },
                  { title: "Created" },
                  { title: "Last used" },
                  { title: "" },
                ]}
              >
                {keys.map((key, index) => (
                  <IndexTable.Row id={key.id} key={key.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {key.name}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <code>{key.prefix}_…</code>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatInstant(key.createdAt, timeZone)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {key.lastUsedAt ? formatInstant(key.lastUsedAt, timeZone) : "Never"}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {key.revokedAt ? (
                        <Badge>Revoked</Badge>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={key.id} />
                          <Button submit size="slim" tone="critical" accessibilityLabel={`Revoke ${key.name}`}>
                            Revoke
                          </Button>
                        </Form>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <Text as="h2" variant="headingMd">
                  Access log
                </Text>
              </div>
              {requests.length === 0 ? (
                <EmptyState heading="No requests yet" image="">
                  <p>Every request made with a key appears here.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "request", plural: "requests" }}
                  itemCount={requests.length}
                  selectable={false}
                  headings={[
                    { title: "At" },
                    { title: "Key" },
                    { title: "Request" },
                    { title: "Status" },
                    { title: "Rows" },
                    { title: "Time" },
                  ]}
                >
                  {requests.map((row, index) => (
                    <IndexTable.Row id={row.id} key={row.id} position={index}>
                      <IndexTable.Cell>{formatInstant(row.at, timeZone)}</IndexTable.Cell>
                      <IndexTable.Cell>{row.keyName ?? "deleted key"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <code>{row.route}</code>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge tone={row.status < 400 ? "success" : "critical"}>{String(row.status)}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.rows ?? "–"}</IndexTable.Cell>
                      <IndexTable.Cell>{`${row.durationMs} ms`}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
