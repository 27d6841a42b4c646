// The process-wide webhook ingestion dependencies, created on first use from
// the environment (like shopify.server.ts for the Shopify app object).
import type { PgBoss } from "pg-boss";
import { createPool, type Pool } from "~/.server/database/pool";
import { env } from "~/.server/env";
import { createDeliveryStore, createWebhookVerifier, type IngestionDeps } from "~/.server/ingestion";
import { startQueue } from "~/.server/jobs";

type WebIngestion = IngestionDeps & { maxBodyBytes: number; queue: () => Promise<PgBoss>; pool: Pool };

/** The web process's pg pool (the one ingestion writes with), for actions that need a transaction. */
export function webPool(): Pool {
  return ingestion().pool;
}

/** The web process's pg-boss handle (started with ingestion), for enqueueing other jobs. */
export function webJobQueue(): Promise<PgBoss> {
  return ingestion().queue();
}

declare global {
  var __storehouseIngestion: WebIngestion | undefined;
}

export function ingestion(): WebIngestion {
  if (!globalThis.__storehouseIngestion) {
    const config = env();
    const pool: Pool = createPool(config.DATABASE_URL, 20);
    let queue: Promise<PgBoss> | undefined;
    // Started lazily and retried after a failure (the database may be down at boot).
    const startedQueue = () => {
      queue ??= startQueue(config.DATABASE_URL, {
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        jobTimeoutSeconds: config.WORKER_JOB_TIMEOUT_SECONDS,
      }).catch((error: unknown) => {
        queue = undefined;
        throw error;
      });
      return queue;
    };
    globalThis.__storehouseIngestion = {
      maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
      verify: createWebhookVerifier(config.SHOPIFY_API_KEY, config.SHOPIFY_API_SECRET),
      deliveries: createDeliveryStore(pool, startedQueue),
      customShopDomain: config.SHOP_CUSTOM_DOMAIN,
      queue: startedQueue,
      pool,
    };
  }
  return globalThis.__storehouseIngestion;
}
