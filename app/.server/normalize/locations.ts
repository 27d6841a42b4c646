// locations/create|update|delete.
import { bool, json, requireId, text, time, type Payload, type Row } from "./values";

export function normalizeLocation(payload: Payload): Row {
  const address = Object.fromEntries(
    ["address1", "address2", "city", "zip", "province", "province_code", "country", "country_code", "phone"].map(
      (key) => [key, payload[key] ?? null],
    ),
  );
  return {
    shopify_id: requireId(payload.id, "location"),
    name: text(payload.name),
    active: bool(payload.active),
    fulfills_online_orders: bool(payload.fulfills_online_orders),
    address: json(address),
    created_at: time(payload.created_at),
    updated_at: time(payload.updated_at),
    raw: json(payload),
  };
}
