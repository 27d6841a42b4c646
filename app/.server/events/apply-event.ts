// What each topic does to the store. One function per event: parse the raw
// payload (64-bit ids exact), normalize, write, all in the caller's transaction.
// Resource topics go through the write pipeline sync uses too (store/write-batch.ts).
import { normalizeInventoryLevel, normalizeShop, requireId, type Payload } from "~/.server/normalize";
import * as store from "~/.server/store";
import type { WebhookTopic } from "~/.server/shopify/topics";
import type { ResourceKind, WriteContext } from "~/.server/store";

export interface EventContext extends WriteContext {
  eventId: string;
}

type Handler = (payload: Payload, context: EventContext) => Promise<void>;

const one =
  (kind: ResourceKind): Handler =>
  async (payload, context) =>
    void (await store.RESOURCE_WRITERS[kind]([payload], context));
const product = one("products");
const order = one("orders");
const customer = one("customers");
const inventoryItem = one("inventoryItems");
const inventoryLevel = one("inventoryLevels");
const location = one("locations");
const cart = one("carts");

/** Exactly one handler per topic of the topic table (shopify/topics.ts): the type fails the build otherwise. */
export const HANDLERS: Record<WebhookTopic, Handler> = {
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

/** The handler of a stored event's topic, or undefined for a topic Storehouse does not process. */
export function handlerFor(topic: string): Handler | undefined {
  return Object.hasOwn(HANDLERS, topic) ? HANDLERS[topic as WebhookTopic] : undefined;
}
