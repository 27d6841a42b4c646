// Ingestion verifies webhooks with node:crypto (ingestion/verify-webhook.ts)
// instead of @shopify/shopify-api's webhooks.validate, for speed. Here the two
// judge the same deliveries and must agree on every one.
import "@shopify/shopify-api/adapters/web-api";
import { createHmac } from "node:crypto";
import { shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { createWebhookVerifier } from "~/.server/ingestion";
import { readDeliveryHeaders } from "~/.server/ingestion/delivery-headers";
import { API_VERSION } from "~/.server/shopify/constants";

const SECRET = "verification-secret";
const library = shopifyApi({
  apiKey: "verification-key",
  apiSecretKey: SECRET,
  apiVersion: API_VERSION,
  hostName: "storehouse.invalid",
  isEmbeddedApp: true,
  logger: { level: 0, log: async () => {} },
});
const ours = createWebhookVerifier(SECRET);
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

interface Case {
  name: string;
  body: string;
  headers: Record<string, string>;
}

function delivery(body: string, change: (headers: Record<string, string>) => void = () => {}): Omit<Case, "name"> {
  const headers: Record<string, string> = {
    "X-Shopify-Topic": "orders/create",
    "X-Shopify-Shop-Domain": "verify.myshopify.com",
    "X-Shopify-API-Version": "2026-07",
    "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
    "X-Shopify-Triggered-At": "2026-11-30T10:00:00.123456789Z",
    "X-Shopify-Hmac-Sha256": sign(body),
  };
  change(headers);
  return { body, headers };
}

const ORDER = '{"id":820982911946154508,"note":"café ✓ \\u00e9","line_items":[]}';
const CASES: Case[] = [
  { name: "a valid delivery", ...delivery(ORDER) },
  { name: "an empty body", ...delivery("") },
  { name: "a multi-byte body", ...delivery('{"note":"日本語 🎉"}') },
  { name: "a changed body", ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = sign(`${ORDER} `))) },
  { name: "another app's secret", ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = sign(ORDER, "other"))) },
  { name: "no HMAC", ...delivery(ORDER, (h) => delete h["X-Shopify-Hmac-Sha256"]) },
  { name: "an empty HMAC", ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = "")) },
  {
    name: "a hex HMAC",
    ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = createHmac("sha256", SECRET).update(ORDER).digest("hex"))),
  },
  {
    name: "an HMAC without padding",
    ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = sign(ORDER).replace(/=+$/, ""))),
  },
  {
    name: "an HMAC in another case",
    ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = sign(ORDER).toLowerCase())),
  },
  { name: "an HMAC with a space", ...delivery(ORDER, (h) => (h["X-Shopify-Hmac-Sha256"] = `${sign(ORDER)} `)) },
  ...["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Webhook-Id"].map((name) => ({
    name: `no ${name}`,
    ...delivery(ORDER, (h) => delete h[name]),
  })),
  {
    name: "no event id or trigger time",
    ...delivery(ORDER, (h) => (delete h["X-Shopify-Event-Id"], delete h["X-Shopify-Triggered-At"])),
  },
  {
    name: "a forged delivery without headers",
    ...delivery(ORDER, (h) => (delete h["X-Shopify-Topic"], (h["X-Shopify-Hmac-Sha256"] = "AAAA"))),
  },
];

describe("webhook verification", () => {
  it.each(CASES)("agrees with Shopify's library on $name", async ({ body, headers }) => {
    const request = new Request("https://storehouse.invalid/webhooks", { method: "POST", headers, body });
    const theirs = await library.webhooks.validate({ rawBody: body, rawRequest: request });
    const mine = await ours(body, readDeliveryHeaders(new Headers(headers)));
    expect(mine.valid).toBe(theirs.valid);
    if (theirs.valid && mine.valid) {
      expect(mine).toMatchObject({
        shopDomain: theirs.domain,
        webhookId: theirs.webhookId,
        apiVersion: theirs.apiVersion,
      });
      expect(mine.topic.replace("/", "_").toUpperCase()).toBe(theirs.topic);
    } else if (!theirs.valid && !mine.valid) {
      expect(mine.reason).toBe(theirs.reason);
    }
  });

  it("refuses what it must: the cases above include valid and invalid deliveries", async () => {
    const verdicts = await Promise.all(
      CASES.map(async ({ body, headers }) => (await ours(body, readDeliveryHeaders(new Headers(headers)))).valid),
    );
    // HTTP trims a header value's surrounding spaces, so the spaced HMAC is the valid one.
    expect(CASES.filter((_, index) => verdicts[index]).map((c) => c.name)).toEqual([
      "a valid delivery",
      "a multi-byte body",
      "an HMAC with a space",
      "no event id or trigger time",
    ]);
  });
});
