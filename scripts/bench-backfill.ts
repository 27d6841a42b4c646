// npm run bench:backfill [-- --orders 100000 --products 2000 --customers 30000 --plan Plus]
// Backfills a simulated shop the way the worker does (in a process of its
// own, so its peak RSS is measured alone) and prints records/s, rows per table
// and peak RSS. Then the baseline: the same JSONL results, converted by the
// same normalizers, loaded into the same tables with PostgreSQL COPY (no
// upsert guards, no foreign-key linking, no follow-up API calls). Figures
// only; nothing here passes or fails.
import { answerHelp } from "./usage";
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import {
  normalizeCustomer,
  normalizeInventoryItem,
  normalizeInventoryLevel,
  normalizeLocation,
  normalizeOrder,
  normalizeProduct,
  type Row,
} from "~/.server/normalize";
import { JsonValue } from "~/.server/normalize/values";
import {
  customerFromGraphql,
  inventoryItemFromGraphql,
  inventoryLevelFromGraphql,
  locationFromGraphql,
  orderFromGraphql,
  productFromGraphql,
  type Node,
} from "~/.server/normalize/graphql";
import { BACKFILL_RESOURCES } from "~/.server/sync/backfill";
import { readBulkResult } from "~/.server/sync/bulk-operation";
import { startSimulator, type PlanName } from "../simulator";

answerHelp(
  "npm run bench:backfill [-- --orders 100000 --products 2000 --customers 30000 --plan Plus]\nBackfills a simulated shop the way the worker does (in a process of its\nown, so its peak RSS is measured alone) and prints records/s, rows per table\nand peak RSS. Then the baseline: the same JSONL results, converted by the\nsame normalizers, loaded into the same tables with PostgreSQL COPY (no\nupsert guards, no foreign-key linking, no follow-up API calls). Figures\nonly; nothing here passes or fails.",
);

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "100000" },
    products: { type: "string", default: "2000" },
    customers: { type: "string", default: "30000" },
    plan: { type: "string", default: "Plus" },
  },
});
const SHOP = "bench-backfill.myshopify.com";
const counts = {
  locations: 5,
  orders: Number(values.orders),
  products: Number(values.products),
  customers: Number(values.customers),
};

const server = await startEmbeddedPostgres();
const database = `bench_backfill_${Date.now()}`;
await createDatabaseIfMissing(server.serverUrl, database);
const databaseUrl = `${server.serverUrl}/${database}`;
await migrateDeploy(databaseUrl);
const db = new pg.Pool({ connectionString: databaseUrl, max: 8 });
db.on("error", () => {}); // Idle clients see the server stop at the end.
const shopRow = async (domain: string) =>
  (
    await db.query<{ id: string }>(
      `INSERT INTO shops (domain, currency, installed_at, updated_at) VALUES ($1, 'USD', now(), now()) RETURNING id`,
      [domain],
    )
  ).rows[0]!.id;

const sim = await startSimulator({ app: { apiKey: "bench-key", apiSecret: "bench-secret" } });
const generated = performance.now();
// A shop of this size is typically on Plus (restore rate 1,000 points/s); --plan changes it.
sim.sim.createShop({ domain: SHOP, currency: "USD", plan: values.plan as PlanName, counts });
const token = sim.sim.install(SHOP, false).accessToken;
console.log(
  `Shop (${values.plan} plan): ${JSON.stringify(counts)} (generated lazily; set up in ${((performance.now() - generated) / 1000).toFixed(1)} s)`,
);

