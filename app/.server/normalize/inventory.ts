// inventory_items/* and inventory_levels/*.
import { bool, int, json, money, requireId, text, time, type Payload, type Row } from "./values";

export function normalizeInventoryItem(payload: Payload, shopCurrency: string | null): Row {
  return {
    shopify_id: requireId(payload.id, "inventory item"),
    sku: text(payload.sku),
    tracked: bool(payload.tracked),
    requires_shipping: bool(payload.requires_shipping),
    cost: money(payload.cost),
    currency: shopCurrency,
    country_code_of_origin: text(payload.country_code_of_origin),
    harmonized_system_code: text(payload.harmonized_system_code),
    created_at: time(payload.created_at),
    updated_at: time(payload.updated_at),
    raw: json(payload),
  };
}

/** One item at one location; keyed by (inventory_item_id, location_id), it has no id of its own. */
export function normalizeInventoryLevel(payload: Payload): Row {
  return {
    inventory_item_id: requireId(payload.inventory_item_id, "inventory level item"),
    location_id: requireId(payload.location_id, "inventory level location"),
    available: int(payload.available),
    // Only the Admin API carries these (backfill, reconciliation); a webhook, which
    // has `available` alone, leaves the stored ones as they were.
    ...("on_hand" in payload ? { on_hand: int(payload.on_hand) } : {}),
    ...("committed" in payload ? { committed: int(payload.committed) } : {}),
    updated_at: time(payload.updated_at),
    raw: json(payload),
  };
}
