// Taking a snapshot: every snapshot table of one shop, read inside one
// repeatable-read transaction (the tables agree with each other), streamed
// part by part: PostgreSQL's COPY into a temporary CSV, DuckDB into Parquet,
// a multipart upload into the bucket; then summary.json, then manifest.json
// last. Until the manifest exists the snapshot does not: a failure deletes
// what was uploaded, and an interrupted one is swept later (retention.ts).
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Pool, PoolClient } from "~/.server/database/pool";
import { encodeCursor } from "~/.server/insights/write-cursor";
import type { Bucket, StoredFile } from "./bucket";
import { ParquetFiles } from "./parquet";
import { shopLockKey } from "./shop-lock";
import { writeSummary } from "./summary";
import { SHOP_COLUMNS, SNAPSHOT_TABLES, snapshotColumns, type SnapshotColumn, type SnapshotTable } from "./tables";

export const MANIFEST_VERSION = 1;

export interface ManifestTable {
  rows: number;
  files: (StoredFile & { rows: number })[];
}

export interface Manifest {
  id: string;
  shop: string;
  created_at: string;
  /** The database migration the rows were read under. */
  schema_version: string;
  format: { version: number; files: "parquet"; compression: "zstd" };
  /** The sync position the snapshot reflects (see README, S3 snapshots). */
  position: {
    /** Every write of a transaction below this id is in the snapshot; none at or above it that was still running. */
    write_xid_below: string;
    /** An analyst API cursor that resumes from the snapshot (at least once). */
    api_cursor: string;
    last_event_received_at: string | null;
    last_sync_finished_at: string | null;
  };
  tables: Record<string, ManifestTable>;
  summary: StoredFile;
  /** Compliance rewrites applied after the snapshot was taken (redaction.ts). */
  redactions?: { request: string; at: string; files: number }[];
}

export type SnapshotTrigger = "schedule" | "admin" | "cli";

export class SnapshotBusyError extends Error {
  constructor(domain: string) {
    super(`a snapshot of ${domain} is already being taken; try again when it is done`);
  }
}

export class SnapshotShopError extends Error {}

export interface TakenSnapshot {
  id: string;
  /** The shop's row id (retention and redaction take the shop's lock by it). */
  shopId: string;
  manifest: Manifest;
  manifestKey: string;
  manifestUrl: string;
}

/** A new snapshot id: sortable by time, unique (snapshot=20261130T122745Z-3f9a). */
export function newSnapshotId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}

