// npm run bench:dashboard [-- --orders 1000000 --products 50000 --customers 200000]
// Seeds one shop of that size with COPY (rows generated here, streamed into
// PostgreSQL), then times what each dashboard page's loader queries, as the
// loaders call them (without HTTP and auth), and prints p50/p95/max per page
// against the 150 ms p95 target. Figures only; nothing here passes or fails.
// The home page reads the daily sales rollups, custom periods (30 and 365
// days) included. Diagnosis: BENCH_EXPLAIN=1
// prints EXPLAIN ANALYZE of hand-written equivalents of its main queries.
import { answerHelp } from "./usage";
import { parseArgs } from "node:util";
import { customerFilters, getCustomer, listCustomers } from "~/.server/insights/browse/customers";
import { exportOrders, getOrder, listOrders, orderFilters } from "~/.server/insights/browse/orders";
import { getProduct, listProducts, productFilterChoices, productFilters } from "~/.server/insights/browse/products";
import { getEvent, listEvents } from "~/.server/insights/events";
import { loadHome, loadSyncHealth } from "~/.server/insights/home";
import { addDays, resolvePeriod } from "~/.server/insights/period";
import { getShopContext } from "~/.server/insights/shop-context";
import { refreshSnapshots } from "~/.server/insights/snapshots";
import { createPrismaClient } from "~/db.server";
import { seedBenchShop, TIME_ZONE } from "./bench-seed";

answerHelp(
  "npm run bench:dashboard [-- --orders 1000000 --products 50000 --customers 200000]\nSeeds one shop of that size with COPY (rows generated here, streamed into\nPostgreSQL), then times what each dashboard page's loader queries, as the\nloaders call them (without HTTP and auth), and prints p50/p95/max per page\nagainst the 150 ms p95 target. Figures only; nothing here passes or fails.\nThe home page reads the daily sales rollups, custom periods (30 and 365\ndays) included. Diagnosis: BENCH_EXPLAIN=1\nprints EXPLAIN ANALYZE of hand-written equivalents of its main queries.",
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

const { server, databaseUrl, pool, shopId } = await seedBenchShop({
  orders: ORDERS,
  products: PRODUCTS,
  customers: CUSTOMERS,
  name: "bench-dashboard",
});

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

// The daily sales rollups built once (as the worker does after a shop's backfill), then the row-count
// snapshot's refresh: what the worker spends keeping the home page current, off the request path.
const rollupStarted = performance.now();
await loadHome(prisma, pool, context, resolvePeriod("30d", TIME_ZONE));
console.log(`Sales rollups built, first home page: ${((performance.now() - rollupStarted) / 1000).toFixed(1)} s`);
const refreshStarted = performance.now();
await prisma.dashboardSnapshot.updateMany({ where: { shopId: shop }, data: { changedAt: new Date() } });
const refreshed = await refreshSnapshots(prisma, context);
console.log(
  `Snapshot refresh (worker, off the request path): ${refreshed.join(", ")} in ${((performance.now() - refreshStarted) / 1000).toFixed(1)} s`,
);

const LOADERS: Record<string, () => Promise<unknown>> = {
  "home 30 days": () => loadHome(prisma, pool, context, resolvePeriod("30d", TIME_ZONE)),
  "home 90 days": () => loadHome(prisma, pool, context, resolvePeriod("90d", TIME_ZONE)),
  "home custom 30 days": () => loadHome(prisma, pool, context, resolvePeriod("custom", TIME_ZONE, days30)),
  "home custom 365 days": () =>
    loadHome(
      prisma,
      pool,
      context,
      resolvePeriod("custom", TIME_ZONE, { from: addDays(days30.to, -364), to: days30.to }),
    ),
  "sync health": () => loadSyncHealth(prisma, context),
  "event log": () => listEvents(prisma, shop, {}),
  "event log dead": () => listEvents(prisma, shop, { status: "dead" }),
  "event detail": () => getEvent(prisma, shop, String(ORDERS - 10)),
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
