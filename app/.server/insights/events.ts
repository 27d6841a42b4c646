// The event log: one shop's webhook events, newest first, filtered by topic,
// status and day, paged by id (a cursor, so deep pages stay cheap). Every
// query is scoped to the shop; an id of another shop's event is not found.
import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";

import { EVENT_STATUSES } from "~/vocabulary";
import { LIFECYCLE_TOPICS, PROCESSED_TOPICS } from "~/.server/shopify/topics";

export const eventFilters = z.object({
  topic: z.string().max(100).optional().catch(undefined),
  status: z.enum(EVENT_STATUSES).optional().catch(undefined),
  /** YYYY-MM-DD, UTC days. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  /** Events older than this id (the last id of the previous page). */
  before: z.string().regex(/^\d+$/).optional().catch(undefined),
});
export type EventFilters = z.infer<typeof eventFilters>;

export interface EventRow {
  id: string;
  topic: string;
  status: string;
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
  lastError: string | null;
}

export const EVENTS_PAGE_SIZE = 50;

export async function listEvents(
  db: PrismaClient,
  shopId: bigint,
  filters: EventFilters,
): Promise<{ events: EventRow[]; nextBefore: string | null; topics: string[] }> {
  const conditions = [Prisma.sql`shop_id = ${shopId}`];
  if (filters.topic) conditions.push(Prisma.sql`topic = ${filters.topic}`);
  if (filters.status) conditions.push(Prisma.sql`status = ${filters.status}`);
  if (filters.from) conditions.push(Prisma.sql`received_at >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`received_at < ${filters.to}::date + 1`);
  if (filters.before) conditions.push(Prisma.sql`id < ${BigInt(filters.before)}`);
  const [rows] = await Promise.all([
    db.$queryRaw<
      {
        id: bigint;
        topic: string;
        status: string;
        attempts: number;
        received_at: Date;
        processed_at: Date | null;
        last_error: string | null;
      }[]
    >`
      SELECT id, topic, status, attempts, received_at, processed_at, last_error FROM webhook_events
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY id DESC LIMIT ${EVENTS_PAGE_SIZE + 1}`,
  ]);
  const page = rows.slice(0, EVENTS_PAGE_SIZE);
  return {
    events: page.map((row) => ({
      id: row.id.toString(),
      topic: row.topic,
      status: row.status,
      attempts: row.attempts,
      receivedAt: row.received_at,
      processedAt: row.processed_at,
      lastError: row.last_error,
    })),
    nextBefore: rows.length > EVENTS_PAGE_SIZE ? page.at(-1)!.id.toString() : null,
    // The topics Storehouse knows, not a DISTINCT over the shop's events (millions on a big shop).
    topics: [...new Set([...PROCESSED_TOPICS, ...LIFECYCLE_TOPICS])].sort(),
  };
}

export interface EventDetail extends EventRow {
  webhookId: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  /** As stored, pretty-printed by PostgreSQL: 64-bit ids stay exact (a JS number would round them). */
  payload: string;
}

export async function getEvent(db: PrismaClient, shopId: bigint, eventId: string): Promise<EventDetail | null> {
  if (!/^\d+$/.test(eventId)) return null;
  const [row] = await db.$queryRaw<
    {
      id: bigint;
      topic: string;
      status: string;
      attempts: number;
      webhook_id: string;
      api_version: string | null;
      triggered_at: Date | null;
      received_at: Date;
      processed_at: Date | null;
      last_error: string | null;
      payload: string;
    }[]
  >`
    SELECT id, topic, status, attempts, webhook_id, api_version, triggered_at, received_at, processed_at, last_error,
           jsonb_pretty(payload) AS payload
    FROM webhook_events WHERE id = ${BigInt(eventId)} AND shop_id = ${shopId}`;
  if (!row) return null;
  return {
    id: row.id.toString(),
    topic: row.topic,
    status: row.status,
    attempts: row.attempts,
    webhookId: row.webhook_id,
    apiVersion: row.api_version,
    triggeredAt: row.triggered_at,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    lastError: row.last_error,
    payload: row.payload,
  };
}
