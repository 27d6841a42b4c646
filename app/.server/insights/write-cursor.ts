// Incremental pulls that never miss a row. Paging by Shopify's updated_at
// misses a row Storehouse writes later with an older updated_at (a backfill,
// a reconciliation repair, a late webhook). Every API resource table stamps
// each insert and update with its writing transaction (write_xid, by default
// and by trigger); pages follow (write_xid, id) and stop below the oldest
// transaction still in flight, so a write that commits later always lands
// after the cursor: a consumer following next_cursor sees every write at
// least once (a row updated again is seen again).
import type { Pool } from "~/.server/database/pool";

/** The tables the analyst API pages through. */
export const CURSOR_TABLES = ["orders", "products", "customers", "inventory_levels", "locations"] as const;
export type CursorTable = (typeof CURSOR_TABLES)[number];

export interface WritePosition {
  xid: string;
  id: string;
}

const START: WritePosition = { xid: "0", id: "0" };

/** The opaque cursor of a position (base64url of "xid:id"). */
export function encodeCursor(position: WritePosition): string {
  return Buffer.from(`${position.xid}:${position.id}`).toString("base64url");
}

/** The position a cursor names, or undefined for one this API did not issue. */
export function decodeCursor(cursor: string | undefined | null): WritePosition | undefined {
  if (!cursor) return START;
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString());
  return match ? { xid: match[1]!, id: match[2]! } : undefined;
}

export interface WritePage {
  /** Row ids (the tables' own), in write order. */
  ids: string[];
  next: WritePosition;
  hasMore: boolean;
}

/**
 * The next `limit` rows of the shop written after `after`, as far as every
 * earlier transaction has committed. `where` narrows them (SQL over the
 * table, aliased t; parameters from $4 on).
 */
export async function pageByWrites(
  pool: Pool,
  table: CursorTable,
  shopId: string,
  after: WritePosition,
  limit: number,
  where: { sql: string; params: unknown[] } = { sql: "TRUE", params: [] },
): Promise<WritePage> {
  if (!CURSOR_TABLES.includes(table)) throw new Error(`no write cursor on ${table}`);
  // Ordered by the columns, not the text the rows are returned as (an output name would win in ORDER BY).
  const { rows } = await pool.query<{ id: string; xid: string }>(
    `SELECT t.id::text AS id, t.write_xid::text AS xid FROM ${table} t
     WHERE t.shop_id = $1 AND (t.write_xid, t.id) > ($2::xid8, $3::bigint)
       AND t.write_xid < pg_snapshot_xmin(pg_current_snapshot())
       AND (${where.sql})
     ORDER BY t.write_xid, t.id LIMIT ${Number(limit) + 1}`,
    [shopId, after.xid, after.id, ...where.params],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    ids: page.map((row) => row.id),
    next: last ? { xid: last.xid, id: last.id } : after,
    hasMore: rows.length > limit,
  };
}
