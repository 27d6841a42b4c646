// Storing deliveries with group commit: deliveries that arrive while earlier
// ones are being written share the next transaction (one multi-row statement
// for shops and events, one multi-row job insert, one COMMIT). Each caller
// still hears back only once its row and job are committed, so a 200 still
// means durable; under load the per-delivery cost of round trips and commits
// is what shrinks. At low load a batch holds one delivery and nothing waits.
import type { PgBoss } from "pg-boss";
import { inTransaction, type Pool, type PoolClient } from "~/.server/database/pool";
import { enqueueWebhookEvents } from "~/.server/jobs";

export interface Delivery {
  shopDomain: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  apiVersion: string;
  triggeredAt: Date | null;
  /** JSON text of the X-Shopify-* headers worth keeping. */
  headers: string;
  /** The body as jsonb can hold it (see inspect-body.ts). */
  body: string;
  /** The exact body when `body` had to differ from it, else null. */
  exactBody: string | null;
  /** The app processes this topic (otherwise it is stored as `ignored`). */
  processed: boolean;
  /** A lifecycle topic: kept in full even for a shop erased by shop/redact. */
  lifecycle: boolean;
}

export type StoredDelivery = { outcome: "accepted" | "ignored"; eventId: string } | { outcome: "duplicate" };

export interface DeliveryStore {
  /** Resolves once the delivery (and its job) is committed; rejects when it could not be. */
  store(delivery: Delivery): Promise<StoredDelivery>;
}

export interface DeliveryStoreLimits {
  /** Transactions writing deliveries at once; later deliveries queue for the next batch. */
  maxInFlight: number;
  maxBatchSize: number;
  /** A batch stops growing past this many body bytes (several-megabyte orders are normal). */
  maxBatchBytes: number;
}

export const DEFAULT_DELIVERY_STORE_LIMITS: DeliveryStoreLimits = {
  maxInFlight: 4,
  maxBatchSize: 100,
  maxBatchBytes: 8 * 1024 * 1024,
};

interface Waiting {
  delivery: Delivery;
  resolve: (stored: StoredDelivery) => void;
  reject: (error: unknown) => void;
}

