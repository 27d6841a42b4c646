import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runPrisma } from "~/.server/database/migrations";
import { createTestDatabase, type TestDatabase } from "./support/database";

// The catalog of a database as analysts and Prisma see it: tables, columns,
// types, nullability, defaults, indexes and constraints.
async function describeCatalog(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query(`
      select table_name, column_name, udt_name, is_nullable, column_default, numeric_precision, numeric_scale
      from information_schema.columns
      where table_schema = 'public' and table_name <> '_prisma_migrations'
      order by table_name, column_name`);
    const indexes = await client.query(`
      select tablename, indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename <> '_prisma_migrations'
        -- Indexes on expressions exist in the migrations only (schema.prisma cannot say them).
        and indexname not like '%\\_browse\\_%'
      order by indexname`);
    const constraints = await client.query(`
      select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
      from pg_constraint
      where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '_prisma_migrations'
      order by conname`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let migrated: TestDatabase;
  let fromSchemaUrl: string;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    // A second, empty database built straight from schema.prisma.
    const serverUrl = inject("databaseServerUrl");
    const name = `${new URL(migrated.url).pathname.slice(1)}_schema`;
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    fromSchemaUrl = `${serverUrl}/${name}`;
    const script = await runPrisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      fromSchemaUrl,
    );
    const client = new pg.Client({ connectionString: fromSchemaUrl });
    await client.connect();
    await client.query(script.slice(script.indexOf("-- ")));
    await client.end();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: `${inject("databaseServerUrl")}/postgres` });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(fromSchemaUrl).pathname.slice(1)} with (force)`);
    await admin.end();
    await migrated.drop();
  });

  it("reproduce schema.prisma exactly (columns, types, indexes, constraints)", async () => {
    const [fromMigrations, fromSchema] = await Promise.all([
      describeCatalog(migrated.url),
      describeCatalog(fromSchemaUrl),
    ]);
    expect(fromSchema.columns.length).toBeGreaterThan(100);
    expect(fromMigrations).toEqual(fromSchema);
  });

  it("leave the snapshot the migration script diffs against equal to schema.prisma", () => {
    expect(readFileSync("prisma/migrations/last-migrated.schema.prisma", "utf8")).toBe(
      readFileSync("prisma/schema.prisma", "utf8"),
    );
  });

  it("create the tables and columns analysts rely on (CONTRACTS.md)", async () => {
    const { columns } = await describeCatalog(migrated.url);
    const has = (table: string, column: string) =>
      columns.some((row) => row.table_name === table && row.column_name === column);
    const contract: Record<string, string[]> = {
      shops: ["id", "domain", "name", "currency", "installed_at", "uninstalled_at"],
      products: ["title", "handle", "vendor", "product_type", "status", "tags"],
      product_variants: [
        "product_id",
        "sku",
        "title",
        "price",
        "compare_at_price",
        "inventory_item_id",
        "inventory_quantity",
      ],
      customers: ["email", "first_name", "last_name", "phone", "state", "tags"],
      orders: [
        "name",
        "order_number",
        "customer_id",
        "email",
        "currency",
        "subtotal_price",
        "total_price",
        "total_tax",
        "total_discounts",
        "financial_status",
        "fulfillment_status",
        "processed_at",
        "cancelled_at",
      ],
      order_line_items: ["order_id", "product_shopify_id", "variant_shopify_id", "sku", "title", "quantity", "price"],
      webhook_events: [
        "shop_domain",
        "topic",
        "webhook_id",
        "event_id",
        "api_version",
        "triggered_at",
        "received_at",
        "payload",
        "status",
        "attempts",
        "last_error",
        "processed_at",
      ],
    };
    const resourceTables = [
      "products",
      "product_variants",
      "inventory_items",
      "locations",
      "customers",
      "orders",
      "order_line_items",
      "refunds",
      "refund_line_items",
    ];
    for (const table of resourceTables) {
      contract[table] = [
        ...(contract[table] ?? []),
        "shop_id",
        "shopify_id",
        "created_at",
        "updated_at",
        "deleted_at",
        "synced_at",
        "raw",
      ];
    }
    const missing = Object.entries(contract).flatMap(([table, names]) =>
      names.filter((column) => !has(table, column)).map((column) => `${table}.${column}`),
    );
    expect(missing).toEqual([]);

    const typeOf = (table: string, column: string) =>
      columns.find((row) => row.table_name === table && row.column_name === column)?.udt_name;
    for (const table of resourceTables) expect(typeOf(table, "shopify_id"), table).toBe("int8");
    expect(typeOf("orders", "total_price")).toBe("numeric");
    expect(typeOf("orders", "raw")).toBe("jsonb");
    expect(typeOf("sessions", "user_id")).toBe("int8");
  });
});
