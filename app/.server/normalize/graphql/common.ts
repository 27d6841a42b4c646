// Shared pieces of reading the Admin GraphQL shape (camelCase, GIDs, MoneyBags)
// into the REST webhook shape the normalizers take, so both paths produce the
// same canonical records through the same code.
import type { Payload } from "../values";

export type Node = Record<string, unknown>;

/** The numeric id of a GID ("gid://shopify/Order/123" → "123"); numeric strings stay exact. */
export function legacyId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /(\d+)(?:\?.*)?$/.exec(value);
  return match ? match[1]! : null;
}

/** The shop-currency bag of a MoneyBag, as REST's `*_set` ({ shop_money: { amount } }). */
export function moneySet(bag: unknown): Payload | null {
  const amount = (bag as { shopMoney?: { amount?: unknown } } | null | undefined)?.shopMoney?.amount;
  return amount === undefined || amount === null ? null : { shop_money: { amount: String(amount) } };
}

export function amountOf(bag: unknown): string | null {
  const set = moneySet(bag);
  return set ? String((set.shop_money as { amount: string }).amount) : null;
}

export function lower(value: unknown): string | null {
  return typeof value === "string" ? value.toLowerCase() : null;
}

export function address(value: unknown): Payload | null {
  if (!value || typeof value !== "object") return null;
  const a = value as Node;
  return {
    id: legacyId(a.id),
    first_name: a.firstName ?? null,
    last_name: a.lastName ?? null,
    company: a.company ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    province: a.province ?? null,
    province_code: a.provinceCode ?? null,
    country: a.country ?? null,
    country_code: a.countryCodeV2 ?? null,
    zip: a.zip ?? null,
    phone: a.phone ?? null,
    name: a.name ?? null,
  };
}
