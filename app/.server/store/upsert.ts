// Guarded upserts: the only way rows reach the resource tables.
// - An older updated_at never overwrites newer data: the update runs only when
//   the stored row is not newer. PostgreSQL's row lock makes two concurrent
//   writers of one row take turns, and the second re-checks the condition.
// - Shopify's updated_at has whole seconds: two versions written in one second
//   tie, and the webhook's X-Shopify-Triggered-At decides. The event processor
//   puts it in the transaction setting storehouse.event_triggered_at, so every
//   row written for that event carries it without threading it through.
// - deleted_at is never cleared by an upsert: a late update does not
//   resurrect a deleted resource (Shopify never reuses ids).
import type { PoolClient } from "~/.server/database/pool";
import type { Row, SqlValue } from "~/.server/normalize";

export interface UpsertOptions {
  /** Columns of the unique key besides shop_id. */
  key: string[];
}

const EVENT_TRIGGERED_AT = `NULLIF(current_setting('storehouse.event_triggered_at', true), '')::timestamptz`;

/** The stored row is not newer than the incoming one (t = stored, EXCLUDED = incoming). */
const NOT_NEWER = `t.updated_at IS NULL OR EXCLUDED.updated_at IS NULL OR t.updated_at < EXCLUDED.updated_at
  OR (t.updated_at = EXCLUDED.updated_at AND (t.event_triggered_at IS NULL OR EXCLUDED.event_triggered_at IS NULL
      OR t.event_triggered_at <= EXCLUDED.event_triggered_at))`;

function quote(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`unexpected identifier ${identifier}`);
  return `"${identifier}"`;
}

/** Inserts or updates one row; returns its id, or undefined when the stored row is newer. */
export async function upsertRow(
  client: PoolClient,
  table: string,
  shopId: string,
  row: Row,
  options: UpsertOptions,
): Promise<string | undefined> {
  const columns = ["shop_id", ...Object.keys(row)];
  const values: SqlValue[] = [shopId, ...Object.values(row)];
  const placeholders = columns.map((_, k) => `$${k + 1}`);
  columns.push("event_triggered_at");
  placeholders.push(EVENT_TRIGGERED_AT);
  const conflict = ["shop_id", ...options.key];
  const updates = columns
    .filter((column) => !conflict.includes(column) && column !== "deleted_at")
    .map((column) => `${quote(column)} = EXCLUDED.${quote(column)}`);
  updates.push(`"synced_at" = now()`);
  const guard = "updated_at" in row ? `WHERE ${NOT_NEWER}` : "";
  const result = await client.query<{ id: string }>(
    `INSERT INTO ${quote(table)} AS t (${columns.map(quote).join(", ")})
     VALUES (${placeholders.join(", ")})
     ON CONFLICT (${conflict.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")} ${guard}
     RETURNING id`,
    values,
  );
  return result.rows[0]?.id;
}

/** Tombstones a row, creating it when the delete arrives before anything else about it. */
export async function markDeleted(
  client: PoolClient,
  table: string,
  shopId: string,
  key: Row,
  deletedAt: Date = new Date(),
): Promise<void> {
  const columns = ["shop_id", ...Object.keys(key), "deleted_at"];
  const conflict = ["shop_id", ...Object.keys(key)];
  await client.query(
    `INSERT INTO ${quote(table)} AS t (${columns.map(quote).join(", ")})
     VALUES (${columns.map((_, k) => `$${k + 1}`).join(", ")})
     ON CONFLICT (${conflict.map(quote).join(", ")})
     DO UPDATE SET "deleted_at" = COALESCE(t.deleted_at, EXCLUDED.deleted_at), "synced_at" = now()`,
    [shopId, ...Object.values(key), deletedAt],
  );
}
