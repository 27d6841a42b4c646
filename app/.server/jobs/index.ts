// The job catalogue: queue names, their payload schemas and how to enqueue
// them inside the caller's transaction (a rollback never leaves an orphan
// job; a committed event always has its job). pg-boss owns its own schema
// (ADR 007). May import the database only.
import { PgBoss } from "pg-boss";
import { z } from "zod";
import type { PoolClient } from "~/.server/database/pool";

export const WEBHOOK_EVENTS_QUEUE = "webhook-events";

export const webhookEventJob = z.object({ eventId: z.string().regex(/^\d+$/) });

/** A shop's full backfill (sync/backfill.ts); one queued per shop at a time. */
export const SHOP_BACKFILL_QUEUE = "shop-backfill";
/** The payload of every per-shop sync job (backfill, reconciliation). */
export const shopJob = z.object({ shopDomain: z.string().min(1) });
export const shopBackfillJob = shopJob;
export type WebhookEventJob = z.infer<typeof webhookEventJob>;

/** A shop's reconciliation (sync/reconcile.ts): subscriptions re-checked, missed updates repaired. */
export const SHOP_RECONCILE_QUEUE = "shop-reconcile";
export const shopReconcileJob = shopJob;

/** A shop's dashboard snapshots recomputed (dashboard/snapshots.ts): at most one waiting and one running per shop. */
export const DASHBOARD_REFRESH_QUEUE = "dashboard-refresh";
export const dashboardRefreshJob = shopJob;

/** Delivers the alerts outbox's due alerts (alerts/deliver.ts): one waiting and one running at a time. */
export const ALERT_DELIVERY_QUEUE = "alert-delivery";

/** Takes a shop's S3 snapshot (s3-snapshots/create.ts): one waiting per shop; they run one at a time per shop. */
export const S3_SNAPSHOT_QUEUE = "s3-snapshot";
export const s3SnapshotJob = shopJob.extend({ trigger: z.enum(["schedule", "admin", "cli"]) });

/** Carries pending compliance requests to the S3 snapshots (s3-snapshots/redaction.ts). */
export const SNAPSHOT_REDACTION_QUEUE = "snapshot-redaction";

/** Runs every minute (pg-boss cron) and queues the reconciliations that are due. */
export const SYNC_SCHEDULER_QUEUE = "sync-scheduler";

export interface QueueSettings {
  maxAttempts: number;
  jobTimeoutSeconds: number;
  /** First retry delay; later ones double (exponential backoff). 0 retries at once (tests). */
  retryDelaySeconds?: number;
  /** How soon a sync job whose worker stopped heart-beating is retried (pg-boss minimum 10). */
  heartbeatSeconds?: number;
  /** First retry delay of a failed backfill or reconciliation job (they also retry inside). */
  syncRetryDelaySeconds?: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { maxAttempts: 8, jobTimeoutSeconds: 300 };

/** Starts pg-boss (creating its schema on first use) with the queues this app uses. */
export async function startQueue(
  connectionString: string,
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
  options: { supervise?: boolean; superviseIntervalSeconds?: number; schedule?: boolean } = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    supervise: options.supervise ?? false,
    // Only the worker runs cron (the sync scheduler); the web process just sends jobs.
    schedule: options.schedule ?? false,
    // Supervision fails jobs whose worker died (expireInSeconds) so they are retried.
    ...(options.superviseIntervalSeconds
      ? {
          superviseIntervalSeconds: options.superviseIntervalSeconds,
          monitorIntervalSeconds: options.superviseIntervalSeconds,
        }
      : {}),
  });
  boss.on("error", () => {});
  await boss.start();
  try {
    await createQueues(boss, settings);
  } catch (error) {
    // Half started (the database went away mid-way): stop it, so a retry does not leak a second one.
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw error;
  }
  return boss;
}

