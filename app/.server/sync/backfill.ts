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
  type Node,
  type RefundDetails,
} from "~/.server/normalize/graphql";
import { RESOURCE_WRITERS as write, type WriteContext } from "~/.server/events/apply-event";
import * as store from "~/.server/store";
import { readBulkResult, runBulkOperation, type BulkOperationOptions } from "./bulk-operation";
import { fetchRefundDetails } from "./graphql-pages";

type Extra = ReadonlyMap<string, RefundDetails>;

interface BackfillResource {
  query: string;
  /** Fetches what the bulk result cannot carry for a batch of parents, before the batch's transaction opens. */
  complete?: (parents: Node[], request: AdminRequest) => Promise<Extra>;
  /** Writes one parent with its children (nested connection nodes) and what `complete` fetched. */
  apply: (parent: Node, children: Node[], context: WriteContext, extra: Extra) => Promise<void>;
}

export const BACKFILL_RESOURCES: Record<string, BackfillResource> = {
  locations: {
    query: BULK_LOCATIONS,
    apply: (location, _children, context) => write.location(locationFromGraphql(location), context),
  },
  products: {
    query: BULK_PRODUCTS,
    apply: (product, variants, context) => write.product(productFromGraphql(product, variants), context),
  },
  inventory: {
    query: BULK_INVENTORY,
    apply: async (item, levels, context) => {
      await write.inventoryItem(inventoryItemFromGraphql(item), context);
      for (const level of levels) await write.inventoryLevel(inventoryLevelFromGraphql(level, item.id), context);
    },
  },
  customers: {
    query: BULK_CUSTOMERS,
    apply: (customer, _children, context) => write.customer(customerFromGraphql(customer), context),
  },
  orders: {
    query: BULK_ORDERS,
    complete: (orders, request) => fetchRefundDetails(request, orders),
    apply: (order, lineItems, context, refunds) => write.order(orderFromGraphql(order, lineItems, refunds), context),
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
  const runId =
    resumed?.id ??
    (
      await pool.query<{ id: string }>(
        `INSERT INTO sync_runs (shop_id, kind, resource, status, started_at) VALUES ($1, 'backfill', $2, 'running', now()) RETURNING id`,
        [shopId, name],
      )
    ).rows[0]!.id;
  let resumeId = resumed?.bulkOperationId ?? null;
  let lastError = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    await pool.query(`UPDATE sync_runs SET attempts = attempts + 1 WHERE id = $1`, [runId]);
    try {
      const operation = await runBulkOperation(request, resource.query, {
        ...options,
        resumeId,
        onStarted: async (id) => {
          await pool.query(`UPDATE sync_runs SET bulk_operation_id = $2 WHERE id = $1`, [runId, id]);
        },
      });
      await pool.query(`UPDATE sync_runs SET bulk_operation_id = $2, object_count = $3 WHERE id = $1`, [
        runId,
        operation.id,
        operation.objectCount,
      ]);
      const written = await writeResult(
        pool,
        request,
        resource,
        { shopId, shopCurrency: currency },
        operation.url,
        options.batchSize ?? 200,
        // Progress for the dashboard's banner.
        async (written) =>
          void (await pool.query(`UPDATE sync_runs SET rows_written = $2 WHERE id = $1`, [runId, written])),
      );
      // Every JSONL line is one object Shopify counted: a shortfall means lost rows.
      if (written !== operation.objectCount) {
        throw new Error(`wrote ${written} objects but the bulk operation counted ${operation.objectCount}`);
      }
      await pool.query(
        `UPDATE sync_runs SET status = 'succeeded', rows_written = $2, error = NULL, finished_at = now() WHERE id = $1`,
        [runId, written],
      );
      return { resource: name, status: "succeeded", objectCount: operation.objectCount, rowsWritten: written };
    } catch (error) {
      resumeId = null; // Whatever the previous operation was, the next attempt starts a fresh one.
      lastError = error instanceof Error ? error.message : String(error);
      logger.warn({ shopId, resource: name, attempt, err: error }, "backfill attempt failed");
      await pool.query(`UPDATE sync_runs SET error = $2 WHERE id = $1`, [runId, lastError]);
      if (attempt < maxAttempts) {
        await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 5_000) * 2 ** (attempt - 1)));
      }
    }
  }
  await pool.query(`UPDATE sync_runs SET status = 'failed', finished_at = now() WHERE id = $1`, [runId]);
  return { resource: name, status: "failed", objectCount: 0, rowsWritten: 0, error: lastError };
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
async function writeResult(
  pool: Pool,
  request: AdminRequest,
  resource: BackfillResource,
  target: { shopId: string; shopCurrency: string | null },
  url: string | null,
  batchSize: number,
  onProgress: (written: number) => Promise<void>,
): Promise<number> {
  if (!url) return 0; // An operation that matched nothing has no result file.
  let written = 0;
  let batch: { parent: Node; children: Node[] }[] = [];
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (!pending.length) return;
    const extra = resource.complete
      ? await resource.complete(
          pending.map((entry) => entry.parent),
          request,
        )
      : new Map<string, RefundDetails>();
    await inTransaction(pool, async (client) => {
      for (const { parent, children } of pending) await resource.apply(parent, children, { client, ...target }, extra);
    });
    written += pending.reduce((sum, entry) => sum + 1 + entry.children.length, 0);
    await onProgress(written);
  };
  for await (const group of readBulkResult(url)) {
    batch.push(group);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return written;
}
