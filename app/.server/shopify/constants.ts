// Shopify constants, defined once (webhook topics: topics.ts). shopify.app.toml must agree with these;
// tests/shopify-app-toml.test.ts fails when it does not.
import { ApiVersion } from "@shopify/shopify-api";

export const API_VERSION = ApiVersion.October26;

/**
 * Access scopes the data model needs. read_all_orders (orders older than 60
 * days) and protected customer data are granted by Shopify only on request.
 */
export const ACCESS_SCOPES = [
  "read_products",
  "read_inventory",
  "read_locations",
  "read_customers",
  "read_orders",
  "read_all_orders",
] as const;

export const WEBHOOK_PATH = "/webhooks";

/** Deeper than any Shopify payload by far, shallow enough for every parser and PostgreSQL's stack. */
export const MAX_JSON_DEPTH = 128;