// 1. The backfill, in a worker-like process.
const shopId = await shopRow(SHOP);
// BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the worker.
const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
// The V8 flags `npm run worker` runs with (package.json): a small young generation keeps the RSS near the heap in use.
const workerFlags = (process.env.BENCH_WORKER_FLAGS ?? "--max-semi-space-size=8").split(" ").filter(Boolean);
const worker = spawn(
  process.execPath,
  [...profile, ...workerFlags, "--import", "tsx", "scripts/bench-backfill-worker.ts"],
  {
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_SIMULATOR_URL: sim.url,
      BENCH_SHOP: SHOP,
      BENCH_TOKEN: token,
      BENCH_SHOP_ID: shopId,
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
let output = "";
worker.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
const [code] = (await once(worker, "exit")) as [number];
if (code !== 0) throw new Error(`backfill worker exited ${code}`);
const result = JSON.parse(output.trim().split("\n").pop()!) as {
  outcomes: { resource: string; status: string; objectCount: number; rowsWritten: number; error?: string }[];
  seconds: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  peakExternalMb: number;
  limiter: { waits: number; waitedMs: number; throttledRetries: number };
};
const records = result.outcomes.reduce((sum, outcome) => sum + outcome.rowsWritten, 0);
const TABLES = [
  "locations",
  "products",
  "product_variants",
  "inventory_items",
  "inventory_levels",
  "customers",
  "orders",
  "order_line_items",
  "refunds",
  "refund_line_items",
];
const tableRows = async (id: string) => {
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    rows[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE shop_id = $1`, [id])).rows[0].n);
  }
  return rows;
};
const written = await tableRows(shopId);
const totalRows = Object.values(written).reduce((sum, n) => sum + n, 0);
const resourceOf = (query: string) =>
  Object.entries(BACKFILL_RESOURCES).find(([, resource]) => resource.query.trim() === query.trim())?.[0];
const runs = await db.query<{ resource: string; seconds: number; note: string | null }>(
  `SELECT resource, extract(epoch FROM finished_at - started_at)::float AS seconds, note FROM sync_runs WHERE shop_id = $1`,
  [shopId],
);
console.log("\nBackfill (bulk operations -> normalizers -> guarded upserts), resources concurrently:");
for (const outcome of result.outcomes) {
  const run = runs.rows.find((row) => row.resource === outcome.resource);
  const seconds = run?.seconds ?? 0;
  console.log(
    `  ${outcome.resource.padEnd(10)} ${outcome.status}  ${outcome.rowsWritten.toLocaleString("en")} objects in ${seconds.toFixed(1)} s${run?.note ? ` (then ${run.note})` : ""}${outcome.error ? `: ${outcome.error}` : ""}`,
  );
}
const exports = sim.sim.bulkOperations
  .list(SHOP)
  .filter((operation) => operation.completedAt)
  .map(
    (operation) =>
      `${resourceOf(operation.query)} ${((operation.completedAt! - operation.createdAt) / 1000).toFixed(1)} s`,
  );
console.log(`  of which the simulator's bulk export ("Shopify" side, same machine): ${exports.join(", ")}`);
console.log(
  `  records (JSONL objects): ${records.toLocaleString("en")} in ${result.seconds.toFixed(1)} s = ${Math.round(records / result.seconds).toLocaleString("en")} records/s`,
);
// The store's own pace: each resource's time less the simulator's export and the rate-limited follow-ups.
const exportSeconds = (name: string) =>
  Math.max(
    0,
    ...sim.sim.bulkOperations
      .list(SHOP)
      .filter((operation) => operation.completedAt && resourceOf(operation.query) === name)
      .map((operation) => (operation.completedAt! - operation.createdAt) / 1000),
  );
// The import alone, for the target "import >= 50% of COPY": the orders, the bulk of every shop.
let ordersImportRate = 0;
for (const outcome of result.outcomes.filter((o) => o.rowsWritten >= 10_000 || o.resource === "orders")) {
  const run = runs.rows.find((row) => row.resource === outcome.resource);
  const followUp = Number(/ in ([\d.]+) s$/.exec(run?.note ?? "")?.[1] ?? 0);
  const storing = (run?.seconds ?? 0) - exportSeconds(outcome.resource) - followUp;
  if (outcome.resource === "orders") ordersImportRate = outcome.rowsWritten / storing;
  console.log(
    `  ${outcome.resource}: stored after the export in ${storing.toFixed(1)} s = ${Math.round(outcome.rowsWritten / storing).toLocaleString("en")} records/s`,
  );
}
// Refund details follow the bulk data and are paced by the shop's API bucket, not by the store.
const followUpSeconds = Math.max(
  0,
  ...runs.rows.map((row) => Number(/ in ([\d.]+) s$/.exec(row.note ?? "")?.[1] ?? 0)),
);
const bulkSeconds = result.seconds - followUpSeconds;
console.log(
  `  bulk phase (before the rate-limited refund follow-ups): ${bulkSeconds.toFixed(1)} s = ${Math.round(records / bulkSeconds).toLocaleString("en")} records/s`,
);
console.log(
  `  table rows written: ${totalRows.toLocaleString("en")} (${Object.entries(written)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ")})`,
);
console.log(
  `  worker peak RSS: ${result.peakRssMb.toFixed(0)} MB (sampled peaks: V8 heap used ${result.peakHeapUsedMb.toFixed(0)} MB of ${result.peakHeapTotalMb.toFixed(0)} MB reserved, external ${result.peakExternalMb.toFixed(0)} MB)`,
);
console.log(
  `  cost limiter: ${result.limiter.waits} waits (${(result.limiter.waitedMs / 1000).toFixed(1)} s), ${result.limiter.throttledRetries} THROTTLED retries`,
);

// 2. Baseline: the same JSONL files through the same normalizers into COPY.
const baselineShopId = await shopRow(`baseline-${SHOP}`);
type Convert = (parent: Node, children: Node[]) => Record<string, Row[]>;
const CONVERT: Record<string, Convert> = {
  locations: (location) => ({ locations: [normalizeLocation(locationFromGraphql(location))] }),
  products: (product, variants) => {
    const normalized = normalizeProduct(productFromGraphql(product, variants), "USD");
    return { products: [normalized.product], product_variants: normalized.variants };
  },
  inventory: (item, levels) => ({
    inventory_items: [normalizeInventoryItem(inventoryItemFromGraphql(item), "USD")],
    inventory_levels: levels.map((level) => normalizeInventoryLevel(inventoryLevelFromGraphql(level, item.id))),
  }),
  customers: (customer) => ({ customers: [normalizeCustomer(customerFromGraphql(customer))] }),
  orders: (order, lineItems) => {
    const normalized = normalizeOrder(orderFromGraphql(order, lineItems));
    return {
      orders: [normalized.order],
      order_line_items: normalized.lineItems,
      refunds: normalized.refunds.map((refund) => refund.refund),
    };
  },
};

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof JsonValue) return csvQuote(value.toPostgres());
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return csvQuote(
      `{${value.map((item) => `"${String(item).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`,
    );
  }
  if (typeof value === "string") return csvQuote(value);
  return String(value);
}
const csvQuote = (text: string) => `"${text.replace(/"/g, '""')}"`;

// The last completed operation of each resource (a retried resource has more than one).
const operations = [
  ...new Map(
    sim.sim.bulkOperations
      .list(SHOP)
      .filter((operation) => operation.status === "COMPLETED")
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((operation) => [resourceOf(operation.query), operation]),
  ).values(),
];
let copied = 0;
let copiedObjects = 0;
const baselineStarted = performance.now();
for (const operation of operations) {
  if (!operation.url) continue;
  const convert = CONVERT[resourceOf(operation.query) ?? ""];
  if (!convert) continue;
  const streams = new Map<string, { stream: Writable; client: pg.PoolClient; columns: string[] }>();
  const open = async (table: string, row: Row) => {
    const client = await db.connect();
    const columns = Object.keys(row);
    const stream = client.query(
      copyFrom(`COPY ${table} (shop_id, ${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`),
    );
    const entry = { stream, client, columns };
    streams.set(table, entry);
    return entry;
  };
  for await (const { parent, children } of readBulkResult(operation.url)) {
    copiedObjects += 1 + children.length;
    for (const [table, rows] of Object.entries(convert(parent, children))) {
      for (const row of rows) {
        const entry = streams.get(table) ?? (await open(table, row));
        const line = `${baselineShopId},${entry.columns.map((column) => csvValue(row[column])).join(",")}\n`;
        if (!entry.stream.write(line)) await once(entry.stream, "drain");
        copied += 1;
      }
    }
  }
  for (const { stream, client } of streams.values()) {
    stream.end();
    await finished(stream);
    client.release();
  }
}
const baselineSeconds = (performance.now() - baselineStarted) / 1000;
console.log("\nBaseline (same JSONL, same normalizers, COPY into the same tables):");
console.log(
  `  records (JSONL objects): ${copiedObjects.toLocaleString("en")} in ${baselineSeconds.toFixed(1)} s = ${Math.round(copiedObjects / baselineSeconds).toLocaleString("en")} records/s (${copied.toLocaleString("en")} table rows)`,
);
console.log(
  `\nBackfill / COPY: ${((records / result.seconds / (copiedObjects / baselineSeconds)) * 100).toFixed(0)}% overall, ${((records / bulkSeconds / (copiedObjects / baselineSeconds)) * 100).toFixed(0)}% for the bulk phase`,
);
const copyRate = copiedObjects / baselineSeconds;
const targets = [
  {
    label: "import (orders, after the export) vs COPY",
    target: ">= 50%",
    value: `${((ordersImportRate / copyRate) * 100).toFixed(0)}%`,
    met: ordersImportRate >= copyRate / 2,
  },
  ...(counts.orders >= 100_000
    ? [
        {
          label: `${counts.orders.toLocaleString("en")} orders end to end`,
          target: counts.orders === 100_000 ? "< 60 s" : "(the target is for 100,000)",
          value: `${result.seconds.toFixed(1)} s`,
          met: counts.orders === 100_000 && result.seconds < 60,
        },
      ]
    : []),
  {
    label: "worker peak RSS",
    target: "< 300 MB",
    value: `${result.peakRssMb.toFixed(0)} MB`,
    met: result.peakRssMb < 300,
  },
];
console.log("\nTargets (issue 20):");
for (const figure of targets) {
  console.log(`  ${figure.met ? "met    " : "not met"}  ${figure.label}: ${figure.value} (target ${figure.target})`);
}

await db.end();
await sim.close();
// The cluster under .data/ outlives the run: a 1M-order shop would leave gigabytes behind.
const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.end();
await server.stop();
