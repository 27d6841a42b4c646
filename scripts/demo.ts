// npm run demo: the whole pipeline offline, with nothing but Node.
//   embedded PostgreSQL (.data/) -> the Shopify simulator with a seeded shop ->
//   the app (production build) and the worker -> install through token exchange
//   (webhook registration, backfill queued) -> live changes every second, as
//   webhooks -> a status line every few seconds: rows per table, events and lag.
// Ctrl-C stops the changes, the app, the worker, the simulator and the database.
//
//   npm run demo [-- --orders 3000 --port 3000 --seconds 0]   (--seconds 0: until Ctrl-C)
import "~/.server/require-node";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import pg from "pg";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { startSimulator } from "../simulator";
import { buildIfStale } from "./build-if-stale";
import { LOCAL_API_KEY, localApiSecret } from "../simulator/local-credentials";

const USAGE = `npm run demo [-- --orders 3000 --port 3000 --seconds 0]

Offline end to end: embedded PostgreSQL, the Shopify simulator with a seeded
shop, the app and the worker. Installs the shop, backfills it, streams live
changes and prints what it ingested every 5 s.

  --orders N    orders in the simulated shop (default 3000)
  --port P      the app's port (default 3000)
  --seconds S   stop after S seconds (default 0: until Ctrl-C)`;

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "3000" },
    port: { type: "string", default: "3000" },
    seconds: { type: "string", default: "0" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const SHOP = "storehouse-demo.myshopify.com";
const DATABASE = "storehouse_demo";
const PORT = Number(values.port);
const APP_URL = `http://localhost:${PORT}`;
const API_SECRET = localApiSecret();

const say = (message: string) => console.log(`[demo] ${message}`);
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const timers: NodeJS.Timeout[] = [];
let stopping = false;

async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const timer of timers) clearInterval(timer);
    say("stopping: app and worker first, then the simulator and the database");
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    say("stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

async function main(): Promise<void> {
  await buildIfStale(say);

  say("starting the embedded PostgreSQL (.data/postgres)");
  const server = await startEmbeddedPostgres();
  cleanups.push(() => server.stop());
  const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`); // Every demo starts from an empty store.
  await admin.end();
  await createDatabaseIfMissing(server.serverUrl, DATABASE);
  const databaseUrl = `${server.serverUrl}/${DATABASE}`;
  await migrateDeploy(databaseUrl);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on("error", () => {});
  cleanups.push(() => db.end());

  const sim = await startSimulator({ app: { apiKey: LOCAL_API_KEY, apiSecret: API_SECRET, url: APP_URL } });
  cleanups.push(() => sim.close());
  const orders = Number(values.orders);
  const shop = sim.sim.createShop({
    domain: SHOP,
    name: "Storehouse Demo",
    currency: "EUR",
    timezone: "Europe/Berlin",
    counts: { locations: 3, products: 120, customers: Math.ceil(orders / 4), orders },
  });
  say(`simulator at ${sim.url} with ${SHOP}: ${orders} orders, ${shop.customers.length} customers, 120 products`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    SHOPIFY_API_KEY: LOCAL_API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: APP_URL,
    SHOPIFY_SIMULATOR_URL: sim.url,
    SCOPES: ACCESS_SCOPES.join(","),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  const start = (name: string, script: string, flags: string[] = []) => {
    const child = spawn(process.execPath, [...flags, "--import", "tsx", script], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => {
      if (!stopping) {
        say(`${name} exited (${code}); stopping`);
        void stop(1);
      }
    });
    children.push(child);
  };
  start("app", "server/index.ts");
  start("worker", "worker/index.ts", ["--max-semi-space-size=8"]); // As `npm run worker` runs it.
  await waitFor(async () => (await fetch(`${APP_URL}/healthz`).catch(() => undefined))?.ok === true, 60_000);
  // On "localhost", the app's own host: a frame of another site would make the app a third-party
  // frame, whose storage browsers block.
  const adminUrl = new URL(`/admin/store/${SHOP.replace(".myshopify.com", "")}/apps/storehouse`, sim.url);
  adminUrl.hostname = "localhost";
  say(`open the app in a browser: ${adminUrl.href}`);
  say(`(the simulated Shopify admin hosts the app, served at ${APP_URL}, in an iframe, as Shopify's does)`);

  // What the admin does when the merchant opens the app: a request with a session token.
  // authenticate.admin exchanges it for an offline token, afterAuth registers the webhooks
  // and queues the backfill.
  const installed = await fetch(
    await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: SHOP.replace(".myshopify.com", ""),
        apiKey: LOCAL_API_KEY,
        apiSecretKey: API_SECRET,
      },
      // shopify-app-remix answers 410 to bots; Node's fetch identifies as one.
      new Request(`${APP_URL}/app/api/sync`, { headers: { "user-agent": "Mozilla/5.0 (Storehouse demo)" } }),
    ),
  );
  if (!installed.ok) throw new Error(`install failed: HTTP ${installed.status} ${await installed.text()}`);
  say(
    `installed through token exchange; ${sim.sim.subscriptions.listApi(SHOP).length} webhook subscriptions registered`,
  );

  const started = Date.now();
  let changes = 0;
  const changer = setInterval(() => {
    if (stopping) return;
    const live = sim.sim.shop(SHOP)!;
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    try {
      const kind = changes % 5;
      if (kind === 0 || kind === 3) sim.changes.createOrder(live);
      else if (kind === 1)
        sim.changes.updateOrder(live, live.orders.at(Math.floor(Math.random() * live.orders.length))!.id, {
          tags: ["demo"],
        });
      else if (kind === 2)
        sim.changes.updateCustomer(live, live.customers.at(Math.floor(Math.random() * live.customers.length))!.id, {
          note: `seen ${new Date().toISOString()}`,
        });
      else {
        const product = pick([...live.products.entries()].slice(0, 50))[1];
        sim.changes.updateProduct(live, product.id, { tags: ["demo", `t${changes}`] });
      }
      changes += 1;
    } catch (error) {
      say(`change failed: ${String(error)}`);
    }
  }, 1000);
  timers.push(changer);

  const report = async () => {
    const { rows } = await db.query<{ name: string; n: string }>(
      `SELECT 'orders' AS name, count(*) AS n FROM orders UNION ALL SELECT 'line items', count(*) FROM order_line_items
       UNION ALL SELECT 'refunds', count(*) FROM refunds UNION ALL SELECT 'customers', count(*) FROM customers
       UNION ALL SELECT 'products', count(*) FROM products UNION ALL SELECT 'variants', count(*) FROM product_variants
       UNION ALL SELECT 'inventory levels', count(*) FROM inventory_levels UNION ALL SELECT 'locations', count(*) FROM locations`,
    );
    const events = await db.query<{
      processed: string;
      pending: string;
      failed: string;
      p50: number | null;
      max: number | null;
    }>(
      `SELECT count(*) FILTER (WHERE status = 'processed') AS processed,
              count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status IN ('failed', 'dead')) AS failed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - triggered_at))
                FILTER (WHERE processed_at > now() - interval '30 seconds') AS p50,
              max(extract(epoch FROM processed_at - triggered_at)) FILTER (WHERE processed_at > now() - interval '30 seconds') AS max
       FROM webhook_events`,
    );
    const backfill = await db.query<{ done: string; total: string; written: string; expected: string | null }>(
      `SELECT count(*) FILTER (WHERE status = 'succeeded') AS done, count(*) AS total,
              coalesce(sum(rows_written), 0) AS written, sum(object_count) AS expected
       FROM sync_runs WHERE kind = 'backfill'`,
    );
    const b = backfill.rows[0]!;
    const e = events.rows[0]!;
    const seconds = Math.round((Date.now() - started) / 1000);
    say(
      `t+${seconds}s backfill ${b.done}/${b.total || 5} resources (${Number(b.written).toLocaleString("en")} objects) | ` +
        rows.map((row) => `${row.name} ${Number(row.n).toLocaleString("en")}`).join(", "),
    );
    say(
      `      webhooks: ${changes} changes made, ${e.processed} events processed, ${e.pending} pending, ${e.failed} failed` +
        (e.p50 === null ? "" : `, lag p50 ${Number(e.p50).toFixed(1)} s max ${Number(e.max).toFixed(1)} s`) +
        ` | open ${adminUrl.href}`,
    );
  };
  const reporter = setInterval(
    () => void report().catch((error: unknown) => say(`report failed: ${String(error)}`)),
    5000,
  );
  timers.push(reporter);
  say("streaming live changes; Ctrl-C to stop");
  const limit = Number(values.seconds);
  if (limit > 0) {
    await new Promise((resolve) => setTimeout(resolve, limit * 1000));
    for (const timer of timers) clearInterval(timer);
    await report();
    await stop(0);
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the app to answer /healthz");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stop(1);
});
