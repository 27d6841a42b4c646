import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueShopBackfill, enqueueShopReconcile, startQueue } from "~/.server/jobs";
import { createShopifyApp } from "~/.server/auth/shopify-app";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import type { RunningSimulator } from "../simulator";
import type { SimulatedShop } from "../simulator/shop/shop";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { API_KEY, API_SECRET, eventually, startTestSimulator } from "./support/simulator";

const SHOP = "sync-worker.myshopify.com";
const APP_URL = "https://storehouse.example";

describe("sync jobs in the worker process", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let boss: PgBoss;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: db.url,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_APP_URL: APP_URL,
        SHOPIFY_SIMULATOR_URL: sim.url,
        SCOPES: ACCESS_SCOPES.join(","),
        LOG_LEVEL: process.env.WORKER_TEST_LOG_LEVEL ?? "silent",
        SYNC_HEARTBEAT_SECONDS: "10",
        SYNC_RETRY_DELAY_SECONDS: "1",
        WORKER_JOB_TIMEOUT_SECONDS: "2",
      },
      stdio: process.env.WORKER_TEST_LOG_LEVEL ? "inherit" : "ignore",
    });
    workers.push(worker);
    return worker;
  };
  const backfillRuns = () => db.prisma.syncRun.findMany({ where: { kind: "backfill" }, orderBy: { resource: "asc" } });
  /** Installing through token exchange stores the offline session the worker will use. */
  const install = async (domain: string) => {
    const shopify = createShopifyApp(
      { apiKey: API_KEY, apiSecretKey: API_SECRET, appUrl: APP_URL, scopes: [...ACCESS_SCOPES], simulatorUrl: sim.url },
      db.prisma,
    );
    await shopify.authenticate.admin(
      await setUpValidRequest(
        {
          type: RequestType.Bearer,
          store: domain.replace(".myshopify.com", ""),
          apiKey: API_KEY,
          apiSecretKey: API_SECRET,
        },
        new Request(`${APP_URL}/app`),
      ),
    );
  };
  /** Holds order writes (a table lock in an open transaction) so a worker is caught mid-backfill. */
  const holdOrderWrites = async () => {
    const locker = new pg.Client({ connectionString: db.url });
    locker.on("error", () => {}); // Ended by the test that terminates every connection.
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE");
    return locker;
  };
  /** Resolves once a worker's order insert waits on that lock. */
  const workerWaitsOnOrderWrites = () =>
    eventually(async () => {
      const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "orders"%'`,
      );
      return rows[0]!.n > 0;
    }, 30_000);

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startTestSimulator();
    shop = sim.sim.createShop({ domain: SHOP, counts: { locations: 2, products: 30, customers: 200, orders: 1500 } });
    await install(SHOP);
    // Jobs take their retry settings from when they are queued: the same short ones the workers use.
    boss = await startQueue(db.url, {
      maxAttempts: 3,
      jobTimeoutSeconds: 2,
      heartbeatSeconds: 10,
      syncRetryDelaySeconds: 1,
    });
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await boss.stop({ graceful: false, close: true });
    await sim.close();
    await db.drop();
  });

  it(
    "a backfill whose worker is killed mid-way resumes in another worker without restarting finished work",
    { timeout: 120_000 },
    async () => {
      // Hold order writes so the first worker is caught mid-backfill, its orders bulk operation started.
      const locker = await holdOrderWrites();
      await enqueueShopBackfill(boss, SHOP);
      const first = startWorker();
      await workerWaitsOnOrderWrites();
      const ordersRun = await db.prisma.syncRun.findFirstOrThrow({ where: { kind: "backfill", resource: "orders" } });
      expect(ordersRun.status).toBe("running");
      expect(ordersRun.bulkOperationId).toMatch(/^gid:\/\/shopify\/BulkOperation\//);
      first.kill("SIGKILL");
      await once(first, "exit");
      await locker.query("ROLLBACK");
      await locker.end();
      const operationsBefore = sim.sim.bulkOperations.list(SHOP).length;

      const second = startWorker();
      const runs = await eventually(async () => {
        const all = await backfillRuns();
        return all.length === 5 && all.every((run) => run.status === "succeeded") ? all : undefined;
      }, 60_000);
      // One run per resource: the interrupted one was continued, not duplicated...
      expect(runs.map((run) => run.resource)).toEqual(["customers", "inventory", "locations", "orders", "products"]);
      const orders = runs.find((run) => run.resource === "orders")!;
      expect(orders.bulkOperationId).toBe(ordersRun.bulkOperationId);
      expect(orders.attempts).toBe(2);
      // ...and its bulk operation followed to the end, not started again.
      expect(sim.sim.bulkOperations.list(SHOP).length).toBe(operationsBefore);
      expect(await db.prisma.order.count()).toBe(shop.orders.length);
      expect(Number(orders.rowsWritten)).toBe(Number(orders.objectCount));

      // The same worker runs a reconciliation: subscriptions checked, every resource listed.
      await enqueueShopReconcile(boss, SHOP);
      const reconciled = await eventually(async () => {
        const all = await db.prisma.syncRun.findMany({ where: { kind: "reconcile", status: "succeeded" } });
        return all.length === 5 ? all : undefined;
      }, 30_000);
      expect(reconciled.map((run) => run.resource).sort()).toEqual([
        "customers",
        "inventory",
        "orders",
        "products",
        "webhook_subscriptions",
      ]);
      expect(reconciled.every((run) => run.rowsRepaired === 0n)).toBe(true);

      second.kill("SIGTERM");
      const [code] = (await once(second, "exit")) as [number | null];
      expect(code).toBe(0);
    },
  );

  it(
    "a backfill during which every database connection is ended completes, and the worker stays up",
    { timeout: 120_000 },
    async () => {
      const domain = "sync-outage.myshopify.com";
      const outageShop = sim.sim.createShop({
        domain,
        counts: { locations: 2, products: 30, customers: 200, orders: 1500 },
      });
      await install(domain);
      const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain } });
      // Catch the worker mid-backfill: order writes wait on a lock until the connections are ended.
      await holdOrderWrites();
      await enqueueShopBackfill(boss, domain);
      const worker = startWorker();
      await workerWaitsOnOrderWrites();

      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      const ended = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()) AS terminated`,
      );
      await admin.end();
      expect(ended.rows[0]!.n).toBeGreaterThan(2);

      const runs = await eventually(async () => {
        const all = await db.prisma.syncRun.findMany({ where: { kind: "backfill", shopId: shopRow.id } });
        return all.length === 5 && all.every((run) => run.status === "succeeded") ? all : undefined;
      }, 90_000);
      expect(runs).toHaveLength(5);
      expect(worker.exitCode).toBeNull();
      expect(await db.prisma.order.count({ where: { shopId: shopRow.id } })).toBe(outageShop.orders.length);
      expect(await db.prisma.customer.count({ where: { shopId: shopRow.id } })).toBe(outageShop.customers.length);

      worker.kill("SIGTERM");
      const [code] = (await once(worker, "exit")) as [number | null];
      expect(code).toBe(0);
    },
  );
});
