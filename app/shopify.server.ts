// The web's one shopifyApp() instance (built in app/.server/auth/shopify-app.ts).
import { prisma } from "./db.server";
import { backfillIfNeverCompleted } from "./.server/sync/schedule";
import { web } from "./web.server";
import { env } from "./.server/env";
import { createShopifyApp, shopifyAppSettings } from "./.server/auth/shopify-app";
import { API_VERSION } from "./.server/shopify/constants";
import { allowSimulatorAdminFrame } from "./.server/shopify/simulator-routing";

const config = env();

const shopify = createShopifyApp(
  {
    ...shopifyAppSettings(config),
    // A shop without a finished backfill gets one queued (first install, or an earlier one that failed).
    onAuthenticated: async (shop) => backfillIfNeverCompleted(web().pool, await web().queue(), shop),
  },
  prisma(),
);

export default shopify;
export const apiVersion = API_VERSION;
export function addDocumentResponseHeaders(request: Request, headers: Headers): void {
  shopify.addDocumentResponseHeaders(request, headers);
  if (config.SHOPIFY_SIMULATOR_URL) allowSimulatorAdminFrame(headers, config.SHOPIFY_SIMULATOR_URL);
}
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
