// Per topic, for one shop: when a webhook last arrived and how many of the
// last 24 hours' deliveries failed to apply (failed or dead), for the sync
// health page. Scoped to the shop.
import type { PrismaClient } from "@prisma/client";

export interface TopicHealth {
  topic: string;
  lastReceivedAt: Date;
  received24h: number;
  failed24h: number;
  pending: number;
}

export async function getWebhookHealth(db: PrismaClient, shopDomain: string, now = new Date()): Promise<TopicHealth[]> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return [];
  const since = new Date(now.getTime() - 86_400_000);
  const rows = await db.$queryRaw<
    { topic: string; last_received_at: Date; received: bigint; failed: bigint; pending: bigint }[]
  >`
    SELECT topic, max(received_at) AS last_received_at,
           count(*) FILTER (WHERE received_at > ${since}) AS received,
           count(*) FILTER (WHERE received_at > ${since} AND status IN ('failed', 'dead')) AS failed,
           count(*) FILTER (WHERE status = 'pending') AS pending
    FROM webhook_events WHERE shop_id = ${shop.id}
    GROUP BY topic ORDER BY topic`;
  return rows.map((row) => ({
    topic: row.topic,
    lastReceivedAt: row.last_received_at,
    received24h: Number(row.received),
    failed24h: Number(row.failed),
    pending: Number(row.pending),
  }));
}
