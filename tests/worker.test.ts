import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShopContext } from "~/.server/insights/shop-context";
import { homeRowCounts } from "~/.server/insights/snapshots";
import { receiveWebhook } from "~/.server/ingestion";
import { Bucket, listSnapshots, ParquetFiles, takeSnapshot } from "~/.server/s3-snapshots";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startS3Server } from "./support/s3-server";
import { eventually } from "./support/simulator";
import { API_KEY, API_SECRET, createTestIngestion, signedRequest, type TestIngestion } from "./support/webhooks";

const SHOP = "worker.myshopify.com";

function startWorker(databaseUrl: string, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: "https://storehouse.example",
      SCOPES: "read_products",
      LOG_LEVEL: process.env.WORKER_TEST_LOG_LEVEL ?? "silent",
      WORKER_CONCURRENCY: "2",
      // A job whose worker died is retried after 2 s.
      WORKER_JOB_TIMEOUT_SECONDS: "2",
      ...extraEnv,
    },
    stdio: process.env.WORKER_TEST_LOG_LEVEL ? "inherit" : "ignore",
  });
}

describe("the worker process", () => {
  let db: TestDatabase;
  let ingestion: TestIngestion;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Jobs carry their timeout from when they were queued: the same 2 s the workers below use.
    ingestion = await createTestIngestion(db.url, { jobTimeoutSeconds: 2 });
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await ingestion.close();
    await db.drop();
  });

  it(
    "applies an event exactly once when its worker is killed mid-job and another takes over",
    { timeout: 90_000 },
    async () => {
      const body = '{"id":9000000000000000001,"title":"Survivor","updated_at":"2026-05-01T00:00:00Z","variants":[]}';
      // The shop row exists first, so the test can lock it: inserting the product then waits on that lock, mid-job.
      await db.prisma.shop.create({ data: { domain: SHOP } });
      expect(
        (
          await receiveWebhook(
            ingestion,
            signedRequest({ topic: "products/create", shop: SHOP, body, webhookId: "kill-1" }),
          )
        ).status,
      ).toBe(200);
      const locker = new pg.Client({ connectionString: db.url });
      await locker.connect();
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM shops WHERE domain = $1 FOR UPDATE", [SHOP]);

      const first = startWorker(db.url);
      workers.push(first);
      // Observed from another connection: pg_stat_activity is a snapshot inside the locker's transaction.
      await eventually(async () => {
        const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "products"%'`,
        );
        return rows[0]!.n > 0;
      }, 20_000);
      first.kill("SIGKILL");
      await once(first, "exit");
      await locker.query("ROLLBACK");
      await locker.end();
      expect((await db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "kill-1" } })).status).not.toBe(
        "processed",
      );

      const second = startWorker(db.url);
      workers.push(second);
      const processed = await eventually(async () => {
        const event = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "kill-1" } });
        return event.status === "processed" ? event : undefined;
      }, 30_000);
      expect(processed.attempts).toBe(1);
      expect(await db.prisma.product.count({ where: { shopifyId: 9000000000000000001n } })).toBe(1);

      // SIGTERM: finishes in-flight work and exits cleanly.
      second.kill("SIGTERM");
      const [code] = (await once(second, "exit")) as [number | null];
      expect(code).toBe(0);
    },
  );

  it(
    "a processed event marks the shop's home snapshots out of date, and the worker recomputes them",
    { timeout: 60_000 },
    async () => {
      const domain = "worker-snapshots.myshopify.com";
      await db.prisma.shop.create({ data: { domain, timezone: "Europe/Paris" } });
      const shop = (await getShopContext(db.prisma, domain))!;
      expect((await homeRowCounts(db.prisma, shop)).value.products).toBe(0);
      const worker = startWorker(db.url);
      workers.push(worker);
      const body = '{"id":9000000000000000077,"title":"Counted","updated_at":"2026-05-01T00:00:00Z","variants":[]}';
      expect(
        (
          await receiveWebhook(
            ingestion,
            signedRequest({ topic: "products/create", shop: domain, body, webhookId: "snap-1" }),
          )
        ).status,
      ).toBe(200);
      // The refresh job runs a couple of seconds after the event (paced by the snapshot's cost).
      const refreshed = await eventually(async () => {
        const row = await db.prisma.dashboardSnapshot.findUniqueOrThrow({
          where: { shopId_kind: { shopId: shop.id, kind: "overview" } },
        });
        return row.changedAt && row.computedAt > row.changedAt ? row : undefined;
      }, 30_000);
      expect((refreshed.data as { products: number }).products).toBe(1);

      // An order's event also brings the shop's daily sales rollup up to date (the other data-change subscriber).
      const order =
        '{"id":9000000000000000088,"name":"#1","processed_at":"2026-05-02T23:30:00Z","updated_at":"2026-05-02T23:30:00Z",' +
        '"total_tax":"2.00","total_shipping_price_set":{"shop_money":{"amount":"5.00","currency_code":"EUR"}},"line_items":[]}';
      expect(
        (
          await receiveWebhook(
            ingestion,
            signedRequest({ topic: "orders/create", shop: domain, body: order, webhookId: "snap-2" }),
          )
        ).status,
      ).toBe(200);
      const day = await eventually(
        async () => (await db.prisma.dailySales.findMany({ where: { shopId: shop.id } }))[0],
        30_000,
      );
      // 23:30 UTC is the next day in Paris.
      expect({ day: day.day.toISOString().slice(0, 10), orders: day.orders, shipping: Number(day.shipping) }).toEqual({
        day: "2026-05-03",
        orders: 1,
        shipping: 5,
      });
      worker.kill("SIGTERM");
      await once(worker, "exit");
    },
  );

  it(
    "a customers/redact webhook reaches the S3 snapshots within seconds: the worker rewrites the copy that held the customer",
    { timeout: 90_000 },
    async () => {
      const domain = "worker-redact.myshopify.com";
      await db.prisma.shop.create({ data: { domain, installedAt: new Date() } });
      const s3 = await startS3Server();
      const worker = startWorker(db.url, { ...s3.env, SNAPSHOT_SCHEDULE_HOUR: "off" });
      workers.push(worker);
      try {
        const deliver = async (topic: string, body: string, webhookId: string) =>
          expect(
            (await receiveWebhook(ingestion, signedRequest({ topic, shop: domain, body, webhookId }))).status,
          ).toBe(200);
        await deliver(
          "customers/create",
          '{"id":9100000000000000001,"email":"wren.quist@example.com","first_name":"Wren","last_name":"Quist","updated_at":"2026-05-01T00:00:00Z"}',
          "redact-1",
        );
        await eventually(
          async () => (await db.prisma.customer.count({ where: { email: "wren.quist@example.com" } })) === 1,
          30_000,
        );
        const bucket = new Bucket(s3.settings);
        const taken = await takeSnapshot(ingestion.pool, bucket, domain, "cli");
        const customersFile = async () => {
          const manifest = (await listSnapshots(bucket, domain)).find((entry) => entry.id === taken.id)!;
          const path = `${process.env.TMPDIR ?? "/tmp"}/worker-redact-${Date.now()}.parquet`;
          await bucket.download(manifest.tables.customers!.files[0]!.key, path);
          const duck = await ParquetFiles.open();
          try {
            return { manifest, rows: await duck.rows(`SELECT email, first_name FROM read_parquet('${path}')`) };
          } finally {
            duck.close();
          }
        };
        expect((await customersFile()).rows).toEqual([{ email: "wren.quist@example.com", first_name: "Wren" }]);

        await deliver(
          "customers/redact",
          `{"shop_domain":"${domain}","customer":{"id":9100000000000000001,"email":"wren.quist@example.com"},"orders_to_redact":[]}`,
          "redact-2",
        );
        // No scheduler minute needed: the applied event's data change queues the round.
        const done = await eventually(
          async () =>
            (await db.prisma.snapshotRedaction.findFirst({
              where: { shopDomain: domain, completedAt: { not: null } },
            })) ?? undefined,
          30_000,
        );
        expect(done.snapshotsRewritten).toEqual([taken.id]);
        const after = await customersFile();
        expect(after.rows).toEqual([{ email: null, first_name: null }]);
        expect(after.manifest.redactions).toHaveLength(1);
      } finally {
        worker.kill("SIGTERM");
        await once(worker, "exit");
        await s3.close();
      }
    },
  );
});