async function createQueues(boss: PgBoss, settings: QueueSettings): Promise<void> {
  const retryDelay = settings.retryDelaySeconds ?? 2;
  const queue = {
    retryLimit: settings.maxAttempts - 1,
    retryDelay,
    ...(retryDelay > 0 ? { retryBackoff: true, retryDelayMax: 600 } : { retryBackoff: false }),
    expireInSeconds: settings.jobTimeoutSeconds,
  };
  await ensureQueue(boss, WEBHOOK_EVENTS_QUEUE, queue);
  // A backfill retries its failed resources itself; the job retries what is left a few times, slowly.
  // A worker that dies stops its heartbeat: the job is retried after heartbeatSeconds and resumes (sync/backfill.ts).
  const backfill = {
    retryLimit: 3,
    retryDelay: settings.syncRetryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: 4 * 3600,
    heartbeatSeconds: settings.heartbeatSeconds ?? 30,
  };
  await ensureQueue(boss, SHOP_BACKFILL_QUEUE, backfill);
  await ensureQueue(boss, SHOP_RECONCILE_QUEUE, { ...backfill, retryLimit: 2, expireInSeconds: 3600 });
  await ensureQueue(boss, SYNC_SCHEDULER_QUEUE, { retryLimit: 0, expireInSeconds: 60 });
  // "stately": changes arriving while a refresh waits join it; one arriving while it runs queues exactly one more.
  // Each alert retries itself (alerts/deliver.ts); the job only runs rounds, so a failed round just runs again.
  await ensureQueue(boss, ALERT_DELIVERY_QUEUE, {
    policy: "stately",
    retryLimit: 2,
    retryDelay: 5,
    expireInSeconds: 600,
  });
  // A big shop's snapshot takes minutes; a failed one (the bucket unreachable) is retried twice, slowly.
  await ensureQueue(boss, S3_SNAPSHOT_QUEUE, {
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 4 * 3600,
  });
  await ensureQueue(boss, SNAPSHOT_REDACTION_QUEUE, {
    policy: "stately",
    retryLimit: 2,
    retryDelay: 30,
    expireInSeconds: 3600,
  });
  await ensureQueue(boss, DASHBOARD_REFRESH_QUEUE, {
    policy: "stately",
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 900,
  });
}

/** Queues a delivery round of the alerts outbox in `delaySeconds`, unless one is already waiting. */
export async function enqueueAlertDelivery(boss: PgBoss, delaySeconds = 0): Promise<void> {
  await boss.send(ALERT_DELIVERY_QUEUE, {}, { singletonKey: "alerts", startAfter: delaySeconds });
}

async function ensureQueue(boss: PgBoss, name: string, options: Parameters<PgBoss["createQueue"]>[1]) {
  if (await boss.getQueue(name)) {
    // A queue's policy is fixed at creation; the rest follows the settings of this start.
    const { policy: _policy, ...updatable } = options ?? {};
    await boss.updateQueue(name, updatable);
  } else await boss.createQueue(name, options);
}

/** Enqueues processing of stored webhook events (one job each), in the transaction `client` is in. */
export async function enqueueWebhookEvents(boss: PgBoss, client: PoolClient, eventIds: string[]): Promise<void> {
  const jobs = eventIds.map((eventId) => ({ data: { eventId } satisfies WebhookEventJob }));
  await boss.insert(WEBHOOK_EVENTS_QUEUE, jobs, {
    db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) },
  });
}

/** Queues a shop's backfill unless one is already waiting (singletonKey per shop). */
export async function enqueueShopBackfill(boss: PgBoss, shopDomain: string): Promise<void> {
  await boss.send(SHOP_BACKFILL_QUEUE, { shopDomain } satisfies z.infer<typeof shopBackfillJob>, {
    singletonKey: shopDomain,
  });
}

/** Queues a shop's reconciliation unless one is already waiting. */
export async function enqueueShopReconcile(boss: PgBoss, shopDomain: string): Promise<void> {
  await boss.send(SHOP_RECONCILE_QUEUE, { shopDomain } satisfies z.infer<typeof shopReconcileJob>, {
    singletonKey: shopDomain,
  });
}

/** Queues a refresh of a shop's dashboard snapshots in `delaySeconds`, unless one is already waiting. */
export async function enqueueDashboardRefresh(boss: PgBoss, shopDomain: string, delaySeconds: number): Promise<void> {
  await boss.send(DASHBOARD_REFRESH_QUEUE, { shopDomain } satisfies z.infer<typeof dashboardRefreshJob>, {
    singletonKey: shopDomain,
    startAfter: delaySeconds,
  });
}

/** Queues a snapshot of the shop unless one is already waiting. */
export async function enqueueS3Snapshot(
  boss: PgBoss,
  shopDomain: string,
  trigger: z.infer<typeof s3SnapshotJob>["trigger"],
): Promise<void> {
  await boss.send(S3_SNAPSHOT_QUEUE, { shopDomain, trigger } satisfies z.infer<typeof s3SnapshotJob>, {
    singletonKey: shopDomain,
  });
}

/** Queues a round of snapshot redactions unless one is already waiting. */
export async function enqueueSnapshotRedaction(boss: PgBoss): Promise<void> {
  await boss.send(SNAPSHOT_REDACTION_QUEUE, {}, { singletonKey: "snapshot-redaction" });
}
