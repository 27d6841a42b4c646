// Shops: the tenant rows. Owns install/uninstall bookkeeping and the
// "needs re-authentication" state, and Admin API access for background work
// through the shop's offline session. May import the database and admin-api.
export { recordInstallation, type InstallationInput } from "./installation";
export { markShopNeedsReauth, isUnauthorizedError, ShopNeedsReauthError } from "./reauth";
export {
  countShopRows,
  getShopOverview,
  listShops,
  type RowCounts,
  type ShopListing,
  type ShopOverview,
} from "./overview";
export { withShopAdmin, type UnauthenticatedAdmin } from "./shop-admin";
