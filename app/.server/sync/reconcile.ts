// Reconciliation: what webhooks missed (dropped deliveries, a subscription
// Shopify removed, downtime) is repaired by paging through everything updated
// since the last successful sync. The listing is cheap (ids and updatedAt, 250
// a page); only objects the store lacks or holds in an older version are
// fetched whole and written through the webhook path's resource writers, so a
// repair is counted exactly and never overwrites newer data. The window starts
// a lookback before the previous run's end: an update that raced it is seen.
import type { AdminRequest } from "~/.server/admin-api/admin-client";
import {
  CHANGED_CUSTOMERS,
  CHANGED_INVENTORY_ITEMS,
  CHANGED_ORDERS,
  CHANGED_PRODUCTS,
  CUSTOMERS_BY_ID,
  INVENTORY_ITEMS_BY_ID,
  INVENTORY_LEVELS_PAGE,
  ORDER_LINE_ITEMS_PAGE,
  ORDERS_BY_ID,
  PRODUCT_VARIANTS_PAGE,
  PRODUCTS_BY_ID,
} from "~/.server/admin-api/documents/reconcile";
import { inTransaction, type Pool } from "~/.server/database/pool";
import { writeBatch, type PayloadBatch } from "~/.server/store";
import { logger } from "~/.server/logger";
import {
  customerFromGraphql,
  inventoryItemFromGraphql,
  inventoryLevelFromGraphql,
  orderFromGraphql,
  productFromGraphql,
  type Node,
} from "~/.server/normalize/graphql";
import type { Payload } from "~/.server/normalize";
import * as store from "~/.server/store";
import { allNodes, fetchRefundDetails, refundIdsOf, type Connection } from "./graphql-pages";
import { finishSyncRun, recordSyncRunProgress, startSyncRun } from "./sync-runs";

interface ReconcileResource {
  /** `CHANGED_*`: ids and updatedAt of what changed, by `$query`. */
  listing: string;
  field: string;
  /** Where the stored version's updated_at is compared. */
  table: string;
  /** `*_BY_ID`: whole objects through `nodes(ids:)`, `perCall` at a time (keeps the requested cost < 1,000). */
  byId: string;
  perCall: number;
  /** Fetched objects as REST-shaped payloads, after fetching what their first pages left out. */
  load: (nodes: Node[], request: AdminRequest) => Promise<PayloadBatch>;
}

const connection = (node: Node, field: string) => node[field] as Connection;

export const RECONCILE_RESOURCES: Record<string, ReconcileResource> = {
  products: {
    listing: CHANGED_PRODUCTS,
    field: "products",
    table: "products",
    byId: PRODUCTS_BY_ID,
    perCall: 4,
    load: async (products, request) => {
      const payloads: Payload[] = [];
      for (const product of products) {
        const variants = await allNodes(
          request,
          PRODUCT_VARIANTS_PAGE,
          String(product.id),
          "variants",
          connection(product, "variants"),
        );
        payloads.push(productFromGraphql(product, variants));
      }
      return { products: payloads };
    },
  },
  inventory: {
    listing: CHANGED_INVENTORY_ITEMS,
    field: "inventoryItems",
    table: "inventory_items",
    byId: INVENTORY_ITEMS_BY_ID,
    perCall: 10,
    load: async (items, request) => {
      const batch: PayloadBatch = { inventoryItems: [], inventoryLevels: [] };
      for (const item of items) {
        const levels = await allNodes(
          request,
          INVENTORY_LEVELS_PAGE,
          String(item.id),
          "inventoryLevels",
          connection(item, "inventoryLevels"),
        );
        batch.inventoryItems!.push(inventoryItemFromGraphql(item));
        batch.inventoryLevels!.push(...levels.map((level) => inventoryLevelFromGraphql(level, item.id)));
      }
      return batch;
    },
  },
  customers: {
    listing: CHANGED_CUSTOMERS,
    field: "customers",
    table: "customers",
    byId: CUSTOMERS_BY_ID,
    perCall: 25,
    load: async (customers) => ({ customers: customers.map(customerFromGraphql) }),
  },
  orders: {
    listing: CHANGED_ORDERS,
    field: "orders",
    table: "orders",
    byId: ORDERS_BY_ID,
    perCall: 3,
    load: async (orders, request) => {
      const refunds = await fetchRefundDetails(request, refundIdsOf(orders));
      const payloads: Payload[] = [];
      for (const order of orders) {
        const lineItems = await allNodes(
          request,
          ORDER_LINE_ITEMS_PAGE,
          String(order.id),
          "lineItems",
          connection(order, "lineItems"),
        );
        payloads.push(orderFromGraphql(order, lineItems, refunds));
      }
      return { orders: payloads };
    },
  },
};

export interface ReconcileOptions {
  resources?: string[];
  /** How far before the previous run's end the window starts. */
  lookbackMs?: number;
  now?: () => Date;
}

export interface ReconcileOutcome {
  resource: string;
  status: "succeeded" | "failed" | "skipped";
  /** Objects Shopify listed as changed in the window. */
  checked: number;
  /** Of those, the ones the store lacked or held older: each was a missed update. */
  repaired: number;
  windowStart?: Date;
  error?: string;
}

export const DEFAULT_LOOKBACK_MS = 5 * 60_000;

