import type { SimulatedShop } from "../shop/shop";
import type { BulkOperations } from "../bulk-operations";
import type { WebhookSubscriptions } from "../webhooks/subscriptions";

export interface GraphqlContext {
  shop: SimulatedShop;
  subscriptions: WebhookSubscriptions;
  bulkOperations: BulkOperations;
  /** Search-syntax warnings, returned in extensions.search like Shopify does. */
  warnings: { field: string; message: string }[];
  /** Set while a bulk operation executes its query one window of root records at a time. */
  bulk?: { window: { start: number; end: number }; exhausted: boolean };
}
