// Per topic, for one shop: when a webhook last arrived and how many of the
// last 24 hours' deliveries failed to apply (failed or dead), for the sync
// health page. Scoped to the shop.
import type { PrismaClient } from "@prisma/client";
import { LIFECYCLE_TOPICS, PROCESSED_TOPICS } from "~/.server/shopify/topics";

export interface TopicHealth {
  topic: string;
  lastReceivedAt: Date;
  received24h: number;
  failed24h: number;
  pending: number;
}

/** Every topic the app subscribes to or is sent (data, lifecycle and compliance topics). */
const KNOWN_TOPICS = new Set([...PROCESSED_TOPICS, ...LIFECYCLE_TOPICS]);

export async function getWebhookHealth(
  db: PrismaClient,
  shop: { id: bigint },
  now = new Date(),
): Promise<TopicHealth[]> {
  const since = new Date(now.getTime() - 86_400_000);
  // Each part reads only what it needs, through an index: one probe per known topic for the last
  // delivery (shop_id, topic, received_at), the last 24 hours (shop_id, received_at) and the pending
  // events (shop_id, status). A big shop has millions of events; none of this reads them all.
  const rows = await db.$queryRaw<
    { topic: string; last_received_at: Date; received: bigint; failed: bigint; pending: bigint }[]
  >`
    WITH topics AS (SELECT unnest(${[...KNOWN_TOPICS]}::text[]) AS topic),
    latest AS (
      SELECT t.topic, (SELECT max(e.received_at) FROM webhook_events e
                       WHERE e.shop_id = ${shop.id} AND e.topic = t.topic) AS last_received_at
      FROM topics t
    ),
    recent AS (
      SELECT topic, count(*) AS received, count(*) FILTER (WHERE status IN ('failed', 'dead')) AS failed
      FROM webhook_events WHERE shop_id = ${shop.id} AND received_at > ${since} GROUP BY topic
    ),
    waiting AS (
      SELECT topic, count(*) AS pending FROM webhook_events
      WHERE shop_id = ${shop.id} AND status = 'pending' GROUP BY topic
    )
    SELECT latest.topic, latest.last_received_at, coalesce(recent.received, 0) AS received,
           coalesce(recent.failed, 0) AS failed, coalesce(waiting.pending, 0) AS pending
    FROM latest LEFT JOIN recent USING (topic) LEFT JOIN waiting USING (topic)
    WHERE latest.last_received_at IS NOT NULL
    ORDER BY latest.topic`;
  return rows.map((row) => ({
    topic: row.topic,
    lastReceivedAt: row.last_received_at,
    received24h: Number(row.received),
    failed24h: Number(row.failed),
    pending: Number(row.pending),
  }));
}
