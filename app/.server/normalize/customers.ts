// customers/create|update|delete|enable|disable: addresses, marketing consent, tags.
import * as canonical from "./canonical";
import {
  array,
  bool,
  int,
  json,
  lower,
  money,
  requireId,
  tags,
  text,
  time,
  whenSent,
  type Payload,
  type Row,
} from "./values";

export function normalizeCustomer(payload: Payload): Row {
  const defaultSource = (payload.default_address ?? null) as Payload | null;
  const defaultId = defaultSource?.id === undefined || defaultSource?.id === null ? null : String(defaultSource.id);
  const addresses = array(payload.addresses).map((entry) => canonical.customerAddress(entry, defaultId)!);
  return {
    shopify_id: requireId(payload.id, "customer"),
    email: lower(payload.email),
    first_name: text(payload.first_name),
    last_name: text(payload.last_name),
    phone: text(payload.phone),
    state: text(payload.state),
    verified_email: bool(payload.verified_email),
    tax_exempt: bool(payload.tax_exempt),
    note: text(payload.note),
    currency: text(payload.currency),
    // Since API 2026-07 customer webhooks leave these out (the Admin API has them): a key that is absent
    // leaves the stored column as the backfill or reconciliation wrote it, rather than erasing it.
    ...whenSent(payload, "tags", tags),
    ...whenSent(payload, "orders_count", int),
    ...whenSent(payload, "total_spent", money),
    ...whenSent(payload, "email_marketing_consent", (value) => json(canonical.marketingConsent(value))),
    ...whenSent(payload, "sms_marketing_consent", (value) => json(canonical.marketingConsent(value))),
    default_address: json(
      (defaultSource ? canonical.customerAddress(defaultSource, defaultId) : null) ??
        addresses.find((address) => address.default) ??
        null,
    ),
    addresses: json(addresses),
    created_at: time(payload.created_at),
    updated_at: time(payload.updated_at),
    raw: json(payload),
  };
}
