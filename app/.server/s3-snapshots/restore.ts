// Restore: a snapshot loaded into an empty database (migrated first), every
// file checked against the manifest's SHA-256, every table's row count
// checked against the manifest, all in one transaction: a restore that does
// not match is rolled back, never left half-loaded.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrateDeployOnce } from "~/.server/database/migrations";
import { sha256OfFile, type Bucket } from "./bucket";
import { readManifest } from "./catalogue";
import type { Manifest } from "./create";
import { identifier, literal, ParquetFiles, WHOLE_SNAPSHOT_MEMORY } from "./parquet";
import { SHOP_COLUMNS, SNAPSHOT_TABLES, snapshotColumns, type SnapshotTable } from "./tables";

export class RestoreError extends Error {}

export interface RestoreResult {
  snapshot: string;
  ok: boolean;
  tables: Record<string, { expected: number; restored: number }>;
}

export async function restoreSnapshot(
  bucket: Bucket,
  options: { domain: string; snapshotId: string; databaseUrl: string },
): Promise<RestoreResult> {
  const manifest = await readManifest(bucket, options.domain, options.snapshotId);
  if (!manifest) throw new RestoreError(`no snapshot ${options.snapshotId} of ${options.domain} in ${bucket.name}`);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const workDir = await mkdtemp(join(tmpdir(), "storehouse-restore-"));
  const parquet = await ParquetFiles.open(WHOLE_SNAPSHOT_MEMORY);
  try {
    // Refused before anything is written to it, migrations included.
    await assertEmpty(client);
    await migrateDeployOnce(options.databaseUrl);
    await client.query("BEGIN");
    const tables: RestoreResult["tables"] = {};
    for (const table of ["shop", ...SNAPSHOT_TABLES] as SnapshotTable[]) {
      const entry = manifest.tables[table];
      if (!entry) throw new RestoreError(`the manifest lists no ${table} table`);
      tables[table] = {
        expected: entry.rows,
        restored: await loadTable(client, parquet, bucket, workDir, table, manifest),
      };
    }
    const ok = Object.values(tables).every((table) => table.expected === table.restored);
    if (!ok) {
      await client.query("ROLLBACK");
      return { snapshot: manifest.id, ok, tables };
    }
    await resetSequences(client);
    await client.query("COMMIT");
    return { snapshot: manifest.id, ok, tables };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    parquet.close();
    await client.end();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function assertEmpty(client: pg.Client): Promise<void> {
  const { rows: schema } = await client.query(`SELECT to_regclass('shops') IS NOT NULL AS migrated`);
  if (!schema[0]?.migrated) return;
  for (const table of ["shops", ...SNAPSHOT_TABLES]) {
    const { rows } = await client.query(`SELECT 1 FROM ${identifier(table)} LIMIT 1`);
    if (rows.length > 0)
      throw new RestoreError(`the target database is not empty (${table} has rows): restore into an empty one`);
  }
}

/** Downloads a table's files (each checked against its SHA-256), loads them with COPY, and counts what landed. */
async function loadTable(
  client: pg.Client,
  parquet: ParquetFiles,
  bucket: Bucket,
  workDir: string,
  table: SnapshotTable,
  manifest: Manifest,
): Promise<number> {
  const files: string[] = [];
  for (const [index, file] of manifest.tables[table]!.files.entries()) {
    const path = join(workDir, `${table}-${index}.parquet`);
    await bucket.download(file.key, path);
    if ((await sha256OfFile(path)) !== file.sha256)
      throw new RestoreError(`${file.key} does not match its SHA-256 in the manifest`);
    files.push(path);
  }
  // The columns both the snapshot and this schema have; a column added since takes its default.
  const inFiles = new Set(
    (await parquet.rows(`DESCRIBE SELECT * FROM read_parquet([${files.map(literal).join(", ")}])`)).map(
      (row) => row.column_name as string,
    ),
  );
  const target = table === "shop" ? "shops" : table;
  const columns = (await snapshotColumns(client, table, table === "shop" ? SHOP_COLUMNS : undefined)).filter((column) =>
    inFiles.has(column.name),
  );
  const csvPath = join(workDir, `${table}.csv`);
  await parquet.parquetToCsv(files, columns, csvPath);
  await pipeline(
    createReadStream(csvPath),
    client.query(
      copyFrom(
        `COPY ${identifier(target)} (${columns.map((column) => identifier(column.name)).join(", ")}) FROM STDIN (FORMAT csv)`,
      ),
    ),
  );
  await rm(csvPath);
  for (const path of files) await rm(path);
  const { rows } = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${identifier(target)}`);
  return Number(rows[0]!.count);
}

/** The id sequences continue after the restored rows. */
async function resetSequences(client: pg.Client): Promise<void> {
  for (const table of ["shops", ...SNAPSHOT_TABLES]) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), max_id) FROM (SELECT max(id) AS max_id FROM ${identifier(table)}) m
       WHERE max_id IS NOT NULL AND pg_get_serial_sequence($1, 'id') IS NOT NULL`,
      [table],
    );
  }
}
