// Conversions shared by the normalizers: Shopify's REST payload values to
// what the columns hold. Pure functions, no I/O.
import { sourceTextOf, stringifyShopifyJson } from "./json";

/** A JSONB column value; node-postgres writes it through toPostgres(), BigInts exact. */
export class JsonValue {
  constructor(readonly value: unknown) {}
  toPostgres(): string {
    return sourceTextOf(this.value) ?? stringifyShopifyJson(this.value);
  }
}

export type SqlValue = string | number | boolean | bigint | Date | null | string[] | JsonValue;
/** One table row: column name (snake_case, as in the database) to value. */
export type Row = Record<string, SqlValue>;

export type Payload = Record<string, unknown>;

export function json(value: unknown): JsonValue | null {
  return value === undefined || value === null ? null : new JsonValue(value);
}

/** PostgreSQL's BIGINT, where every Shopify id is stored. */
const MAX_ID = 2n ** 63n - 1n;
const ID_TEXT = /^(?:gid:\/\/shopify\/\w+\/)?(\d+)(?:\?.*)?$/;

/**
 * A Shopify id (number, BigInt or numeric string, or a GID) as BigInt; null
 * when absent. A value that is there but can never be an id (not an integer,
 * 0 or below, past 2^63 - 1) is a malformed payload: no retry can store it.
 */
export function shopifyId(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  let id: bigint | null = null;
  if (typeof value === "bigint") id = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) id = BigInt(value);
  else if (typeof value === "string") {
    const match = ID_TEXT.exec(value);
    if (match) id = BigInt(match[1]!);
  }
  if (id === null || id <= 0n || id > MAX_ID) {
    throw new MalformedPayloadError(`${describe(value)} is not a Shopify id (a whole number from 1 to 2^63 - 1)`);
  }
  return id;
}

function describe(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The payload cannot be applied however often it is retried (e.g. it lacks the resource's id). */
export class UnusablePayloadError extends Error {
  override name = "UnusablePayloadError";
}

/**
 * The payload is broken, not just empty: an id that can never be one, a
 * payload of another resource than its topic's, JSON nested past the parser.
 * The event ends dead at once (visible, replayable), instead of being retried.
 */
export class MalformedPayloadError extends UnusablePayloadError {
  override name = "MalformedPayloadError";
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
/**
 * `{ [column]: read(payload[key]) }` when the payload has the key, else
 * nothing: a key an API version leaves out leaves the stored column as the
 * Admin API (or an earlier payload) wrote it, instead of erasing it.
 */
export function whenSent(payload: Payload, key: string, read: (value: unknown) => SqlValue, column: string = key): Row {
  return Object.hasOwn(payload, key) ? { [column]: read(payload[key]) } : {};
}

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
