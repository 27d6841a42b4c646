// Bulk `inventoryItems` lines with their `inventoryLevels` children, in the REST shape.
import type { Payload } from "../values";
import { legacyId, type Node } from "./common";

export function inventoryItemFromGraphql(item: Node): Payload {
  return {
    id: legacyId(item.id),
    sku: item.sku,
    tracked: item.tracked,
    requires_shipping: item.requiresShipping,
    cost: (item.unitCost as Node | null)?.amount ?? null,
    country_code_of_origin: item.countryCodeOfOrigin ?? null,
    harmonized_system_code: item.harmonizedSystemCode ?? null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

export function inventoryLevelFromGraphql(level: Node, inventoryItemId: unknown): Payload {
  const quantities = (level.quantities as Node[] | undefined) ?? [];
  const quantity = (name: string) => quantities.find((q) => q.name === name)?.quantity ?? null;
  return {
    inventory_item_id: legacyId(inventoryItemId),
    location_id: legacyId((level.location as Node | null)?.id),
    available: quantity("available"),
    // Not in the REST webhook payload: only the Admin API reads them (backfill, reconciliation).
    on_hand: quantity("on_hand"),
    committed: quantity("committed"),
    updated_at: level.updatedAt,
  };
}
