// Shared pieces of the Admin GraphQL views: a view is a plain object whose
// properties are field values or functions (args, context) => value, resolved
// by the simulator's field resolver. `__typename` drives abstract types (Node).
import { formatCents } from "../../shop/order-totals";
import type { AddressRecord } from "../../shop/records";

export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function money(cents: number, currencyCode: string) {
  return { __typename: "MoneyV2", amount: formatCents(cents), currencyCode };
}

/** A MoneyBag: shop currency and the currency the customer saw. */
export function moneyBag(
  cents: number,
  order: { currency: string; presentmentCurrency: string; exchangeRate: number },
) {
  return {
    __typename: "MoneyBag",
    shopMoney: money(cents, order.currency),
    presentmentMoney: money(Math.round(cents * order.exchangeRate), order.presentmentCurrency),
  };
}

export function count(value: number) {
  return { __typename: "Count", count: value, precision: "EXACT" };
}

export function mailingAddressView(address: AddressRecord | null) {
  if (!address) return null;
  return {
    __typename: "MailingAddress",
    id: `gid://shopify/MailingAddress/${address.id}?model_name=CustomerAddress`,
    firstName: address.firstName,
    lastName: address.lastName,
    name: `${address.firstName} ${address.lastName}`,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    provinceCode: address.provinceCode,
    country: address.country,
    countryCodeV2: address.countryCode,
    zip: address.zip,
    phone: address.phone,
    coordinatesValidated: false,
    formatted: [
      address.address1,
      address.address2,
      `${address.city} ${address.provinceCode} ${address.zip}`,
      address.country,
    ].filter(Boolean),
    formattedArea: `${address.city} ${address.provinceCode}, ${address.country}`,
  };
}
