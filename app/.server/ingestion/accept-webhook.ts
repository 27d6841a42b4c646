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
      // A delivery for a shop without a row creates it: the HMAC proves it came from Shopify for this app.
      const { id: shopId, redacted_at: redactedAt } = await findOrCreateShop(client, shopDomain);
      // An erased shop stays erased until it installs again: keep only the fact of the delivery.
      const erased = redactedAt !== null && !LIFECYCLE_TOPICS.has(topic);
      const status = PROCESSED_TOPICS.has(topic) && !erased ? "pending" : "ignored";
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO webhook_events
           (shop_id, shop_domain, topic, webhook_id, event_id, api_version, triggered_at, headers, payload, status, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
         ON CONFLICT (webhook_id) DO NOTHING
         RETURNING id`,
        [
          shopId,
          shopDomain,
          topic,
          webhookId,
          eventId,
          apiVersion,
          triggeredAt,
          JSON.stringify(headers),
          erased ? "{}" : rawBody,
          status,
          erased ? "shop was erased by shop/redact" : null,
        ],
      );
      const stored = inserted.rows[0];
      if (!stored) return { status: 200, outcome: "duplicate" } as const;
      if (status === "ignored") return { status: 200, outcome: "ignored", eventId: stored.id } as const;
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

async function findOrCreateShop(client: PoolClient, domain: string): Promise<{ id: string; redacted_at: Date | null }> {
  // Two first deliveries for a new shop may race: the loser's statement cannot see the winner's row, the next one can.
  for (let attempt = 0; ; attempt += 1) {
    const shop = await client.query<{ id: string; redacted_at: Date | null }>(
      `WITH inserted AS (
         INSERT INTO shops (domain, updated_at) VALUES ($1, now())
         ON CONFLICT (domain) DO NOTHING RETURNING id, redacted_at)
       SELECT id, redacted_at FROM inserted UNION ALL SELECT id, redacted_at FROM shops WHERE domain = $1 LIMIT 1`,
      [domain],
    );
    if (shop.rows[0]) return shop.rows[0];
    if (attempt >= 2) throw new Error(`could not find or create shop ${domain}`);
  }
}

function parseTime(value: string | null): Date | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}
