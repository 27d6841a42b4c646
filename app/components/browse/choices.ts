// The values the data browsers' filters offer, shared by the pages (choice
// lists) and the read models (validation). No server code here.
export const FINANCIAL_STATUSES = [
  "pending",
  "authorized",
  "partially_paid",
  "paid",
  "partially_refunded",
  "refunded",
  "voided",
] as const;
export const FULFILLMENT_STATUSES = ["unfulfilled", "partial", "fulfilled", "restocked"] as const;
export const ORDER_STATES = ["open", "closed", "cancelled"] as const;
export const CUSTOMER_STATES = ["enabled", "disabled", "invited", "declined"] as const;
export const PRODUCT_STATUSES = ["active", "draft", "archived"] as const;

/** A customer's page lists this many of their newest orders; the rest are a link to the orders list. */
export const CUSTOMER_RECENT_ORDERS = 25;
/** A product's page shows sales of this many days. */
export const PRODUCT_SALES_DAYS = 90;
