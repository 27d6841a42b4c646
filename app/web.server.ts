// The web process's dependencies, built once from the environment: the
// database clients (db.server.ts), the job queue (started lazily, retried
// after a failure: the database may be down at boot) and webhook ingestion.
// Routes reach them through admin.server.ts; webhooks.tsx and server/index.ts
// through webhookIngestion().
import type { PgBoss } from "pg-boss";
import { env } from "~/.server/env";
import { createDeliveryStore, createWebhookVerifier, type IngestionDeps } from "~/.server/ingestion";
import { startQueue } from "~/.server/jobs";
import { pool, prisma, type Database, type Pool } from "~/db.server";

export interface WebDeps {
  db: Database;
  pool: Pool;
  queue: () => Promise<PgBoss>;
  ingestion: IngestionDeps & { maxBodyBytes: number };
  /** Analyst API requests per key and minute (API_RATE_LIMIT_PER_MINUTE). */
  apiRateLimitPerMinute: number;
}

declare global {
  var __storehouseWeb: WebDeps | undefined;
}

export function web(): WebDeps {
  if (!globalThis.__storehouseWeb) {
    const config = env();
    let started: Promise<PgBoss> | undefined;
    const queue = () => {
      started ??= startQueue(config.DATABASE_URL, {
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        jobTimeoutSeconds: config.WORKER_JOB_TIMEOUT_SECONDS,
      }).catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      return started;
    };
    globalThis.__storehouseWeb = {
      db: prisma(),
      pool: pool(),
      queue,
      apiRateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
      ingestion: {
        maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
        verify: createWebhookVerifier(config.SHOPIFY_API_SECRET),
        deliveries: createDeliveryStore(pool(), queue),
        customShopDomain: config.SHOP_CUSTOM_DOMAIN,
      },
    };
  }
  return globalThis.__storehouseWeb;
}

/** The database alone, for /healthz: it must answer without the rest of the web's dependencies. */
export function webDatabase(): Database {
  return prisma();
}

/** What /webhooks needs: the verifier, the delivery store and the body limit. */
export function webhookIngestion(): WebDeps["ingestion"] {
  return web().ingestion;
}
