// Alerts: rules (add with a preview of what each would have sent over the
// last 30 days, enable, disable, remove), destinations (email, SMS, signed
// webhook, Slack; send a test, rotate a webhook's secret, resume a paused
// one) and the delivery log with replay of dead alerts. All scoped to the
// session's shop; the worker does the sending.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
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
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import {
  createDestination,
  createRule,
  DestinationError,
  listDeliveries,
  listDestinations,
  listRules,
  parseDestination,
  previewRule,
  queueTestAlert,
  removeRule,
  replayDelivery,
  resumeDestination,
  rotateSecret,
  RULE_KINDS,
  RuleError,
  setRuleEnabled,
  updateRuleThreshold,
} from "~/.server/alerts";
import { alertsAllowPrivateTargets } from "~/.server/env";
import { enqueueAlertDelivery } from "~/.server/jobs";
import { requireShop } from "~/admin.server";
import { ActionError } from "~/components/ActionError";
import { formatInstant } from "~/components/format";
import { pageTitle } from "~/components/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, pool, shop } = await requireShop(request);
  const [rules, destinations, deliveries, locations] = await Promise.all([
    listRules(db, shop.id),
    listDestinations(db, shop.id),
    listDeliveries(pool, shop.id.toString()),
    db.location.findMany({ where: { shopId: shop.id, deletedAt: null }, orderBy: { name: "asc" } }),
  ]);
  return {
    timeZone: shop.timeZone,
    kinds: Object.entries(RULE_KINDS).map(([kind, about]) => ({ kind, ...about })),
    rules: rules.map((rule) => ({ ...rule, createdAt: rule.createdAt.toISOString() })),
    destinations,
    deliveries,
    locations: locations.map((location) => ({ id: location.shopifyId.toString(), name: location.name ?? "" })),
  };
}

const id = z.string().regex(/^\d{1,18}$/);
const threshold = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : Number(value)))
  .pipe(z.number().min(0).nullable());
const locationId = z
  .string()
  .regex(/^\d{0,19}$/)
  .transform((value) => (value === "" ? null : value))
  .default("");
const alertsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-destination"), dest: z.string().trim().min(1).max(2000) }),
  z.object({ intent: z.literal("preview"), kind: z.string(), threshold, locationId }),
  z.object({ intent: z.literal("add-rule"), kind: z.string(), threshold, destinationId: id, locationId }),
  z.object({ intent: z.literal("threshold"), id, threshold }),
  z.object({ intent: z.literal("enable"), id, enabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("remove-rule"), id }),
  z.object({ intent: z.literal("test"), id }),
  z.object({ intent: z.literal("rotate"), id }),
  z.object({ intent: z.literal("resume"), id }),
  z.object({ intent: z.literal("replay"), id }),
]);

