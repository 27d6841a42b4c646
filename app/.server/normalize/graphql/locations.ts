// A bulk `locations` line in the REST shape.
import type { Payload } from "../values";
import { legacyId, type Node } from "./common";

export function locationFromGraphql(location: Node): Payload {
  const address = (location.address as Node | null) ?? {};
  return {
    id: legacyId(location.id),
    name: location.name,
    active: location.isActive,
    fulfills_online_orders: location.fulfillsOnlineOrders,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    zip: address.zip ?? null,
    province: address.province ?? null,
    province_code: address.provinceCode ?? null,
    country: address.country ?? null,
    country_code: address.countryCode ?? null,
    phone: address.phone ?? null,
    created_at: location.createdAt,
    updated_at: location.updatedAt,
  };
}
