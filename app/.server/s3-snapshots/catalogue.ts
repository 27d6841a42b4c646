// What snapshots a shop has. The bucket is the truth (a snapshot exists when
// its manifest does); the s3_snapshots rows are its history for the admin.
import type { Pool } from "~/.server/database/pool";
import type { Bucket } from "./bucket";
import type { Manifest } from "./create";

/**
 * The snapshot ids under the shop's prefix, from its keys (not delimiter
 * listings: some S3-compatible servers list those only for direct children),
 * each with whether its manifest exists.
 */
export async function snapshotFolders(bucket: Bucket, domain: string): Promise<Map<string, boolean>> {
  const folders = new Map<string, boolean>();
  const prefix = bucket.shopPrefix(domain);
  for (const key of await bucket.listKeys(prefix)) {
    const match = /^snapshot=([^/]+)\/(.*)$/.exec(key.slice(prefix.length));
    if (!match) continue;
    folders.set(match[1]!, folders.get(match[1]!) === true || match[2] === "manifest.json");
  }
  return folders;
}

/** The shop's snapshots in the bucket (those whose manifest exists), newest first. */
export async function listSnapshots(bucket: Bucket, domain: string): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  for (const [id, complete] of await snapshotFolders(bucket, domain)) {
    if (!complete) continue;
    const manifest = await bucket.getJson<Manifest>(`${bucket.snapshotPrefix(domain, id)}manifest.json`);
    if (manifest) manifests.push(manifest);
  }
  return manifests.sort((a, b) => b.id.localeCompare(a.id));
}

/** One snapshot's manifest, or null when it does not exist. */
export function readManifest(bucket: Bucket, domain: string, snapshotId: string): Promise<Manifest | null> {
  if (!/^[0-9A-Za-z-]+$/.test(snapshotId)) return Promise.resolve(null);
  return bucket.getJson<Manifest>(`${bucket.snapshotPrefix(domain, snapshotId)}manifest.json`);
}

export interface SnapshotRecord {
  id: string;
  status: "running" | "completed" | "failed" | "deleted";
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  manifestUrl: string | null;
  rows: number | null;
  bytes: number | null;
  tables: Record<string, { rows: number; bytes: number }> | null;
  error: string | null;
}

/** The shop's snapshot history, newest first. */
export async function snapshotHistory(pool: Pool, shopId: string, limit = 50): Promise<SnapshotRecord[]> {
  const { rows } = await pool.query<SnapshotRecord & { rows: string | null; bytes: string | null }>(
    `SELECT id, status, trigger, started_at AS "startedAt", finished_at AS "finishedAt", manifest_url AS "manifestUrl",
       rows::text AS rows, bytes::text AS bytes, tables, error
     FROM s3_snapshots WHERE shop_id = $1 ORDER BY started_at DESC LIMIT $2`,
    [shopId, limit],
  );
  return rows.map((row) => ({
    ...row,
    rows: row.rows === null ? null : Number(row.rows),
    bytes: row.bytes === null ? null : Number(row.bytes),
  }));
}

export interface DownloadLink {
  label: string;
  url: string;
  bytes: number;
  /** A Parquet file's rows; null for the JSON files. */
  rows: number | null;
}

/** Time-limited links to every file of a snapshot: manifest, summary, then each table's Parquet files. */
export async function downloadLinks(bucket: Bucket, manifest: Manifest): Promise<DownloadLink[]> {
  const prefix = bucket.snapshotPrefix(manifest.shop, manifest.id);
  const links: DownloadLink[] = [
    { label: "manifest.json", url: await bucket.presign(`${prefix}manifest.json`), bytes: 0, rows: null },
    {
      label: "summary.json",
      url: await bucket.presign(manifest.summary.key),
      bytes: manifest.summary.bytes,
      rows: null,
    },
  ];
  for (const [table, entry] of Object.entries(manifest.tables)) {
    for (const file of entry.files) {
      links.push({
        label: `${table}/${file.key.split("/").pop()}`,
        url: await bucket.presign(file.key),
        bytes: file.bytes,
        rows: file.rows,
      });
    }
  }
  return links;
}
