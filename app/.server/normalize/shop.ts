// shop/update (and the shop object app/uninstalled carries).
import { json, shopifyId, text, type Payload, type Row } from "./values";

export function normalizeShop(payload: Payload): Row {
  return {
    shopify_id: shopifyId(payload.id),
    name: text(payload.name),
    email: text(payload.email),
    currency: text(payload.currency),
    timezone: text(payload.iana_timezone),
    plan: text(payload.plan_display_name),
    raw: json(payload),
  };
}
