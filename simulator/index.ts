// The Shopify simulator: a dev/test stand-in for the parts of Shopify the app
// talks to (OAuth and token exchange, the Admin GraphQL API on the real
// 2026-10 schema with cost-based throttling, bulk operations, webhook delivery).
// Never imported by app/ or worker/: production code reaches it only over HTTP,
// through SHOPIFY_SIMULATOR_URL.
export { startSimulator, createSimulatorApp, type RunningSimulator } from "./server";
export { ShopifySimulator, DEFAULT_SCOPES, type SimulatorOptions } from "./simulator";
export { ShopChanges, ChangeError } from "./changes";
export type { SimulatedShop, ShopOptions, PlanName } from "./shop/shop";
export type { Delivery, ChaosOptions } from "./webhooks/delivery";
export { signBody, retryDelayMs } from "./webhooks/delivery";
