// Admin API: the typed GraphQL documents (documents/), the cost-aware client
// every background call goes through (Shopify's leaky bucket, THROTTLED
// retries, withheld protected fields), shop profile reads and GID helpers.
// May import shopify/ (constants) only; knows nothing of the database.
export {
  AdminApiError,
  CostLimiter,
  costLimiterFor,
  createAdminRequest,
  type AdminRequest,
  type WithheldField,
} from "./admin-client";
export { fetchShopProfile, type AdminGraphql, type ShopProfile } from "./shop-profile";
