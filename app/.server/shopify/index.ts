// Shopify: the platform's vocabulary, defined once: the API version, access
// scopes, the webhook path, the topic table every topic list derives from
// (topics.ts), and dev-only routing of Shopify calls to the simulator.
// The bottom of the core: imports no other core folder.
export { ACCESS_SCOPES, API_VERSION, WEBHOOK_PATH } from "./constants";
export * from "./topics";
