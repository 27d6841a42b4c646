// What each topic does to the store, in the caller's transaction. Resource
// topics go through the write pipeline sync uses too (store/write-batch.ts).
import { normalizeInventoryLevel, normalizeShop, requireId, type Payload } from "~/.server/normalize";
import * as store from "~/.server/store";
import type { WebhookTopic } from "~/.server/shopify/topics";
import type { ResourceKind, WriteContext } from "~/.server/store";

export interface EventContext extends WriteContext {
  eventId: string;
  /** X-Shopify-Triggered-At (or the receipt time): breaks ties between versions written in one second. */
  triggeredAt: Date;
}

type Handler = (payload: Payload, context: EventContext) => Promise<void>;

/**
 * Topics whose payload is one resource of a kind, written through the
 * pipeline sync uses. The worker applies events of these topics in batches
 * (events/process-batch.ts); every other topic is applied one event at a time.
 */
export const RESOURCE_TOPICS = {
  "products/create": "products",
  "products/update": "products",
  "inventory_items/create": "inventoryItems",
  "inventory_items/update": "inventoryItems",
  "inventory_levels/connect": "inventoryLevels",
  "inventory_levels/update": "inventoryLevels",
  "locations/create": "locations",
  "locations/update": "locations",
  "customers/create": "customers",
  "customers/update": "customers",
  "customers/enable": "customers",
  "customers/disable": "customers",
  "orders/create": "orders",
  "orders/updated": "orders",
  "orders/paid": "orders",
  "orders/cancelled": "orders",
  "orders/fulfilled": "orders",
  "orders/partially_fulfilled": "orders",
  "refunds/create": "refunds",
  "carts/create": "carts",
  "carts/update": "carts",
} as const satisfies Partial<Record<WebhookTopic, ResourceKind>>;

export type ResourceTopic = keyof typeof RESOURCE_TOPICS;

/** The resource kind a topic's payload is, or undefined when the topic is not a resource write. */
export function resourceKindOf(topic: string): ResourceKind | undefined {
  return Object.hasOwn(RESOURCE_TOPICS, topic) ? RESOURCE_TOPICS[topic as ResourceTopic] : undefined;
}

const writeResource =
  (kind: ResourceKind): Handler =>
  async (payload, context) => {
    const normalized = store.normalizeResource(kind, payload, context.shopCurrency);
    store.stampTriggeredAt(kind, normalized, context.triggeredAt);
    await store.writeNormalized({ [kind]: [normalized] }, context);
  };

const RESOURCE_HANDLERS = Object.fromEntries(
  Object.entries(RESOURCE_TOPICS).map(([topic, kind]) => [topic, writeResource(kind)]),
) as Record<ResourceTopic, Handler>;

/** Exactly one handler per topic of the topic table (shopify/topics.ts): the type fails the build otherwise. */
export const HANDLERS: Record<WebhookTopic, Handler> = {
  ...RESOURCE_HANDLERS,
  "products/delete": async (payload, { client, shopId }) =>
    store.deleteProduct(client, shopId, requireId(payload.id, "product")),
  "inventory_items/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "inventory_items", shopId, requireId(payload.id, "inventory item")),
  "inventory_levels/disconnect": async (payload, { client, shopId }) =>
    store.disconnectInventoryLevel(client, shopId, normalizeInventoryLevel(payload)),
  "locations/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "locations", shopId, requireId(payload.id, "location")),
  "customers/delete": async (payload, { client, shopId }) =>
    store.deleteRow(client, "customers", shopId, requireId(payload.id, "customer")),
  // orders/edited carries an order_edit, not the order: the orders/updated that follows brings the new state.
  "orders/edited": async () => {},
  "orders/delete": async (payload, { client, shopId }) =>
    store.deleteOrder(client, shopId, requireId(payload.id, "order")),
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
