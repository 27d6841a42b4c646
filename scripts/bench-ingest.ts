// npm run bench:ingest [-- --webhooks 5000 --concurrency 50]
// Against the production build with a worker running: sends N signed,
// real-shaped orders/create webhooks (from the simulator's generator) at a
// fixed concurrency, and prints throughput, ack latency p50/p95/p99, the lag
// until each event is normalized, and errors. Then the same load against a
// baseline: a bare Node server that only verifies the HMAC and inserts the raw
// body into one table. Figures only; nothing here passes or fails.
// Diagnosis: BENCH_WITHOUT_WORKER=1 measures the ack path alone;
// BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the web process.
import { answerHelp } from "./usage";
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { Agent } from "undici";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { SimulatedShop } from "../simulator/shop/shop";
import { orderPayload, serializePayload } from "../simulator/webhooks/payloads";
import { freePort } from "../tests/support/ports";
import { shopifyWebhookHeaders } from "./shopify-webhook-headers";

answerHelp(
  "npm run bench:ingest [-- --webhooks 5000 --concurrency 50]\nAgainst the production build with a worker running: sends N signed,\nreal-shaped orders/create webhooks (from the simulator's generator) at a\nfixed concurrency, and prints throughput, ack latency p50/p95/p99, the lag\nuntil each event is normalized, and errors. Then the same load against a\nbaseline: a bare Node server that only verifies the HMAC and inserts the raw\nbody into one table. Figures only; nothing here passes or fails.\nDiagnosis: BENCH_WITHOUT_WORKER=1 measures the ack path alone;\nBENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the web process.",
);

const { values } = parseArgs({
  options: { webhooks: { type: "string", default: "5000" }, concurrency: { type: "string", default: "50" } },
});
const N = Number(values.webhooks);
const CONCURRENCY = Number(values.concurrency);
const SECRET = "bench-secret";
const SHOP = "bench.myshopify.com";

if (!existsSync("build/server/index.js")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const server = await startEmbeddedPostgres();
const database = `bench_ingest_${Date.now()}`;
await createDatabaseIfMissing(server.serverUrl, database);
const databaseUrl = `${server.serverUrl}/${database}`;
await migrateDeploy(databaseUrl);

// Real-shaped bodies: orders of a generated shop, rendered as Shopify's REST payloads.
const shop = new SimulatedShop(0, { domain: SHOP, counts: { orders: N, customers: Math.ceil(N / 3), products: 200 } });
const bodies = [...shop.orders.entries()].map(([, order]) => serializePayload(orderPayload(shop, order)));
const averageKb = bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length / 1024;

const sign = (body: string) => createHmac("sha256", SECRET).update(body, "utf8").digest("base64");
const dispatcher = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });

async function load(url: string): Promise<{ seconds: number; latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const body = bodies[next++]!;
        const sent = performance.now();
        try {
          const response = await fetch(url, {
            method: "POST",
            body,
            // @ts-expect-error undici's dispatcher option is accepted by Node's fetch
            dispatcher,
            headers: shopifyWebhookHeaders("orders/create", SHOP, body, SECRET),
          });
          await response.arrayBuffer();
          if (response.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, errors };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, result: { seconds: number; latencies: number[]; errors: number }): number {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rate = N / result.seconds;
  console.log(
    `${name}: ${N} webhooks (${averageKb.toFixed(1)} KB avg) at concurrency ${CONCURRENCY} in ${result.seconds.toFixed(1)} s = ${Math.round(rate)} webhooks/s; ` +
      `ack p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; errors ${result.errors}`,
  );
  return rate;
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

const children: ChildProcess[] = [];
const environment = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://localhost",
  SCOPES: "read_orders",
  LOG_LEVEL: "warn",
};
try {
  // The app under test.
  const port = await freePort();
  children.push(
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
        "--import",
        "tsx",
        "server/index.ts",
      ],
      {
        env: { ...environment, PORT: String(port) },
        stdio: "inherit",
      },
    ),
  );
  const startWorker = () =>
    children.push(
      spawn(
        process.execPath,
        [
          ...(process.env.BENCH_WORKER_PROFILE_DIR
            ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE_DIR}`]
            : []),
          "--import",
          "tsx",
          "worker/index.ts",
        ],
        { env: environment, stdio: "inherit" },
      ),
    );
  const withoutWorker = Boolean(process.env.BENCH_WITHOUT_WORKER);
  if (!withoutWorker) startWorker();
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);
  // One warm-up delivery: starts the queue and JIT before measuring.
  await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: "POST",
    body: "{}",
    headers: {
      "x-shopify-topic": "shop/update",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": "warm-up",
      "x-shopify-hmac-sha256": sign("{}"),
    },
  });

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const appResult = await load(`http://127.0.0.1:${port}/webhooks`);
  const appRate = report("storehouse", appResult);
  // Without the worker during the load, the lag below includes the time the queue waited for it.
  if (withoutWorker) startWorker();
  const drainStarted = performance.now();
  for (;;) {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM webhook_events WHERE topic = 'orders/create' AND status IN ('processed', 'dead', 'failed')",
    );
    if (rows[0].n >= N - appResult.errors) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { rows: lag } = await client.query(
    `SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p,
            count(*) FILTER (WHERE status <> 'processed')::int AS failed, (SELECT count(*)::int FROM orders) AS orders
     FROM webhook_events WHERE topic = 'orders/create'`,
  );
  const [p50, p95, p99] = lag[0].p as number[];
  console.log(
    `storehouse: normalized ${lag[0].orders} orders; end-to-end lag p50 ${p50!.toFixed(0)} ms, p95 ${p95!.toFixed(0)} ms, p99 ${p99!.toFixed(0)} ms; ` +
      `queue drained ${((performance.now() - drainStarted) / 1000).toFixed(1)} s after the last ack; failed ${lag[0].failed}`,
  );

  // Baseline: what this machine allows for "verify the HMAC, insert the raw body".
  await client.query("CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body jsonb NOT NULL)");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const baseline = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const expected = createHmac("sha256", SECRET).update(body).digest();
    const given = Buffer.from(String(request.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.statusCode = 401;
      return void response.end();
    }
    await pool.query("INSERT INTO bench_baseline (body) VALUES ($1::jsonb)", [body.toString("utf8")]);
    response.statusCode = 200;
    response.end();
  });
  const baselinePort = await freePort();
  baseline.listen(baselinePort, "127.0.0.1");
  await once(baseline, "listening");
  const baseRate = report("baseline  ", await load(`http://127.0.0.1:${baselinePort}/`));
  console.log(`storehouse accepts at ${((appRate / baseRate) * 100).toFixed(0)}% of the baseline's throughput`);
  baseline.close();
  await pool.end();
  await client.end();
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
  const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await server.stop();
}
