// The shapes of the JSON columns. A webhook carries more than the Admin
// GraphQL API returns for the same object (latitude, country_name, price_set
// pairs, ids of nested things), so both paths reduce to these shapes and store
// identical rows (tests/webhook-graphql-parity.test.ts). Everything Shopify
// sent stays in `raw`. Ids inside JSON are strings: 64-bit ids do not survive
// a JSON number in most consumers.
import { array, bool, lower, money, text, type Payload } from "./values";

const ADDRESS_FIELDS = [
  "first_name",
  "last_name",
  "company",
  "address1",
  "address2",
  "city",
  "province",
  "province_code",
  "country",
  "country_code",
  "zip",
  "phone",
  "name",
] as const;

const idText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value).replace(/^gid:\/\/shopify\/\w+\//, "");

/** An order's or location's address. */
export function address(value: unknown): Payload | null {
  if (!value || typeof value !== "object") return null;
  const source = value as Payload;
  return Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, text(source[field])]));
}

/** One of a customer's addresses: an address with its id and whether it is the default. */
export function customerAddress(value: unknown, defaultId: string | null = null): Payload | null {
  const base = address(value);
  if (!base) return null;
  const id = idText((value as Payload).id);
  return { id, default: bool((value as Payload).default) ?? (id !== null && id === defaultId), ...base };
}

export function productOptions(value: unknown): Payload[] {
  return array(value).map((option) => ({
    id: idText(option.id),
    name: text(option.name),
    position: option.position ?? null,
    values: Array.isArray(option.values) ? option.values.map(String) : [],
  }));
}

export function marketingConsent(value: unknown): Payload | null {
  if (!value || typeof value !== "object") return null;
  const source = value as Payload;
  return {
    state: lower(source.state),
    opt_in_level: lower(source.opt_in_level),
    consent_updated_at: source.consent_updated_at ? new Date(String(source.consent_updated_at)).toISOString() : null,
  };
}

export function shippingLines(value: unknown): Payload[] {
  return array(value).map((line) => ({ title: text(line.title), code: text(line.code), price: money(line.price) }));
}

export function taxLines(value: unknown): Payload[] {
  return array(value).map((line) => ({
    title: text(line.title),
    rate: typeof line.rate === "number" ? line.rate : Number(line.rate ?? 0),
    price: money(line.price),
  }));
}

export function discountCodes(value: unknown): Payload[] {
  return array(value).map((code) => ({ code: text(code.code) }));
}

export function discountAllocations(value: unknown): Payload[] {
  return array(value).map((allocation) => ({ amount: money(allocation.amount) }));
}

/** Custom attributes (REST `properties` / `note_attributes`: name and value). */
export function attributes(value: unknown): Payload[] {
  return array(value).map((attribute) => ({ name: text(attribute.name), value: text(attribute.value) }));
}

export function transactions(value: unknown): Payload[] {
  return array(value).map((transaction) => ({
    id: idText(transaction.id),
    kind: lower(transaction.kind),
    status: lower(transaction.status),
    gateway: text(transaction.gateway),
    amount: money(transaction.amount),
    processed_at: transaction.processed_at ? new Date(String(transaction.processed_at)).toISOString() : null,
  }));
}
