// API keys: issue, list, verify and revoke the keys of the analyst API
// (/api/v1). A key belongs to one shop and is shown once, when issued; only
// its SHA-256 is stored (a key is 256 random bits, so a slow hash adds
// nothing) and a presented key is compared in constant time. Its visible
// prefix names it in lists and logs. May import the database only.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Pool } from "~/.server/database/pool";

/** `shk_` + 8 hex characters (the visible prefix) + `_` + 43 base64url characters (the secret). */
const KEY_SHAPE = /^(shk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per key: an API call is not a database write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiKey {
  id: string;
  /** The whole key: shown once, never stored. */
  key: string;
  prefix: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The shop and key a valid key stands for. */
export interface ApiKeyHolder {
  keyId: bigint;
  shopId: bigint;
}

const hashOf = (key: string) => createHash("sha256").update(key).digest();

export async function issueApiKey(db: PrismaClient, shopId: bigint, name: string): Promise<IssuedApiKey> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new RangeError("an API key needs a name of 1 to 100 characters");
  const prefix = `shk_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await db.apiKey.create({ data: { shopId, name: trimmed, prefix, secretHash: hashOf(key) } });
  return { id: row.id.toString(), key, prefix };
}

export async function listApiKeys(db: PrismaClient, shopId: bigint): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({ where: { shopId }, orderBy: { id: "desc" } });
  return rows.map((row) => ({
    id: row.id.toString(),
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }));
}

/**
 * Revokes a key; `shopId` scopes it (the admin page) or is omitted (the CLI,
 * which runs with the database's own rights). Returns whether a live key was revoked.
 */
export async function revokeApiKey(db: PrismaClient, id: string, shopId?: bigint): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const { count } = await db.apiKey.updateMany({
    where: { id: BigInt(id), revokedAt: null, ...(shopId === undefined ? {} : { shopId }) },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** The holder of a presented key, or null when it is malformed, unknown or revoked (all answered alike: 401). */
export async function verifyApiKey(
  db: PrismaClient,
  presented: string,
  now = new Date(),
): Promise<ApiKeyHolder | null> {
  const shape = KEY_SHAPE.exec(presented);
  if (!shape) return null;
  const row = await db.apiKey.findUnique({ where: { prefix: shape[1]! } });
  // Compared even when the prefix is unknown, so timing does not tell which prefixes exist.
  const stored = row ? Buffer.from(row.secretHash) : Buffer.alloc(32);
  const matches = timingSafeEqual(stored, hashOf(presented));
  if (!row || !matches || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { keyId: row.id, shopId: row.shopId };
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Counts one request of the key in its current one-minute window, in the
 * database so that every web process shares the count (one atomic upsert).
 */
export async function takeRateLimit(pool: Pool, keyId: bigint, limitPerMinute: number): Promise<RateLimitState> {
  const { rows } = await pool.query<{ count: number; reset_seconds: number }>(
    `INSERT INTO api_rate_windows (api_key_id, window_start, count) VALUES ($1, date_trunc('minute', now()), 1)
     ON CONFLICT (api_key_id) DO UPDATE SET
       count = CASE WHEN api_rate_windows.window_start = EXCLUDED.window_start THEN api_rate_windows.count + 1 ELSE 1 END,
       window_start = EXCLUDED.window_start
     RETURNING count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS reset_seconds`,
    [keyId.toString()],
  );
  const { count, reset_seconds: resetSeconds } = rows[0]!;
  return {
    allowed: count <= limitPerMinute,
    limit: limitPerMinute,
    remaining: Math.max(0, limitPerMinute - count),
    resetSeconds: Math.max(1, resetSeconds),
  };
}
