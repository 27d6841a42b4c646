// npm run bench:ingest [-- --webhooks 5000 --concurrency 50 --rate 200 --seconds 15 --sizes 10000,40000]
// Against the production build, with real-shaped orders/create webhooks
// (~11.5 KB, from the simulator's generator), signed as Shopify signs them:
//  1. acks with the worker running: N webhooks at a fixed concurrency;
//     throughput, ack p50/p95/p99, and the lag until each event is applied;
//  2. a sustained rate (200/s by default, open loop): the lag a steady flow sees;
//  3. the worker alone, at each size: the events are accepted with the worker
//     stopped (acks alone), then the worker applies the backlog; applied/s
//     from the first to the last event applied, so the cost per event shows
//     whether it stays flat as the tables grow;
//  4. the baseline: a bare Node server that only verifies the HMAC and inserts
//     the raw body into one table, under the load of phase 1.
// Each phase prints the CPU seconds of each process (web, worker, PostgreSQL,
// this load generator: all share the machine's cores), and the end compares
// the figures with the targets. Figures only; nothing here passes or fails.
// BENCH_PROFILE_DIR / BENCH_WORKER_PROFILE_DIR write CPU profiles of the web / worker process.
import { answerHelp } from "./usage";
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { Agent } from "undici";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { SimulatedShop } from "../simulator/shop/shop";
import { orderPayload, restTime, serializePayload } from "../simulator/webhooks/payloads";
import { freePort } from "../tests/support/ports";
import { shopifyWebhookHeaders } from "./shopify-webhook-headers";

answerHelp(
  "npm run bench:ingest [-- --webhooks 5000 --concurrency 50 --rate 200 --seconds 15 --sizes 10000,40000]\n" +
    "Sends real-shaped, signed orders/create webhooks to the production build and prints: acks with the\n" +
    "worker running (throughput, p50/p95/p99, lag), the lag at a sustained rate, the worker's apply rate\n" +
    "on backlogs of each size, and a bare HMAC+INSERT baseline, with each process's CPU seconds.\n" +
    "Figures only; nothing here passes or fails.",
);

const { values } = parseArgs({
  options: {
    webhooks: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "50" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "15" },
    sizes: { type: "string", default: "10000,40000" },
  },
});
const N = Number(values.webhooks);
const CONCURRENCY = Number(values.concurrency);
const RATE = Number(values.rate);
const SUSTAINED = Math.round(RATE * Number(values.seconds));
const SIZES = values.sizes.split(",").map(Number).filter(Boolean);
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

// Real-shaped bodies: distinct orders of one generated shop, rendered as Shopify's REST payloads, placed
// during the run as in a flash sale (the generator's orders are spread over the shop's history).
const total = N + SUSTAINED + SIZES.reduce((sum, size) => sum + size, 0) + N;
const shop = new SimulatedShop(0, {
  domain: SHOP,
  counts: { orders: total, customers: Math.ceil(total / 3), products: 200 },
});
const placedAt = restTime(Date.now(), shop.timezone);
const allBodies = [...shop.orders.entries()].map(([, order]) =>
  serializePayload({
    ...orderPayload(shop, order),
    created_at: placedAt,
    processed_at: placedAt,
    updated_at: placedAt,
  }),
);
let taken = 0;
const takeBodies = (count: number) => allBodies.slice(taken, (taken += count));
const averageKb = allBodies.reduce((sum, body) => sum + body.length, 0) / allBodies.length / 1024;
console.log(`${total} orders/create bodies generated (${averageKb.toFixed(1)} KB average)`);

const sign = (body: string) => createHmac("sha256", SECRET).update(body, "utf8").digest("base64");
const dispatcher = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });

interface LoadResult {
  seconds: number;
  latencies: number[];
  errors: number;
}

async function post(url: string, body: string, result: LoadResult): Promise<void> {
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
    if (response.status !== 200) result.errors += 1;
  } catch {
    result.errors += 1;
  }
  result.latencies.push(performance.now() - sent);
}

