// Snapshots: the shop's S3 snapshots (history, sizes, row counts), "Snapshot
// now", and one snapshot's files with time-limited download links. The
// worker takes the snapshots; this page only queues and reads.
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
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { snapshotEnvironment } from "~/.server/env";
import { enqueueS3Snapshot } from "~/.server/jobs";
import {
  Bucket,
  downloadLinks,
  readManifest,
  snapshotHistory,
  snapshotSettings,
  type DownloadLink,
  type SnapshotRecord,
} from "~/.server/s3-snapshots";
import { requireShop, searchParamsOf } from "~/admin.server";
import { formatCount, formatInstant } from "~/components/format";
import { pageTitle } from "~/components/page-title";

export const meta = () => pageTitle("Snapshots");

export async function loader({ request }: LoaderFunctionArgs) {
  const { pool, shop } = await requireShop(request);
  const settings = snapshotSettings(snapshotEnvironment());
  const history = await snapshotHistory(pool, shop.id.toString());
  const chosenId = searchParamsOf(request).snapshot;
  const chosen = chosenId ? history.find((record) => record.id === chosenId && record.status === "completed") : null;
  let files: DownloadLink[] | null = null;
  if (settings && chosen) {
    const bucket = new Bucket(settings);
    const manifest = await readManifest(bucket, shop.domain, chosen.id);
    files = manifest ? await downloadLinks(bucket, manifest) : null;
  }
  return {
    timeZone: shop.timeZone,
    enabled: settings !== null,
    schedule: settings
      ? {
          hour: settings.scheduleHour,
          keepDaily: settings.keepDaily,
          keepMonthly: settings.keepMonthly,
          bucket: `s3://${settings.bucket}/${bucket(settings.prefix)}shop=${shop.domain}/`,
          linkMinutes: Math.round(settings.linkSeconds / 60),
        }
      : null,
    history: history.map(serialize),
    chosen: chosen ? serialize(chosen) : null,
    files,
  };
}

function bucket(prefix: string): string {
  return prefix ? `${prefix}/` : "";
}

function serialize(record: SnapshotRecord) {
  return {
    ...record,
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { queue, shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "snapshot-now") return { error: "That request was not understood." };
  if (!snapshotSettings(snapshotEnvironment())) return { error: "Snapshots are off: no bucket is configured." };
  await enqueueS3Snapshot(await queue(), shop.domain, "admin");
  return { notice: "Snapshot queued: it is listed below as soon as it starts, and its files once it is done." };
}

const STATUS: Record<
  SnapshotRecord["status"],
  { label: string; tone?: "success" | "critical" | "attention" | "info" }
> = {
  running: { label: "Taking…", tone: "attention" },
  completed: { label: "Done", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  deleted: { label: "Deleted (retention)" },
};

function size(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function Snapshots() {
  const { timeZone, enabled, schedule, history, chosen, files } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const running = history.some((record) => record.status === "running");

  return (
    <Page title="Snapshots">
      <TitleBar title="Snapshots" />
      <Layout>
        {!enabled && (
          <Layout.Section>
            <Banner tone="info" title="Snapshots are off">
              <p>
                Set SNAPSHOT_S3_BUCKET (and the other SNAPSHOT_S3_* settings in the README) to keep daily Parquet copies
                of this shop&apos;s data in S3.
              </p>
            </Banner>
          </Layout.Section>
        )}
        {result && "notice" in result && (
          <Layout.Section>
            <Banner tone="info" title={result.notice} />
          </Layout.Section>
        )}
        {result && "error" in result && (
          <Layout.Section>
            <Banner tone="critical" title={result.error} />
          </Layout.Section>
        )}
        {schedule && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="p">
                  {schedule.hour === "off"
                    ? "No scheduled snapshots (SNAPSHOT_SCHEDULE_HOUR=off)."
                    : `A snapshot is taken every day after ${String(schedule.hour).padStart(2, "0")}:00 shop time.`}{" "}
                  The newest of each of the last {schedule.keepDaily} days and of the last {schedule.keepMonthly} months
                  are kept, in <code>{schedule.bucket}</code>: Parquet files DuckDB, Athena or Spark read as they are.
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="snapshot-now" />
                  <Button submit variant="primary" loading={busy} disabled={running}>
                    Snapshot now
                  </Button>
                </Form>
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        {chosen && files && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {`Snapshot ${chosen.id}`}
                </Text>
                <Text as="p" tone="subdued">
                  {`Download links are valid for ${schedule?.linkMinutes ?? 15} minutes.`}
                </Text>
                <BlockStack gap="100">
                  {files.map((file) => (
                    <div key={file.label} data-snapshot-file={file.label}>
                      <InlineStack gap="300">
                        <Link url={file.url} target="_blank">
                          {file.label}
                        </Link>
                        {file.bytes > 0 && (
                          <Text as="span" tone="subdued">
                            {[size(file.bytes), file.rows === null ? null : `${formatCount(file.rows)} rows`]
                              .filter(Boolean)
                              .join(" · ")}
                          </Text>
                        )}
                      </InlineStack>
                    </div>
                  ))}
                </BlockStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            {history.length === 0 ? (
              <EmptyState heading="No snapshots yet" image="">
                <p>Snapshots appear here as they are taken, with their size and row counts.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "snapshot", plural: "snapshots" }}
                itemCount={history.length}
                selectable={false}
                headings={[
                  { title: "Taken" },
                  { title: "Status" },
                  { title: "By" },
                  { title: "Orders" },
                  { title: "Customers" },
                  { title: "Products" },
                  { title: "All rows" },
                  { title: "Size" },
                  { title: "" },
                ]}
              >
                {history.map((record, index) => (
                  <IndexTable.Row id={record.id} key={record.id} position={index}>
                    <IndexTable.Cell>{formatInstant(record.startedAt, timeZone)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <span data-snapshot-status={record.status} title={record.error ?? undefined}>
                        <Badge tone={STATUS[record.status].tone}>{STATUS[record.status].label}</Badge>
                      </span>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{record.trigger}</IndexTable.Cell>
                    <IndexTable.Cell>{count(record.tables?.orders?.rows)}</IndexTable.Cell>
                    <IndexTable.Cell>{count(record.tables?.customers?.rows)}</IndexTable.Cell>
                    <IndexTable.Cell>{count(record.tables?.products?.rows)}</IndexTable.Cell>
                    <IndexTable.Cell>{count(record.rows ?? undefined)}</IndexTable.Cell>
                    <IndexTable.Cell>{size(record.bytes)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {record.status === "completed" && (
                        <span data-snapshot-files={record.id}>
                          <Link url={`/app/snapshots?snapshot=${record.id}`}>Files</Link>
                        </span>
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

function count(value: number | undefined): string {
  return value === undefined ? "—" : formatCount(value);
}
