// The job catalogue: queue names, their payload schemas and how to enqueue
// them inside the caller's transaction (a rollback never leaves an orphan
// job; a committed event always has its job). pg-boss owns its own schema
// (ADR 007). May import the database only.
import { PgBoss } from "pg-boss";
import { z } from "zod";
import type { PoolClient } from "~/.server/database/pool";

export const WEBHOOK_EVENTS_QUEUE = "webhook-events";

export const webhookEventJob = z.object({ eventId: z.string().regex(/^\d+$/) });
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
  return boss;
}

/** Enqueues processing of stored webhook events (one job each), in the transaction `client` is in. */
export async function enqueueWebhookEvents(boss: PgBoss, client: PoolClient, eventIds: string[]): Promise<void> {
  const jobs = eventIds.map((eventId) => ({ data: { eventId } satisfies WebhookEventJob }));
  await boss.insert(WEBHOOK_EVENTS_QUEUE, jobs, {
    db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) },
  });
}
