// Checks of a parsed payload against its topic, before anything is written.
// Shopify's HMAC proves who sent a body, not that the topic header matches it:
// an orders/create carrying a product must not become a phantom order.
import { MalformedPayloadError, shopifyId, type Payload } from "~/.server/normalize";

/** The GraphQL type named by `admin_graphql_api_id` in each topic's payload. */
const TOPIC_RESOURCE: Record<string, string> = {
  products: "Product",
  inventory_items: "InventoryItem",
  locations: "Location",
  customers: "Customer",
  orders: "Order",
  refunds: "Refund",
};

/** Keys only another resource's payload has: an order never lists variants, a product never line items. */
const FOREIGN_KEYS: Record<string, string[]> = {
  orders: ["variants"],
  products: ["line_items", "order_number"],
  customers: ["line_items", "variants"],
};

/** Throws MalformedPayloadError when the payload is of another resource than its topic's. */
export function checkPayloadResource(topic: string, payload: Payload): void {
  const expected = TOPIC_RESOURCE[topic.split("/")[0]!];
  if (!expected) return;
  const gid = payload.admin_graphql_api_id;
  if (typeof gid === "string") {
    const type = /^gid:\/\/shopify\/(\w+)\//.exec(gid)?.[1];
    if (type !== expected) {
      throw new MalformedPayloadError(`${topic} carries ${gid.slice(0, 80)}, not the topic's ${expected}`);
    }
  }
  const foreign = FOREIGN_KEYS[topic.split("/")[0]!]?.find((key) => key in payload);
  if (foreign) throw new MalformedPayloadError(`${topic} carries "${foreign}", which no ${expected} payload has`);
}

/** Topics whose payload carries the numeric id of its shop, and the field that holds it. */
const SHOP_ID_FIELDS: Record<string, string> = {
  "customers/data_request": "shop_id",
  "customers/redact": "shop_id",
  "shop/redact": "shop_id",
  "app/uninstalled": "id",
  "shop/update": "id",
};

/**
 * Throws when the payload names a shop id other than the stored shop's. The
 * HMAC covers the body only: a captured shop/redact re-sent with another
 * shop's domain must erase nothing. (Ingestion already refused a mismatching
 * domain; this covers the numeric id, which only the stored shop knows.)
 */
export function checkPayloadShop(topic: string, payload: Payload, storedShopifyId: string | null): void {
  const field = SHOP_ID_FIELDS[topic];
  if (!field || storedShopifyId === null) return;
  const named = shopifyId(payload[field]);
  if (named !== null && named.toString() !== storedShopifyId) {
    throw new MalformedPayloadError(`${topic} names shop ${named}, but this shop is ${storedShopifyId}`);
  }
}