type ActionResult = {
  error?: string;
  notice?: string;
  secret?: string;
  preview?: {
    kind: string;
    threshold: number | null;
    count: number;
    days: number;
    items: { at: string; title: string }[];
  };
};

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { db, pool, queue, shop } = await requireShop(request);
  const parsed = alertsForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: "That request was not understood: check the fields and try again." };
  const form = parsed.data;
  const shopId = shop.id.toString();
  const sendSoon = async () => enqueueAlertDelivery(await queue());
  try {
    switch (form.intent) {
      case "add-destination": {
        const created = await createDestination(
          db,
          shop.id,
          await parseDestination(form.dest, alertsAllowPrivateTargets()),
        );
        return {
          notice: `Destination added (${created.kind}).`,
          ...(created.secret ? { secret: created.secret } : {}),
        };
      }
      case "preview": {
        const preview = await previewRule(pool, shopId, {
          kind: form.kind,
          threshold: form.threshold,
          locationId: form.locationId,
        });
        return { preview: { kind: form.kind, threshold: form.threshold, ...preview } };
      }
      case "add-rule":
        await createRule(db, shop.id, {
          kind: form.kind,
          threshold: form.threshold,
          destinationId: BigInt(form.destinationId),
          locationId: form.locationId === null ? null : BigInt(form.locationId),
        });
        return { notice: "Rule added: it looks at changes from now on." };
      case "threshold":
        if (!(await updateRuleThreshold(db, shop.id, BigInt(form.id), form.threshold))) break;
        return { notice: "Threshold changed." };
      case "enable":
        if (!(await setRuleEnabled(db, shop.id, BigInt(form.id), form.enabled === "true"))) break;
        return { notice: form.enabled === "true" ? "Rule enabled." : "Rule disabled." };
      case "remove-rule":
        if (!(await removeRule(db, shop.id, BigInt(form.id)))) break;
        return { notice: "Rule removed." };
      case "test":
        if (!(await queueTestAlert(pool, shopId, form.id))) break;
        await sendSoon();
        return { notice: "Test alert queued: it appears in the delivery log below." };
      case "rotate":
        return { secret: await rotateSecret(db, shop.id, BigInt(form.id)), notice: "New signing secret made." };
      case "resume":
        if (!(await resumeDestination(db, shop.id, BigInt(form.id)))) break;
        await sendSoon();
        return { notice: "Destination resumed." };
      case "replay":
        if (!(await replayDelivery(pool, shopId, form.id))) break;
        await sendSoon();
        return { notice: "Alert queued again." };
    }
  } catch (error) {
    if (error instanceof DestinationError || error instanceof RuleError) return { error: error.message };
    throw error;
  }
  // Scoped by the session's shop: another shop's ids are simply not found.
  return { error: "Not found in this shop." };
}

export const meta = () => pageTitle("Alerts");

const STATUS_TONE: Record<string, "success" | "critical" | "attention" | undefined> = {
  delivered: "success",
  dead: "critical",
  pending: "attention",
};

