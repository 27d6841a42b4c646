// Accepting one delivery: verify, dedupe, store, enqueue, all before the 200
// and nothing else (no business rules here: the worker does the work, so the
// ack latency does not depend on it). Shopify may deliver a webhook more
// than once: X-Shopify-Webhook-Id is the dedupe key.
import type { DeliveryStore } from "./store-deliveries";
import type { WebhookVerifier } from "./verify-webhook";
import { LIFECYCLE_TOPICS, PROCESSED_TOPICS } from "./topics";

export interface IngestionDeps {
  verify: WebhookVerifier;
  deliveries: DeliveryStore;
}

export type AcceptOutcome =
  | { status: 200; outcome: "accepted" | "duplicate" | "ignored"; eventId?: string }
  | {
      status: 400 | 401 | 503;
      outcome: "invalid_json" | "unauthorized" | "missing_headers" | "unavailable";
      error: string;
    };

/** PostgreSQL's "invalid input syntax for type json". */
const INVALID_JSON = "22P02";

export async function acceptWebhook(deps: IngestionDeps, request: Request, rawBody: string): Promise<AcceptOutcome> {
  const verification = await deps.verify(rawBody, request);
  if (!verification.valid) {
    if (verification.reason === "missing_headers") {
      return { status: 400, outcome: "missing_headers", error: "a required X-Shopify-* header is missing" };
    }
    return { status: 401, outcome: "unauthorized", error: "invalid or missing X-Shopify-Hmac-Sha256" };
  }
  const { topic, shopDomain, webhookId, apiVersion } = verification;
  const eventId = request.headers.get("x-shopify-event-id");
  const triggeredAt = parseTime(request.headers.get("x-shopify-triggered-at"));
  const headers = Object.fromEntries(
    [...request.headers].filter(([name]) => name.startsWith("x-shopify-") && name !== "x-shopify-hmac-sha256"),
  );

  try {
    const stored = await deps.deliveries.store({
      shopDomain,
      topic,
      webhookId,
      eventId,
      apiVersion,
      triggeredAt,
      headers: JSON.stringify(headers),
      rawBody,
      processed: PROCESSED_TOPICS.has(topic),
      lifecycle: LIFECYCLE_TOPICS.has(topic),
    });
    return { status: 200, ...stored };
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_JSON) {
      return { status: 400, outcome: "invalid_json", error: "the body is not valid JSON" };
    }
    // Not durable: Shopify must retry.
    return { status: 503, outcome: "unavailable", error: "storage is unavailable; retry later" };
  }
}

function parseTime(value: string | null): Date | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}
