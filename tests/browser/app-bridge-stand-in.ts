// The browser tests serve the simulator's App Bridge stand-in in place of
// cdn.shopify.com (request interception), the same script people get from the
// simulator's admin frame.
export { appBridgeStandIn } from "../../simulator/admin/app-bridge";
