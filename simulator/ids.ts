// Shopify ids are 64-bit and, on real shops, above 2^53: a client that parses
// them as JavaScript numbers silently corrupts them. Simulated ids are built to
// be above 2^53 too, and are handled as strings throughout the simulator.

const RESOURCE_CODES = {
  Shop: 1,
  Location: 2,
  Product: 3,
  ProductVariant: 4,
  InventoryItem: 5,
  Customer: 6,
  MailingAddress: 7,
  Order: 8,
  LineItem: 9,
  Refund: 10,
  RefundLineItem: 11,
  OrderTransaction: 12,
  Fulfillment: 13,
  Cart: 14,
  WebhookSubscription: 15,
  BulkOperation: 16,
  InventoryLevel: 17,
  User: 18,
} as const;

export type ResourceName = keyof typeof RESOURCE_CODES;

const SHOP_SPAN = 10n ** 16n;
const RESOURCE_SPAN = 10n ** 14n;

/** Shop slot 0..89 keeps every id within PostgreSQL's BIGINT. */
export function shopifyId(shopSlot: number, resource: ResourceName, index: number): string {
  const slot = BigInt(shopSlot % 90) + 1n;
  return String(slot * SHOP_SPAN + BigInt(RESOURCE_CODES[resource]) * RESOURCE_SPAN + BigInt(index));
}

/** The index a shopifyId() was built from, or undefined when it is not of that shop and resource. */
export function indexOfId(shopSlot: number, resource: ResourceName, id: string): number | undefined {
  let value: bigint;
  try {
    value = BigInt(id);
  } catch {
    return undefined;
  }
  const base = BigInt(shopifyId(shopSlot, resource, 0));
  const offset = value - base;
  if (offset < 0n || offset >= RESOURCE_SPAN) return undefined;
  return Number(offset);
}

export function gid(resource: string, id: string): string {
  return `gid://shopify/${resource}/${id}`;
}

export function parseGid(value: string): { resource: string; id: string } | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/([^/?]+)/.exec(value);
  return match ? { resource: match[1]!, id: match[2]! } : undefined;
}
