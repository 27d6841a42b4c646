// npm run bench:alerts [-- --seconds 20 --rate 200 --crossings 100]
// Alert latency under load: the app's web and worker processes over an
// embedded database, a real SMTP server (smtp-server) as the destination of a
// low-stock rule, and signed inventory_levels/update webhooks sent at a fixed
// rate. Most updates keep stock high; `crossings` of them, spread over the
// run, drop an item below the threshold. Prints the latency from each crossing
// webhook's ack to the email that reports it (p50/p95/max), and how many
// emails and digests went out. Figures only; nothing here passes or fails.
import "./quiet-logs";
import { answerHelp } from "./usage";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import pg from "pg";
import { Agent } from "undici";
import { createDestination, createRule } from "~/.server/alerts";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { createPrismaClient } from "~/db.server";
import { startSmtpReceiver } from "../tests/support/alert-receivers";
import { freePort } from "../tests/support/ports";
import { shopifyWebhookHeaders } from "./shopify-webhook-headers";

answerHelp(
  "npm run bench:alerts [-- --seconds 20 --rate 200 --crossings 100]\nAlert latency under load: web and worker processes, a real SMTP server as\nthe destination of a low-stock rule, signed inventory_levels/update webhooks\nat a fixed rate, `crossings` of which drop an item below the threshold.\nPrints the latency from each crossing webhook's ack to the email reporting\nit (p50/p95/max). Figures only; nothing here passes or fails.",
);

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    rate: { type: "string", default: "200" },
    crossings: { type: "string", default: "100" },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CROSSINGS = Number(values.crossings);
const ITEMS = CROSSINGS + 200;
const SECRET = "bench-alerts-secret";
const SHOP = "bench-alerts.myshopify.com";
const LOCATION = 1;

const server = await startEmbeddedPostgres();
const database = `bench_alerts_${Date.now()}`;
await createDatabaseIfMissing(server.serverUrl, database);
const databaseUrl = `${server.serverUrl}/${database}`;
await migrateDeploy(databaseUrl);
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const { rows } = await client.query<{ id: string }>(
  `INSERT INTO shops (domain, name, currency, timezone, installed_at, updated_at)
   VALUES ($1, 'Bench Alerts', 'EUR', 'UTC', now(), now()) RETURNING id::text`,
  [SHOP],
);
const shopId = rows[0]!.id;
// One product per item, one variant each, 100 units at one location.
await client.query(
  `WITH p AS (
     INSERT INTO products (shop_id, shopify_id, title, updated_at)
     SELECT $1, 1000 + n, 'Item ' || n, now() FROM generate_series(1, $2) n RETURNING id, shopify_id
   )
   INSERT INTO product_variants (shop_id, shopify_id, product_id, title, inventory_item_id, inventory_quantity, updated_at)
   SELECT $1, shopify_id + 100000, id, 'Default Title', shopify_id + 200000, 100, now() FROM p`,
  [shopId, ITEMS],
);
await client.query(
  `INSERT INTO inventory_levels (shop_id, inventory_item_id, location_id, available, updated_at)
   SELECT $1, 201000 + n, $3, 100, now() FROM generate_series(1, $2) n`,
  [shopId, ITEMS, LOCATION],
);

// The destination: a real SMTP server that notes when each mail arrived (the tests' receiver).
const smtp = await startSmtpReceiver();
const smtpUrl = smtp.url;
const mail = smtp.mail;

const prisma = createPrismaClient(databaseUrl);
const destination = await createDestination(prisma, BigInt(shopId), { kind: "email", target: "ops@bench.test" });
await createRule(prisma, BigInt(shopId), { kind: "low-stock", threshold: 5, destinationId: BigInt(destination.id) });
await prisma.$disconnect();

const children: ChildProcess[] = [];
const environment = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://localhost",
  SCOPES: "read_inventory,read_products",
  LOG_LEVEL: "warn",
  SMTP_URL: smtpUrl,
};
const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

async function send(url: string, item: number, available: number): Promise<{ ok: boolean; ackedAt: number }> {
  const body = JSON.stringify({
    inventory_item_id: 201000 + item,
    location_id: LOCATION,
    available,
    updated_at: new Date().toISOString(),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${LOCATION}?inventory_item_id=${201000 + item}`,
  });
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      // @ts-expect-error undici's dispatcher option is accepted by Node's fetch
      dispatcher,
      headers: shopifyWebhookHeaders("inventory_levels/update", SHOP, body, SECRET),
    });
    await response.arrayBuffer();
    return { ok: response.status === 200, ackedAt: Date.now() };
  } catch {
    return { ok: false, ackedAt: Date.now() };
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

try {
  const port = await freePort();
  children.push(
    spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...environment, PORT: String(port) },
      stdio: "inherit",
    }),
    spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], { env: environment, stdio: "inherit" }),
  );
  for (let attempt = 0; ; attempt += 1) {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok) break;
    if (attempt > 600) throw new Error("the web process did not come up");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = `http://127.0.0.1:${port}/webhooks`;

  // At RATE webhooks a second: noise on the items that never cross, and the crossings spread evenly.
  const total = SECONDS * RATE;
  const crossingEvery = Math.floor(total / CROSSINGS);
  const crossingAck = new Map<number, number>();
  const sends: Promise<unknown>[] = [];
  let errors = 0;
  const started = performance.now();
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const crossing = n % crossingEvery === 0 && n / crossingEvery < CROSSINGS ? n / crossingEvery + 1 : null;
    const item = crossing ?? CROSSINGS + 1 + (n % 200);
    const available = crossing ? 2 : 50 + (n % 50);
    sends.push(
      send(url, item, available).then((result) => {
        if (!result.ok) errors += 1;
        if (crossing) crossingAck.set(crossing, result.ackedAt);
      }),
    );
  }
  await Promise.all(sends);
  const sentIn = (performance.now() - started) / 1000;

  // Every crossing's alert, by email (alone or in a digest): the first mail naming its item.
  const deadline = performance.now() + 120_000;
  const reported = new Map<number, number>();
  while (reported.size < crossingAck.size && performance.now() < deadline) {
    for (const [item] of crossingAck) {
      if (reported.has(item)) continue;
      const found = mail.find((entry) => new RegExp(`Item ${item} has 2 left`).test(`${entry.subject}\n${entry.text}`));
      if (found) reported.set(item, found.receivedAt);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const latencies = [...reported.entries()].map(([item, at]) => at - crossingAck.get(item)!).sort((a, b) => a - b);
  const { rows: lag } = await client.query<{ p: number[] }>(
    `SELECT percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p
     FROM webhook_events WHERE topic = 'inventory_levels/update'`,
  );
  const digests = mail.filter((entry) => /alerts: low stock/.test(entry.subject ?? "")).length;
  console.log(
    `Sent ${total} inventory webhooks in ${sentIn.toFixed(1)} s (${Math.round(total / sentIn)}/s, ${errors} errors), ` +
      `${crossingAck.size} of them crossing the low-stock threshold.`,
  );
  console.log(
    `Alert latency, webhook ack to email received: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms ` +
      `(${reported.size}/${crossingAck.size} reported; ${mail.length} emails, ${digests} of them digests).`,
  );
  console.log(
    `Of which event processing (received to applied): p50 ${lag[0]!.p[0]!.toFixed(0)} ms, p95 ${lag[0]!.p[1]!.toFixed(0)} ms.`,
  );
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
  await smtp.close();
  await client.end();
  await server.stop();
}