/** Closed loop: CONCURRENCY senders, each sending its next body as soon as the last is answered. */
async function load(url: string, bodies: string[]): Promise<LoadResult> {
  const result: LoadResult = { seconds: 0, latencies: [], errors: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) await post(url, bodies[next++]!, result);
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Open loop: one body every 1/RATE s whatever the answers' pace (as Shopify delivers). */
async function paced(url: string, bodies: string[]): Promise<LoadResult> {
  const result: LoadResult = { seconds: 0, latencies: [], errors: 0 };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < bodies.length; index += 1) {
    const due = started + (index * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(post(url, bodies[index]!, result));
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, result: LoadResult): { rate: number; p99: number } {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const count = result.latencies.length;
  const rate = count / result.seconds;
  console.log(
    `${name}: ${count} webhooks in ${result.seconds.toFixed(1)} s = ${Math.round(rate)} webhooks/s; ` +
      `ack p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; errors ${result.errors}`,
  );
  return { rate, p99: percentile(sorted, 99) };
}

// CPU seconds per process from /proc (Linux): what each part of the system cost during a phase.
const TICKS_PER_SECOND = 100;
function cpuOf(stat: string, reapedChildren = false): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const own = Number(fields[11]) + Number(fields[12]);
  // cutime/cstime: the CPU of children that ended (PostgreSQL backends that closed), kept by their parent.
  const reaped = reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return (own + reaped) / TICKS_PER_SECOND;
}
function processCpu(pid: number | undefined): number {
  try {
    return pid ? cpuOf(readFileSync(`/proc/${pid}/stat`, "utf8")) : 0;
  } catch {
    return 0;
  }
}
/** Every PostgreSQL process's CPU, with the backends that already ended (counted by the postmaster). */
function postgresCpu(): number {
  let seconds = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.includes("(postgres)")) seconds += cpuOf(stat, true);
    } catch {
      // gone meanwhile
    }
  }
  return seconds;
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
const profileFlags = (directory: string | undefined) =>
  directory ? ["--cpu-prof", `--cpu-prof-dir=${directory}`] : [];
let web: ChildProcess | undefined;
let worker: ChildProcess | undefined;

function startWorker(): void {
  worker = spawn(
    process.execPath,
    [...profileFlags(process.env.BENCH_WORKER_PROFILE_DIR), "--import", "tsx", "worker/index.ts"],
    { env: environment, stdio: "inherit" },
  );
  children.push(worker);
}
async function stopWorker(): Promise<void> {
  if (!worker || worker.exitCode !== null) return;
  worker.kill("SIGTERM");
  await once(worker, "exit");
}

/**
 * BENCH_STATEMENTS=1: the statements PostgreSQL spent most time on during each phase, from
 * pg_stat_statements (needs shared_preload_libraries = 'pg_stat_statements' on the server).
 */
