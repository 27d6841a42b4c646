// Cursor (keyset) pagination for the data browsers. A page is read by
// comparing (shop_id, sort key, id) as one row value with the last row seen,
// so the btree index on the same three expressions serves page 1 and page
// 10,000 alike; OFFSET would read and throw away every earlier row.
// Sort keys are never NULL (the indexes coalesce them): a NULL in a row
// comparison would end the page early.
import { Prisma, type PrismaClient } from "@prisma/client";

export type SortDirection = "asc" | "desc";

/** One sort order a browser offers: a non-null SQL expression over the table alias and its type. */
export interface SortKey {
  expression: Prisma.Sql;
  type: "timestamptz" | "numeric" | "text";
}

export interface PageRequest {
  after?: string | undefined;
  before?: string | undefined;
}

export interface PageOf<Row> {
  rows: Row[];
  /** Cursor of the page after this one, or null on the last page. */
  next: string | null;
  /** Cursor of the page before this one, or null on the first page. */
  previous: string | null;
}

/** A cursor names a row's place in one sort order: its sort key (as text) and id. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      /^\d{1,19}$/.test(value[1])
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // A cursor edited by hand reads as "first page", not as an error page.
  }
  return null;
}

function castTo(value: string, type: SortKey["type"]): Prisma.Sql {
  if (type === "timestamptz") return Prisma.sql`${value}::timestamptz`;
  if (type === "numeric") return Prisma.sql`${value}::numeric`;
  return Prisma.sql`${value}::text`;
}

export interface KeysetQuery {
  /** Columns to return (the sort key and id are added). */
  select: Prisma.Sql;
  /** FROM clause with joins; the browsed table is aliased `t`. */
  from: Prisma.Sql;
  shopId: bigint;
  /** Conditions besides the shop (already SQL). */
  where: Prisma.Sql[];
  sort: SortKey;
  direction: SortDirection;
  limit: number;
  page: PageRequest;
}

/** One page of rows in the requested order, with the cursors of its neighbours. */
export async function keysetPage<Row extends object>(db: PrismaClient, query: KeysetQuery): Promise<PageOf<Row>> {
  const before = decodeCursor(query.page.before);
  const after = before ? null : decodeCursor(query.page.after);
  // Reading backwards (the page before a cursor) reverses the order, then the rows.
  const backwards = before !== null;
  const descending = (query.direction === "desc") !== backwards;
  const cursor = before ?? after;
  const conditions = [Prisma.sql`t.shop_id = ${query.shopId}`, ...query.where];
  if (cursor) {
    const row = Prisma.sql`(t.shop_id, ${query.sort.expression}, t.id)`;
    const bound = Prisma.sql`(${query.shopId}, ${castTo(cursor.key, query.sort.type)}, ${BigInt(cursor.id)})`;
    conditions.push(descending ? Prisma.sql`${row} < ${bound}` : Prisma.sql`${row} > ${bound}`);
  }
  const order = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await db.$queryRaw<(Row & { sort_key: string; row_id: string })[]>`
    SELECT ${query.select}, (${query.sort.expression})::text AS sort_key, t.id::text AS row_id
    FROM ${query.from}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY t.shop_id ${order}, ${query.sort.expression} ${order}, t.id ${order}
    LIMIT ${query.limit + 1}`;
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const cursorOf = (row: { sort_key: string; row_id: string }) => encodeCursor(row.sort_key, row.row_id);
  return {
    rows: page.map(({ sort_key: _key, row_id: _id, ...row }) => row as unknown as Row),
    next: last && (backwards || more) ? cursorOf(last) : null,
    previous: first && (backwards ? more : cursor !== null) ? cursorOf(first) : null,
  };
}

/** Every row of a filtered view, in pages of `batch`, for exports: never the whole set in memory. */
export async function* keysetRows<Row extends object>(
  db: PrismaClient,
  query: Omit<KeysetQuery, "limit" | "page">,
  batch = 1000,
): AsyncGenerator<Row> {
  let after: string | undefined;
  for (;;) {
    const page = await keysetPage<Row>(db, { ...query, limit: batch, page: { after } });
    yield* page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
