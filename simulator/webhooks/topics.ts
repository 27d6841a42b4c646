// Webhook topics as Shopify spells them in headers ("orders/create") and in
// the Admin GraphQL WebhookSubscriptionTopic enum (ORDERS_CREATE).

/** Topics the simulator can emit from shop changes. */
export const SIMULATED_TOPICS = [
  "app/uninstalled",
  "app/scopes_update",
  "bulk_operations/finish",
  "carts/create",
  "carts/update",
  "customers/create",
  "customers/update",
  "customers/delete",
  "customers/enable",
  "customers/disable",
  "fulfillments/create",
  "inventory_items/create",
  "inventory_items/update",
  "inventory_items/delete",
  "inventory_levels/connect",
  "inventory_levels/update",
  "inventory_levels/disconnect",
  "locations/create",
  "locations/update",
  "locations/delete",
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "orders/fulfilled",
  "orders/partially_fulfilled",
  "orders/delete",
  "orders/edited",
  "products/create",
  "products/update",
  "products/delete",
  "refunds/create",
  "shop/update",
] as const;

/** Mandatory compliance topics: only configurable in the app's TOML, never through the API. */
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

export type SimulatedTopic = (typeof SIMULATED_TOPICS)[number];
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];
export type Topic = SimulatedTopic | ComplianceTopic;

export function topicToEnum(topic: string): string {
  return topic.toUpperCase().replace("/", "_");
}

/** ORDERS_CREATE → orders/create; the resource part is the known prefix. */
export function topicFromEnum(value: string, known: readonly string[] = SIMULATED_TOPICS): string | undefined {
  return known.find((topic) => topicToEnum(topic) === value);
}