/** Takes a snapshot of the shop; throws SnapshotBusyError while another one of the same shop runs. */
export async function takeSnapshot(
  pool: Pool,
  bucket: Bucket,
  domain: string,
  trigger: SnapshotTrigger,
): Promise<TakenSnapshot> {
  const { rows: shops } = await pool.query<{ id: string; domain: string }>(
    `SELECT id::text, domain FROM shops WHERE domain = $1 AND redacted_at IS NULL`,
    [domain],
  );
  const shop = shops[0];
  if (!shop) throw new SnapshotShopError(`no shop ${domain} in this database (or it was redacted)`);

  const id = newSnapshotId();
  const prefix = bucket.snapshotPrefix(shop.domain, id);
  const uploaded: string[] = [];
  const client = await pool.connect();
  const workDir = await mkdtemp(join(tmpdir(), "storehouse-snapshot-"));
  let started = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SET LOCAL TIME ZONE 'UTC'");
    const { rows: lock } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [shopLockKey(shop.id)],
    );
    if (!lock[0]?.locked) throw new SnapshotBusyError(shop.domain);
    // With the lock held no other snapshot of the shop runs: a row still "running" was interrupted.
    await pool.query(
      `UPDATE s3_snapshots SET status = 'failed', error = 'interrupted', finished_at = now()
       WHERE shop_id = $1 AND status = 'running'`,
      [shop.id],
    );
    await pool.query(`INSERT INTO s3_snapshots (id, shop_id, status, trigger) VALUES ($1, $2, 'running', $3)`, [
      id,
      shop.id,
      trigger,
    ]);
    started = true;

    const position = await readPosition(client, shop.id);
    const tables: Record<string, ManifestTable> = {};
    for (const table of ["shop", ...SNAPSHOT_TABLES] as SnapshotTable[]) {
      tables[table] = await copyTable(client, bucket, {
        table,
        shopId: shop.id,
        prefix,
        workDir,
        partRows: bucket.settings.partRows,
        onUpload: (key) => uploaded.push(key),
      });
    }
    const createdAt = new Date().toISOString();
    const summary = await writeSummary(pool, bucket, {
      shopId: shop.id,
      domain: shop.domain,
      snapshotId: id,
      createdAt,
      key: `${prefix}summary.json`,
    });
    uploaded.push(summary.key);
    const manifest: Manifest = {
      id,
      shop: shop.domain,
      created_at: createdAt,
      schema_version: position.schemaVersion,
      format: { version: MANIFEST_VERSION, files: "parquet", compression: "zstd" },
      position: position.position,
      tables,
      summary,
    };
    const manifestKey = `${prefix}manifest.json`;
    await bucket.putJson(manifestKey, manifest);
    await client.query("COMMIT");
    await bucket.putJson(`${bucket.shopPrefix(shop.domain)}latest.json`, {
      id,
      created_at: createdAt,
      manifest: manifestKey,
    });
    await recordCompleted(pool, id, bucket.url(manifestKey), manifest);
    return { id, shopId: shop.id, manifest, manifestKey, manifestUrl: bucket.url(manifestKey) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (started) {
      // Nothing half-written stays: the parts go (a server that is down leaves them to the sweep).
      await bucket.deleteKeys(uploaded).catch(() => {});
      await bucket.abortUploads(prefix).catch(() => {});
      await pool
        .query(`UPDATE s3_snapshots SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
          id,
          error instanceof Error ? error.message.slice(0, 500) : String(error),
        ])
        .catch(() => {});
    }
    throw error;
  } finally {
    client.release();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function readPosition(client: PoolClient, shopId: string) {
  const { rows } = await client.query<{
    xmin: string;
    schema_version: string | null;
    last_event: Date | null;
    last_sync: Date | null;
  }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
       (SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL
        ORDER BY migration_name DESC LIMIT 1) AS schema_version,
       (SELECT max(received_at) FROM webhook_events WHERE shop_id = $1 AND status = 'processed') AS last_event,
       (SELECT max(finished_at) FROM sync_runs WHERE shop_id = $1 AND status = 'succeeded') AS last_sync`,
    [shopId],
  );
  const row = rows[0]!;
  return {
    schemaVersion: row.schema_version ?? "unknown",
    position: {
      write_xid_below: row.xmin,
      api_cursor: encodeCursor({ xid: (BigInt(row.xmin) - 1n).toString(), id: "9223372036854775807" }),
      last_event_received_at: row.last_event?.toISOString() ?? null,
      last_sync_finished_at: row.last_sync?.toISOString() ?? null,
    },
  };
}

interface CopyTable {
  table: SnapshotTable;
  shopId: string;
  prefix: string;
  workDir: string;
  partRows: number;
  onUpload: (key: string) => void;
}

/** One table, part by part: rows in id order, `partRows` to a file (an empty table still gets one, with its schema). */
async function copyTable(
  client: PoolClient,
  bucket: Bucket,
  { table, shopId, prefix, workDir, partRows, onUpload }: CopyTable,
): Promise<ManifestTable> {
  const columns = await snapshotColumns(client, table, table === "shop" ? SHOP_COLUMNS : undefined);
  const source = table === "shop" ? "shops" : table;
  // COPY takes no parameters: the shop id is a number read from the database, checked here.
  if (!/^\d+$/.test(shopId)) throw new Error(`unexpected shop id ${shopId}`);
  const owned = table === "shop" ? `id = ${shopId}` : `shop_id = ${shopId}`;
  const { rows: bounds } = await client.query<{ bound: string }>(
    `SELECT id::text AS bound FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${source} WHERE ${owned}) numbered
     WHERE n % $1 = 0 ORDER BY n`,
    [partRows],
  );
  const { rows: counted } = await client.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM ${source} WHERE ${owned}`,
  );
  const total = Number(counted[0]!.count);
  const upperBounds: (string | null)[] = bounds.map((row) => row.bound);
  if (total === 0 || total % partRows !== 0) upperBounds.push(null);

  const files: ManifestTable["files"] = [];
  let lower: string | null = null;
  for (const [index, upper] of upperBounds.entries()) {
    const range = [lower === null ? "" : ` AND id > ${lower}`, upper === null ? "" : ` AND id <= ${upper}`].join("");
    const csvPath = join(workDir, `${table}-${index}.csv`);
    const parquetPath = join(workDir, `${table}-${index}.parquet`);
    const rows = await copyToCsv(
      client,
      `SELECT ${columns.map(selectOf).join(", ")} FROM ${source} WHERE ${owned}${range} ORDER BY id`,
      csvPath,
    );
    // A DuckDB of its own per part: closing it hands all its memory back before the next.
    const parquet = await ParquetFiles.open();
    try {
      await parquet.csvToParquet(csvPath, columns, parquetPath);
    } finally {
      parquet.close();
    }
    await rm(csvPath);
    const key = `${prefix}${table}/part-${String(index).padStart(5, "0")}.parquet`;
    onUpload(key);
    const stored = await bucket.uploadFile(key, parquetPath, "application/vnd.apache.parquet");
    await rm(parquetPath);
    files.push({ ...stored, rows });
    lower = upper;
  }
  const rows = files.reduce((sum, file) => sum + file.rows, 0);
  if (rows !== total) throw new Error(`${table}: copied ${rows} rows of ${total}`);
  return { rows, files };
}

function selectOf(column: SnapshotColumn): string {
  return `${column.select} AS ${pg.escapeIdentifier(column.name)}`;
}

/** Streams a query's rows as CSV into a file; returns how many. */
async function copyToCsv(client: PoolClient, query: string, path: string): Promise<number> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT csv)`));
  await pipeline(stream, createWriteStream(path));
  return stream.rowCount;
}

async function recordCompleted(pool: Pool, id: string, manifestUrl: string, manifest: Manifest): Promise<void> {
  const tables = Object.fromEntries(
    Object.entries(manifest.tables).map(([table, entry]) => [
      table,
      { rows: entry.rows, bytes: entry.files.reduce((sum, file) => sum + file.bytes, 0) },
    ]),
  );
  const rows = Object.values(manifest.tables).reduce((sum, entry) => sum + entry.rows, 0);
  const bytes = Object.values(tables).reduce((sum, entry) => sum + entry.bytes, manifest.summary.bytes);
  await pool.query(
    `UPDATE s3_snapshots SET status = 'completed', finished_at = now(), manifest_url = $2, rows = $3, bytes = $4,
       tables = $5::jsonb WHERE id = $1`,
    [id, manifestUrl, rows, bytes, JSON.stringify(tables)],
  );
}
