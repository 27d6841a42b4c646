// Helpers for ingestion tests: Shopify-signed requests, the ingestion
// dependencies over a test database, and draining the job queue in-process.
import { createHmac, randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { createPool, type Pool } from "~/.server/database/pool";
import { createDeliveryStore, createWebhookVerifier, type IngestionDeps } from "~/.server/ingestion";
import { startQueue, WEBHOOK_EVENTS_QUEUE } from "~/.server/jobs";
import { afterAll, beforeAll } from "vitest";
import { applyWebhookEventJobs } from "../../worker/tasks/webhook-events";
import { createTestDatabase, type TestDatabase } from "./database";

export const API_KEY = "ingest-test-key";
export const API_SECRET = "ingest-test-secret";

export interface SignedOptions {
  topic: string;
  shop: string;
  body: string;
  webhookId?: string;
  eventId?: string;
  secret?: string;
  hmac?: string | null;
  /** X-Shopify-Triggered-At; now by default. */
  triggeredAt?: Date;
}

export function signedRequest(options: SignedOptions): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-topic": options.topic,
    "x-shopify-shop-domain": options.shop,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-event-id": options.eventId ?? randomUUID(),
    "x-shopify-triggered-at": (options.triggeredAt ?? new Date()).toISOString(),
  };
  const hmac =
    options.hmac === undefined
      ? createHmac("sha256", options.secret ?? API_SECRET)
          .update(options.body, "utf8")
          .digest("base64")
      : options.hmac;
  if (hmac !== null) headers["x-shopify-hmac-sha256"] = hmac;
  return new Request("https://storehouse.example/webhooks", { method: "POST", headers, body: options.body });
}

export interface TestIngestion extends IngestionDeps {
  pool: Pool;
  maxBodyBytes: number;
  boss: PgBoss;
  close(): Promise<void>;
}

export async function createTestIngestion(
  databaseUrl: string,
  options: { maxAttempts?: number; maxBodyBytes?: number; jobTimeoutSeconds?: number } = {},
): Promise<TestIngestion> {
  const pool: Pool = createPool(databaseUrl, 10);
  const boss = await startQueue(databaseUrl, {
    maxAttempts: options.maxAttempts ?? 3,
    jobTimeoutSeconds: options.jobTimeoutSeconds ?? 60,
    retryDelaySeconds: 0,
  });
  return {
    pool,
    boss,
    deliveries: createDeliveryStore(pool, async () => boss),
    verify: createWebhookVerifier(API_SECRET),
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    close: async () => {
      await boss.stop({ graceful: false, close: true });
      await pool.end();
    },
  };
}

/** Runs queued jobs in this process until none is left ready; returns how many ran. */
export async function drainQueue(ingestion: TestIngestion): Promise<number> {
  let ran = 0;
  for (;;) {
    const jobs = await ingestion.boss.fetch(WEBHOOK_EVENTS_QUEUE, { batchSize: 50, includeMetadata: true });
    if (!jobs.length) return ran;
    ran += jobs.length;
    // The worker's own batch path: applied together, failures failed through the queue.
    const { failed } = await applyWebhookEventJobs(ingestion.pool, ingestion.boss, jobs);
    const done = jobs.filter((job) => !failed.has(job.id)).map((job) => job.id);
    if (done.length) await ingestion.boss.complete(WEBHOOK_EVENTS_QUEUE, done);
  }
}

/**
 * A test file's private database with the ingestion dependencies over it:
 * opened before the file's tests and closed after them. Read `db` and
 * `ingestion` inside tests (they are set once beforeAll has run).
 */
export function useIngestionDatabase(options: Parameters<typeof createTestIngestion>[1] = {}) {
  const opened = {} as { db: TestDatabase; ingestion: TestIngestion };
  beforeAll(async () => {
    opened.db = await createTestDatabase();
    opened.ingestion = await createTestIngestion(opened.db.url, options);
  });
  afterAll(async () => {
    await opened.ingestion?.close();
    await opened.db?.drop();
  });
  return opened;
}
