// Every webhook topic Storehouse knows, in one table; every other list
// (what ingestion processes, what a shop subscribes through the API, what
// shopify.app.toml declares, what the event log offers) is derived from it,
// and events/apply-event.ts must handle exactly these (its type says so).
// tests/shopify-app-toml.test.ts holds the TOML to it, and
// tests/webhook-topics.test.ts the simulator.

interface TopicDefinition {
  topic: string;
  /** What the worker does with it. */
  handling: "write" | "delete" | "shop" | "compliance" | "none";
  /** Declared in shopify.app.toml (Shopify takes compliance topics only there), or subscribed per shop through the API. */
  subscribed: "app-config" | "api";
  /** Carries protected customer data: Shopify refuses the subscription until the app is approved. */
  protectedCustomerData: boolean;
  /** Handled even for a shop that is uninstalled or erased (its lifecycle and compliance). */
  lifecycle?: true;
}

export const WEBHOOK_TOPICS = [
  { topic: "products/create", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "products/update", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "products/delete", handling: "delete", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_items/create", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_items/update", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_items/delete", handling: "delete", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_levels/connect", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_levels/update", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "inventory_levels/disconnect", handling: "delete", subscribed: "api", protectedCustomerData: false },
  { topic: "locations/create", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "locations/update", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "locations/delete", handling: "delete", subscribed: "api", protectedCustomerData: false },
  { topic: "customers/create", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "customers/update", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "customers/enable", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "customers/disable", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "customers/delete", handling: "delete", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/create", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/updated", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/paid", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/cancelled", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/fulfilled", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/partially_fulfilled", handling: "write", subscribed: "api", protectedCustomerData: true },
  // Carries an order_edit, not the order: the orders/updated that follows brings the new state.
  { topic: "orders/edited", handling: "none", subscribed: "api", protectedCustomerData: true },
  { topic: "orders/delete", handling: "delete", subscribed: "api", protectedCustomerData: true },
  { topic: "refunds/create", handling: "write", subscribed: "api", protectedCustomerData: true },
  { topic: "carts/create", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "carts/update", handling: "write", subscribed: "api", protectedCustomerData: false },
  { topic: "shop/update", handling: "shop", subscribed: "api", protectedCustomerData: false },
  {
    topic: "app/uninstalled",
    handling: "shop",
    subscribed: "app-config",
    protectedCustomerData: false,
    lifecycle: true,
  },
  { topic: "app/scopes_update", handling: "shop", subscribed: "app-config", protectedCustomerData: false },
  {
    topic: "customers/data_request",
    handling: "compliance",
    subscribed: "app-config",
    protectedCustomerData: false,
    lifecycle: true,
  },
  {
    topic: "customers/redact",
    handling: "compliance",
    subscribed: "app-config",
    protectedCustomerData: false,
    lifecycle: true,
  },
  {
    topic: "shop/redact",
    handling: "compliance",
    subscribed: "app-config",
    protectedCustomerData: false,
    lifecycle: true,
  },
] as const satisfies readonly TopicDefinition[];

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number]["topic"];

const topicsWhere = (keep: (definition: TopicDefinition) => boolean): WebhookTopic[] =>
  WEBHOOK_TOPICS.filter((definition) => keep(definition)).map((definition) => definition.topic);

/** The topics Storehouse processes; any other is stored as `ignored` (still acknowledged, so Shopify does not retry it). */
export const PROCESSED_TOPICS: ReadonlySet<string> = new Set(topicsWhere(() => true));
/** Topics handled even for a shop that has been erased or uninstalled. */
export const LIFECYCLE_TOPICS: ReadonlySet<string> = new Set(
  topicsWhere((definition) => definition.lifecycle === true),
);
/** Mandatory compliance topics; Shopify accepts these only in shopify.app.toml. */
export const COMPLIANCE_TOPICS = topicsWhere((definition) => definition.handling === "compliance");
/** App lifecycle topics declared in shopify.app.toml. */
export const APP_TOPICS = topicsWhere(
  (definition) => definition.subscribed === "app-config" && definition.handling !== "compliance",
);
/** What a shop subscribes to through the Admin API. */
export const API_TOPICS = topicsWhere((definition) => definition.subscribed === "api");
/** Topics Shopify refuses to subscribe until the app is approved for protected customer data. */
export const PROTECTED_CUSTOMER_DATA_TOPICS = topicsWhere((definition) => definition.protectedCustomerData);

/** "orders/create" ⇄ the GraphQL enum ORDERS_CREATE. */
export const topicToEnum = (topic: string) => topic.replace("/", "_").toUpperCase();
const TOPIC_BY_ENUM = new Map(WEBHOOK_TOPICS.map(({ topic }) => [topicToEnum(topic), topic]));
/** A topic this app does not process is only ever named in logs: "resource/action" is a best guess there. */
export const enumToTopic = (value: string): string =>
  TOPIC_BY_ENUM.get(value) ?? value.toLowerCase().replace(/_(?=[a-z]+$)/, "/");
