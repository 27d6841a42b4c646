// The write pipeline both webhooks and sync use: REST-shaped payloads of each
// resource kind, normalized, then upserted together in the caller's
// transaction (older never wins). A webhook passes one payload, a backfill
// batch hundreds. May import database (types), normalize and the upserts.
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
  type Payload,
} from "~/.server/normalize";
import {
  storeCart,
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

/** Writes REST-shaped payloads of one resource kind: normalized, then upserted together (older never wins). */
type Writer = (payloads: Payload[], context: WriteContext) => Promise<unknown>;

/** One writer per resource kind; a webhook passes one payload, a backfill batch hundreds. */
export const RESOURCE_WRITERS = {
  locations: (payloads, { client, shopId }) => storeRows(client, "locations", shopId, payloads.map(normalizeLocation)),
  products: (payloads, { client, shopId, shopCurrency }) =>
    storeProducts(
      client,
      shopId,
      payloads.map((payload) => normalizeProduct(payload, shopCurrency)),
    ),
  inventoryItems: (payloads, { client, shopId, shopCurrency }) =>
    storeRows(
      client,
      "inventory_items",
      shopId,
      payloads.map((payload) => normalizeInventoryItem(payload, shopCurrency)),
    ),
  inventoryLevels: (payloads, { client, shopId }) =>
    storeInventoryLevels(client, shopId, payloads.map(normalizeInventoryLevel)),
  customers: (payloads, { client, shopId }) => storeCustomers(client, shopId, payloads.map(normalizeCustomer)),
  orders: (payloads, { client, shopId }) =>
    storeOrders(
      client,
      shopId,
      payloads.map((payload) => normalizeOrder(payload)),
    ),
  refunds: (payloads, { client, shopId, shopCurrency }) =>
    storeRefunds(
      client,
      shopId,
      payloads.map((payload) => normalizeRefund(payload, null, shopCurrency)),
    ),
  carts: async (payloads, { client, shopId, shopCurrency }) => {
    for (const payload of payloads) await storeCart(client, shopId, normalizeCart(payload, shopCurrency));
  },
} satisfies Record<string, Writer>;

export type ResourceKind = keyof typeof RESOURCE_WRITERS;
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

export async function writeBatch(batch: PayloadBatch, context: WriteContext): Promise<void> {
  for (const kind of WRITE_ORDER) {
    const payloads = batch[kind];
    if (payloads?.length) await RESOURCE_WRITERS[kind](payloads, context);
  }
}

/** Adds `more` to `batch`, kind by kind. */
export function addToBatch(batch: PayloadBatch, more: PayloadBatch): PayloadBatch {
  for (const [kind, payloads] of Object.entries(more) as [ResourceKind, Payload[]][]) {
    (batch[kind] ??= []).push(...payloads);
  }
  return batch;
}
