// npm run bench:dashboard [-- --orders 1000000 --products 50000 --customers 200000]
// Seeds one shop of that size with COPY (rows generated here, streamed into
// PostgreSQL), then times what each dashboard page's loader queries, as the
// loaders call them (without HTTP and auth), and prints p50/p95/max per page
// against the 150 ms p95 target. Figures only; nothing here passes or fails.
// The home page reads snapshots; BENCH_CUSTOM=1 also times a custom period
// (computed per request). Diagnosis: BENCH_EXPLAIN=1
// prints EXPLAIN ANALYZE of hand-written equivalents of its main queries.
import { answerHelp } from "./usage";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { customerFilters, getCustomer, listCustomers } from "~/.server/insights/browse/customers";
import { exportOrders, getOrder, listOrders, orderFilters } from "~/.server/insights/browse/orders";
import { getProduct, listProducts, productFilterChoices, productFilters } from "~/.server/insights/browse/products";
import { getEvent, listEvents } from "~/.server/insights/events";
import { loadHome, loadSyncHealth } from "~/.server/insights/home";
import { resolvePeriod } from "~/.server/insights/period";
import { getShopContext } from "~/.server/insights/shop-context";
import { refreshSnapshots } from "~/.server/insights/snapshots";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { createPrismaClient } from "~/db.server";

answerHelp(
  "npm run bench:dashboard [-- --orders 1000000 --products 50000 --customers 200000]\nSeeds one shop of that size with COPY (rows generated here, streamed into\nPostgreSQL), then times what each dashboard page's loader queries, as the\nloaders call them (without HTTP and auth), and prints p50/p95/max per page\nagainst the 150 ms p95 target. Figures only; nothing here passes or fails.\nThe home page reads snapshots; BENCH_CUSTOM=1 also times a custom period\n(computed per request). Diagnosis: BENCH_EXPLAIN=1\nprints EXPLAIN ANALYZE of hand-written equivalents of its main queries.",
);

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
const context = (await getShopContext(prisma, SHOP))!;
const orders = (params: Record<string, string>) => () =>
  listOrders(prisma, shop, orderFilters.parse(params), TIME_ZONE);
const customers = (params: Record<string, string>) => () =>
  listCustomers(prisma, shop, customerFilters.parse(params), TIME_ZONE);
const products = (params: Record<string, string>) => () =>
  Promise.all([listProducts(prisma, shop, productFilters.parse(params)), productFilterChoices(prisma, shop)]);
// A deep page: the cursor after the 5,000th order, newest first.
let deepCursor: string | undefined;
for (let k = 0; k < 100; k += 1) {
  deepCursor = (await listOrders(prisma, shop, orderFilters.parse({ after: deepCursor }), TIME_ZONE)).next ?? undefined;
}
const someCustomer = String(7_000_000_000_000 + Math.ceil(CUSTOMERS / 2));
const someOrder = String(5_000_000_000_000 + Math.ceil(ORDERS / 2));
const someProduct = String(8_000_000_000_000 + Math.ceil(PRODUCTS / 2));
const days30 = resolvePeriod("30d", TIME_ZONE).current;

// What the worker spends keeping the home page's snapshots current, once per change burst.
for (const kind of ["30d", "90d"] as const) await loadHome(prisma, context, resolvePeriod(kind, TIME_ZONE));
const refreshStarted = performance.now();
await prisma.dashboardSnapshot.updateMany({ where: { shopId: shop }, data: { changedAt: new Date() } });
const refreshed = await refreshSnapshots(prisma, context);
console.log(
  `Snapshot refresh (worker, off the request path): ${refreshed.join(", ")} in ${((performance.now() - refreshStarted) / 1000).toFixed(1)} s`,
);

const LOADERS: Record<string, () => Promise<unknown>> = {
  "home 30 days": () => loadHome(prisma, context, resolvePeriod("30d", TIME_ZONE)),
  "home 90 days": () => loadHome(prisma, context, resolvePeriod("90d", TIME_ZONE)),
  ...(process.env.BENCH_CUSTOM
    ? {
        "home custom 30 days (computed per request)": () =>
          loadHome(prisma, context, resolvePeriod("custom", TIME_ZONE, days30)),
      }
    : {}),
  "sync health": () => loadSyncHealth(prisma, context),
  "event log": () => listEvents(prisma, shop, {}),
  "event log dead": () => listEvents(prisma, shop, { status: "dead" }),
  "event detail": () => getEvent(prisma, shop, String(EVENTS - 10)),
  orders: orders({}),
  "orders page 101": orders({ after: deepCursor ?? "" }),
  "orders refunded": orders({ financial: "refunded" }),
  "orders unfulfilled, total desc": orders({ fulfillment: "unfulfilled", sort: "total desc" }),
  "orders last 30 days": orders({ from: days30.from, to: days30.to }),
  "orders tagged": orders({ tag: "wholesale" }),
  "orders search name": orders({ q: "#1234" }),
  "orders search email": orders({ q: "c4242@" }),
  "orders of a customer": orders({ customer: someCustomer }),
  "order detail": () => getOrder(prisma, shop, someOrder),
  customers: customers({}),
  "customers by spent": customers({ sort: "spent desc" }),
  "customers search": customers({ q: "last4242" }),
  "customer detail": () => getCustomer(prisma, shop, someCustomer),
  products: products({}),
  "products vendor+status": products({ vendor: "Vendor 7", status: "active" }),
  "products search": products({ q: "Product 4242" }),
  "product detail": () => getProduct(prisma, shop, someProduct),
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
    console.log(`  ${name.padEnd(34)} failed after ${times.length} runs: ${message}`);
    continue;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `  ${name.padEnd(34)} p50 ${at(0.5).toFixed(0).padStart(5)} ms   p95 ${at(0.95).toFixed(0).padStart(5)} ms   max ${times.at(-1)!.toFixed(0).padStart(5)} ms`,
  );
}

// CSV export: rows per second streaming the orders of the last 30 days.
const exportStarted = performance.now();
let exported = 0;
for await (const _row of exportOrders(
  prisma,
  shop,
  orderFilters.parse({ from: days30.from, to: days30.to }),
  TIME_ZONE,
)) {
  exported += 1;
}
const exportSeconds = (performance.now() - exportStarted) / 1000;
console.log(
  `\nCSV export of the last 30 days' orders: ${exported.toLocaleString("en")} rows in ${exportSeconds.toFixed(1)} s (${Math.round(exported / exportSeconds).toLocaleString("en")} rows/s)`,
);

await prisma.$disconnect();
await pool.end();
await server.stop();
