// Shopify's ids are 64-bit: plain JSON.parse rounds 820982911946154508 to
// 820982911946154500. This parser reads every integer beyond 2^53 from its
// source text as a BigInt (Node's JSON.parse source-text access), so nothing
// is lost; normalizers turn ids into BigInt either way.

type ReviverContext = { source?: string };

export function parseShopifyJson(text: string): unknown {
  return (
    JSON.parse as (text: string, reviver: (key: string, value: unknown, context?: ReviverContext) => unknown) => unknown
  )(text, (_key, value, context) => {
    if (
      typeof value === "number" &&
      !Number.isSafeInteger(value) &&
      context?.source &&
      /^-?\d+$/.test(context.source)
    ) {
      return BigInt(context.source);
    }
    return value;
  });
}

/** JSON text for a value that may hold BigInts: they are written as exact JSON numbers. */
export function stringifyShopifyJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `\u0000${item}` : item)).replace(
    /"\\u0000(-?\d+)"/g,
    "$1",
  );
}