async function topStatements(reset: boolean): Promise<void> {
  if (!process.env.BENCH_STATEMENTS) return;
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    if (reset) return void (await client.query("SELECT pg_stat_statements_reset()"));
    const { rows } = await client.query(
      `SELECT calls, round(total_exec_time)::int AS ms, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
    );
    for (const row of rows)
      console.log(
        `   ${String(row.ms).padStart(7)} ms ${String(row.calls).padStart(7)} calls  ${row.query.slice(0, 110)}`,
      );
  } catch (error) {
    console.log(`   (no statement statistics: ${String(error)})`);
  }
}

/** CPU seconds each process spends in `work`. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; cpu: string }> {
  const before = { web: processCpu(web?.pid), worker: processCpu(worker?.pid), postgres: postgresCpu() };
  const generator = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(generator);
  const cpu =
    `CPU s: web ${(processCpu(web?.pid) - before.web).toFixed(1)}, worker ${(processCpu(worker?.pid) - before.worker).toFixed(1)}, ` +
    `PostgreSQL ${(postgresCpu() - before.postgres).toFixed(1)}, load generator ${((used.user + used.system) / 1e6).toFixed(1)}`;
  return { result, cpu };
}

const client = new pg.Client({ connectionString: databaseUrl });
const lastEventId = async () =>
  Number((await client.query("SELECT coalesce(max(id), 0)::text AS id FROM webhook_events")).rows[0].id);
async function drained(after: number, expected: number): Promise<void> {
  for (;;) {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM webhook_events WHERE id > $1 AND status IN ('processed', 'dead', 'failed')",
      [after],
    );
    if (rows[0].n >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
async function lagOf(after: number): Promise<{ p50: number; p95: number; p99: number; failed: number }> {
  const { rows } = await client.query(
    `SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p,
            count(*) FILTER (WHERE status <> 'processed')::int AS failed
     FROM webhook_events WHERE id > $1`,
    [after],
  );
  const [p50, p95, p99] = rows[0].p as number[];
  return { p50: p50!, p95: p95!, p99: p99!, failed: rows[0].failed };
}

const figures: { label: string; target: string; value: string; met: boolean }[] = [];
try {
  const port = await freePort();
  web = spawn(
    process.execPath,
    [...profileFlags(process.env.BENCH_PROFILE_DIR), "--import", "tsx", "server/index.ts"],
    { env: { ...environment, PORT: String(port) }, stdio: "inherit" },
  );
  children.push(web);
  startWorker();
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);
  const url = `http://127.0.0.1:${port}/webhooks`;
  // One warm-up delivery: starts the queue and JIT before measuring.
  await fetch(url, {
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
  await client.connect();

  // 1. Acks with the worker running.
  await topStatements(true);
  let before = await lastEventId();
  const acks = await measured(() => load(url, takeBodies(N)));
  const ackFigures = report(`1. acks, worker running, concurrency ${CONCURRENCY}`, acks.result);
  await drained(before, N - acks.result.errors);
  const lag1 = await lagOf(before);
  console.log(
    `   lag until applied: p50 ${lag1.p50.toFixed(0)} ms, p95 ${lag1.p95.toFixed(0)} ms, p99 ${lag1.p99.toFixed(0)} ms; not processed ${lag1.failed}`,
  );
  console.log(`   ${acks.cpu}`);

  await topStatements(false);

  // 2. A sustained rate.
  await topStatements(true);
  before = await lastEventId();
  const steady = await measured(() => paced(url, takeBodies(SUSTAINED)));
  const steadyFigures = report(`2. sustained ${RATE}/s`, steady.result);
  await drained(before, SUSTAINED - steady.result.errors);
  const lag2 = await lagOf(before);
  console.log(
    `   lag until applied: p50 ${lag2.p50.toFixed(0)} ms, p95 ${lag2.p95.toFixed(0)} ms, p99 ${lag2.p99.toFixed(0)} ms; not processed ${lag2.failed}`,
  );
  console.log(`   ${steady.cpu}`);
  await topStatements(false);

  // 3. The worker alone, on backlogs of growing size (the tables grow from phase to phase).
  const applyRates: number[] = [];
  for (const size of SIZES) {
    await stopWorker();
    before = await lastEventId();
    const backlog = await measured(() => load(url, takeBodies(size)));
    report(`3. acks, worker stopped (${size})`, backlog.result);
    console.log(`   ${backlog.cpu}`);
    const { cpu } = await measured(async () => {
      startWorker();
      await drained(before, size - backlog.result.errors);
    });
    const { rows } = await client.query(
      `SELECT count(*)::int AS n, extract(epoch FROM max(processed_at) - min(processed_at)) AS seconds,
              count(*) FILTER (WHERE status <> 'processed')::int AS failed,
              (SELECT count(*)::int FROM orders) AS orders
       FROM webhook_events WHERE id > $1`,
      [before],
    );
    const rate = rows[0].n / Number(rows[0].seconds);
    applyRates.push(rate);
    console.log(
      `   worker applied ${rows[0].n} orders/create in ${Number(rows[0].seconds).toFixed(1)} s = ${Math.round(rate)}/s ` +
        `(${((1000 * Number(rows[0].seconds)) / rows[0].n).toFixed(2)} ms each; orders table now ${rows[0].orders} rows); not processed ${rows[0].failed}`,
    );
    console.log(`   ${cpu} (worker start-up included)`);
  }

  // 4. Baseline: what this machine allows for "verify the HMAC, insert the raw body".
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
  const base = await measured(() => load(`http://127.0.0.1:${baselinePort}/`, takeBodies(N)));
  const baseFigures = report(`4. baseline (HMAC + INSERT), concurrency ${CONCURRENCY}`, base.result);
  console.log(`   ${base.cpu}`);
  baseline.close();
  await pool.end();

  const ratio = ackFigures.rate / baseFigures.rate;
  const minApply = Math.min(...applyRates);
  figures.push(
    {
      label: "worker applies orders/create",
      target: ">= 3,000/s",
      value: applyRates.map((rate) => `${Math.round(rate)}/s`).join(", "),
      met: minApply >= 3000,
    },
    { label: `lag p95 at ${RATE}/s`, target: "< 1,000 ms", value: `${lag2.p95.toFixed(0)} ms`, met: lag2.p95 < 1000 },
    {
      label: "acks with the worker running",
      target: ">= 1,000/s",
      value: `${Math.round(ackFigures.rate)}/s`,
      met: ackFigures.rate >= 1000,
    },
    {
      label: "ack p99 with the worker running",
      target: "< 50 ms",
      value: `${ackFigures.p99.toFixed(1)} ms`,
      met: ackFigures.p99 < 50,
    },
    { label: "acks vs baseline", target: ">= 50%", value: `${(ratio * 100).toFixed(0)}%`, met: ratio >= 0.5 },
    {
      label: `ack p99 at ${RATE}/s`,
      target: "< 50 ms",
      value: `${steadyFigures.p99.toFixed(1)} ms`,
      met: steadyFigures.p99 < 50,
    },
  );
  console.log("\nTargets (issue 20):");
  for (const figure of figures) {
    console.log(`  ${figure.met ? "met    " : "not met"}  ${figure.label}: ${figure.value} (target ${figure.target})`);
  }
} finally {
  await client.end().catch(() => {});
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
  const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await server.stop();
}