export default function Alerts() {
  const { timeZone, kinds, rules, destinations, deliveries, locations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const submit = useSubmit();
  const [dest, setDest] = useState("");
  const [kind, setKind] = useState("low-stock");
  const [threshold, setThreshold] = useState("5");
  const [location, setLocation] = useState("");
  const [chosenDestination, setDestinationId] = useState("");
  // The first destination until one is chosen (the list may have been empty at first render).
  const destinationId = destinations.some((destination) => destination.id === chosenDestination)
    ? chosenDestination
    : (destinations[0]?.id ?? "");
  const chosen = kinds.find((entry) => entry.kind === kind)!;
  const paused = destinations.filter((destination) => destination.pausedAt);
  const stockRule = ["low-stock", "out-of-stock", "back-in-stock"].includes(kind);
  const ruleFields = {
    kind,
    threshold: chosen.threshold === "none" ? "" : threshold,
    locationId: stockRule ? location : "",
  };
  const post = (fields: Record<string, string>) => submit(fields, { method: "post" });

  return (
    <Page title="Alerts">
      <TitleBar title="Alerts" />
      <Layout>
        {paused.length > 0 && (
          <Layout.Section>
            <Banner tone="critical" title="Alerts are not reaching some destinations">
              <p>
                {paused.map((destination) => `${destination.kind} ${destination.target}`).join(", ")} kept failing for
                days and {paused.length === 1 ? "is" : "are"} paused. Fix the receiver, then resume it below.
              </p>
            </Banner>
          </Layout.Section>
        )}
        {result?.secret && (
          <Layout.Section>
            <Banner tone="success" title="Signing secret: copy it now">
              <BlockStack gap="200">
                <Text as="p">
                  Your receiver verifies each delivery with it (Standard Webhooks). Storehouse will not show it again.
                </Text>
                <Text as="p" fontWeight="semibold">
                  <code data-signing-secret>{result.secret}</code>
                </Text>
              </BlockStack>
            </Banner>
          </Layout.Section>
        )}
        {result?.notice && !result.secret && (
          <Layout.Section>
            <Banner tone="info" title={result.notice} />
          </Layout.Section>
        )}
        <ActionError message={result?.error} />

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Rules
              </Text>
              <InlineStack gap="200" blockAlign="end" wrap>
                <Select
                  label="When"
                  options={kinds.map((entry) => ({ label: entry.kind.replaceAll("-", " "), value: entry.kind }))}
                  value={kind}
                  onChange={setKind}
                />
                {chosen.threshold !== "none" && (
                  <TextField
                    label={kind === "low-stock" ? "Units at or below" : "Amount at or above"}
                    type="number"
                    value={threshold}
                    onChange={setThreshold}
                    autoComplete="off"
                  />
                )}
                {stockRule && (
                  <Select
                    label="Where"
                    options={[
                      { label: "All locations (total)", value: "" },
                      ...locations.map((entry) => ({ label: entry.name || `Location ${entry.id}`, value: entry.id })),
                    ]}
                    value={location}
                    onChange={setLocation}
                  />
                )}
                <Select
                  label="Send to"
                  options={
                    destinations.length
                      ? destinations.map((destination) => ({
                          label: `${destination.kind}: ${destination.target}`,
                          value: destination.id,
                        }))
                      : [{ label: "Add a destination first", value: "" }]
                  }
                  value={destinationId}
                  onChange={setDestinationId}
                />
                <Button loading={busy} onClick={() => post({ intent: "preview", ...ruleFields })}>
                  Preview
                </Button>
                <Button
                  variant="primary"
                  loading={busy}
                  disabled={!destinationId}
                  onClick={() => post({ intent: "add-rule", ...ruleFields, destinationId })}
                >
                  Add rule
                </Button>
              </InlineStack>
              <Text as="p" tone="subdued">
                {chosen.about}
              </Text>
              {result?.preview && (
                <Card background="bg-surface-secondary">
                  <BlockStack gap="200">
                    <Text as="p" fontWeight="semibold">
                      <span data-rule-preview>
                        Would have fired {result.preview.count} time{result.preview.count === 1 ? "" : "s"} in the last{" "}
                        {result.preview.days} days.
                      </span>
                    </Text>
                    {result.preview.items.length > 0 && (
                      <List>
                        {result.preview.items.slice(0, 20).map((item) => (
                          <List.Item key={`${item.at}${item.title}`}>
                            {formatInstant(item.at, timeZone)}: {item.title}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </BlockStack>
                </Card>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {rules.length === 0 ? (
              <EmptyState heading="No alert rules yet" image="">
                <p>Add a destination, then a rule above, or use npx storehouse alerts rules add.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "rule", plural: "rules" }}
                itemCount={rules.length}
                selectable={false}
                headings={[{ title: "When" }, { title: "Send to" }, { title: "State" }, { title: "" }]}
              >
                {rules.map((rule, index) => (
                  <IndexTable.Row id={rule.id} key={rule.id} position={index}>
                    <IndexTable.Cell>
                      {rule.kind.replaceAll("-", " ")}
                      {rule.threshold === null ? "" : ` (${rule.threshold})`}
                      {rule.locationId
                        ? ` at ${locations.find((entry) => entry.id === rule.locationId)?.name || `location ${rule.locationId}`}`
                        : ""}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {rule.destination.kind}: {rule.destination.target}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {rule.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="200">
                        {rule.threshold !== null && <ThresholdForm id={rule.id} threshold={rule.threshold} />}
                        <Form method="post">
                          <input type="hidden" name="intent" value="enable" />
                          <input type="hidden" name="id" value={rule.id} />
                          <input type="hidden" name="enabled" value={rule.enabled ? "false" : "true"} />
                          <Button submit size="slim">
                            {rule.enabled ? "Disable" : "Enable"}
                          </Button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-rule" />
                          <input type="hidden" name="id" value={rule.id} />
                          <Button submit size="slim" tone="critical">
                            Remove
                          </Button>
                        </Form>
                      </InlineStack>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Destinations
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="add-destination" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField
                    label="Destination"
                    name="dest"
                    value={dest}
                    onChange={setDest}
                    autoComplete="off"
                    placeholder="mailto:ops@example.com, sms:+15551234567, webhook:https://…, slack:https://hooks.slack.com/…"
                  />
                  <Button submit loading={busy} disabled={!dest.trim()}>
                    Add destination
                  </Button>
                </InlineStack>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        {destinations.length > 0 && (
          <Layout.Section>
            <Card padding="0">
              <IndexTable
                resourceName={{ singular: "destination", plural: "destinations" }}
                itemCount={destinations.length}
                selectable={false}
                headings={[{ title: "Kind" }, { title: "Target" }, { title: "State" }, { title: "" }]}
              >
                {destinations.map((destination, index) => (
                  <IndexTable.Row id={destination.id} key={destination.id} position={index}>
                    <IndexTable.Cell>{destination.kind}</IndexTable.Cell>
                    <IndexTable.Cell>{destination.target}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {destination.pausedAt ? (
                        <Badge tone="critical">Paused</Badge>
                      ) : destination.failingSince ? (
                        <Badge tone="warning">{`Failing since ${formatInstant(destination.failingSince, timeZone)}`}</Badge>
                      ) : (
                        <Badge tone="success">OK</Badge>
                      )}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="200">
                        <Button size="slim" onClick={() => post({ intent: "test", id: destination.id })}>
                          Send a test
                        </Button>
                        {destination.kind === "webhook" && (
                          <Button size="slim" onClick={() => post({ intent: "rotate", id: destination.id })}>
                            Rotate secret
                          </Button>
                        )}
                        {destination.pausedAt && (
                          <Button size="slim" onClick={() => post({ intent: "resume", id: destination.id })}>
                            Resume
                          </Button>
                        )}
                      </InlineStack>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          </Layout.Section>
        )}

        <Layout.Section>
          <Card padding="0">
            {deliveries.length === 0 ? (
              <EmptyState heading="No alerts sent yet" image="">
                <p>Alerts appear here as they are sent, with each attempt&apos;s outcome.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "delivery", plural: "deliveries" }}
                itemCount={deliveries.length}
                selectable={false}
                headings={[
                  { title: "Alert" },
                  { title: "To" },
                  { title: "Status" },
                  { title: "Attempts" },
                  { title: "Created" },
                  { title: "" },
                ]}
              >
                {deliveries.map((delivery, index) => (
                  <IndexTable.Row id={delivery.id} key={delivery.id} position={index}>
                    <IndexTable.Cell>{delivery.title}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {delivery.destination_kind}: {delivery.destination}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={STATUS_TONE[delivery.status]}>{delivery.status}</Badge>
                      {delivery.last_error ? ` ${delivery.last_error}` : ""}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{delivery.attempts}</IndexTable.Cell>
                    <IndexTable.Cell>{formatInstant(delivery.created_at, timeZone)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {delivery.status === "dead" && (
                        <Button size="slim" onClick={() => post({ intent: "replay", id: delivery.id })}>
                          Replay
                        </Button>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A rule's threshold, changed in place. */
function ThresholdForm({ id, threshold }: { id: string; threshold: number }) {
  const [value, setValue] = useState(String(threshold));
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="threshold" />
      <input type="hidden" name="id" value={id} />
      <InlineStack gap="100" blockAlign="center">
        <TextField
          label="Threshold"
          labelHidden
          name="threshold"
          type="number"
          value={value}
          onChange={setValue}
          autoComplete="off"
        />
        <Button submit size="slim" disabled={value === String(threshold)}>
          Save
        </Button>
      </InlineStack>
    </Form>
  );
}
