// Guarded upserts: the only way rows reach the resource tables.
// - An older updated_at never overwrites newer data: the update runs only when
//   the stored row is not newer. PostgreSQL's row lock makes two concurrent
//   writers of one row take turns, and the second re-checks the condition.
// - deleted_at is never cleared by an upsert: a late update does not
//   resurrect a deleted resource (Shopify never reuses ids).
import type { PoolClient } from "~/.server/database/pool";
import type { Row, SqlValue } from "~/.server/normalize";

export interface UpsertOptions {
  /** Columns of the unique key besides shop_id. */
  key: string[];
}

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
  const conflict = ["shop_id", ...options.key];
  const updates = columns
    .filter((column) => !conflict.includes(column) && column !== "deleted_at")
    .map((column) => `${quote(column)} = EXCLUDED.${quote(column)}`);
  updates.push(`"synced_at" = now()`);
  const guard =
    "updated_at" in row
      ? `WHERE t.updated_at IS NULL OR EXCLUDED.updated_at IS NULL OR t.updated_at <= EXCLUDED.updated_at`
      : "";
  const result = await client.query<{ id: string }>(
    `INSERT INTO ${quote(table)} AS t (${columns.map(quote).join(", ")})
     VALUES (${columns.map((_, k) => `$${k + 1}`).join(", ")})
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
