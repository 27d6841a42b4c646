// Normalization: one pure module per Shopify resource, turning a webhook's
// JSON into rows of the normalized tables. No I/O here; store/ writes them.
export { parseShopifyJson, stringifyShopifyJson } from "./json";
export { normalizeProduct, type NormalizedProduct } from "./products";
export { normalizeInventoryItem, normalizeInventoryLevel } from "./inventory";
export { normalizeLocation } from "./locations";
export { normalizeCustomer } from "./customers";
export { normalizeOrder, type NormalizedOrder } from "./orders";
export { normalizeRefund, type NormalizedRefund } from "./refunds";
export { normalizeCart } from "./carts";
export { normalizeShop } from "./shop";
export {
  json,
  shopifyId,
  requireId,
  UnusablePayloadError,
  MalformedPayloadError,
  type Payload,
  type Row,
  type SqlValue,
} from "./values";
