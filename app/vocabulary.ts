// The values the server and the browser both speak: the states the data
// browsers' filters offer (pages show them, read models validate them) and
// the webhook event states. Imported by routes, components and the core
// alike, so nothing here may import anything.
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

/** A webhook event's states (webhook_events.status). */
export const EVENT_STATUSES = ["pending", "processed", "failed", "dead", "ignored"] as const;
