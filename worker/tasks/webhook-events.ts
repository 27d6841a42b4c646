// Task webhook-events: apply stored webhook events in batches. Resource events
// (most of a flash sale) are applied together in one transaction with
// multi-row upserts (events/process-batch.ts); the rest, and any event the
// batch could not settle, one at a time with its own failure recorded.
// Delivery is at least once and applying is idempotent. Each job's payload is
// validated (old jobs outlive code changes). Shops whose data changed are told
// to the data-change hook once per batch, without waiting for it.
import type { Job, PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import {
  processWebhookEvent,
  processWebhookEventBatch,
  recordEventFailure,
  type BatchOutcome,
  type ProcessResult,
} from "~/.server/events";
import { WEBHOOK_EVENTS_QUEUE, webhookEventJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { TaskFactory } from "../task";

/** Jobs fetched per batch: enough to amortize the round trips, few enough to keep the lag under a second. */
export const WEBHOOK_EVENTS_BATCH_SIZE = 200;

export const webhookEventsTask: TaskFactory = ({ config, pool, queue, dataChanges }) => ({
  queue: WEBHOOK_EVENTS_QUEUE,
  // Batches fetched back to back while the queue is full (pg-boss polls only when it runs dry).
  // Two at a time: one writing while the other normalizes keeps both cores busy.
  options: {
    batchSize: WEBHOOK_EVENTS_BATCH_SIZE,
    localConcurrency: Math.min(2, config.WORKER_CONCURRENCY),
    pollingIntervalSeconds: 0.5,
    burstWhenBatchFull: true,
  },
  handler: async (jobs) => {
    const { changed, unrecorded } = await applyWebhookEventJobs(pool, queue, jobs);
    // Not awaited: the subscribers (rollups, alerts, snapshots) catch up by write position on their
    // own, coalescing bursts, while this batch's slot fetches the next events.
    for (const shopDomain of changed) void dataChanges.shopChanged(shopDomain);
    // A failure the queue could not record (its connection went too) must not let pg-boss
    // complete the batch: failing it retries every job, and the ones already applied are skipped.
    if (unrecorded) throw unrecorded;
  },
});

type EventJob = Job<unknown> & { retryCount?: number; retryLimit?: number };

export interface AppliedJobs {
  /** Shops whose data changed. */
  changed: Set<string>;
  /** Jobs failed through the queue (to be retried); the others are done. */
  failed: Set<string>;
  /** An error the queue could not record a failure with, if any. */
  unrecorded?: unknown;
}

/** Applies a batch of webhook-events jobs; failed ones are failed through the queue. */
export async function applyWebhookEventJobs(
  pool: Pool,
  queue: Pick<PgBoss, "fail">,
  jobs: EventJob[],
): Promise<AppliedJobs> {
  const started = performance.now();
  const applied: AppliedJobs = { changed: new Set(), failed: new Set() };
  const eventJobs = new Map<string, EventJob>();
  for (const job of jobs) {
    const parsed = webhookEventJob.safeParse(job.data);
    if (parsed.success) eventJobs.set(parsed.data.eventId, job);
    else logger.error({ jobId: job.id, issues: parsed.error.issues }, "dropping a job with an invalid payload");
  }
  let batch: BatchOutcome = { settled: new Map(), oneByOne: [] };
  if (eventJobs.size) {
    try {
      batch = await processWebhookEventBatch(pool, [...eventJobs.keys()]);
    } catch (error) {
      // One event's failure (or the database's) fails the transaction: each event alone says which.
      logger.warn({ events: eventJobs.size, error: errorLine(error) }, "batch failed; applying its events one by one");
      batch = { settled: new Map(), oneByOne: [...eventJobs.keys()] };
    }
  }
  for (const [eventId, result] of batch.settled) {
    if (result.outcome === "processed" && result.shop) applied.changed.add(result.shop);
    logger.debug({ eventId, ...result }, "webhook event");
  }
  for (const eventId of batch.oneByOne) {
    const job = eventJobs.get(eventId)!;
    try {
      const result = await processWebhookEventTask(pool, job);
      if (result?.outcome === "processed" && result.shop) applied.changed.add(result.shop);
    } catch (error) {
      applied.failed.add(job.id);
      await queue.fail(WEBHOOK_EVENTS_QUEUE, job.id, { message: String(error).slice(0, 500) }).catch((failError) => {
        applied.unrecorded = failError;
      });
    }
  }
  if (batch.settled.size) {
    logger.info(
      { events: batch.settled.size, oneByOne: batch.oneByOne.length, ms: Math.round(performance.now() - started) },
      "webhook events applied in a batch",
    );
  }
  return applied;
}

export async function processWebhookEventTask(pool: Pool, job: EventJob): Promise<ProcessResult | null> {
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
