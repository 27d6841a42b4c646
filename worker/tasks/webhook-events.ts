// Task webhook-events: apply stored webhook events, a few per batch. Each job
// validates its payload (old jobs outlive code changes), calls the core and
// records its failure; delivery is at least once and applying is idempotent.
// Several batches run at once (jobs are fetched with SKIP LOCKED and each
// event row is locked while it is applied). Shops whose data changed are
// told to the data-change hook once per batch, without waiting for it.
import type { Job } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { processWebhookEvent, recordEventFailure, type ProcessResult } from "~/.server/events";
import { WEBHOOK_EVENTS_QUEUE, webhookEventJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { TaskFactory } from "../task";

export const webhookEventsTask: TaskFactory = ({ config, pool, queue, dataChanges }) => ({
  queue: WEBHOOK_EVENTS_QUEUE,
  // Small batches fetched back to back while the queue is full (pg-boss polls only when it runs dry).
  options: {
    batchSize: 4,
    localConcurrency: config.WORKER_CONCURRENCY,
    pollingIntervalSeconds: 0.5,
    burstWhenBatchFull: true,
  },
  handler: async (jobs) => {
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
    // Not awaited: the subscribers (rollups, alerts, snapshots) catch up by write position on their
    // own, coalescing bursts, while this batch's slot fetches the next events.
    for (const shopDomain of changed) void dataChanges.shopChanged(shopDomain);
    // A failure the queue could not record (its connection went too) must not let pg-boss
    // complete the batch: failing it retries every job, and the ones already applied are skipped.
    if (unrecorded) throw unrecorded;
  },
});

export async function processWebhookEventTask(
  pool: Pool,
  job: Job<unknown> & { retryCount?: number; retryLimit?: number },
): Promise<ProcessResult | null> {
  const parsed = webhookEventJob.safeParse(job.data);
  if (!parsed.success) {
    logger.error({ jobId: job.id, issues: parsed.error.issues }, "dropping a job with an invalid payload");
    return null;
  }
  const { eventId } = parsed.data;
  const started = performance.now();
  logger.debug({ eventId, jobId: job.id, attempt: (job.retryCount ?? 0) + 1 }, "applying webhook event");
  try {
    const result = await processWebhookEvent(pool, eventId);
    logger.info(
      {
        eventId,
        webhookId: result.webhookId,
        topic: result.topic,
        shop: result.shop,
        outcome: result.outcome,
        ms: Math.round(performance.now() - started),
      },
      "webhook event",
    );
    return result;
  } catch (error) {
    const final = (job.retryCount ?? 0) >= (job.retryLimit ?? 0);
    await recordEventFailure(pool, eventId, error, final).catch(() => {});
    // One stack per event, on its last attempt; the attempts before say what failed in one line.
    const attempt = (job.retryCount ?? 0) + 1;
    if (final) logger.error({ eventId, attempt, final, err: error }, "webhook event is dead");
    else logger.warn({ eventId, attempt, error: errorLine(error) }, "webhook event failed; will retry");
    throw error;
  }
}

function errorLine(error: unknown): string {
  const line = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
