// Task: apply one stored webhook event. Validates the job payload (old jobs
// outlive code changes), calls the core, records failures. Delivery is at
// least once: processing is idempotent.
import type { Job } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { processWebhookEvent, recordEventFailure, type ProcessResult } from "~/.server/events";
import { webhookEventJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";

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
