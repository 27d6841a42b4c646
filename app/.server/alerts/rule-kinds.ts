// The kinds of alert rule and what each needs. No imports: the CLI lists
// them in `--help` without loading the core.
export const RULE_KINDS = {
  "low-stock": {
    threshold: "required",
    about: "an item's units available, over all locations or at the one chosen, at or below N",
  },
  "out-of-stock": { threshold: "none", about: "an item with nothing available at any location" },
  "back-in-stock": { threshold: "none", about: "an item out of stock is available again" },
  "big-order": { threshold: "required", about: "an order placed for at least N in the shop currency" },
  refund: { threshold: "optional", about: "a refund (of at least N, when given)" },
  "order-cancelled": { threshold: "none", about: "an order cancelled" },
  "new-customer": { threshold: "none", about: "a customer created" },
  pipeline: {
    threshold: "optional",
    about:
      "a backfill or reconciliation failing, webhook events dead, a subscription Shopify removed (re-created), a topic Shopify refused, lost access, or webhook events waiting longer than N seconds (default 300)",
  },
  activity: {
    threshold: "optional",
    about: "every N hours (default 24): what was created and updated per resource, and the analyst API's reads",
  },
} as const;
