// npm run bench:api [-- --orders 1000000 --products 50000 --customers 200000 --runs 20]
// Seeds one shop of that size (the dashboard bench's COPY seeding), then
// times the analyst API's routes as a client calls them (the route loaders
// with a real key: auth, rate limit, access log included; no HTTP) and
// prints p50/p95 per list, detail and metrics route, the first rollup build,
// and a cold and a warm walk of 100-row pages. Target: p95 < 50 ms for a
// 100-row page and any metrics period. Figures only; nothing here passes or fails.
// First: a log line per API request would drown the figures (set LOG_LEVEL to see them).
import "./quiet-logs";
import { parseArgs } from "node:util";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { issueApiKey } from "~/.server/api-keys";
import { createPrismaClient } from "~/db.server";
import { loader as getCustomer } from "~/routes/api.v1.customers.$id";
import { loader as listCustomers } from "~/routes/api.v1.customers";
import { loader as salesMetrics } from "~/routes/api.v1.metrics.sales";
import { loader as customerMetrics } from "~/routes/api.v1.metrics.customers";
import { loader as productMetrics } from "~/routes/api.v1.metrics.products";
import { loader as inventoryMetrics } from "~/routes/api.v1.metrics.inventory";
import { loader as getOrder } from "~/routes/api.v1.orders.$id";
import { loader as listOrders } from "~/routes/api.v1.orders";
import { loader as getProduct } from "~/routes/api.v1.products.$id";
import { loader as listProducts } from "~/routes/api.v1.products";
import { seedBenchShop } from "./bench-seed";
import { answerHelp } from "./usage";

answerHelp(
  "npm run bench:api [-- --orders 1000000 --products 50000 --customers 200000 --runs 20]\nSeeds one shop of that size with COPY, then times each analyst API route\n(lists of 100 rows, details, sales metrics for several periods), the first\nrollup build, and a cold and a warm cursor walk. Target: p95 < 50 ms.\nFigures only; nothing here passes or fails.",
);

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    products: { type: "string", default: "50000" },
    customers: { type: "string", default: "200000" },
    runs: { type: "string", default: "20" },
  },
});
const RUNS = Number(values.runs);

const { server, databaseUrl, pool, shopId } = await seedBenchShop({
  orders: Number(values.orders),
  products: Number(values.products),
  customers: Number(values.customers),
  name: "bench-api",
});
const db = createPrismaClient(databaseUrl);
const { key } = await issueApiKey(db, BigInt(shopId), "bench");
// The routes reach the database through the web's dependencies: these are the bench's (no rate limit to speak of).
globalThis.__storehouseWeb = {
  db,
  pool,
  queue: () => Promise.reject(new Error("no queue in the bench")),
  apiRateLimitPerMinute: 1_000_000_000,
  ingestion: null as never,
};

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
async function call(loader: Loader, path: string, params: Record<string, string> = {}): Promise<unknown> {
  const response = await loader({
    request: new Request(`https://bench.example${path}`, { headers: { authorization: `Bearer ${key}` } }),
    params,
    context: {},
  });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

const sample = async (name: string, run: () => Promise<unknown>, runs = RUNS) => {
  const times: number[] = [];
  for (let k = 0; k < runs; k += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `  ${name.padEnd(40)} p50 ${at(0.5).toFixed(1).padStart(6)} ms   p95 ${at(0.95).toFixed(1).padStart(6)} ms   max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
};

const { rows: ids } = await pool.query<{ order_id: string; product_id: string; customer_id: string }>(
  `SELECT (SELECT shopify_id::text FROM orders WHERE shop_id = $1 ORDER BY id DESC LIMIT 1) AS order_id,
          (SELECT shopify_id::text FROM products WHERE shop_id = $1 LIMIT 1) AS product_id,
          (SELECT shopify_id::text FROM customers WHERE shop_id = $1 LIMIT 1) AS customer_id`,
  [shopId],
);
const { order_id: orderId, product_id: productId, customer_id: customerId } = ids[0]!;

// The first metrics call builds the shop's daily rollups from every order: the worker does this after a backfill.
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const buildStarted = performance.now();
await call(salesMetrics, `/api/v1/metrics/sales?from=${daysAgo(30)}&to=${today}`);
console.log(
  `\nDaily sales rollups built from every order (first metrics call): ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`,
);

console.log(`\nRoute latency over ${RUNS} runs each (target: p95 < 50 ms):`);
await sample("orders, 100 rows", () => call(listOrders, "/api/v1/orders?limit=100"));
await sample("orders, 100 rows, paid, last 30 days", () =>
  call(listOrders, `/api/v1/orders?limit=100&financial_status=paid&created_at_min=${daysAgo(30)}T00:00:00Z`),
);
await sample("products, 100 rows", () => call(listProducts, "/api/v1/products?limit=100"));
await sample("customers, 100 rows", () => call(listCustomers, "/api/v1/customers?limit=100"));
await sample("order detail", () => call(getOrder, `/api/v1/orders/${orderId}`, { id: orderId }));
await sample("product detail", () => call(getProduct, `/api/v1/products/${productId}`, { id: productId }));
await sample("customer detail", () => call(getCustomer, `/api/v1/customers/${customerId}`, { id: customerId }));
for (const [label, from, interval] of [
  ["sales, last 30 days by day", daysAgo(30), "day"],
  ["sales, last 365 days by week", daysAgo(365), "week"],
  ["sales, last 2 years by month", daysAgo(730), "month"],
  ["sales, last 2 years by day", daysAgo(730), "day"],
] as const) {
  await sample(label, () => call(salesMetrics, `/api/v1/metrics/sales?from=${from}&to=${today}&interval=${interval}`));
}
await sample("customers, last 365 days by month", () =>
  call(customerMetrics, `/api/v1/metrics/customers?from=${daysAgo(365)}&to=${today}&interval=month`),
);
await sample("top 10 products, last 90 days", () =>
  call(productMetrics, `/api/v1/metrics/products?from=${daysAgo(90)}&to=${today}`),
);
await sample("top 10 variants, last 2 years", () =>
  call(productMetrics, `/api/v1/metrics/products?from=${daysAgo(730)}&to=${today}&by=variant`),
);
await sample("inventory", () => call(inventoryMetrics, "/api/v1/metrics/inventory"));

// A cursor walk: an analyst's first full pull (cold), then the same pages again (warm).
const PAGES = 50;
for (const pass of ["cold", "warm"]) {
  let cursor = "";
  const times: number[] = [];
  for (let page = 0; page < PAGES; page += 1) {
    const started = performance.now();
    const body = (await call(listOrders, `/api/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ""}`)) as {
      next_cursor: string;
    };
    times.push(performance.now() - started);
    cursor = body.next_cursor;
  }
  times.sort((a, b) => a - b);
  console.log(
    `  cursor walk, ${pass}, ${PAGES} pages of 100 orders     p50 ${times[Math.floor(PAGES / 2)]!.toFixed(1).padStart(6)} ms   p95 ${times[Math.floor(PAGES * 0.95)]!.toFixed(1).padStart(6)} ms`,
  );
}

await db.$disconnect();
await pool.end();
await server.stop();
