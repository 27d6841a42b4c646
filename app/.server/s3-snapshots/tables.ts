// What a snapshot holds: the shop's resource tables (never sessions, tokens,
// keys or queues), each column mapped to a Parquet type query engines read
// without set-up: 64-bit ids as INT64, money as DECIMAL, timestamps as UTC
// timestamps, JSON as strings, text arrays as lists.
import pg from "pg";

/** The tables, parents before children (restore loads them in this order). */
export const SNAPSHOT_TABLES = [
  "locations",
  "products",
  "inventory_items",
  "product_variants",
  "inventory_levels",
  "customers",
  "orders",
  "order_line_items",
  "refunds",
  "refund_line_items",
  "carts",
] as const;

export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number] | "shop";

/** The shop's own row: what identifies it and its settings; not its scopes or raw payload. */
export const SHOP_COLUMNS = [
  "id",
  "shopify_id",
  "domain",
  "name",
  "email",
  "currency",
  "timezone",
  "plan",
  "installed_at",
  "uninstalled_at",
  "created_at",
  "updated_at",
];

export interface SnapshotColumn {
  name: string;
  /** The SELECT expression that prints the value for DuckDB's CSV reader. */
  select: string;
  /** The DuckDB (and so Parquet) type. */
  duckType: string;
  /** How DuckDB reads it from PostgreSQL's CSV (the type, then the expression that gives duckType). */
  csvType: string;
  fromCsv: string;
  /** How restore turns DuckDB's value back into PostgreSQL's CSV input. */
  restore: string;
  pgType: string;
}

interface CatalogueRow {
  column_name: string;
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/** The columns of a table as a snapshot stores them; internal columns (xid8 write stamps) are left out. */
export async function snapshotColumns(
  db: pg.Pool | pg.PoolClient | pg.Client,
  table: string,
  only?: string[],
): Promise<SnapshotColumn[]> {
  const { rows } = await db.query<CatalogueRow>(
    `SELECT column_name, data_type, udt_name, numeric_precision, numeric_scale
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
     ORDER BY ordinal_position`,
    [table === "shop" ? "shops" : table],
  );
  if (rows.length === 0) throw new Error(`no table ${table} in this database`);
  return rows
    .filter((row) => !only || only.includes(row.column_name))
    .map(columnOf)
    .filter((column): column is SnapshotColumn => column !== null);
}

function columnOf(row: CatalogueRow): SnapshotColumn | null {
  // Quoted the same way in PostgreSQL's SQL and DuckDB's.
  const name = pg.escapeIdentifier(row.column_name);
  const plain = { name: row.column_name, select: name, restore: name, fromCsv: name, pgType: row.data_type };
  const typed = (duckType: string) => ({ ...plain, duckType, csvType: duckType });
  switch (row.data_type) {
    case "bigint":
      return typed("BIGINT");
    case "integer":
      return typed("INTEGER");
    case "smallint":
      return typed("SMALLINT");
    case "boolean":
      return typed("BOOLEAN");
    case "double precision":
    case "real":
      return typed("DOUBLE");
    case "numeric": {
      const precision = Math.min(row.numeric_precision ?? 38, 38);
      const scale = row.numeric_precision ? (row.numeric_scale ?? 0) : 10;
      return typed(`DECIMAL(${precision},${scale})`);
    }
    case "text":
    case "character varying":
    case "character":
    case "uuid":
      return typed("VARCHAR");
    case "json":
    case "jsonb":
      return { ...typed("VARCHAR"), select: `${name}::text` };
    case "date":
      return typed("DATE");
    case "timestamp with time zone":
      return typed("TIMESTAMPTZ");
    case "timestamp without time zone":
      // Stored as UTC wall time: labelled UTC so engines read the instant.
      return { ...typed("TIMESTAMPTZ"), select: `${name} AT TIME ZONE 'UTC'` };
    case "ARRAY": {
      if (row.udt_name !== "_text" && row.udt_name !== "_int8" && row.udt_name !== "_varchar") return null;
      const list = row.udt_name === "_int8" ? "BIGINT[]" : "VARCHAR[]";
      return {
        ...plain,
        // PostgreSQL prints the array as JSON; DuckDB reads it into a list; restore prints it back as an array literal.
        select: `to_json(${name})::text`,
        duckType: list,
        csvType: "VARCHAR",
        fromCsv: `CAST(CAST(${name} AS JSON) AS ${list})`,
        restore: `CASE WHEN ${name} IS NULL THEN NULL ELSE '{' || array_to_string(list_transform(${name}, x -> '"' || replace(replace(x::VARCHAR, '\\', '\\\\'), '"', '\\"') || '"'), ',') || '}' END`,
      };
    }
    default:
      return null;
  }
}
