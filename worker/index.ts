// The worker process: applies queued webhook events. Several may run at once
// (jobs are fetched with SKIP LOCKED and each event row is locked while it is
// applied). SIGTERM/SIGINT finish in-flight jobs, then exit.
import { createPool } from "~/.server/database/pool";
import { env } from "~/.server/env";
import {
  enqueueShopReconcile,
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
import { reconcileShopTask } from "./tasks/reconcile-shop";
import { processWebhookEventTask } from "./tasks/process-webhook-event";

const config = env();
const pool = createPool(config.DATABASE_URL, config.WORKER_CONCURRENCY + 2);
const queue = await startQueue(
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
);

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
    for (const job of jobs) {
      try {
        await processWebhookEventTask(pool, job);
      } catch (error) {
        await queue.fail(WEBHOOK_EVENTS_QUEUE, job.id, { message: String(error) });
      }
    }
  },
);
// Sync jobs: one at a time per worker; the Shopify app object (offline sessions, token refresh) is loaded only here.
const shopifyDeps = async () => {
  const [{ default: shopify }, { prisma }] = await Promise.all([import("~/shopify.server"), import("~/db.server")]);
  return { pool, db: prisma(), shopify };
};
await queue.work(
  SHOP_BACKFILL_QUEUE,
  { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true },
  async ([job]) => backfillShopTask(await shopifyDeps(), job!),
);
await queue.work(SHOP_RECONCILE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) =>
  reconcileShopTask(
    {
      ...(await shopifyDeps()),
      callbackUrl: new URL(WEBHOOK_PATH, config.SHOPIFY_APP_URL).href,
      lookbackMs: config.RECONCILE_LOOKBACK_SECONDS * 1000,
    },
    job!,
  ),
);
// Every minute: queue the reconciliations that are due (each shop every RECONCILE_INTERVAL_MINUTES).
await queue.schedule(SYNC_SCHEDULER_QUEUE, "* * * * *");
await queue.work(SYNC_SCHEDULER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
  for (const shopDomain of await shopsDueForReconciliation(pool, config.RECONCILE_INTERVAL_MINUTES)) {
    await enqueueShopReconcile(queue, shopDomain);
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