export function createDeliveryStore(
  pool: Pool,
  queue: () => Promise<PgBoss>,
  limits: DeliveryStoreLimits = DEFAULT_DELIVERY_STORE_LIMITS,
): DeliveryStore {
  const waiting: Waiting[] = [];
  let inFlight = 0;

  function takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    let bytes = 0;
    while (waiting.length && batch.length < limits.maxBatchSize) {
      const next = waiting[0]!;
      if (batch.length && bytes + next.delivery.body.length > limits.maxBatchBytes) break;
      bytes += next.delivery.body.length;
      batch.push(waiting.shift()!);
    }
    return batch;
  }

  function pump(): void {
    while (inFlight < limits.maxInFlight && waiting.length) {
      const batch = takeBatch();
      inFlight += 1;
      void writeBatch(pool, queue, batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return {
    store(delivery) {
      return new Promise((resolve, reject) => {
        waiting.push({ delivery, resolve, reject });
        pump();
      });
    },
  };
}

/** Never rejects: every waiting caller is settled. */
async function writeBatch(pool: Pool, queue: () => Promise<PgBoss>, batch: Waiting[]): Promise<void> {
  try {
    const boss = await queue();
    const results = await inTransaction(pool, (client) =>
      storeAndEnqueue(
        client,
        boss,
        batch.map((item) => item.delivery),
      ),
    );
    batch.forEach((item, index) => item.resolve(results[index]!));
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.reject(error);
      return;
    }
    // One bad delivery (say, a body PostgreSQL refuses as JSON) must not fail
    // the others: write each alone so the error reaches only its own caller.
    await Promise.all(batch.map((item) => writeBatch(pool, queue, [item])));
  }
}

async function storeAndEnqueue(client: PoolClient, boss: PgBoss, deliveries: Delivery[]): Promise<StoredDelivery[]> {
  // The same webhook id twice in one batch: the first is stored, the rest are duplicates.
  const firstIndex = new Map<string, number>();
  deliveries.forEach((delivery, index) => {
    if (!firstIndex.has(delivery.webhookId)) firstIndex.set(delivery.webhookId, index);
  });
  const unique = [...firstIndex.values()].map((index) => deliveries[index]!);
  const stored = await storeDeliveries(client, unique);
  const pending = [...stored.values()].filter((row) => row.status === "pending").map((row) => row.id);
  if (pending.length) await enqueueWebhookEvents(boss, client, pending);
  return deliveries.map((delivery, index): StoredDelivery => {
    const row = stored.get(delivery.webhookId);
    if (!row || firstIndex.get(delivery.webhookId) !== index) return { outcome: "duplicate" };
    return { outcome: row.status === "ignored" ? "ignored" : "accepted", eventId: row.id };
  });
}

interface StoredRow {
  id: string;
  status: string;
}

const COLUMNS_PER_DELIVERY = 11;
const PLACEHOLDER_TYPES = [
  "text",
  "text",
  "text",
  "text",
  "text",
  "timestamptz",
  "jsonb",
  "text",
  "text",
  "boolean",
  "boolean",
];

/**
 * One statement for the whole batch: find or create each shop (the HMAC
 * proves the delivery came from Shopify for this app), then store each event
 * unless its webhook id is known. An erased shop stays erased until it
 * installs again: only the fact of the delivery is kept. Returns the stored
 * rows by webhook id; a webhook id missing from the map was a duplicate.
 */
async function storeDeliveries(client: PoolClient, deliveries: Delivery[]): Promise<Map<string, StoredRow>> {
  const stored = new Map<string, StoredRow>();
  let remaining = deliveries;
  for (let attempt = 0; attempt < 3 && remaining.length; attempt += 1) {
    const values: unknown[] = [];
    const rows = remaining.map((delivery, row) => {
      values.push(
        delivery.shopDomain,
        delivery.topic,
        delivery.webhookId,
        delivery.eventId,
        delivery.apiVersion,
        delivery.triggeredAt,
        delivery.headers,
        delivery.body,
        delivery.exactBody,
        delivery.processed,
        delivery.lifecycle,
      );
      const placeholders = PLACEHOLDER_TYPES.map(
        (type, column) => `$${row * COLUMNS_PER_DELIVERY + column + 1}::${type}`,
      );
      return `(${placeholders.join(", ")})`;
    });
    const result = await client.query<{
      webhook_id: string;
      id: string | null;
      status: string | null;
      shop_found: boolean;
    }>(
      `WITH input (shop_domain, topic, webhook_id, event_id, api_version, triggered_at, headers, body, exact_body, processed, lifecycle) AS (
         VALUES ${rows.join(", ")}),
       created AS (
         INSERT INTO shops (domain, updated_at) SELECT DISTINCT shop_domain, now() FROM input ORDER BY 1
         ON CONFLICT (domain) DO NOTHING RETURNING id, domain, redacted_at),
       shop AS (
         -- A data-modifying CTE's rows are invisible to the rest of the statement: no double counting.
         SELECT id, domain, redacted_at FROM created
         UNION ALL SELECT id, domain, redacted_at FROM shops WHERE domain IN (SELECT shop_domain FROM input)),
       stored AS (
         INSERT INTO webhook_events
           (shop_id, shop_domain, topic, webhook_id, event_id, api_version, triggered_at, headers, payload, raw_body, status, last_error)
         SELECT shop.id, input.shop_domain, input.topic, input.webhook_id, input.event_id, input.api_version,
           input.triggered_at, input.headers,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT input.lifecycle THEN '{}'::jsonb ELSE input.body::jsonb END,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT input.lifecycle THEN NULL ELSE input.exact_body END,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT input.lifecycle THEN 'ignored'
                WHEN input.processed THEN 'pending' ELSE 'ignored' END,
           CASE WHEN shop.redacted_at IS NOT NULL AND NOT input.lifecycle THEN 'shop was erased by shop/redact' END
         FROM input JOIN shop ON shop.domain = input.shop_domain
         -- Key order: two batches holding the same ids take their locks in the same order.
         ORDER BY input.webhook_id
         ON CONFLICT (webhook_id) DO NOTHING
         RETURNING id, webhook_id, status)
       SELECT input.webhook_id, stored.id, stored.status, shop.id IS NOT NULL AS shop_found
       FROM input
       LEFT JOIN stored ON stored.webhook_id = input.webhook_id
       LEFT JOIN shop ON shop.domain = input.shop_domain`,
      values,
    );
    const retry = new Set<string>();
    for (const row of result.rows) {
      if (row.id) stored.set(row.webhook_id, { id: row.id, status: row.status! });
      // No shop visible: a concurrent first delivery for a new shop created it after this statement began.
      else if (!row.shop_found) retry.add(row.webhook_id);
    }
    remaining = remaining.filter((delivery) => retry.has(delivery.webhookId));
  }
  if (remaining.length) throw new Error(`could not find or create shop ${remaining[0]!.shopDomain}`);
  return stored;
}
