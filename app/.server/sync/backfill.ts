// The full backfill: one bulk query per resource group, all started at once
// (2026-10 runs up to 5 per shop), each result streamed line by line through
// the same normalizers and guarded upserts the webhooks use, in batches of
// parents per transaction. Memory stays bounded by one batch whatever the
// shop's size. An older backfill row never overwrites a newer webhook row:
// the upserts' updated_at rule decides, as for webhooks.
import type { AdminRequest } from "~/.server/admin-api/admin-client";
import {
  BULK_CUSTOMERS,
  BULK_INVENTORY,
  BULK_LOCATIONS,
  BULK_ORDERS,
  BULK_PRODUCTS,
} from "~/.server/admin-api/documents/backfill";
import { inTransaction, type Pool } from "~/.server/database/pool";
import { logger } from "~/.server/logger";
import {
  customerFromGraphql,
  inventoryItemFromGraphql,
  inventoryLevelFromGraphql,
  locationFromGraphql,
  orderFromGraphql,
  productFromGraphql,
  refundFromGraphql,
  type Node,
} from "~/.server/normalize/graphql";
import { legacyId } from "~/.server/normalize/graphql/common";
import { addToBatch, writeBatch, type PayloadBatch } from "~/.server/store";
import * as store from "~/.server/store";
import { BulkOperationError, readBulkResult, runBulkOperation, type BulkOperationOptions } from "./bulk-operation";
import { repairListed } from "./reconcile";
import { countSyncRunAttempt, finishSyncRun, recordSyncRunProgress, startSyncRun } from "./sync-runs";
import { fetchRefundDetails } from "./graphql-pages";

interface BackfillResource {
  query: string;
  /**
   * Resources holding protected customer fields: when Shopify fails the bulk
   * query with ACCESS_DENIED (the app is not approved for some of them), they
   * are listed and fetched page by page through ordinary queries instead,
   * whose answers carry the withheld fields as null (reconcile.ts's paging).
   */
  pagedWhenDenied?: boolean;
  /** One parent with its children (nested connection nodes) as REST-shaped payloads, by kind. */
  payloads: (parent: Node, children: Node[]) => PayloadBatch;
  /** Fetches, once the bulk result is stored, what a bulk query cannot nest; returns a note for the run. */
  finish?: (pool: Pool, request: AdminRequest, target: WriteTarget) => Promise<string>;
}

interface WriteTarget {
  shopId: string;
  shopCurrency: string | null;
}

export const BACKFILL_RESOURCES: Record<string, BackfillResource> = {
  locations: {
    query: BULK_LOCATIONS,
    payloads: (location) => ({ locations: [locationFromGraphql(location)] }),
  },
  products: {
    query: BULK_PRODUCTS,
    payloads: (product, variants) => ({ products: [productFromGraphql(product, variants)] }),
  },
  inventory: {
    query: BULK_INVENTORY,
    payloads: (item, levels) => ({
      inventoryItems: [inventoryItemFromGraphql(item)],
      inventoryLevels: levels.map((level) => inventoryLevelFromGraphql(level, item.id)),
    }),
  },
  customers: {
    query: BULK_CUSTOMERS,
    pagedWhenDenied: true,
    payloads: (customer) => ({ customers: [customerFromGraphql(customer)] }),
  },
  orders: {
    query: BULK_ORDERS,
    pagedWhenDenied: true,
    payloads: (order, lineItems) => ({ orders: [orderFromGraphql(order, lineItems)] }),
    finish: completeRefunds,
  },
};

export interface BackfillOptions extends BulkOperationOptions {
  resources?: string[];
  /** Parents written per transaction. */
  batchSize?: number;
  /** Attempts per resource when Shopify fails or cancels the operation. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /**
   * Set when a backfill job is retried (its worker died or it failed): resources
   * that succeeded since this time are not loaded again, and an operation the
   * previous attempt started is followed instead of starting another.
   */
  resumeSince?: Date;
}

export interface ResourceOutcome {
  resource: string;
  status: "succeeded" | "failed";
  objectCount: number;
  rowsWritten: number;
  error?: string;
}

export async function runBackfill(
  pool: Pool,
  request: AdminRequest,
  shopId: string,
  options: BackfillOptions = {},
): Promise<ResourceOutcome[]> {
  const { rows } = await pool.query<{ currency: string | null }>("SELECT currency FROM shops WHERE id = $1", [shopId]);
  const currency = rows[0]?.currency ?? null;
  const names = options.resources ?? Object.keys(BACKFILL_RESOURCES);
  const outcomes = await Promise.all(
    names.map((name) => backfillResource(pool, request, shopId, currency, name, options)),
  );
  // Resources load concurrently: an order may have been written while its customer's transaction was open.
  await store.linkOrphans(pool, shopId);
  return outcomes;
}

