// Accepting one delivery: verify, dedupe, store, enqueue, all before the 200
// and nothing else (no business rules here: the worker does the work, so the
// ack latency does not depend on it). Shopify may deliver a webhook more
// than once: X-Shopify-Webhook-Id is the dedupe key.
//
// 503 means "retry later" and is kept for what a retry can fix (the database
// being away). A delivery that can never be stored or processed gets 400 and
// nothing is stored: Shopify retrying it for hours would change nothing.
import { findHeaderProblem, keptHeaders, payloadShopMismatch, type DeliveryHeaders } from "./delivery-headers";
import { inspectWebhookBody } from "./inspect-body";
import type { DeliveryStore } from "./store-deliveries";
import type { WebhookVerifier } from "./verify-webhook";
import { LIFECYCLE_TOPICS, PROCESSED_TOPICS } from "~/.server/shopify/topics";

export interface IngestionDeps {
  verify: WebhookVerifier;
  deliveries: DeliveryStore;
  /** SHOP_CUSTOM_DOMAIN: shops under this domain are accepted besides *.myshopify.com. */
  customShopDomain?: string;
}

export type AcceptOutcome =
  | { status: 200; outcome: "accepted" | "duplicate" | "ignored"; eventId?: string }
  | {
      status: 400 | 401 | 503;
      outcome:
        | "invalid_json"
        | "not_an_object"
        | "too_deep"
        | "invalid_header"
        | "shop_mismatch"
        | "unauthorized"
        | "missing_headers"
        | "unavailable";
      error: string;
    };

/**
 * PostgreSQL errors that a retry cannot fix: invalid JSON (22P02), an escape
 * jsonb cannot hold (22P05), bytes that are not UTF-8 or a NUL (22021), and a
 * nesting too deep for its stack (54001). inspect-body.ts catches all of these
 * first; this is the backstop, so none of them is ever answered 503.
 */
const PERMANENT_STORAGE_ERRORS = new Set(["22P02", "22P05", "22021", "54001"]);

export async function acceptWebhook(
  deps: IngestionDeps,
  delivery: DeliveryHeaders,
  rawBody: string,
): Promise<AcceptOutcome> {
  const verification = await deps.verify(rawBody, delivery);
  if (!verification.valid) {
    if (verification.reason === "missing_body") {
      return { status: 400, outcome: "invalid_json", error: "the body is empty" };
    }
    if (verification.reason === "missing_headers") {
      return { status: 400, outcome: "missing_headers", error: "a required X-Shopify-* header is missing" };
    }
    return { status: 401, outcome: "unauthorized", error: "invalid or missing X-Shopify-Hmac-Sha256" };
  }
  // After the HMAC: a forged request is 401 whatever its headers say (the contract's answer).
  const headerProblem = findHeaderProblem(delivery, deps.customShopDomain);
  if (headerProblem) {
    return {
      status: 400,
      outcome: "invalid_header",
      error: `${headerProblem.header} is ${headerProblem.problem}`,
    };
  }
  const { topic, shopDomain, webhookId, apiVersion } = verification;
  const body = inspectWebhookBody(rawBody);
  if (!body.ok) {
    const refusals = {
      not_json: { outcome: "invalid_json", error: "the body is not valid JSON" },
      not_object: { outcome: "not_an_object", error: "the body is JSON but not an object" },
      too_deep: { outcome: "too_deep", error: "the body nests deeper than any webhook payload can" },
    } as const;
    return { status: 400, ...refusals[body.reason] };
  }
  const namedShop = payloadShopMismatch(topic, shopDomain, rawBody);
  if (namedShop !== undefined) {
    return {
      status: 400,
      outcome: "shop_mismatch",
      error: `the payload names another shop than X-Shopify-Shop-Domain`,
    };
  }

  try {
    const stored = await deps.deliveries.store({
      shopDomain,
      topic,
      webhookId,
      eventId: delivery.eventId,
      apiVersion,
      triggeredAt: parseTime(delivery.triggeredAt),
      headers: JSON.stringify(keptHeaders(delivery)),
      body: body.storable,
      exactBody: body.altered ? rawBody : null,
      processed: PROCESSED_TOPICS.has(topic),
      lifecycle: LIFECYCLE_TOPICS.has(topic),
    });
    return { status: 200, ...stored };
  } catch (error) {
    if (PERMANENT_STORAGE_ERRORS.has((error as { code?: string }).code ?? "")) {
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
