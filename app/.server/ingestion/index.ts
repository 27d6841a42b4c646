// Ingestion: accept a delivery (verify, dedupe, store, enqueue) and answer
// Shopify. No business rules. May import the database, jobs and logger.
import { logger } from "~/.server/logger";
import { acceptWebhook, type IngestionDeps } from "./accept-webhook";
import { readDeliveryHeaders } from "./delivery-headers";
import { BodyTooLargeError, readRawBody } from "./read-body";

export { acceptWebhook, type IngestionDeps, type AcceptOutcome } from "./accept-webhook";
export { createWebhookVerifier, type WebhookVerifier } from "./verify-webhook";
export { BodyTooLargeError, readLimitedBody } from "./read-body";
export { createDeliveryStore, type DeliveryStore, type DeliveryStoreLimits } from "./store-deliveries";
export { PROCESSED_TOPICS, LIFECYCLE_TOPICS } from "~/.server/shopify/topics";

/**
 * POST /webhooks end to end: the HTTP answer Shopify gets. `readBody` lets a
 * server that already holds the raw bytes skip the Web stream.
 */
export async function receiveWebhook(
  deps: IngestionDeps & { maxBodyBytes: number },
  request: Request,
  readBody: (limit: number) => Promise<string> = (limit) => readRawBody(request, limit),
): Promise<Response> {
  // Header values are the sender's: a log line carries at most a short prefix of each.
  const delivery = readDeliveryHeaders(request.headers);
  const context = { topic: clip(delivery.topic), shop: clip(delivery.shopDomain), webhookId: clip(delivery.webhookId) };
  let rawBody: string;
  try {
    rawBody = await readBody(deps.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    logger.warn({ ...context, limit: deps.maxBodyBytes }, "webhook refused: body too large");
    return Response.json({ error: `body exceeds ${deps.maxBodyBytes} bytes` }, { status: 413 });
  }
  const result = await acceptWebhook(deps, delivery, rawBody);
  if (result.status === 200) {
    logger.debug({ ...context, outcome: result.outcome, eventId: result.eventId }, "webhook accepted");
    return Response.json({ ok: true, outcome: result.outcome });
  }
  const log = result.status === 503 ? logger.error.bind(logger) : logger.warn.bind(logger);
  log({ ...context, outcome: result.outcome }, `webhook refused: ${result.error}`);
  return Response.json({ error: result.error }, { status: result.status });
}

function clip(value: string | null, length = 100): string | undefined {
  if (value === null) return undefined;
  return value.length > length ? `${value.slice(0, length)}… (${value.length} characters)` : value;
}
