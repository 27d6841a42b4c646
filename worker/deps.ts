// The worker's dependencies, built once from the environment: the database
// clients, the job queue (waited for: the database may be down or failing
// over at start), the Shopify app object for offline sessions (built on
// first use: only sync tasks need it), and the data-change hook with its
// subscribers, and the S3 snapshot settings.
import type { PgBoss } from "pg-boss";
import { alertsFollowDataChanges } from "~/.server/alerts";
import { createShopifyApp, shopifyAppSettings } from "~/.server/auth/shopify-app";
import { DataChanges } from "~/.server/data-changes";
import { retryWithBackoff } from "~/.server/database/wait-for-database";
import { env, snapshotEnvironment, type Env } from "~/.server/env";
import { salesRollupsFollowDataChanges } from "~/.server/insights/sales-rollups";
import { snapshotsFollowDataChanges } from "~/.server/insights/snapshots";
import { startQueue } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { snapshotRedactionsFollowDataChanges, snapshotSettings, type SnapshotSettings } from "~/.server/s3-snapshots";
import type { UnauthenticatedAdmin } from "~/.server/shops";
import { pool, prisma, type Database, type Pool } from "~/db.server";

export interface WorkerDeps {
  config: Env;
  pool: Pool;
  db: Database;
  queue: PgBoss;
  shopify: () => UnauthenticatedAdmin;
  dataChanges: DataChanges;
  /** S3 snapshot settings; null when snapshots are off (no SNAPSHOT_S3_BUCKET). */
  snapshots: SnapshotSettings | null;
}

export async function createWorkerDeps(): Promise<WorkerDeps> {
  const config = env();
  const snapshots = snapshotSettings(snapshotEnvironment());
  const workerPool = pool(config.WORKER_CONCURRENCY + 2);
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
  let shopify: UnauthenticatedAdmin | undefined;
  return {
    config,
    pool: workerPool,
    db: prisma(),
    queue,
    snapshots,
    shopify: () => (shopify ??= createShopifyApp(shopifyAppSettings(config), prisma())),
    dataChanges: new DataChanges()
      .subscribe("dashboard snapshots", snapshotsFollowDataChanges(workerPool, queue))
      // A refresh recomputes whole days: under a flash sale's steady flow, once per interval rather than per batch.
      .subscribe("daily sales rollups", salesRollupsFollowDataChanges(workerPool), {
        everyMs: config.SALES_ROLLUPS_INTERVAL_MS,
      })
      .subscribe("alerts", alertsFollowDataChanges(workerPool, queue, config.SHOPIFY_API_KEY))
      .subscribe("snapshot redactions", snapshotRedactionsFollowDataChanges(workerPool, queue)),
  };
}
