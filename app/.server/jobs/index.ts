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
export const shopBackfillJob = z.object({ shopDomain: z.string().min(1) });
export type WebhookEventJob = z.infer<typeof webhookEventJob>;

export interface QueueSettings {
  maxAttempts: number;
  jobTimeoutSeconds: number;
  /** First retry delay; later ones double (exponential backoff). 0 retries at once (tests). */
  retryDelaySeconds?: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { maxAttempts: 8, jobTimeoutSeconds: 300 };

/** Starts pg-boss (creating its schema on first use) with the queues this app uses. */
export async function startQueue(
  connectionString: string,
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
  options: { supervise?: boolean; superviseIntervalSeconds?: number } = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    supervise: options.supervise ?? false,
    schedule: false,
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
  const retryDelay = settings.retryDelaySeconds ?? 2;
  const queue = {
    retryLimit: settings.maxAttempts - 1,
    retryDelay,
    ...(retryDelay > 0 ? { retryBackoff: true, retryDelayMax: 600 } : { retryBackoff: false }),
    expireInSeconds: settings.jobTimeoutSeconds,
  };
  if (await boss.getQueue(WEBHOOK_EVENTS_QUEUE)) await boss.updateQueue(WEBHOOK_EVENTS_QUEUE, queue);
  else await boss.createQueue(WEBHOOK_EVENTS_QUEUE, queue);
  // A backfill retries its failed resources itself; the job retries what is left a few times, slowly.
  const backfill = { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 4 * 3600 };
  if (await boss.getQueue(SHOP_BACKFILL_QUEUE)) await boss.updateQueue(SHOP_BACKFILL_QUEUE, backfill);
  else await boss.createQueue(SHOP_BACKFILL_QUEUE, backfill);
  return boss;
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
