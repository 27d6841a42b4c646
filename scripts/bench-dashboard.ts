// npm run bench:dashboard [-- --orders 1000000 --products 50000 --customers 200000]
// Seeds one shop of that size with COPY (rows generated here, streamed into
// PostgreSQL), then times what each dashboard page's loader queries, as the
// loaders call them (without HTTP and auth), and prints p50/p95/max per page
// against the 150 ms p95 target. Figures only; nothing here passes or fails.
// Diagnosis: BENCH_PARTS=1 times the home page's parts apart; BENCH_EXPLAIN=1
// prints EXPLAIN ANALYZE of hand-written equivalents of its main queries.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { getInsights } from "~/.server/dashboard/insights";
import { listEvents } from "~/.server/dashboard/events";
import { resolvePeriod } from "~/.server/dashboard/period";
import { getWebhookHealth } from "~/.server/dashboard/webhook-health";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { getShopOverview } from "~/.server/shops";
import { getSyncStatus } from "~/.server/sync/status";
import { createPrismaClient } from "~/db.server";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    products: { type: "string", default: "50000" },
    customers: { type: "string", default: "200000" },
    runs: { type: "string", default: "20" },
  },
});
const ORDERS = Number(values.orders);
const PRODUCTS = Number(values.products);
const CUSTOMERS = Number(values.customers);
const RUNS = Number(values.runs);
const SHOP = "bench-dashboard.myshopify.com";
const TIME_ZONE = "Europe/Berlin";
const HISTORY_DAYS = 730;

const server = await startEmbeddedPostgres();
const database = `bench_dashboard_${Date.now()}`;
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
  const stream: Writable = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`));
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

const started = performance.now();
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
await copy(
  "customers",
  ["id", "shop_id", "shopify_id", "first_name", "last_name", "email", "created_at", "updated_at"],
  async (write) => {
    for (let k = 1; k <= CUSTOMERS; k += 1) {
      const at = iso(now - pick(HISTORY_DAYS) * 86_400_000);
      await write([k, shopId, 7_000_000_000_000 + k, `First${k}`, `Last${k}`, `c${k}@example.com`, at, at]);
    }
  },
);
const VARIANTS_PER_PRODUCT = 2;
await copy(
  "products",
  ["id", "shop_id", "shopify_id", "title", "status", "created_at", "updated_at"],
  async (write) => {
    for (let k = 1; k <= PRODUCTS; k += 1) {
      await write([k, shopId, 8_000_000_000_000 + k, `Product ${k}`, "active", iso(now), iso(now)]);
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
    "currency",
    "total_price",
    "total_refunded",
    "financial_status",
    "fulfillment_status",
    "test",
    "processed_at",
    "created_at",
    "updated_at",
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
        "EUR",
        total.toFixed(2),
        refunded.toFixed(2),
        refunded ? "refunded" : "paid",
        "fulfilled",
        "false",
        at,
        at,
        at,
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
for (const table of ["customers", "products", "product_variants", "orders", "order_line_items"]) {
  await pool.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  await pool.query(`ANALYZE ${table}`);
}
const seeded = (performance.now() - started) / 1000;
console.log(
  `Seeded ${ORDERS.toLocaleString("en")} orders, ${lineId.toLocaleString("en")} line items, ${PRODUCTS.toLocaleString("en")} products (${(PRODUCTS * VARIANTS_PER_PRODUCT).toLocaleString("en")} variants), ${CUSTOMERS.toLocaleString("en")} customers with COPY in ${seeded.toFixed(0)} s`,
);

if (process.env.BENCH_EXPLAIN) {
  const range = resolvePeriod("30d", TIME_ZONE).current;
  const where = `o.shop_id = ${shopId} AND o.deleted_at IS NULL AND o.test IS NOT TRUE
    AND o.processed_at >= ('${range.from}'::date::timestamp AT TIME ZONE '${TIME_ZONE}')
    AND o.processed_at < (('${range.to}'::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`;
  for (const sql of [
    `SELECT count(*) FROM orders o WHERE ${where}`,
    `WITH o AS (SELECT o.id, o.customer_id FROM orders o WHERE ${where}), b AS (SELECT DISTINCT customer_id FROM o WHERE customer_id IS NOT NULL)
     SELECT count(*) FROM b CROSS JOIN LATERAL (SELECT min(processed_at) FROM orders WHERE shop_id = ${shopId} AND customer_id = b.customer_id AND deleted_at IS NULL AND test IS NOT TRUE) f`,
    `SELECT li.product_shopify_id, sum(li.price) FROM orders o JOIN order_line_items li ON li.order_id = o.id WHERE ${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
  ]) {
    const plan = await pool.query(`EXPLAIN ANALYZE ${sql}`);
    console.log(plan.rows.map((row) => row["QUERY PLAN"]).join("\n"), "\n");
  }
}
const prisma = createPrismaClient(databaseUrl);
const shop = BigInt(shopId);
const LOADERS: Record<string, () => Promise<unknown>> = {
  "home (30 days)": () =>
    Promise.all([
      getShopOverview(prisma, SHOP),
      getInsights(prisma, SHOP, resolvePeriod("30d", TIME_ZONE)),
      getSyncStatus(prisma, SHOP),
    ]),
  "home (90 days)": () =>
    Promise.all([
      getShopOverview(prisma, SHOP),
      getInsights(prisma, SHOP, resolvePeriod("90d", TIME_ZONE)),
      getSyncStatus(prisma, SHOP),
    ]),
  ...(process.env.BENCH_PARTS
    ? {
        "  overview": () => getShopOverview(prisma, SHOP),
        "  insights 30d": () => getInsights(prisma, SHOP, resolvePeriod("30d", TIME_ZONE)),
        "  sync status": () => getSyncStatus(prisma, SHOP),
      }
    : {}),
  "sync health": () => Promise.all([getSyncStatus(prisma, SHOP), getWebhookHealth(prisma, SHOP)]),
  "event log": () => listEvents(prisma, shop, {}),
};
console.log(`\nLoader latency over ${RUNS} runs each (target: p95 < 150 ms):`);
for (const [name, load] of Object.entries(LOADERS)) {
  const times: number[] = [];
  try {
    await load(); // Warm the plan and the cache once.
    for (let run = 0; run < RUNS; run += 1) {
      const t0 = performance.now();
      await load();
      times.push(performance.now() - t0);
    }
  } catch (error) {
    // A loader that fails at this size is a finding too: say so and go on to the next page.
    const message = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error);
    console.log(`  ${name.padEnd(16)} failed after ${times.length} runs: ${message}`);
    continue;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `  ${name.padEnd(16)} p50 ${at(0.5).toFixed(0).padStart(5)} ms   p95 ${at(0.95).toFixed(0).padStart(5)} ms   max ${times.at(-1)!.toFixed(0).padStart(5)} ms`,
  );
}

await prisma.$disconnect();
await pool.end();
await server.stop();