async function backfillResource(
  pool: Pool,
  request: AdminRequest,
  shopId: string,
  currency: string | null,
  name: string,
  options: BackfillOptions,
): Promise<ResourceOutcome> {
  const resource = BACKFILL_RESOURCES[name];
  if (!resource) throw new Error(`unknown backfill resource ${name}`);
  const maxAttempts = options.maxAttempts ?? 3;
  const resumed = options.resumeSince ? await resumableRun(pool, shopId, name, options.resumeSince) : undefined;
  if (resumed?.status === "succeeded") {
    return { resource: name, status: "succeeded", objectCount: resumed.objectCount, rowsWritten: resumed.rowsWritten };
  }
  const runId = resumed?.id ?? (await startSyncRun(pool, { shopId, kind: "backfill", resource: name }));
  let resumeId = resumed?.bulkOperationId ?? null;
  let lastError = "";
  // Once the bulk result is stored, a failed follow-up (finish) is retried alone, not the whole operation.
  let stored: { objectCount: number; written: number; note?: string } | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    await countSyncRunAttempt(pool, runId);
    try {
      stored ??= await loadBulkResult(pool, request, resource, { shopId, shopCurrency: currency }, runId, {
        ...options,
        resumeId,
      }).catch(async (error: unknown) => {
        if (!(resource.pagedWhenDenied && error instanceof BulkOperationError && error.errorCode === "ACCESS_DENIED")) {
          throw error;
        }
        logger.info({ shopId, resource: name }, "bulk query denied for protected customer fields: paging instead");
        return loadPageByPage(pool, request, name, { shopId, shopCurrency: currency }, runId);
      });
      const finishStarted = performance.now();
      const finished = resource.finish
        ? `${await resource.finish(pool, request, { shopId, shopCurrency: currency })} in ${((performance.now() - finishStarted) / 1000).toFixed(1)} s`
        : null;
      const note = [stored.note, finished].filter(Boolean).join("; ") || null;
      await finishSyncRun(pool, runId, "succeeded", { rowsWritten: stored.written, note, error: null });
      return { resource: name, status: "succeeded", objectCount: stored.objectCount, rowsWritten: stored.written };
    } catch (error) {
      resumeId = null; // Whatever the previous operation was, the next attempt starts a fresh one.
      lastError = error instanceof Error ? error.message : String(error);
      logger.warn({ shopId, resource: name, attempt, err: error }, "backfill attempt failed");
      await recordSyncRunProgress(pool, runId, { error: lastError });
      if (attempt < maxAttempts) {
        await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 5_000) * 2 ** (attempt - 1)));
      }
    }
  }
  await finishSyncRun(pool, runId, "failed");
  return { resource: name, status: "failed", objectCount: 0, rowsWritten: 0, error: lastError };
}

/** Runs (or follows) the bulk operation and streams its result into the store; checks the object count. */
async function loadBulkResult(
  pool: Pool,
  request: AdminRequest,
  resource: BackfillResource,
  target: WriteTarget,
  runId: string,
  options: BackfillOptions & { resumeId: string | null },
): Promise<{ objectCount: number; written: number }> {
  const operation = await runBulkOperation(request, resource.query, {
    ...options,
    onStarted: async (id) => {
      await recordSyncRunProgress(pool, runId, { bulkOperationId: id });
    },
  });
  await recordSyncRunProgress(pool, runId, { bulkOperationId: operation.id, objectCount: operation.objectCount });
  const written = await writeResult(
    pool,
    resource,
    target,
    operation.url,
    options.batchSize ?? 200,
    // Progress for the dashboard's banner.
    (count) => recordSyncRunProgress(pool, runId, { rowsWritten: count }),
  );
  // Every JSONL line is one object Shopify counted: a shortfall means lost rows.
  if (written !== operation.objectCount) {
    throw new Error(`wrote ${written} objects but the bulk operation counted ${operation.objectCount}`);
  }
  return { objectCount: operation.objectCount, written };
}

/**
 * The resource through ordinary paged queries, for a shop where Shopify
 * denies the bulk query: slower (paced by the cost bucket) but it answers
 * with the withheld fields null, where the bulk query fails whole.
 */
async function loadPageByPage(
  pool: Pool,
  request: AdminRequest,
  name: string,
  target: WriteTarget,
  runId: string,
): Promise<{ objectCount: number; written: number; note: string }> {
  const { checked, repaired } = await repairListed(pool, request, name, target, "", (page) =>
    recordSyncRunProgress(pool, runId, { objectCount: page.checked, rowsWritten: page.repaired }),
  );
  await recordSyncRunProgress(pool, runId, { bulkOperationId: null, objectCount: checked });
  return {
    objectCount: checked,
    written: repaired,
    note: "Shopify denied the bulk query (protected customer fields not approved): loaded page by page",
  };
}

