// Accepting one delivery: verify, dedupe, store, enqueue, all before the 200
// and nothing else (no business rules here: the worker does the work, so the
// ack latency does not depend on it). Shopify may deliver a webhook more
// than once: X-Shopify-Webhook-Id is the dedupe key.
import type { PgBoss } from "pg-boss";
import { inTransaction, type Pool, type PoolClient } from "~/.server/database/pool";
import { enqueueWebhookEvent } from "~/.server/jobs";
import type { WebhookVerifier } from "./verify-webhook";
import { LIFECYCLE_TOPICS, PROCESSED_TOPICS } from "./topics";

export interface IngestionDeps {
  pool: Pool;
  queue: () => Promise<PgBoss>;
  verify: WebhookVerifier;
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

  let queue: PgBoss;
  try {
    queue = await deps.queue();
    return await inTransaction(deps.pool, async (client) => {
      const stored = await storeDelivery(client, {
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
      if (!stored) return { status: 200, outcome: "duplicate" } as const;
      if (stored.status === "ignored") return { status: 200, outcome: "ignored", eventId: stored.id } as const;
      await enqueueWebhookEvent(queue, client, stored.id);
      return { status: 200, outcome: "accepted", eventId: stored.id } as const;
    });
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_JSON) {
      return { status: 400, outcome: "invalid_json", error: "the body is not valid JSON" };
    }
    // Not durable: Shopify must retry.
    return { status: 503, outcome: "unavailable", error: "storage is unavailable; retry later" };
  }
}

interface Delivery {
  shopDomain: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  apiVersion: string;
  triggeredAt: Date | null;
  headers: string;
  rawBody: string;
  processed: boolean;
  lifecycle: boolean;
}

/**
 * One statement: find or create the shop (the HMAC proves the delivery came from
 * Shopify for this app), then store the event unless its webhook id is known.
 * An erased shop stays erased until it installs again: only the fact of the
 * delivery is kept. Returns undefined for a duplicate.
 */
async function storeDelivery(
  client: PoolClient,
  delivery: Delivery,
): Promise<{ id: string; status: string } | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await client.query<{ id: string | null; status: string | null; shop_found: boolean }>(
      `WITH created AS (
         INSERT INTO shops (domain, updated_at) VALUES ($1, now()) ON CONFLICT (domain) DO NOTHING RETURNING id, redacted_at),
       shop AS (
         SELECT id, redacted_at FROM created UNION ALL SELECT id, redacted_at FROM shops WHERE domain = $1 LIMIT 1),
       stored AS (
         INSERT INTO webhook_events
           (shop_id, shop_domain, topic, webhook_id, event_id, api_version, triggered_at, headers, payload, status, last_error)
         SELECT shop.id, $1, $2, $3, $4, $5, $6, $7::jsonb,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT $10 THEN '{}'::jsonb ELSE $8::jsonb END,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT $10 THEN 'ignored' WHEN $9 THEN 'pending' ELSE 'ignored' END,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT $10 THEN 'shop was erased by shop/redact' END
         FROM shop
         ON CONFLICT (webhook_id) DO NOTHING
         RETURNING id, status)
       SELECT stored.id, stored.status, EXISTS (SELECT 1 FROM shop) AS shop_found FROM (SELECT 1) AS one LEFT JOIN stored ON true`,
      [
        delivery.shopDomain,
        delivery.topic,
        delivery.webhookId,
        delivery.eventId,
        delivery.apiVersion,
        delivery.triggeredAt,
        delivery.headers,
        delivery.rawBody,
        delivery.processed,
        delivery.lifecycle,
      ],
    );
    const row = result.rows[0]!;
    if (row.id) return { id: row.id, status: row.status! };
    // No shop visible: a concurrent first delivery for a new shop created it after this statement began.
    if (row.shop_found) return undefined;
  }
  throw new Error(`could not find or create shop ${delivery.shopDomain}`);
}

function parseTime(value: string | null): Date | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}
