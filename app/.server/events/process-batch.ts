// Applying many stored webhook events in one transaction: what lets the worker
// keep up with a flash sale. Events of resource topics (events/apply-event.ts,
// RESOURCE_TOPICS) are normalized one by one, then written with one set of
// multi-row guarded upserts per kind and shop, as the backfill writes, and
// marked processed in the same commit. The result is the one applying them
// one at a time in trigger order would give:
// - a resource with several events in the batch (orders/create, then
//   orders/paid) is written once per round, oldest first, so each version
//   passes the same newer-wins guard it would alone;
// - every row carries its own event's trigger time (stampTriggeredAt);
// - the event rows stay locked until the commit, so a second worker holding a
//   duplicate job waits and then sees them processed.
// An event this cannot settle (another topic, a shop not yet known, an
// unexpected error while normalizing) is left to processWebhookEvent, one at
// a time; so is the whole batch when its transaction fails, so one event's
// failure reaches only its own job.
import { inTransaction, type Pool } from "~/.server/database/pool";
import { MalformedPayloadError, UnusablePayloadError } from "~/.server/normalize";
import * as store from "~/.server/store";
import type { NormalizedBatch, ResourceKind } from "~/.server/store";
import { resourceKindOf, RESOURCE_TOPICS } from "./apply-event";
import { checkPayloadResource, checkPayloadShop } from "./payload-checks";
import { EVENT_COLUMNS, parsePayload, type EventRow, type ProcessResult } from "./process-event";

export interface BatchOutcome {
  /** Events settled here, by id. */
  settled: Map<string, ProcessResult>;
  /** Events left for processWebhookEvent, one at a time. */
  oneByOne: string[];
}

interface Applicable {
  event: EventRow;
  kind: ResourceKind;
  normalized: unknown;
}

export async function processWebhookEventBatch(pool: Pool, eventIds: string[]): Promise<BatchOutcome> {
  return inTransaction(pool, async (client) => {
    // Key order: two batches holding the same events lock them in the same order.
    const { rows: events } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS}
       FROM webhook_events e LEFT JOIN shops s ON s.id = e.shop_id
       WHERE e.id = ANY($1::bigint[]) AND e.topic = ANY($2::text[]) AND e.shop_id IS NOT NULL
       ORDER BY e.id FOR UPDATE OF e`,
      [eventIds, Object.keys(RESOURCE_TOPICS)],
    );
    const settled = new Map<string, ProcessResult>();
    const oneByOne = new Set(eventIds);
    const applicable: Applicable[] = [];
    const unusable: { id: string; status: "dead" | "ignored"; error: string }[] = [];
    for (const event of events) {
      const meta = { topic: event.topic, shop: event.shop_domain, webhookId: event.webhook_id };
      if (event.status === "processed" || event.status === "ignored") {
        settled.set(event.id, { outcome: "skipped", ...meta });
        oneByOne.delete(event.id);
        continue;
      }
      const kind = resourceKindOf(event.topic)!;
      try {
        const payload = parsePayload(event.payload);
        checkPayloadResource(event.topic, payload);
        checkPayloadShop(event.topic, payload, event.shop_shopify_id);
        const normalized = store.normalizeResource(kind, payload, event.currency);
        store.stampTriggeredAt(kind, normalized, event.version);
        applicable.push({ event, kind, normalized });
      } catch (error) {
        // Anything but an unusable payload is for the one-at-a-time path to retry and report.
        if (!(error instanceof UnusablePayloadError)) continue;
        const status = error instanceof MalformedPayloadError ? "dead" : "ignored";
        unusable.push({ id: event.id, status, error: `${error.name}: ${error.message}`.slice(0, 2000) });
        settled.set(event.id, { outcome: status, ...meta });
      }
      oneByOne.delete(event.id);
    }

    for (const [shopId, shopEvents] of groupBy(applicable, (item) => item.event.shop_id!)) {
      const context = { client, shopId, shopCurrency: shopEvents[0]!.event.currency };
      for (const round of rounds(shopEvents)) await store.writeNormalized(round, context);
      for (const { event } of shopEvents) {
        settled.set(event.id, {
          outcome: "processed",
          topic: event.topic,
          shop: event.shop_domain,
          webhookId: event.webhook_id,
        });
      }
    }
    if (applicable.length) {
      await client.query(
        `UPDATE webhook_events SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE id = ANY($1::bigint[])`,
        [applicable.map(({ event }) => event.id)],
      );
    }
    if (unusable.length) {
      // Retrying cannot help: keep the event, say why, do not retry (as processWebhookEvent does).
      await client.query(
        `UPDATE webhook_events e SET status = u.status, processed_at = now(), attempts = attempts + 1, last_error = u.error
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u (id, status, error) WHERE e.id = u.id`,
        [unusable.map((item) => item.id), unusable.map((item) => item.status), unusable.map((item) => item.error)],
      );
    }
    return { settled, oneByOne: [...oneByOne] };
  });
}

/**
 * Splits one shop's events into rounds holding each resource at most once,
 * its versions in trigger order: round k holds every resource's k-th event.
 */
function rounds(items: Applicable[]): NormalizedBatch[] {
  const byResource = groupBy(items, (item) => `${item.kind}:${store.identityOf(item.kind, item.normalized as never)}`);
  const result: NormalizedBatch[] = [];
  for (const versions of byResource.values()) {
    versions.sort(
      (a, b) => a.event.version.getTime() - b.event.version.getTime() || Number(a.event.id) - Number(b.event.id),
    );
    versions.forEach((item, index) => {
      const round = (result[index] ??= {}) as Record<ResourceKind, unknown[]>;
      (round[item.kind] ??= []).push(item.normalized);
    });
  }
  return result;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
