// The bench shop the dashboard and API benches read: one shop of the given
// size seeded with COPY into a fresh database of the embedded PostgreSQL
// (rows generated here, deterministically), its secondary indexes built
// after the load and its tables vacuumed, as a live database would be.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";

export interface BenchShopOptions {
  orders: number;
  products: number;
  customers: number;
  /** A database name's prefix and the shop's domain's first label. */
  name: string;
  /** Give each order a raw payload (Shopify's JSON, shortened) of about this many bytes; 0 leaves raw empty. */
  orderRawBytes?: number;
}

export const TIME_ZONE = "Europe/Berlin";
const HISTORY_DAYS = 730;

export async function seedBenchShop({
  orders: ORDERS,
  products: PRODUCTS,
  customers: CUSTOMERS,
  name,
  orderRawBytes = 0,
}: BenchShopOptions) {
  const SHOP = `${name}.myshopify.com`;
  const server = await startEmbeddedPostgres();
  const database = `${name.replace(/-/g, "_")}_${Date.now()}`;
  await createDatabaseIfMissing(server.serverUrl, database);
  const databaseUrl = `${server.serverUrl}/${database}`;
  await migrateDeploy(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => {});
  const shopId = (
    await pool.query<{ id: string }>(
      `INSERT INTO shops (domain, name, currency, timezone, scopes, installed_at, updated_at)
       VALUES ($1, 'Bench Dashboard', 'EUR', $2, 'read_orders,read_all_orders', now(), now()) RETURNING id`,
      [SHOP, TIME_ZONE],
    )
  ).rows[0]!.id;

  // Deterministic pseudo-random numbers, so every run seeds the same shop.
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = (n: number) => Math.floor(random() * n);

  async function copy(
    table: string,
    columns: string[],
    rows: (write: (values: unknown[]) => Promise<void>) => Promise<void>,
  ) {
    const client = await pool.connect();
    const stream: Writable = client.query(
      copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`),
    );
    let count = 0;
    await rows(async (values) => {
      const line = `${values.map((value) => (value === null ? "" : typeof value === "string" ? `"${value.replace(/"/g, '""')}"` : String(value))).join(",")}\n`;
      count += 1;
      if (!stream.write(line)) await once(stream, "drain");
    });
    stream.end();
    await finished(stream);
    client.release();
    return count;
  }

  // Bulk-load as one would: secondary indexes off during COPY, rebuilt once after (the trigram GINs alone
  // would otherwise be updated row by row).
  const SEEDED_TABLES = ["customers", "products", "product_variants", "orders", "order_line_items", "webhook_events"];
  const secondaryIndexes = (
    await pool.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [SEEDED_TABLES],
    )
  ).rows;
  for (const index of secondaryIndexes) await pool.query(`DROP INDEX "${index.name}"`);

  const started = performance.now();
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  await copy(
    "customers",
    [
      "id",
      "shop_id",
      "shopify_id",
      "first_name",
      "last_name",
      "email",
      "state",
      "orders_count",
      "total_spent",
      "created_at",
      "updated_at",
    ],
    async (write) => {
      for (let k = 1; k <= CUSTOMERS; k += 1) {
        const at = iso(now - pick(HISTORY_DAYS) * 86_400_000);
        const state = k % 10 === 0 ? "invited" : "enabled";
        await write([
          k,
          shopId,
          7_000_000_000_000 + k,
          `First${k}`,
          `Last${k}`,
          `c${k}@example.com`,
          state,
          pick(20),
          (pick(200_000) / 100).toFixed(2),
          at,
          at,
        ]);
      }
    },
  );
  const VARIANTS_PER_PRODUCT = 2;
  await copy(
    "products",
    ["id", "shop_id", "shopify_id", "title", "vendor", "product_type", "status", "tags", "created_at", "updated_at"],
    async (write) => {
      for (let k = 1; k <= PRODUCTS; k += 1) {
        const status = k % 20 === 0 ? "draft" : k % 25 === 0 ? "archived" : "active";
        const at = iso(now - pick(HISTORY_DAYS) * 86_400_000);
        await write([
          k,
          shopId,
          8_000_000_000_000 + k,
          `Product ${k}`,
          `Vendor ${k % 40}`,
          `Type ${k % 12}`,
          status,
          k % 7 === 0 ? "{summer,sale}" : "{}",
          at,
          at,
        ]);
      }
    },
  );
  await copy(
    "product_variants",
    [
      "id",
      "shop_id",
      "shopify_id",
      "product_id",
      "product_shopify_id",
      "title",
      "sku",
      "price",
      "inventory_quantity",
      "created_at",
      "updated_at",
    ],
    async (write) => {
      for (let k = 1; k <= PRODUCTS * VARIANTS_PER_PRODUCT; k += 1) {
        const product = Math.ceil(k / VARIANTS_PER_PRODUCT);
        await write([
          k,
          shopId,
          9_000_000_000_000 + k,
          product,
          8_000_000_000_000 + product,
          k % 2 ? "S" : "M",
          `SKU-${k}`,
          (10 + (k % 90)).toFixed(2),
          pick(200),
          iso(now),
          iso(now),
        ]);
      }
    },
  );
  /** An order's line items, the same on every call (seeded by the order's index): the orders pass and the line items pass agree. */
  function linesOf(k: number) {
    let state = (k * 2_654_435_761) % 2 ** 31;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
      const variant = 1 + Math.floor(next() * PRODUCTS * VARIANTS_PER_PRODUCT);
      return {
        variant,
        product: Math.ceil(variant / VARIANTS_PER_PRODUCT),
        price: 10 + (variant % 90),
        quantity: 1 + Math.floor(next() * 2),
      };
    });
  }
  const processedAt: string[] = [];
  await copy(
    "orders",
    [
      "id",
      "shop_id",
      "shopify_id",
      "name",
      "customer_id",
      "customer_shopify_id",
      "email",
      "tags",
      "currency",
      "total_price",
      "total_refunded",
      "financial_status",
      "fulfillment_status",
      "test",
      "processed_at",
      "created_at",
      "updated_at",
      ...(orderRawBytes > 0 ? ["raw"] : []),
    ],
    async (write) => {
      for (let k = 1; k <= ORDERS; k += 1) {
        // Newer days have more orders (a growing shop); 4% are refunded in full.
        const age = Math.floor(HISTORY_DAYS * random() ** 1.5);
        const at = iso(now - age * 86_400_000 - pick(86_400_000));
        processedAt.push(at);
        const customer = random() < 0.1 ? null : 1 + pick(CUSTOMERS);
        const total = linesOf(k).reduce((sum, line) => sum + line.price * line.quantity, 0);
        const refunded = random() < 0.04 ? total : 0;
        await write([
          k,
          shopId,
          5_000_000_000_000 + k,
          `#${1000 + k}`,
          customer,
          customer === null ? null : 7_000_000_000_000 + customer,
          customer === null ? null : `c${customer}@example.com`,
          k % 20 === 0 ? "{wholesale}" : "{}",
          "EUR",
          total.toFixed(2),
          refunded.toFixed(2),
          refunded ? "refunded" : "paid",
          k % 9 === 0 ? "unfulfilled" : "fulfilled",
          "false",
          at,
          at,
          at,
          ...(orderRawBytes > 0 ? [rawOrder(k, at, customer, total, orderRawBytes)] : []),
        ]);
      }
    },
  );
  let lineId = 0;
  await copy(
    "order_line_items",
    [
      "id",
      "shop_id",
      "shopify_id",
      "order_id",
      "order_shopify_id",
      "product_shopify_id",
      "variant_shopify_id",
      "title",
      "variant_title",
      "quantity",
      "current_quantity",
      "price",
      "total_discount",
      "created_at",
      "updated_at",
    ],
    async (write) => {
      for (let k = 1; k <= ORDERS; k += 1) {
        const at = processedAt[k - 1]!;
        for (const line of linesOf(k)) {
          lineId += 1;
          await write([
            lineId,
            shopId,
            6_000_000_000_000 + lineId,
            k,
            5_000_000_000_000 + k,
            8_000_000_000_000 + line.product,
            9_000_000_000_000 + line.variant,
            `Product ${line.product}`,
            line.variant % 2 ? "S" : "M",
            line.quantity,
            line.quantity,
            line.price.toFixed(2),
            "0",
            at,
            at,
          ]);
        }
      }
    },
  );
  // One webhook event per order (a big shop's log), mostly processed; a few failed in the last day.
  const EVENT_TOPICS = [
    "orders/create",
    "orders/updated",
    "products/update",
    "customers/update",
    "inventory_levels/update",
  ];
  const EVENTS = ORDERS;
  await copy(
    "webhook_events",
    ["id", "shop_id", "shop_domain", "topic", "webhook_id", "payload", "status", "attempts", "received_at"],
    async (write) => {
      for (let k = 1; k <= EVENTS; k += 1) {
        // Ids grow with time, as they do when events arrive.
        const at = iso(now - Math.floor(((EVENTS - k) / EVENTS) * HISTORY_DAYS * 86_400_000));
        const failed = k > EVENTS - 50 && k % 10 === 0;
        await write([
          k,
          shopId,
          SHOP,
          EVENT_TOPICS[k % EVENT_TOPICS.length]!,
          `bench-${k}`,
          '{"id":1}',
          failed ? "dead" : "processed",
          failed ? 8 : 1,
          at,
        ]);
      }
    },
  );
  const copied = (performance.now() - started) / 1000;
  const indexing = performance.now();
  // Two at a time: the machine's two cores.
  for (let k = 0; k < secondaryIndexes.length; k += 2) {
    await Promise.all(secondaryIndexes.slice(k, k + 2).map((index) => pool.query(index.definition)));
  }
  for (const table of SEEDED_TABLES) {
    await pool.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
    // VACUUM sets the visibility map, as autovacuum would on a live database: index-only scans need it.
    await pool.query(`VACUUM ANALYZE ${table}`);
  }
  const indexed = (performance.now() - indexing) / 1000;
  const seeded = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${ORDERS.toLocaleString("en")} orders, ${lineId.toLocaleString("en")} line items, ${PRODUCTS.toLocaleString("en")} products (${(PRODUCTS * VARIANTS_PER_PRODUCT).toLocaleString("en")} variants), ${CUSTOMERS.toLocaleString("en")} customers, ${EVENTS.toLocaleString("en")} webhook events in ${seeded.toFixed(0)} s (COPY ${copied.toFixed(0)} s, ${secondaryIndexes.length} indexes and VACUUM ANALYZE ${indexed.toFixed(0)} s)`,
  );

  return { server, databaseUrl, pool, shopId, shop: SHOP };
}

/** An order's raw payload as Shopify sends it (the fields that matter, and an address and note), padded to about `bytes`. */
function rawOrder(k: number, at: string, customer: number | null, total: number, bytes: number): string {
  const payload = {
    id: 5_000_000_000_000 + k,
    admin_graphql_api_id: `gid://shopify/Order/${5_000_000_000_000 + k}`,
    name: `#${1000 + k}`,
    email: customer === null ? null : `c${customer}@example.com`,
    created_at: at,
    updated_at: at,
    processed_at: at,
    currency: "EUR",
    total_price: total.toFixed(2),
    financial_status: "paid",
    customer: customer === null ? null : { id: 7_000_000_000_000 + customer, email: `c${customer}@example.com` },
    shipping_address: {
      first_name: "Ada",
      last_name: `Buyer ${k % 997}`,
      address1: `${k % 300} Market Street`,
      city: "Berlin",
      zip: `${10000 + (k % 9000)}`,
      country_code: "DE",
    },
    note: "",
  };
  const base = JSON.stringify(payload).length;
  payload.note = `Order ${k}: `.padEnd(Math.max(0, bytes - base), "gift wrap please, leave at the door. ");
  return JSON.stringify(payload);
}
