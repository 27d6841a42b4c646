// The write pipeline both webhooks and sync use: REST-shaped payloads of each
// resource kind, normalized, then upserted together in the caller's
// transaction (older never wins). A batch of webhook events, a backfill page
// or a reconcile batch: a fixed number of statements per kind, whatever the
// count. May import database (types), normalize and the upserts.
import type { PoolClient } from "~/.server/database/pool";
import {
  normalizeCart,
  normalizeCustomer,
  normalizeInventoryItem,
  normalizeInventoryLevel,
  normalizeLocation,
  normalizeOrder,
  normalizeProduct,
  normalizeRefund,
  type NormalizedRefund,
  type Payload,
  type Row,
} from "~/.server/normalize";
import {
  storeCarts,
  storeCustomers,
  storeInventoryLevels,
  storeOrders,
  storeProducts,
  storeRefunds,
  storeRows,
} from "./resources";

/** What writing one resource needs; the backfill writes through the same functions. */
export interface WriteContext {
  client: PoolClient;
  shopId: string;
  shopCurrency: string | null;
}

/**
 * One resource kind: how a REST-shaped payload is normalized, how normalized
 * resources are stored together, how every row of one is stamped with its
 * event's trigger time (upsert.ts breaks same-second ties by it) and which
 * resource it is (a batch of events writes each resource once per round).
 */
interface ResourceSpec<Normalized> {
  normalize: (payload: Payload, shopCurrency: string | null) => Normalized;
  store: (list: Normalized[], context: WriteContext) => Promise<unknown>;
  rows: (normalized: Normalized) => Row[];
  identity: (normalized: Normalized) => string;
}

const spec = <Normalized>(resource: ResourceSpec<Normalized>) => resource;
const itself = (row: Row) => [row];
const byShopifyId = (row: Row) => String(row.shopify_id);
const refundRows = ({ refund, lineItems }: NormalizedRefund) => [refund, ...lineItems];

export const RESOURCES = {
  locations: spec({
    normalize: normalizeLocation,
    store: (rows, { client, shopId }) => storeRows(client, "locations", shopId, rows),
    rows: itself,
    identity: byShopifyId,
  }),
  products: spec({
    normalize: normalizeProduct,
    store: (list, { client, shopId }) => storeProducts(client, shopId, list),
    rows: ({ product, variants }) => [product, ...variants],
    identity: ({ product }) => byShopifyId(product),
  }),
  inventoryItems: spec({
    normalize: normalizeInventoryItem,
    store: (rows, { client, shopId }) => storeRows(client, "inventory_items", shopId, rows),
    rows: itself,
    identity: byShopifyId,
  }),
  inventoryLevels: spec({
    normalize: (payload) => normalizeInventoryLevel(payload),
    store: (rows, { client, shopId }) => storeInventoryLevels(client, shopId, rows),
    rows: itself,
    identity: (row) => `${row.inventory_item_id}:${row.location_id}`,
  }),
  customers: spec({
    normalize: (payload) => normalizeCustomer(payload),
    store: (rows, { client, shopId }) => storeCustomers(client, shopId, rows),
    rows: itself,
    identity: byShopifyId,
  }),
  orders: spec({
    normalize: (payload) => normalizeOrder(payload),
    store: (list, { client, shopId }) => storeOrders(client, shopId, list),
    rows: ({ order, lineItems, refunds }) => [order, ...lineItems, ...refunds.flatMap(refundRows)],
    identity: ({ order }) => byShopifyId(order),
  }),
  refunds: spec({
    normalize: (payload, shopCurrency) => normalizeRefund(payload, null, shopCurrency),
    store: (list, { client, shopId }) => storeRefunds(client, shopId, list),
    rows: refundRows,
    identity: ({ refund }) => byShopifyId(refund),
  }),
  carts: spec({
    normalize: normalizeCart,
    store: (rows, { client, shopId }) => storeCarts(client, shopId, rows),
    rows: itself,
    identity: (row) => String(row.token),
  }),
};

export type ResourceKind = keyof typeof RESOURCES;

/** A normalized resource of some kind, ready for writeNormalized. */
export type NormalizedOf<Kind extends ResourceKind> = ReturnType<(typeof RESOURCES)[Kind]["normalize"]>;

/** Stamps every row of a normalized resource with the trigger time of the event that carried it. */
export function stampTriggeredAt<Kind extends ResourceKind>(
  kind: Kind,
  normalized: NormalizedOf<Kind>,
  triggeredAt: Date,
): void {
  for (const row of (RESOURCES[kind].rows as (value: NormalizedOf<Kind>) => Row[])(normalized)) {
    row.event_triggered_at = triggeredAt;
  }
}

/** Which resource a normalized value is, within its kind. */
export function identityOf<Kind extends ResourceKind>(kind: Kind, normalized: NormalizedOf<Kind>): string {
  return (RESOURCES[kind].identity as (value: NormalizedOf<Kind>) => string)(normalized);
}

/** Normalizes one payload of a kind (throws UnusablePayloadError for one that cannot be). */
export function normalizeResource<Kind extends ResourceKind>(
  kind: Kind,
  payload: Payload,
  shopCurrency: string | null,
): NormalizedOf<Kind> {
  return RESOURCES[kind].normalize(payload, shopCurrency) as NormalizedOf<Kind>;
}

/** Normalized resources of several kinds, written together in one transaction. */
export type NormalizedBatch = { [Kind in ResourceKind]?: NormalizedOf<Kind>[] };

/** Payloads of several kinds, written together in one transaction. */
export type PayloadBatch = Partial<Record<ResourceKind, Payload[]>>;

// Parents before the kinds that link to them, so links are made on the way in rather than afterwards.
const WRITE_ORDER: ResourceKind[] = [
  "locations",
  "products",
  "inventoryItems",
  "inventoryLevels",
  "customers",
  "orders",
  "refunds",
  "carts",
];

/** Writes normalized resources kind by kind, each kind with one set of statements (older never wins). */
export async function writeNormalized(batch: NormalizedBatch, context: WriteContext): Promise<void> {
  for (const kind of WRITE_ORDER) {
    const list = batch[kind];
    if (list?.length)
      await (RESOURCES[kind].store as (list: unknown[], context: WriteContext) => Promise<unknown>)(list, context);
  }
}

/** Normalizes and writes REST-shaped payloads of several kinds (a backfill or reconcile batch). */
export async function writeBatch(batch: PayloadBatch, context: WriteContext): Promise<void> {
  const normalized: NormalizedBatch = {};
  for (const [kind, payloads] of Object.entries(batch) as [ResourceKind, Payload[]][]) {
    (normalized as Record<ResourceKind, unknown[]>)[kind] = payloads.map((payload) =>
      normalizeResource(kind, payload, context.shopCurrency),
    );
  }
  await writeNormalized(normalized, context);
}

/** Writes REST-shaped payloads of one kind: a webhook passes one payload, a backfill batch hundreds. */
export const RESOURCE_WRITERS = Object.fromEntries(
  (Object.keys(RESOURCES) as ResourceKind[]).map((kind) => [
    kind,
    (payloads: Payload[], context: WriteContext) => writeBatch({ [kind]: payloads }, context),
  ]),
) as Record<ResourceKind, (payloads: Payload[], context: WriteContext) => Promise<void>>;

/** Adds `more` to `batch`, kind by kind. */
export function addToBatch(batch: PayloadBatch, more: PayloadBatch): PayloadBatch {
  for (const [kind, payloads] of Object.entries(more) as [ResourceKind, Payload[]][]) {
    (batch[kind] ??= []).push(...payloads);
  }
  return batch;
}
