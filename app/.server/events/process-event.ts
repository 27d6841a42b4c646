// Processing one stored webhook event, exactly once in effect: the event row
// is locked for the whole transaction (a second worker waits, then sees it
// processed), the store writes and the status change commit together, and a
// worker that dies mid-way rolls everything back for the retry.
import { inTransaction, type Pool } from "~/.server/database/pool";
import { MalformedPayloadError, parseShopifyJson, UnusablePayloadError, type Payload } from "~/.server/normalize";
import { MAX_JSON_DEPTH } from "~/.server/shopify/constants";
import { handlerFor } from "./apply-event";
import { checkPayloadResource, checkPayloadShop } from "./payload-checks";

export interface ProcessResult {
  outcome: "processed" | "skipped" | "ignored" | "dead" | "missing";
  topic?: string;
  shop?: string;
  webhookId?: string;
}

/** A stored event as the processors read it (EVENT_COLUMNS, from webhook_events e joined to shops s). */
export interface EventRow {
  id: string;
  webhook_id: string;
  shop_domain: string;
  shop_id: string | null;
  topic: string;
  status: string;
  payload: string;
  currency: string | null;
  shop_shopify_id: string | null;
  version: Date;
}

export const EVENT_COLUMNS = `e.id, e.webhook_id, e.shop_domain, e.shop_id, e.topic, e.status, e.payload::text AS payload,
  s.currency, s.shopify_id AS shop_shopify_id, COALESCE(e.triggered_at, e.received_at) AS version`;

export async function processWebhookEvent(pool: Pool, eventId: string): Promise<ProcessResult> {
  return inTransaction(pool, async (client) => {
    const found = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS}
       FROM webhook_events e LEFT JOIN shops s ON s.id = e.shop_id
       WHERE e.id = $1 FOR UPDATE OF e`,
      [eventId],
    );
    const event = found.rows[0];
    if (!event) return { outcome: "missing" };
    const meta = { topic: event.topic, shop: event.shop_domain, webhookId: event.webhook_id };
    if (event.status === "processed" || event.status === "ignored") return { outcome: "skipped", ...meta };
    const handler = handlerFor(event.topic);
    if (!handler || !event.shop_id) {
      await client.query(`UPDATE webhook_events SET status = 'ignored', processed_at = now() WHERE id = $1`, [eventId]);
      return { outcome: "ignored", ...meta };
    }
    try {
      await client.query("SAVEPOINT apply_event");
      const payload = parsePayload(event.payload);
      checkPayloadResource(event.topic, payload);
      checkPayloadShop(event.topic, payload, event.shop_shopify_id);
      await handler(payload, {
        client,
        shopId: event.shop_id,
        shopCurrency: event.currency,
        eventId,
        triggeredAt: event.version,
      });
    } catch (error) {
      if (!(error instanceof UnusablePayloadError)) throw error;
      // Retrying cannot help: keep the event, say why, do not retry. A payload
      // with nothing to apply is ignored; a broken one is dead (a failure to look at).
      const status = error instanceof MalformedPayloadError ? "dead" : "ignored";
      await client.query("ROLLBACK TO SAVEPOINT apply_event");
      await client.query(
        `UPDATE webhook_events SET status = $3, processed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1`,
        [eventId, `${error.name}: ${error.message}`.slice(0, 2000), status],
      );
      return { outcome: status, ...meta };
    }
    await client.query(
      `UPDATE webhook_events SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [eventId],
    );
    return { outcome: "processed", ...meta };
  });
}

/** The payload with 64-bit ids exact; JSON nested past the parser's stack is malformed, not a reason to retry. */
export function parsePayload(text: string): Payload {
  let payload: unknown;
  try {
    // The depth ingestion allows (stored before that limit, or written by hand): deeper is malformed.
    payload = parseShopifyJson(text, MAX_JSON_DEPTH);
  } catch (error) {
    if (error instanceof RangeError) throw new MalformedPayloadError("the payload nests too deep to parse");
    throw error;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new MalformedPayloadError("the payload is not a JSON object");
  }
  return payload as Payload;
}

/** Records a failed attempt; `final` makes the event dead (visible and replayable). */
export async function recordEventFailure(pool: Pool, eventId: string, error: unknown, final: boolean): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await pool.query(
    `UPDATE webhook_events SET status = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1 AND status <> 'processed'`,
    [eventId, final ? "dead" : "failed", message.slice(0, 2000)],
  );
}
