// What each topic does to the store. One function per event: parse the raw
// payload (64-bit ids exact), normalize, write, all in the caller's transaction.
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
  normalizeShop,
  requireId,
  type Payload,
} from "~/.server/normalize";
import * as store from "~/.server/store";

/** What writing one resource needs; the backfill writes through the same functions. */
export interface WriteContext {
  client: PoolClient;
  shopId: string;
  shopCurrency: string | null;
}

export interface EventContext extends WriteContext {
  eventId: string;
}

type Handler = (payload: Payload, context: EventContext) => Promise<void>;
/** Writes REST-shaped payloads of one resource kind: normalized, then upserted together (older never wins). */
type Writer = (payloads: Payload[], context: WriteContext) => Promise<unknown>;

/** One writer per resource kind; a webhook passes one payload, a backfill batch hundreds. */
export const RESOURCE_WRITERS = {
  locations: (payloads, { client, shopId }) =>
    store.storeRows(client, "locations", shopId, payloads.map(normalizeLocation)),
  products: (payloads, { client, shopId, shopCurrency }) =>
    store.storeProducts(
      client,
      shopId,
      payloads.map((payload) => normalizeProduct(payload, shopCurrency)),
    ),
  inventoryItems: (payloads, { client, shopId, shopCurrency }) =>
    store.storeRows(
      client,
      "inventory_items",
      shopId,
      payloads.map((payload) => normalizeInventoryItem(payload, shopCurrency)),
    ),
  inventoryLevels: (payloads, { client, shopId }) =>
    store.storeInventoryLevels(client, shopId, payloads.map(normalizeInventoryLevel)),
  customers: (payloads, { client, shopId }) => store.storeCustomers(client, shopId, payloads.map(normalizeCustomer)),
  orders: (payloads, { client, shopId }) =>
    store.storeOrders(
      client,
      shopId,
      payloads.map((payload) => normalizeOrder(payload)),
    ),
  refunds: (payloads, { client, shopId, shopCurrency }) =>
    store.storeRefunds(
      client,
      shopId,
      payloads.map((payload) => normalizeRefund(payload, null, shopCurrency)),
    ),
  carts: async (payloads, { client, shopId, shopCurrency }) => {
    for (const payload of payloads) await store.storeCart(client, shopId, normalizeCart(payload, shopCurrency));
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

const one =
  (kind: ResourceKind): Handler =>
  async (payload, context) =>
    void (await RESOURCE_WRITERS[kind]([payload], context));
const product = one("products");
const order = one("orders");
const customer = one("customers");
const inventoryItem = one("inventoryItems");
const inventoryLevel = one("inventoryLevels");
const location = one("locations");
const cart = one("carts");

export const HANDLERS: Record<string, Handler> = {
  "products/create": product,
  "products/update": product,
  "products/delete": async (payload, { client, shopId }) =>
    store.deleteProduct(client, shopId, requireId(payload.id, "product")),
  "inventory_items/create": inventoryItem,
  "inventory_items/update": inventoryItem,
  "inventory_items/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "inventory_items", shopId, requireId(payload.id, "inventory item")),
  "inventory_levels/connect": inventoryLevel,
  "inventory_levels/update": inventoryLevel,
  "inventory_levels/disconnect": async (payload, { client, shopId }) =>
    store.disconnectInventoryLevel(client, shopId, normalizeInventoryLevel(payload)),
  "locations/create": location,
  "locations/update": location,
  "locations/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "locations", shopId, requireId(payload.id, "location")),
  "customers/create": customer,
  "customers/update": customer,
  "customers/enable": customer,
  "customers/disable": customer,
  "customers/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "customers", shopId, requireId(payload.id, "customer")),
  "orders/create": order,
  "orders/updated": order,
  "orders/paid": order,
  "orders/cancelled": order,
  "orders/fulfilled": order,
  "orders/partially_fulfilled": order,
  // orders/edited carries an order_edit, not the order: the orders/updated that follows brings the new state.
  "orders/edited": async () => {},
  "orders/delete": async (payload, { client, shopId }) =>
    store.deleteOrder(client, shopId, requireId(payload.id, "order")),
  "refunds/create": one("refunds"),
  "carts/create": cart,
  "carts/update": cart,
  "shop/update": async (payload, { client, shopId }) => store.updateShop(client, shopId, normalizeShop(payload)),
  "app/uninstalled": async (_payload, { client, shopId }) => store.markUninstalled(client, shopId),
  "app/scopes_update": async (payload, { client, shopId }) => store.updateScopes(client, shopId, payload),
  "customers/data_request": async (payload, { client, shopId }) => store.recordDataRequest(client, shopId, payload),
  "customers/redact": async (payload, { client, shopId, eventId }) =>
    store.redactCustomer(client, shopId, payload, eventId),
  "shop/redact": async (_payload, { client, shopId, eventId }) => store.eraseShop(client, shopId, eventId),
};
