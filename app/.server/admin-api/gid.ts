// Shopify global ids (gid://shopify/Order/820982911946154508). Ids are 64-bit:
// they are parsed from the string, never through a JavaScript number.

export function parseGid(gid: string, expectedType?: string): bigint {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!match) throw new Error(`Not a Shopify global id: ${gid}`);
  const [, type, id] = match as unknown as [string, string, string];
  if (expectedType && type !== expectedType) {
    throw new Error(`Expected a ${expectedType} id, got ${gid}`);
  }
  return BigInt(id);
}

export function toGid(type: string, id: bigint | string): string {
  return `gid://shopify/${type}/${id.toString()}`;
}