interface ResumableRun {
  id: string;
  status: "running" | "succeeded";
  bulkOperationId: string | null;
  objectCount: number;
  rowsWritten: number;
}

/** The resource's run from an earlier attempt of the same backfill: finished, or interrupted mid-way. */
async function resumableRun(pool: Pool, shopId: string, name: string, since: Date): Promise<ResumableRun | undefined> {
  const { rows } = await pool.query<{
    id: string;
    status: "running" | "succeeded";
    bulk_operation_id: string | null;
    object_count: string | null;
    rows_written: string;
  }>(
    `SELECT id, status, bulk_operation_id, object_count, rows_written FROM sync_runs
     WHERE shop_id = $1 AND kind = 'backfill' AND resource = $2 AND started_at >= $3 AND status IN ('running', 'succeeded')
     ORDER BY id DESC LIMIT 1`,
    [shopId, name, since],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    bulkOperationId: row.bulk_operation_id,
    objectCount: Number(row.object_count ?? 0),
    rowsWritten: Number(row.rows_written),
  };
}

/** Streams the JSONL into the store; returns how many objects (lines) it wrote. */
/** Batch transactions a resource keeps open at once (each holds one pool connection). */
const WRITES_IN_FLIGHT = 3;

async function writeResult(
  pool: Pool,
  resource: BackfillResource,
  target: WriteTarget,
  url: string | null,
  batchSize: number,
  onProgress: (written: number) => Promise<void>,
): Promise<number> {
  if (!url) return 0; // An operation that matched nothing has no result file.
  let written = 0;
  let batch: { parent: Node; children: Node[] }[] = [];
  // Pipelined: while one batch is written, the next is read and converted.
  // Pipelined: while batches are written (a few transactions at once, so PostgreSQL is not left
  // waiting on one), the next is read and converted. Memory stays bounded by WRITES_IN_FLIGHT + 1 batches.
  const writing = new Set<Promise<void>>();
  const write = async (pending: typeof batch) => {
    const payloads: PayloadBatch = {};
    for (const { parent, children } of pending) addToBatch(payloads, resource.payloads(parent, children));
    // One transaction, a handful of multi-row statements per kind (store/upsert.ts upsertRows).
    await inTransaction(pool, (client) => writeBatch(payloads, { client, ...target }));
    written += pending.reduce((sum, entry) => sum + 1 + entry.children.length, 0);
    await onProgress(written);
  };
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (!pending.length) return;
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
    const promise = write(pending).finally(() => writing.delete(promise));
    promise.catch(() => {}); // Thrown by the race above or by allSettled's check below.
    writing.add(promise);
  };
  let failure: unknown = null;
  try {
    for await (const group of readBulkResult(url)) {
      batch.push(group);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    failure = error;
  }
  // Never leave a transaction running behind a failure: wait for every write, then report the first error.
  const rejected = (await Promise.allSettled(writing)).find((result) => result.status === "rejected");
  if (failure) throw failure;
  if (rejected) throw rejected.reason;
  return written;
}

const REFUNDS_PER_PASS = 200;

/**
 * Refund line items and transactions for the refunds the orders' bulk result
 * listed without them (a bulk query cannot nest a connection under the
 * `refunds` list). The bulk data is stored first, at full speed; these
 * follow-up calls then run at the pace the shop's bucket allows. Picks up what
 * a previous attempt left: a refund without line items or transactions.
 */
async function completeRefunds(pool: Pool, request: AdminRequest, target: WriteTarget): Promise<string> {
  let after = "0";
  let completed = 0;
  for (;;) {
    const { rows } = await pool.query<{ shopify_id: string; order_shopify_id: string | null }>(
      `SELECT r.shopify_id::text, r.order_shopify_id::text FROM refunds r
       WHERE r.shop_id = $1 AND r.shopify_id > $2 AND r.transactions = '[]'::jsonb
         AND NOT EXISTS (SELECT 1 FROM refund_line_items i WHERE i.shop_id = r.shop_id AND i.refund_id = r.id)
       ORDER BY r.shopify_id LIMIT ${REFUNDS_PER_PASS}`,
      [target.shopId, after],
    );
    if (!rows.length) break;
    const details = await fetchRefundDetails(
      request,
      rows.map((row) => `gid://shopify/Refund/${row.shopify_id}`),
    );
    const refunds = [...details.values()].map((entry) =>
      refundFromGraphql(entry.refund, legacyId((entry.refund.order as Node | null)?.id), entry),
    );
    await inTransaction(pool, (client) => writeBatch({ refunds }, { client, ...target }));
    completed += refunds.length;
    after = rows.at(-1)!.shopify_id;
  }
  return `refund line items and transactions fetched for ${completed} refunds`;
}
