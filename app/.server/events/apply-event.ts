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
type Writer = (payload: Payload, context: WriteContext) => Promise<void>;

const product: Writer = async (payload, { client, shopId, shopCurrency }) => {
  await store.storeProduct(client, shopId, normalizeProduct(payload, shopCurrency));
};
const order: Writer = async (payload, { client, shopId }) => {
  await store.storeOrder(client, shopId, normalizeOrder(payload));
};
const customer: Writer = async (payload, { client, shopId }) => {
  await store.storeCustomer(client, shopId, normalizeCustomer(payload));
};
const inventoryItem: Writer = async (payload, { client, shopId, shopCurrency }) => {
  await store.storeRow(client, "inventory_items", shopId, normalizeInventoryItem(payload, shopCurrency));
};
const inventoryLevel: Writer = async (payload, { client, shopId }) => {
  await store.storeInventoryLevel(client, shopId, normalizeInventoryLevel(payload));
};
const location: Writer = async (payload, { client, shopId }) => {
  await store.storeRow(client, "locations", shopId, normalizeLocation(payload));
};
const cart: Writer = async (payload, { client, shopId, shopCurrency }) => {
  await store.storeCart(client, shopId, normalizeCart(payload, shopCurrency));
};

/** A REST-shaped payload of one resource: normalized and upserted (older never wins). */
export const RESOURCE_WRITERS = { product, order, customer, inventoryItem, inventoryLevel, location, cart };

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
  "refunds/create": async (payload, { client, shopId, shopCurrency }) =>
    void (await store.storeRefund(client, shopId, normalizeRefund(payload, null, shopCurrency))),
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
