// npm run bench:snapshots [-- --orders 1000000 --products 50000 --customers 200000 --raw-bytes 1500]
// Seeds one shop of that size (each order with a raw payload of about
// --raw-bytes), starts a real S3-compatible server (s3rver, on a temporary
// directory), then:
//   1. the baseline: a plain COPY of the same rows of every snapshot table
//      to a local file (what psql's \copy does);
//   2. the snapshot, in a child process of its own so its peak RSS
//      (VmHWM: Node, DuckDB and the upload buffers together) is the
//      snapshot's alone: COPY, Parquet, multipart uploads, manifest.
// Prints rows/s, the time against the baseline (target: within 3x) and the
// peak RSS (target: under 300 MB). Figures only; nothing here passes or fails.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { refreshSalesRollups } from "~/.server/insights/sales-rollups";
import { Bucket, SNAPSHOT_TABLES, snapshotColumns, snapshotSettings, takeSnapshot } from "~/.server/s3-snapshots";
import { startS3Server } from "../tests/support/s3-server";
import { seedBenchShop } from "./bench-seed";
import { answerHelp } from "./usage";

answerHelp(
  "npm run bench:snapshots [-- --orders 1000000 --products 50000 --customers 200000 --raw-bytes 1500]\nSeeds one shop of that size, then times a plain COPY of its snapshot tables to a local file and an S3 snapshot\n(to a local s3rver) in a child process, and prints rows/s, the ratio to the COPY and the snapshot's peak RSS\n(targets: within 3x, under 300 MB). Figures only; nothing here passes or fails.",
);

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    products: { type: "string", default: "50000" },
    customers: { type: "string", default: "200000" },
    "raw-bytes": { type: "string", default: "1500" },
    // The child's mode: take one snapshot of this database's shop with these settings and report.
    take: { type: "string" },
  },
});

if (values.take) {
  const { databaseUrl, domain, env } = JSON.parse(values.take) as {
    databaseUrl: string;
    domain: string;
    env: Record<string, string>;
  };
  Object.assign(process.env, env);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const rssKb = async (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(await readFile("/proc/self/status", "utf8"))?.[1] ?? 0);
  // What the process holds before the snapshot starts: Node, tsx and the modules loaded.
  const baselineMb = (await rssKb("VmRSS")) / 1024;
  const started = performance.now();
  const taken = await takeSnapshot(pool, new Bucket(snapshotSettings(env)!), domain, "cli");
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  const peakMb = (await rssKb("VmHWM")) / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, baselineMb, peakMb, manifest: taken.manifest })}\n`);
  process.exit(0);
}

const ORDERS = Number(values.orders);
const { server, databaseUrl, pool, shopId, shop } = await seedBenchShop({
  orders: ORDERS,
  products: Number(values.products),
  customers: Number(values.customers),
  name: "bench-snapshots",
  orderRawBytes: Number(values["raw-bytes"]),
});
// A live shop's sales rollups are current; the snapshot's summary.json reads them.
const rollups = performance.now();
await refreshSalesRollups(pool, shopId);
console.log(`Sales rollups built in ${((performance.now() - rollups) / 1000).toFixed(1)} s (a live shop has them)`);

// 1. The baseline: the same rows and columns, COPY'd to a local CSV file.
const scratch = await mkdtemp(join(tmpdir(), "bench-snapshots-"));
const client = await pool.connect();
let baselineSeconds = 0;
let baselineBytes = 0;
let rows = 0;
for (const table of SNAPSHOT_TABLES) {
  const columns = await snapshotColumns(client, table);
  const path = join(scratch, `${table}.csv`);
  const started = performance.now();
  const stream = client.query(
    copyTo(
      `COPY (SELECT ${columns.map((column) => column.select).join(", ")} FROM ${table} WHERE shop_id = ${shopId} ORDER BY id) TO STDOUT (FORMAT csv)`,
    ),
  );
  await pipeline(stream, createWriteStream(path));
  baselineSeconds += (performance.now() - started) / 1000;
  baselineBytes += (await stat(path)).size;
  rows += stream.rowCount;
  await rm(path);
}
client.release();
await rm(scratch, { recursive: true, force: true });

// 2. The snapshot, in a process of its own.
const s3 = await startS3Server();
// Run as `npm run worker` runs the worker (its Node flags and malloc setting), since the worker takes snapshots.
const child = spawn(
  process.execPath,
  [
    "--max-semi-space-size=8",
    "--import",
    "tsx",
    "scripts/bench-snapshots.ts",
    "--take",
    JSON.stringify({ databaseUrl, domain: shop, env: s3.env }),
  ],
  { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, MALLOC_ARENA_MAX: "2" } },
);
let output = "";
child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
if (code !== 0) throw new Error(`the snapshot process exited with ${code}`);
const result = JSON.parse(output.trim().split("\n").pop()!) as {
  seconds: number;
  baselineMb: number;
  peakMb: number;
  manifest: { id: string; tables: Record<string, { rows: number; files: { bytes: number }[] }> };
};
const snapshotRows = Object.values(result.manifest.tables).reduce((sum, table) => sum + table.rows, 0);
const parquetBytes = Object.values(result.manifest.tables).reduce(
  (sum, table) => sum + table.files.reduce((total, file) => total + file.bytes, 0),
  0,
);
const files = Object.values(result.manifest.tables).reduce((sum, table) => sum + table.files.length, 0);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

console.log(`
| | figure |
| --- | --- |
| rows (all snapshot tables) | ${rows.toLocaleString("en")} (snapshot: ${snapshotRows.toLocaleString("en")} incl. the shop row) |
| plain COPY to a local CSV file | ${baselineSeconds.toFixed(1)} s, ${mb(baselineBytes)} MB |
| snapshot to S3 (s3rver, local) | ${result.seconds.toFixed(1)} s, ${files} Parquet files, ${mb(parquetBytes)} MB |
| rows/s | ${Math.round(snapshotRows / result.seconds).toLocaleString("en")} |
| snapshot / COPY | ${(result.seconds / baselineSeconds).toFixed(2)}x (target: within 3x) |
| peak RSS of the snapshot process | ${result.peakMb.toFixed(0)} MB (target: under 300 MB); ${result.baselineMb.toFixed(0)} MB of it before the snapshot started (Node, tsx, modules) |
`);
await s3.close();
await pool.end();
await server.stop();
