// A bulk `customers` line in the REST shape.
import type { Payload } from "../values";
import { address, legacyId, lower, type Node } from "./common";

export function customerFromGraphql(customer: Node): Payload {
  const defaultAddress = address(customer.defaultAddress);
  return {
    id: legacyId(customer.id),
    email: customer.email ?? null,
    first_name: customer.firstName ?? null,
    last_name: customer.lastName ?? null,
    phone: customer.phone ?? null,
    state: lower(customer.state),
    tags: customer.tags,
    verified_email: customer.verifiedEmail,
    tax_exempt: customer.taxExempt,
    note: customer.note ?? null,
    orders_count: customer.numberOfOrders === undefined ? null : Number(customer.numberOfOrders),
    total_spent: (customer.amountSpent as Node | null)?.amount ?? null,
    currency: (customer.amountSpent as Node | null)?.currencyCode ?? null,
    email_marketing_consent: consent(customer.emailMarketingConsent),
    sms_marketing_consent: consent(customer.smsMarketingConsent),
    default_address: defaultAddress ? { ...defaultAddress, default: true } : null,
    addresses: ((customer.addresses as Node[] | undefined) ?? []).map((entry) => {
      const converted = address(entry)!;
      return { ...converted, default: converted.id === defaultAddress?.id };
    }),
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
  };
}

/** GraphQL's marketing consent as REST's ({ state, opt_in_level, consent_updated_at }). */
function consent(value: unknown): Payload | null {
  if (!value || typeof value !== "object") return null;
  const source = value as Node;
  return {
    state: lower(source.marketingState),
    opt_in_level: lower(source.marketingOptInLevel),
    consent_updated_at: source.consentUpdatedAt ?? null,
  };
}
