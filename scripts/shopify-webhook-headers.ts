// The headers of a webhook delivery as Shopify sends one, signed with the app's secret: what the benches
// send to the app's /webhooks (the tests have signedRequest in tests/support/webhooks.ts).
import { createHmac, randomUUID } from "node:crypto";

export function shopifyWebhookHeaders(
  topic: string,
  shop: string,
  body: string,
  secret: string,
): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-shop-domain": shop,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": randomUUID(),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
    "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
  };
}
