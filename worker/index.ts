// The worker process: applies queued webhook events. Several may run at once
// (jobs are fetched with SKIP LOCKED and each event row is locked while it is
// applied). SIGTERM/SIGINT finish in-flight jobs, then exit.
import "~/.server/require-node";
import { createPool } from "~/.server/database/pool";
import { retryWithBackoff } from "~/.server/database/wait-for-database";
import { env } from "~/.server/env";
import { markSnapshotsChanged, shopsWithSnapshotsOfEarlierDays } from "~/.server/dashboard/snapshots";
import {
  DASHBOARD_REFRESH_QUEUE,
  enqueueDashboardRefresh,
  enqueueShopReconcile,
  shopJob,
  SHOP_BACKFILL_QUEUE,
  SHOP_RECONCILE_QUEUE,
  startQueue,
  SYNC_SCHEDULER_QUEUE,
  WEBHOOK_EVENTS_QUEUE,
} from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { WEBHOOK_PATH } from "~/.server/shopify/constants";
import { shopsDueForReconciliation } from "~/.server/sync/schedule";
import { backfillShopTask } from "./tasks/backfill-shop";
import { refreshDashboardTask } from "./tasks/refresh-dashboard";
import { reconcileShopTask } from "./tasks/reconcile-shop";
import { processWebhookEventTask } from "./tasks/process-webhook-event";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "npm run worker: applies queued webhook events and runs backfills, reconciliations and dashboard refreshes; run one or several with the web process's environment. Settings: README.md, Configuration.",
  );
  process.exit(0);
}

const config = env();
const pool = createPool(config.DATABASE_URL, config.WORKER_CONCURRENCY + 2);
// The database may be down or failing over at start: wait for it rather than exit into a crash loop.
const queue = await retryWithBackoff(
  () =>
    startQueue(
      config.DATABASE_URL,
      {
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        jobTimeoutSeconds: config.WORKER_JOB_TIMEOUT_SECONDS,
        heartbeatSeconds: config.SYNC_HEARTBEAT_SECONDS,
        syncRetryDelaySeconds: config.SYNC_RETRY_DELAY_SECONDS,
      },
      {
        supervise: true,
        schedule: true,
        superviseIntervalSeconds: Math.min(60, Math.max(1, Math.floor(config.WORKER_JOB_TIMEOUT_SECONDS / 2))),
      },
    ),
  {
    onRetry: (attempt, delayMs, reason) =>
      logger.warn({ attempt, retryInMs: delayMs, reason }, "worker waiting for the database"),
  },
);

/** Ingestion changed a shop's data: its dashboard snapshots are out of date and get a refresh queued. */
async function noteDataChanged(shopDomain: string): Promise<void> {
  try {
    const delaySeconds = await markSnapshotsChanged(pool, shopDomain);
    if (delaySeconds !== null) await enqueueDashboardRefresh(queue, shopDomain, delaySeconds);
  } catch (error) {
    // The data is stored either way; figures out of date are the next refresh's to fix.
    logger.warn({ shop: shopDomain, err: error }, "could not mark the dashboard out of date");
  }
}

// Small batches fetched back to back while the queue is full (pg-boss polls only when it runs dry);
// each job completes or fails on its own.
await queue.work(
  WEBHOOK_EVENTS_QUEUE,
  {
    batchSize: 4,
    localConcurrency: config.WORKER_CONCURRENCY,
    includeMetadata: true,
    pollingIntervalSeconds: 0.5,
    burstWhenBatchFull: true,
  },
  async (jobs) => {
    const changed = new Set<string>();
    let unrecorded: unknown;
    for (const job of jobs) {
      try {
        const result = await processWebhookEventTask(pool, job);
        if (result?.outcome === "processed" && result.shop) changed.add(result.shop);
      } catch (error) {
        await queue.fail(WEBHOOK_EVENTS_QUEUE, job.id, { message: String(error).slice(0, 500) }).catch((failError) => {
          unrecorded = failError;
        });
      }
    }
    for (const shopDomain of changed) await noteDataChanged(shopDomain);
    // A failure the queue could not record (its connection went too) must not let pg-boss
    // complete the batch: failing it retries every job, and the ones already applied are skipped.
    if (unrecorded) throw unrecorded;
  },
);
// Sync jobs: one at a time per worker; the Shopify app object (offline sessions, token refresh) is loaded only here.
const shopifyDeps = async () => {
  const [{ default: shopify }, { prisma }] = await Promise.all([import("~/shopify.server"), import("~/db.server")]);
  return { pool, db: prisma(), shopify };
};
/** Runs a sync task; its shop's dashboard is marked out of date while it writes (every 10 s) and when it ends. */
async function changingShopData(job: { data: unknown }, task: () => Promise<void>): Promise<void> {
  const shop = shopJob.safeParse(job.data);
  if (!shop.success) return task();
  const timer = setInterval(() => void noteDataChanged(shop.data.shopDomain), 10_000);
  try {
    await task();
  } finally {
    clearInterval(timer);
    await noteDataChanged(shop.data.shopDomain);
  }
}
await queue.work(
  SHOP_BACKFILL_QUEUE,
  { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true },
  async ([job]) => changingShopData(job!, async () => backfillShopTask(await shopifyDeps(), job!)),
);
await queue.work(SHOP_RECONCILE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) =>
  changingShopData(job!, async () =>
    reconcileShopTask(
      {
        ...(await shopifyDeps()),
        callbackUrl: new URL(WEBHOOK_PATH, config.SHOPIFY_APP_URL).href,
        lookbackMs: config.RECONCILE_LOOKBACK_SECONDS * 1000,
      },
      job!,
    ),
  ),
);
await queue.work(DASHBOARD_REFRESH_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) =>
  refreshDashboardTask((await shopifyDeps()).db, job!),
);
// Every minute: queue the reconciliations that are due (each shop every RECONCILE_INTERVAL_MINUTES).
await queue.schedule(SYNC_SCHEDULER_QUEUE, "* * * * *");
await queue.work(SYNC_SCHEDULER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
  for (const shopDomain of await shopsDueForReconciliation(pool, config.RECONCILE_INTERVAL_MINUTES)) {
    await enqueueShopReconcile(queue, shopDomain);
  }
  // After a shop's midnight its snapshots are of yesterday: recompute them before anyone waits for it.
  for (const shopDomain of await shopsWithSnapshotsOfEarlierDays((await shopifyDeps()).db)) {
    await enqueueDashboardRefresh(queue, shopDomain, 0);
  }
});
logger.info({ concurrency: config.WORKER_CONCURRENCY, queue: WEBHOOK_EVENTS_QUEUE }, "worker started");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: finishing in-flight jobs");
  await queue
    .stop({ graceful: true, timeout: 30_000 })
    .catch((error: unknown) => logger.error({ err: error }, "queue stop failed"));
  await pool.end();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
