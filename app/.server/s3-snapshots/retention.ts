// Versioning and retention: the newest snapshot of each of the last N days
// that have one, and the newest of each of the last M months, are kept;
// every other snapshot is deleted (manifest first, so it stops existing at
// once, then its files). Days and months are UTC, as the snapshot ids are.
import type { Pool } from "~/.server/database/pool";
import type { Bucket } from "./bucket";
import { snapshotFolders } from "./catalogue";
import { withShopLock } from "./shop-lock";

export interface RetentionPolicy {
  keepDaily: number;
  keepMonthly: number;
}

/** Which of these snapshots (ids sortable by time, `created_at` ISO) the policy deletes. */
export function snapshotsToDelete(
  snapshots: { id: string; created_at: string }[],
  { keepDaily, keepMonthly }: RetentionPolicy,
): string[] {
  const newestFirst = [...snapshots].sort((a, b) => b.id.localeCompare(a.id));
  const kept = new Set<string>();
  const keepNewestOf = (period: (createdAt: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const snapshot of newestFirst) {
      const key = period(snapshot.created_at);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(snapshot.id);
    }
  };
  keepNewestOf((createdAt) => createdAt.slice(0, 10), keepDaily);
  keepNewestOf((createdAt) => createdAt.slice(0, 7), keepMonthly);
  return newestFirst.filter((snapshot) => !kept.has(snapshot.id)).map((snapshot) => snapshot.id);
}

export interface RetentionResult {
  deleted: string[];
  swept: string[];
}

/**
 * Applies the policy to the shop's snapshots and sweeps what failed runs left
 * (folders without a manifest, multipart uploads never completed). Holds the
 * shop's lock, so no snapshot is being written meanwhile; null while one is.
 */
export async function applyRetention(
  pool: Pool,
  bucket: Bucket,
  shop: { id: string; domain: string },
  policy: RetentionPolicy,
): Promise<RetentionResult | null> {
  const result = await withShopLock(pool, shop.id, async () => {
    // One listing: the ids carry their time, so no manifest needs reading.
    const folders = [...(await snapshotFolders(bucket, shop.domain))];
    const complete = folders.filter(([, hasManifest]) => hasManifest).map(([id]) => ({ id, created_at: timeOf(id) }));
    const deleted = snapshotsToDelete(complete, policy);
    for (const id of deleted) await deleteSnapshot(bucket, shop.domain, id);
    const swept = folders.filter(([, hasManifest]) => !hasManifest).map(([id]) => id);
    for (const id of swept) await bucket.deletePrefix(bucket.snapshotPrefix(shop.domain, id));
    await bucket.abortUploads(bucket.shopPrefix(shop.domain));
    if (deleted.length > 0)
      await pool.query(
        `UPDATE s3_snapshots SET status = 'deleted', deleted_at = now() WHERE shop_id = $1 AND id = ANY($2::text[])`,
        [shop.id, deleted],
      );
    return { deleted, swept };
  });
  return result.busy ? null : result.value;
}

/** A snapshot id's time (20261130T122745Z-3f9a is 2026-11-30T12:27:45Z), as create.ts newSnapshotId writes it. */
function timeOf(id: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(id);
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` : "";
}

async function deleteSnapshot(bucket: Bucket, domain: string, id: string): Promise<void> {
  const prefix = bucket.snapshotPrefix(domain, id);
  await bucket.deleteKeys([`${prefix}manifest.json`]);
  await bucket.deletePrefix(prefix);
}
