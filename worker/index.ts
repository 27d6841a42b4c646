// The worker process, a shell: reads the environment, builds its
// dependencies (deps.ts), works every task's queue (tasks/, one file per
// queue) and, on SIGTERM/SIGINT, finishes in-flight jobs, then exits.
import "~/.server/require-node";
import { logger } from "~/.server/logger";
import { closeDatabase } from "~/db.server";
import { createWorkerDeps } from "./deps";
import { alertDeliveryTask } from "./tasks/alert-delivery";
import { dashboardRefreshTask } from "./tasks/dashboard-refresh";
import { s3SnapshotTask } from "./tasks/s3-snapshot";
import { shopBackfillTask } from "./tasks/shop-backfill";
import { shopReconcileTask } from "./tasks/shop-reconcile";
import { snapshotRedactionTask } from "./tasks/snapshot-redaction";
import { SYNC_SCHEDULE, syncSchedulerTask } from "./tasks/sync-scheduler";
import { webhookEventsTask } from "./tasks/webhook-events";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "npm run worker: applies queued webhook events and runs backfills, reconciliations, dashboard refreshes, alert deliveries and S3 snapshots; run one or several with the web process's environment. Settings: README.md, Configuration.",
  );
  process.exit(0);
}

const TASKS = [
  webhookEventsTask,
  shopBackfillTask,
  shopReconcileTask,
  dashboardRefreshTask,
  alertDeliveryTask,
  s3SnapshotTask,
  snapshotRedactionTask,
  syncSchedulerTask,
];

const deps = await createWorkerDeps();
for (const task of TASKS.map((factory) => factory(deps))) {
  await deps.queue.work(task.queue, { ...task.options, includeMetadata: true }, task.handler);
}
await deps.queue.schedule(syncSchedulerTask(deps).queue, SYNC_SCHEDULE);
logger.info({ concurrency: deps.config.WORKER_CONCURRENCY, queues: TASKS.length }, "worker started");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: finishing in-flight jobs");
  await deps.queue
    .stop({ graceful: true, timeout: 30_000 })
    .catch((error: unknown) => logger.error({ err: error }, "queue stop failed"));
  deps.dataChanges.close();
  await closeDatabase();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
