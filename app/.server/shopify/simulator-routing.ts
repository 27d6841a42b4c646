// Dev/test only: when SHOPIFY_SIMULATOR_URL is set, every call Shopify's
// libraries make to https://{shop}.myshopify.com (OAuth, token exchange,
// Admin API) goes to the simulator instead. The original host travels in
// X-Forwarded-Host so the simulator knows which shop is meant.
import { abstractFetch, setAbstractFetchFunc, type AbstractFetchFunc } from "@shopify/shopify-api/runtime";

let installedFor: string | undefined;

export function rewriteToSimulator(input: string, simulatorUrl: string): { url: string; shopHost?: string } {
  const url = new URL(input);
  if (url.protocol !== "https:" || !url.hostname.endsWith(".myshopify.com")) return { url: input };
  const target = new URL(url.pathname + url.search, simulatorUrl);
  return { url: target.toString(), shopHost: url.host };
}

export function routeShopifyCallsToSimulator(simulatorUrl: string): void {
  if (installedFor === simulatorUrl) return;
  if (installedFor) throw new Error(`Shopify calls already go to ${installedFor}`);
  const original: AbstractFetchFunc = abstractFetch;
  setAbstractFetchFunc(async (input, init) => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const { url, shopHost } = rewriteToSimulator(href, simulatorUrl);
    if (!shopHost) return original(input, init);
    const headers = new Headers(init?.headers);
    headers.set("X-Forwarded-Host", shopHost);
    return original(url, { ...init, headers });
  });
  installedFor = simulatorUrl;
}
