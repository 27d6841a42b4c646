// Guarded upserts: the only way rows reach the resource tables.
// - An older updated_at never overwrites newer data: the update runs only when
//   the stored row is not newer. PostgreSQL's row lock makes two concurrent
//   writers of one row take turns, and the second re-checks the condition.
// - Shopify's updated_at has whole seconds: two versions written in one second
//   tie, and the webhook's X-Shopify-Triggered-At decides. The event path
//   stamps it on every row it writes (column event_triggered_at, see
//   write-batch.ts), so one statement can carry rows of many events; rows
//   from sync carry none (NULL: they never win or lose a tie by it).
// - deleted_at is never cleared by an upsert: a late update does not
//   resurrect a deleted resource (Shopify never reuses ids).
import type { PoolClient } from "~/.server/database/pool";
import type { Row, SqlValue } from "~/.server/normalize";

export interface UpsertOptions {
  /** Columns of the unique key besides shop_id. */
  key: string[];
}

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
  const written = await upsertRows(client, table, shopId, [row], options);
  return written.values().next().value;
}

/** The key of a row as upsertRows reports it: its key columns' values joined by ":". */
export function rowKey(row: Row, key: string[]): string {
  return key.map((column) => String(row[column])).join(":");
}

// PostgreSQL takes at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

/**
 * Inserts or updates many rows of one table in as few statements as the
 * parameter limit allows (a backfill batch, or one webhook's children), with
 * the same guard as one row at a time. Returns the ids of the rows written,
 * by rowKey; a row whose stored version is newer is left out. Within one call
 * a key that appears twice keeps its last row (one statement cannot update a
 * row twice). Rows are written in key order, so two transactions writing
 * overlapping rows take their row locks in the same order (no deadlock).
 */
export async function upsertRows(
  client: PoolClient,
  table: string,
  shopId: string,
  rows: Row[],
  options: UpsertOptions,
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const byKey = new Map(rows.map((row) => [rowKey(row, options.key), row]));
  const unique = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  // Rows with different column sets would null each other's missing columns: one statement per set.
  const bySignature = new Map<string, Row[]>();
  for (const row of unique) {
    const signature = Object.keys(row).join(",");
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), row]);
  }
  for (const group of bySignature.values()) {
    const rowColumns = Object.keys(group[0]!);
    // Rows not stamped by the event path (sync) carry no trigger time.
    const stamped = rowColumns.includes("event_triggered_at");
    const columns = ["shop_id", ...rowColumns, ...(stamped ? [] : ["event_triggered_at"])];
    const conflict = ["shop_id", ...options.key];
    const updates = columns
      .filter((column) => !conflict.includes(column) && column !== "deleted_at")
      .map((column) => `${quote(column)} = EXCLUDED.${quote(column)}`);
    updates.push(`"synced_at" = now()`);
    const guard = rowColumns.includes("updated_at") ? `WHERE ${NOT_NEWER}` : "";
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / (rowColumns.length + 1)));
    for (let start = 0; start < group.length; start += perStatement) {
      const chunk = group.slice(start, start + perStatement);
      const values: SqlValue[] = [shopId];
      const tuples = chunk.map((row) => {
        const placeholders = rowColumns.map((column) => {
          values.push(row[column] ?? null);
          return `$${values.length}`;
        });
        return `($1, ${placeholders.join(", ")}${stamped ? "" : ", NULL"})`;
      });
      const result = await client.query<{ id: string; key: string }>(
        `INSERT INTO ${quote(table)} AS t (${columns.map(quote).join(", ")})
         VALUES ${tuples.join(", ")}
         ON CONFLICT (${conflict.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")} ${guard}
         RETURNING id, concat_ws(':', ${options.key.map((column) => `t.${quote(column)}`).join(", ")}) AS key`,
        values,
      );
      for (const row of result.rows) written.set(row.key, row.id);
    }
  }
  return written;
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
