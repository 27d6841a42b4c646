// storehouse snapshots create|list|restore: the shop's S3 snapshots (the same
// core as the admin's Snapshots page and the worker's daily run).
import { Command } from "commander";
import type { SnapshotSettings } from "~/.server/s3-snapshots";
import { CliFailure, print } from "./output";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [environment, snapshots, database] = await Promise.all([
    import("~/.server/env"),
    import("~/.server/s3-snapshots"),
    import("~/db.server"),
  ]);
  return { ...environment, ...snapshots, ...database };
}

async function settings(): Promise<SnapshotSettings> {
  const { snapshotSettings, snapshotEnvironment } = await core();
  const value = snapshotSettings(snapshotEnvironment());
  if (!value) throw new CliFailure("snapshots are off: set SNAPSHOT_S3_BUCKET (README, S3 snapshots)");
  return value;
}

export function snapshotsCommand(): Command {
  const command = new Command("snapshots")
    .description("Take, list and restore the shops' S3 snapshots (Parquet files, a manifest, a summary).")
    .exitOverride()
    .showHelpAfterError();
  command
    .command("create")
    .description("Take a snapshot of one shop now (then apply the retention policy).")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print {id, manifest}")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { applyRetention, Bucket, takeSnapshot, pool } = await core();
      const domain = options.shop.toLowerCase();
      const current = await settings();
      const bucket = new Bucket(current);
      const taken = await takeSnapshot(pool(), bucket, domain, "cli");
      await applyRetention(pool(), bucket, { id: taken.shopId, domain }, current);
      const rows = Object.values(taken.manifest.tables).reduce((sum, table) => sum + table.rows, 0);
      print(Boolean(options.json), { id: taken.id, manifest: taken.manifestUrl }, () => [
        `Snapshot ${taken.id} of ${domain}: ${rows} rows in ${Object.keys(taken.manifest.tables).length} tables`,
        taken.manifestUrl,
      ]);
    });
  command
    .command("list")
    .description("List a shop's snapshots in the bucket, newest first.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print [{id, created_at, manifest, rows, bytes, tables, redactions}]")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { Bucket, listSnapshots } = await core();
      const domain = options.shop.toLowerCase();
      const bucket = new Bucket(await settings());
      const snapshots = (await listSnapshots(bucket, domain)).map((manifest) => ({
        id: manifest.id,
        created_at: manifest.created_at,
        manifest: bucket.url(`${bucket.snapshotPrefix(domain, manifest.id)}manifest.json`),
        rows: Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0),
        bytes: Object.values(manifest.tables).reduce(
          (sum, table) => sum + table.files.reduce((total, file) => total + file.bytes, 0),
          0,
        ),
        tables: Object.fromEntries(Object.entries(manifest.tables).map(([name, table]) => [name, table.rows])),
        redactions: manifest.redactions?.length ?? 0,
      }));
      print(Boolean(options.json), snapshots, () =>
        snapshots.length
          ? snapshots.map(
              (snapshot) =>
                `${snapshot.id}\t${snapshot.created_at}\t${snapshot.rows} rows\t${(snapshot.bytes / 1_048_576).toFixed(1)} MiB`,
            )
          : [`${domain} has no snapshots in ${bucket.name}`],
      );
    });
  command
    .command("restore")
    .description(
      "Load a snapshot into an empty database (migrated first) and check every table's row count; exit 1 when one differs.",
    )
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .requiredOption("--snapshot <id>", "the snapshot's id (from list)")
    .requiredOption("--database-url <url>", "the empty database to load, postgresql://…")
    .option("--json", "print {snapshot, ok, tables: {<table>: {expected, restored}}}")
    .action(async (options: { shop: string; snapshot: string; databaseUrl: string; json?: boolean }) => {
      const { Bucket, restoreSnapshot } = await core();
      if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
        throw new CliFailure("--database-url must be a postgresql:// URL");
      const result = await restoreSnapshot(new Bucket(await settings()), {
        domain: options.shop.toLowerCase(),
        snapshotId: options.snapshot,
        databaseUrl: options.databaseUrl,
      });
      print(Boolean(options.json), result, () => [
        ...Object.entries(result.tables).map(
          ([table, count]) =>
            `${table}\t${count.restored} of ${count.expected}${count.restored === count.expected ? "" : "\tDIFFERS"}`,
        ),
        result.ok
          ? `Snapshot ${result.snapshot} restored: every count matches the manifest.`
          : `Snapshot ${result.snapshot} NOT restored: a count differs from the manifest (rolled back).`,
      ]);
      if (!result.ok) process.exitCode = 1;
    });
  return command;
}
