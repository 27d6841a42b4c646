import type { SimulatedShop } from "../shop/shop";
import type { BulkOperations } from "../bulk-operations";
import type { AccessDenial, ProtectedCustomerDataAccess } from "../protected-customer-data";
import type { WebhookSubscriptions } from "../webhooks/subscriptions";

export interface GraphqlContext {
  shop: SimulatedShop;
  subscriptions: WebhookSubscriptions;
  bulkOperations: BulkOperations;
  protectedCustomerData: ProtectedCustomerDataAccess;
  /** Protected fields answered empty rather than null (non-null in the schema): their errors, added to the answer's. */
  denials: AccessDenial[];
  /** Search-syntax warnings, returned in extensions.search like Shopify does. */
  warnings: { field: string; message: string }[];
  /** Set while a bulk operation executes its query one window of root records at a time. */
  bulk?: { window: { start: number; end: number }; exhausted: boolean };
}
