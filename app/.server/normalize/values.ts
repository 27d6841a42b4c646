// Conversions shared by the normalizers: Shopify's REST payload values to
// what the columns hold. Pure functions, no I/O.
import { stringifyShopifyJson } from "./json";

/** A JSONB column value; node-postgres writes it through toPostgres(), BigInts exact. */
export class JsonValue {
  constructor(readonly value: unknown) {}
  toPostgres(): string {
    return stringifyShopifyJson(this.value);
  }
}

export type SqlValue = string | number | boolean | bigint | Date | null | string[] | JsonValue;
/** One table row: column name (snake_case, as in the database) to value. */
export type Row = Record<string, SqlValue>;

export type Payload = Record<string, unknown>;

export function json(value: unknown): JsonValue | null {
  return value === undefined || value === null ? null : new JsonValue(value);
}

/** A Shopify id (number, BigInt or numeric string, or a GID) as BigInt. */
export function shopifyId(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string") {
    const match = /^(?:gid:\/\/shopify\/\w+\/)?(\d+)/.exec(value);
    if (match) return BigInt(match[1]!);
  }
  return null;
}

/** The payload cannot be applied however often it is retried (e.g. it lacks the resource's id). */
export class UnusablePayloadError extends Error {
  override name = "UnusablePayloadError";
}

export function requireId(value: unknown, what: string): bigint {
  const id = shopifyId(value);
  if (id === null) throw new UnusablePayloadError(`${what} has no usable id`);
  return id;
}

/** Money as an exact decimal string ("12.30"); never a float. */
export function money(value: unknown): string | null {
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return null;
}

/** The shop-currency amount of a REST money bag ({ shop_money: { amount } }). */
export function shopMoney(value: unknown): string | null {
  return money((value as { shop_money?: { amount?: unknown } } | null | undefined)?.shop_money?.amount);
}

export function time(value: unknown): Date | null {
  if (typeof value !== "string" || value === "") return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function text(value: unknown): string | null {
  return typeof value === "string" ? value : value === null || value === undefined ? null : String(value);
}

export function int(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

/** Shopify sends tags as one comma-separated string ("a, b"); some payloads as an array. */
export function tags(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

export function lower(value: unknown): string | null {
  const result = text(value);
  return result === null ? null : result.toLowerCase();
}

export function array(value: unknown): Payload[] {
  return Array.isArray(value) ? (value.filter((item) => item && typeof item === "object") as Payload[]) : [];
}
