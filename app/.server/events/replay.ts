// Replaying events: back to pending and a fresh job, in one transaction.
import type { PgBoss } from "pg-boss";
import { inTransaction, type Pool } from "~/.server/database/pool";
import { enqueueWebhookEvents } from "~/.server/jobs";

export type ReplaySelection =
  | { eventId: string }
  /** A shop's events in these statuses (default failed and dead), received in [from, to] (UTC days) when given. */
  | { shopDomain: string; statuses?: ("failed" | "dead" | "processed")[]; from?: string; to?: string }
  /** The dashboard's replay: only events of the authenticated shop, whatever ids the form sent. */
  | { shopId: string; eventIds: string[] };

/** Requeues the selected events; returns their ids. Processed events replay too when named by id. */
export async function replayEvents(pool: Pool, queue: PgBoss, selection: ReplaySelection): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    const result =
      "eventIds" in selection
        ? await client.query<{ id: string }>(
            `UPDATE webhook_events SET status = 'pending', processed_at = NULL
             WHERE shop_id = $1 AND id = ANY($2::bigint[]) AND status <> 'ignored' RETURNING id`,
            [selection.shopId, selection.eventIds.filter((id) => /^\d+$/.test(id))],
          )
        : "eventId" in selection
          ? await client.query<{ id: string }>(
              `UPDATE webhook_events SET status = 'pending', processed_at = NULL WHERE id = $1 AND status <> 'ignored' RETURNING id`,
              [selection.eventId],
            )
          : await client.query<{ id: string }>(
              `UPDATE webhook_events SET status = 'pending', processed_at = NULL
               WHERE shop_domain = $1 AND status = ANY($2::text[])
                 AND ($3::date IS NULL OR received_at >= $3::date) AND ($4::date IS NULL OR received_at < $4::date + 1)
               RETURNING id`,
              [
                selection.shopDomain,
                selection.statuses ?? ["failed", "dead"],
                selection.from ?? null,
                selection.to ?? null,
              ],
            );
    const ids = result.rows.map((row) => row.id);
    if (ids.length) await enqueueWebhookEvents(queue, client, ids);
    return ids;
  });
}