export async function runReconciliation(
  pool: Pool,
  request: AdminRequest,
  shopId: string,
  options: ReconcileOptions = {},
): Promise<ReconcileOutcome[]> {
  const { rows } = await pool.query<{ currency: string | null }>("SELECT currency FROM shops WHERE id = $1", [shopId]);
  const currency = rows[0]?.currency ?? null;
  const outcomes: ReconcileOutcome[] = [];
  // One resource after another: they share the shop's bucket, so running them at once would only queue in the limiter.
  for (const name of options.resources ?? Object.keys(RECONCILE_RESOURCES)) {
    outcomes.push(await reconcileResource(pool, request, shopId, currency, name, options));
  }
  await store.linkOrphans(pool, shopId);
  return outcomes;
}

async function reconcileResource(
  pool: Pool,
  request: AdminRequest,
  shopId: string,
  currency: string | null,
  name: string,
  options: ReconcileOptions,
): Promise<ReconcileOutcome> {
  if (!RECONCILE_RESOURCES[name]) throw new Error(`unknown reconcile resource ${name}`);
  const lastSync = await lastSuccessfulSync(pool, shopId, name);
  // Without a finished backfill there is nothing to reconcile against: the backfill loads everything.
  if (!lastSync) return { resource: name, status: "skipped", checked: 0, repaired: 0 };
  const windowStart = new Date(lastSync.getTime() - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS));
  const windowEnd = (options.now ?? (() => new Date()))();
  const runId = await startSyncRun(pool, { shopId, kind: "reconcile", resource: name, windowStart, windowEnd });
  let checked = 0;
  let repaired = 0;
  try {
    const query = `updated_at:>'${windowStart.toISOString()}'`;
    // Progress kept page by page, so a failure still records what was repaired.
    await repairListed(pool, request, name, { shopId, shopCurrency: currency }, query, (page) => {
      ({ checked, repaired } = page);
      return recordSyncRunProgress(pool, runId, { cursor: page.cursor, objectCount: checked, rowsRepaired: repaired });
    });
    await finishSyncRun(pool, runId, "succeeded", {
      objectCount: checked,
      rowsWritten: repaired,
      rowsRepaired: repaired,
    });
    if (repaired) logger.warn({ shopId, resource: name, repaired }, "reconciliation repaired missed updates");
    return { resource: name, status: "succeeded", checked, repaired, windowStart };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishSyncRun(pool, runId, "failed", { error: message, rowsWritten: repaired, rowsRepaired: repaired });
    logger.warn({ shopId, resource: name, err: error }, "reconciliation failed");
    return { resource: name, status: "failed", checked, repaired, windowStart, error: message };
  }
}

/**
 * Pages through the resource's objects Shopify lists for `query` (the search
 * syntax; "" lists them all) and fetches and writes, through the webhook
 * path's writers, those the store lacks or holds older. Reports each page.
 */
export async function repairListed(
  pool: Pool,
  request: AdminRequest,
  name: string,
  target: { shopId: string; shopCurrency: string | null },
  query: string,
  onPage: (progress: { cursor: string | null; checked: number; repaired: number }) => Promise<unknown>,
): Promise<{ checked: number; repaired: number }> {
  const resource = RECONCILE_RESOURCES[name];
  if (!resource) throw new Error(`unknown reconcile resource ${name}`);
  let checked = 0;
  let repaired = 0;
  let after: string | null = null;
  do {
    const data: Record<string, Connection> = await request(resource.listing, { query, after });
    const page = data[resource.field]!;
    checked += page.nodes.length;
    const stale = await staleIds(pool, resource.table, target.shopId, page.nodes);
    for (let start = 0; start < stale.length; start += resource.perCall) {
      repaired += await repair(pool, request, resource, stale.slice(start, start + resource.perCall), target);
    }
    await onPage({ cursor: page.pageInfo.endCursor, checked, repaired });
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { checked, repaired };
}

/** When the store last held everything of this resource: a finished backfill's start or reconciliation's window end. */
async function lastSuccessfulSync(pool: Pool, shopId: string, resource: string): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>(
    `SELECT max(CASE WHEN kind = 'reconcile' THEN window_end ELSE started_at END) AS at FROM sync_runs
     WHERE shop_id = $1 AND resource = $2 AND kind IN ('backfill', 'reconcile') AND status = 'succeeded'`,
    [shopId, resource],
  );
  return rows[0]?.at ?? null;
}

/** The listed objects the store does not have, or has in a version older than Shopify's. */
async function staleIds(pool: Pool, table: string, shopId: string, listed: Node[]): Promise<string[]> {
  if (!listed.length) return [];
  const byId = new Map(listed.map((node) => [String(node.id).replace(/^.*\//, ""), node]));
  const { rows } = await pool.query<{ id: string; updated_at: Date | null }>(
    `SELECT shopify_id::text AS id, updated_at FROM ${table} WHERE shop_id = $1 AND shopify_id = ANY($2::bigint[])`,
    [shopId, [...byId.keys()]],
  );
  const stored = new Map(rows.map((row) => [row.id, row.updated_at]));
  return [...byId.entries()]
    .filter(([id, node]) => {
      const storedAt = stored.get(id);
      return !storedAt || storedAt.getTime() < Date.parse(String(node.updatedAt));
    })
    .map(([, node]) => String(node.id));
}

async function repair(
  pool: Pool,
  request: AdminRequest,
  resource: ReconcileResource,
  ids: string[],
  target: { shopId: string; shopCurrency: string | null },
): Promise<number> {
  const { nodes } = await request<{ nodes: (Node | null)[] }>(resource.byId, { ids });
  // A node deleted between listing and fetching is null; its delete webhook removes it.
  const found = nodes.filter((node): node is Node => node !== null);
  const batch = await resource.load(found, request);
  await inTransaction(pool, (client) => writeBatch(batch, { client, ...target }));
  return found.length;
}
