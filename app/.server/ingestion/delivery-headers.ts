// Shopify's HMAC covers the body only: every X-Shopify-* header is whatever
// the sender wrote. So the values that become keys and rows are bounded and
// shaped before anything is stored (a webhook id past PostgreSQL's btree
// limit, a shop domain like `x.myshopify.com/../../admin`), and the shop a
// payload names itself must be the shop of the header.

/** A delivery's X-Shopify-* headers, read once on the way in and passed along. */
export interface DeliveryHeaders {
  /** Every X-Shopify-* header, lower-case names (what the HMAC check is handed). */
  shopify: Headers;
  topic: string | null;
  shopDomain: string | null;
  webhookId: string | null;
  apiVersion: string | null;
  eventId: string | null;
  triggeredAt: string | null;
}

export function readDeliveryHeaders(headers: Headers): DeliveryHeaders {
  const shopify = new Headers();
  for (const [name, value] of headers) if (name.startsWith("x-shopify-")) shopify.set(name, value);
  return {
    shopify,
    topic: shopify.get("x-shopify-topic"),
    shopDomain: shopify.get("x-shopify-shop-domain"),
    webhookId: shopify.get("x-shopify-webhook-id"),
    apiVersion: shopify.get("x-shopify-api-version"),
    eventId: shopify.get("x-shopify-event-id"),
    triggeredAt: shopify.get("x-shopify-triggered-at"),
  };
}

/** The headers kept with a stored event: Shopify's, less the HMAC. */
export function keptHeaders(delivery: DeliveryHeaders): Record<string, string> {
  return Object.fromEntries([...delivery.shopify].filter(([name]) => name !== "x-shopify-hmac-sha256"));
}

/** Longest accepted values; Shopify's own are far shorter (a webhook id is a UUID). */
export const HEADER_LIMITS = {
  "x-shopify-webhook-id": 255,
  "x-shopify-topic": 128,
  "x-shopify-shop-domain": 255,
  "x-shopify-api-version": 32,
  "x-shopify-event-id": 255,
  "x-shopify-triggered-at": 64,
} as const;

const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
/** Shopify's topic spellings: `orders/create`, `app/scopes_update`, and the newer `customer.tags_added`. */
const TOPIC = /^[a-z0-9_.-]+(\/[a-z0-9_.-]+)*$/;

export type HeaderProblem = { header: string; problem: string };

/** The first header whose value is too long or badly shaped, if any. */
export function findHeaderProblem(delivery: DeliveryHeaders, customShopDomain?: string): HeaderProblem | undefined {
  for (const [header, limit] of Object.entries(HEADER_LIMITS)) {
    const value = delivery.shopify.get(header);
    if (value !== null && value.length > limit) return { header, problem: `longer than ${limit} characters` };
  }
  const { topic, shopDomain: shop } = delivery;
  if (topic !== null && !TOPIC.test(topic))
    return { header: "x-shopify-topic", problem: "not a topic like orders/create" };
  if (shop !== null && !isShopDomain(shop, customShopDomain)) {
    return { header: "x-shopify-shop-domain", problem: "not a lower-case *.myshopify.com host" };
  }
  return undefined;
}

/**
 * A shop's permanent domain: lower-case `{name}.myshopify.com`, or a host under
 * SHOP_CUSTOM_DOMAIN (used by Shopify's own development stores, e.g. `myshopify.io`).
 */
export function isShopDomain(domain: string, customShopDomain?: string): boolean {
  if (MYSHOPIFY_DOMAIN.test(domain)) return true;
  if (!customShopDomain) return false;
  const suffix = customShopDomain.toLowerCase().replace(/^\.+/, "");
  const name = domain.slice(0, -(suffix.length + 1));
  return domain.endsWith(`.${suffix}`) && /^[a-z0-9][a-z0-9-]*$/.test(name);
}

/** Topics whose payload names its shop's myshopify domain: `shop_domain` or `myshopify_domain`. */
const SHOP_NAMING_TOPICS: Record<string, "shop_domain" | "myshopify_domain"> = {
  "customers/data_request": "shop_domain",
  "customers/redact": "shop_domain",
  "shop/redact": "shop_domain",
  "app/uninstalled": "myshopify_domain",
  "shop/update": "myshopify_domain",
};

/**
 * For a topic whose payload names its shop: the domain it names when that is
 * not the header's. A captured compliance delivery re-sent with another shop
 * in the header must not erase that other shop. (The numeric `shop_id` and
 * `id` are checked against the stored shop by the worker.)
 */
export function payloadShopMismatch(topic: string, headerDomain: string, body: string): string | undefined {
  const field = SHOP_NAMING_TOPICS[topic];
  if (!field) return undefined;
  let named: unknown;
  try {
    named = (JSON.parse(body) as Record<string, unknown>)[field];
  } catch {
    return undefined; // The grammar is PostgreSQL's to refuse.
  }
  if (named === undefined || named === null) return undefined;
  return typeof named === "string" && named.toLowerCase() === headerDomain ? undefined : String(named);
}
