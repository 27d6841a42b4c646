// S3 snapshots against a real S3-compatible server (s3rver) and a real
// database: the Parquet files read back with DuckDB equal the database table
// by table; a server that fails mid-upload leaves no visible snapshot and the
// sweep removes its parts; restore round-trips and refuses a count mismatch;
// retention keeps what the policy says; redaction reaches every retained
// snapshot, and shop/redact empties the shop's prefix.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { inTransaction } from "~/.server/database/pool";
import {
  applyRetention,
  Bucket,
  listSnapshots,
  ParquetFiles,
  processSnapshotRedactions,
  restoreSnapshot,
  RestoreError,
  shopsDueForSnapshot,
  SNAPSHOT_TABLES,
  snapshotColumns,
  SnapshotBusyError,
  snapshotsToDelete,
  takeSnapshot,
  type Manifest,
} from "~/.server/s3-snapshots";
import { eraseShop, redactCustomer } from "~/.server/store";
import { runBackfill } from "~/.server/sync/backfill";
import { createEmptyDatabase } from "./support/database";
import { startS3Server, type S3TestServer } from "./support/s3-server";
import { closeSimulatedShop, openSimulatedShop, type SimulatedShopFixture } from "./support/simulated-shop";
import { simulatorGraphql } from "./support/simulator";

const SHOP = "snapshots.myshopify.com";
const OTHER = "snapshots-other.myshopify.com";

describe("S3 snapshots", () => {
  let fixture: SimulatedShopFixture;
  let s3: S3TestServer;
  let bucket: Bucket;
  let workDir: string;
  let duck: ParquetFiles;

  beforeAll(async () => {
    fixture = await openSimulatedShop({
      domain: SHOP,
      currency: "EUR",
      counts: { locations: 2, products: 8, customers: 20, orders: 45 },
    });
    const graphql = simulatorGraphql(SHOP, () => ({ url: fixture.sim.url, accessToken: fixture.token }));
    await runBackfill(fixture.pool, createAdminRequest(graphql, new CostLimiter()), fixture.shopId, { pollMs: 20 });
    // Carts arrive by webhook only: three, two of which name the first customer in their copy.
    const { rows } = await fixture.pool.query<{ shopify_id: string; email: string }>(
      `SELECT shopify_id::text, email FROM customers WHERE shop_id = $1 AND email IS NOT NULL ORDER BY id LIMIT 1`,
      [fixture.shopId],
    );
    await fixture.pool.query(
      `INSERT INTO carts (shop_id, token, total_price, line_items, raw, created_at, updated_at) VALUES
         ($1, 'cart-one', 12.5, '[{"title":"Kite"}]', $2::jsonb, now(), now()),
         ($1, 'cart-two', 3, '[]', '{"token":"cart-two","note":"gift wrap"}', now(), now()),
         ($1, 'cart-three', 3, '[]', $3::jsonb, now(), now())`,
      [
        fixture.shopId,
        `{"token":"cart-one","customer":{"id":${rows[0]!.shopify_id},"email":${JSON.stringify(rows[0]!.email)}}}`,
        // Named only in a note: found by the email in its copy.
        JSON.stringify({ token: "cart-three", note: `Call ${rows[0]!.email.toUpperCase()} first` }),
      ],
    );
    // An order whose copy is longer than the Parquet writer's usual line (3 MB): its part is written all the same.
    await fixture.pool.query(
      `UPDATE orders SET raw = jsonb_set(raw, '{note}', to_jsonb(repeat('gift wrap, ', 300000)))
       WHERE id = (SELECT max(id) FROM orders WHERE shop_id = $1)`,
      [fixture.shopId],
    );
    // Another shop's rows must never reach this shop's snapshot.
    const other = await fixture.db.prisma.shop.create({ data: { domain: OTHER, installedAt: new Date() } });
    await fixture.pool.query(
      `INSERT INTO orders (shop_id, shopify_id, name, email) VALUES ($1, 1, '#OTHER', 'other@example.com')`,
      [other.id.toString()],
    );
    s3 = await startS3Server();
    bucket = new Bucket(s3.settings);
    workDir = await mkdtemp(join(tmpdir(), "snapshot-test-"));
    duck = await ParquetFiles.open("512MB");
  });

  afterAll(async () => {
    duck?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await s3?.close();
    if (fixture) await closeSimulatedShop(fixture);
  });

  /** Downloads a table's files of a snapshot; returns their local paths, each checked against the manifest. */
  async function downloadTable(manifest: Manifest, table: string): Promise<string[]> {
    const paths: string[] = [];
    for (const file of manifest.tables[table]!.files) {
      const path = join(workDir, file.key);
      await (await import("node:fs/promises")).mkdir(join(path, ".."), { recursive: true });
      await bucket.download(file.key, path);
      const bytes = await readFile(path);
      expect([file.key, bytes.length, createHash("sha256").update(bytes).digest("hex")]).toEqual([
        file.key,
        file.bytes,
        file.sha256,
      ]);
      paths.push(path);
    }
    return paths;
  }

  const list = (paths: string[]) => `[${paths.map((path) => `'${path}'`).join(", ")}]`;

  /** A table's rows as comparable text, from PostgreSQL and from the Parquet files. */
  async function sameRows(table: string, paths: string[], databaseUrl?: string) {
    const columns = await snapshotColumns(fixture.pool, table, table === "shop" ? undefined : undefined);
    const inFiles = new Set(
      (await duck.rows(`DESCRIBE SELECT * FROM read_parquet(${list(paths)})`)).map((row) => row.column_name as string),
    );
    const compared = columns.filter((column) => inFiles.has(column.name) || table !== "shop");
    const pgText = compared.map(({ name, duckType }) =>
      duckType === "TIMESTAMPTZ"
        ? `(extract(epoch FROM "${name}") * 1000000)::bigint::text AS "${name}"`
        : duckType.endsWith("[]")
          ? `to_json("${name}")::text AS "${name}"`
          : `"${name}"::text AS "${name}"`,
    );
    const duckText = compared.map(({ name, duckType }) =>
      duckType === "TIMESTAMPTZ"
        ? `epoch_us("${name}")::VARCHAR AS "${name}"`
        : duckType.endsWith("[]")
          ? `to_json("${name}")::VARCHAR AS "${name}"`
          : duckType === "BOOLEAN"
            ? `CASE WHEN "${name}" THEN 'true' WHEN NOT "${name}" THEN 'false' END AS "${name}"`
            : `"${name}"::VARCHAR AS "${name}"`,
    );
    const owner = table === "shop" ? `id = ${fixture.shopId}` : `shop_id = ${fixture.shopId}`;
    const client = new pg.Client({ connectionString: databaseUrl ?? fixture.db.url });
    await client.connect();
    const fromPg = await client
      .query(`SELECT ${pgText.join(", ")} FROM ${table === "shop" ? "shops" : table} WHERE ${owner} ORDER BY id`)
      .finally(() => client.end());
    const fromParquet = await duck.rows(`SELECT ${duckText.join(", ")} FROM read_parquet(${list(paths)}) ORDER BY id`);
    const normalize = (rows: Record<string, unknown>[]) =>
      rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            value === "t"
              ? "true"
              : value === "f"
                ? "false"
                : typeof value === "string" && value.startsWith("[")
                  ? JSON.parse(value)
                  : value,
          ]),
        ),
      );
    return { fromPg: normalize(fromPg.rows), fromParquet: normalize(fromParquet) };
  }

  it("writes every table as typed Parquet under Hive-style keys that DuckDB reads back equal to the database", async () => {
    const taken = await takeSnapshot(fixture.pool, bucket, SHOP, "cli");
    const manifest = taken.manifest;
    expect(taken.manifestUrl).toBe(
      `s3://${s3.settings.bucket}/storehouse/shop=${SHOP}/snapshot=${taken.id}/manifest.json`,
    );
    expect(Object.keys(manifest.tables)).toEqual(["shop", ...SNAPSHOT_TABLES]);
    expect(manifest.schema_version).toMatch(/^\d{14}_/);
    expect(Number(manifest.position.write_xid_below)).toBeGreaterThan(0);

    for (const table of ["shop", ...SNAPSHOT_TABLES]) {
      const paths = await downloadTable(manifest, table);
      const { fromPg, fromParquet } = await sameRows(table, paths);
      expect([table, fromParquet.length]).toEqual([table, manifest.tables[table]!.rows]);
      expect([table, fromParquet]).toEqual([table, fromPg]);
    }
    expect(manifest.tables.orders!.rows).toBe(45);
    expect(manifest.tables.carts!.rows).toBe(3);
    expect(manifest.tables.refunds!.rows).toBeGreaterThan(0);

    // Typed for query engines: INT64 ids, DECIMAL money, UTC timestamps, JSON as strings, tags as a list.
    const orders = await downloadTable(manifest, "orders");
    const types = Object.fromEntries(
      (await duck.rows(`DESCRIBE SELECT * FROM read_parquet(${list(orders)})`)).map((row) => [
        row.column_name,
        row.column_type,
      ]),
    );
    expect(types).toMatchObject({
      shopify_id: "BIGINT",
      total_price: "DECIMAL(20,4)",
      processed_at: "TIMESTAMP WITH TIME ZONE",
      raw: "VARCHAR",
      tags: "VARCHAR[]",
    });
    expect(types).not.toHaveProperty("write_xid");
    const physical = Object.fromEntries(
      (await duck.rows(`SELECT name, type, logical_type FROM parquet_schema('${orders[0]}')`)).map((row) => [
        row.name,
        row,
      ]),
    );
    expect(physical.shopify_id).toMatchObject({ type: "INT64" });
    expect(String(physical.processed_at!.logical_type)).toContain("isAdjustedToUTC=1");

    // Hive-style paths: the shop and snapshot are columns to whoever globs the prefix.
    const hive = await duck.rows(
      `SELECT DISTINCT shop, snapshot FROM read_parquet('${workDir}/storehouse/shop=*/snapshot=*/orders/*.parquet', hive_partitioning = true)`,
    );
    expect(hive).toEqual([{ shop: SHOP, snapshot: taken.id }]);

    // latest.json names it; summary.json has 90 days of sales and no personal data.
    expect(await bucket.getJson(`storehouse/shop=${SHOP}/latest.json`)).toMatchObject({
      id: taken.id,
      manifest: taken.manifestKey,
    });
    const summary = await bucket.getJson<{ daily_sales: unknown[]; counts: { orders: number } }>(manifest.summary.key);
    expect(summary!.daily_sales).toHaveLength(90);
    expect(summary!.counts.orders).toBe(45);
    expect(JSON.stringify(summary)).not.toMatch(/@/);

    const { rows } = await fixture.pool.query(`SELECT status, rows::int, trigger FROM s3_snapshots WHERE id = $1`, [
      taken.id,
    ]);
    expect(rows[0]).toMatchObject({ status: "completed", trigger: "cli" });
  });

  it("splits a table into parts of SNAPSHOT_PART_ROWS rows, in id order, every row exactly once", async () => {
    // 7 rows a part: ids cross from one to two and three digits, so the parts' bounds must sort as numbers.
    const taken = await takeSnapshot(fixture.pool, new Bucket({ ...s3.settings, partRows: 7 }), SHOP, "cli");
    for (const table of ["orders", "order_line_items", "customers"]) {
      const files = taken.manifest.tables[table]!.files;
      expect(files.map((file) => file.key.split("/").pop())).toEqual(
        files.map((_, index) => `part-${String(index).padStart(5, "0")}.parquet`),
      );
      expect(files.every((file, index) => file.rows === 7 || index === files.length - 1)).toBe(true);
      const paths = await downloadTable(taken.manifest, table);
      const { fromPg, fromParquet } = await sameRows(table, paths);
      expect([table, fromParquet]).toEqual([table, fromPg]);
      // Each part holds the ids after the previous part's.
      const ranges = await duck.rows(
        `SELECT filename, min(id)::BIGINT AS low, max(id)::BIGINT AS high FROM read_parquet(${list(paths)}, filename = true) GROUP BY 1 ORDER BY 1`,
      );
      for (let index = 1; index < ranges.length; index += 1)
        expect(BigInt(ranges[index]!.low as string)).toBeGreaterThan(BigInt(ranges[index - 1]!.high as string));
    }
  });

  it("schedules one snapshot a day per installed shop, from the configured hour of the shop's own day", async () => {
    await fixture.pool.query(`UPDATE shops SET timezone = 'Pacific/Auckland' WHERE id = $1`, [fixture.shopId]);
    try {
      // 2026-12-01 10:30 UTC is 23:30 in Auckland (UTC+13): due from hour 0 and 23, not before its 23:00.
      const late = new Date("2026-12-01T10:30:00Z");
      expect(await shopsDueForSnapshot(fixture.pool, 0, late)).toContain(SHOP);
      expect(await shopsDueForSnapshot(fixture.pool, 23, new Date("2026-12-01T09:30:00Z"))).not.toContain(SHOP);
      // Taken (or tried) on schedule that local day: not again until the next one.
      await fixture.pool.query(
        `INSERT INTO s3_snapshots (id, shop_id, status, trigger, started_at) VALUES ('schedule-probe', $1, 'failed', 'schedule', $2)`,
        [fixture.shopId, new Date("2026-12-01T00:05:00Z")],
      );
      expect(await shopsDueForSnapshot(fixture.pool, 0, late)).not.toContain(SHOP);
      expect(await shopsDueForSnapshot(fixture.pool, 0, new Date("2026-12-01T11:30:00Z"))).toContain(SHOP);
      // An uninstalled shop is not snapshotted on schedule.
      await fixture.pool.query(`UPDATE shops SET uninstalled_at = now() WHERE id = $1`, [fixture.shopId]);
      expect(await shopsDueForSnapshot(fixture.pool, 0, new Date("2026-12-01T11:30:00Z"))).not.toContain(SHOP);
    } finally {
      await fixture.pool.query(`DELETE FROM s3_snapshots WHERE id = 'schedule-probe'`);
      await fixture.pool.query(`UPDATE shops SET timezone = NULL, uninstalled_at = NULL WHERE id = $1`, [
        fixture.shopId,
      ]);
    }
  });

  it("takes one snapshot of a shop at a time", async () => {
    const results = await Promise.allSettled([
      takeSnapshot(fixture.pool, bucket, SHOP, "admin"),
      takeSnapshot(fixture.pool, bucket, SHOP, "admin"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SnapshotBusyError);
  });

  it("copies every table as of one moment: an order written while the snapshot runs is in no table of it", async () => {
    const proxy = await s3.failingProxy();
    try {
      // The first upload (the shop's row) waits: by then the snapshot's transaction has its view of the data.
      const gate = proxy.holdUploads();
      const taking = takeSnapshot(fixture.pool, new Bucket(proxy.settings), SHOP, "cli");
      await vi.waitFor(() => expect(gate.held()).toBeGreaterThan(0), { timeout: 10_000 });
      await inTransaction(fixture.pool, async (client) => {
        const order = await client.query<{ id: string }>(
          `INSERT INTO orders (shop_id, shopify_id, name, total_price) VALUES ($1, 990000000001, '#LATE', 10) RETURNING id`,
          [fixture.shopId],
        );
        await client.query(
          `INSERT INTO order_line_items (shop_id, shopify_id, order_id, order_shopify_id, title, quantity, price)
           VALUES ($1, 990000000002, $2, 990000000001, 'Late kite', 1, 10)`,
          [fixture.shopId, order.rows[0]!.id],
        );
      });
      gate.release();
      const { manifest } = await taking;
      const counted = async (table: string) =>
        (
          await duck.rows(
            `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE shopify_id IN (990000000001, 990000000002))::INTEGER AS late FROM read_parquet(${list(await downloadTable(manifest, table))})`,
          )
        )[0];
      const { rows } = await fixture.pool.query<{ orders: number; lines: number }>(
        `SELECT (SELECT count(*)::int FROM orders WHERE shop_id = $1) AS orders,
           (SELECT count(*)::int FROM order_line_items WHERE shop_id = $1) AS lines`,
        [fixture.shopId],
      );
      expect(await counted("orders")).toEqual({ n: rows[0]!.orders - 1, late: 0 });
      expect(await counted("order_line_items")).toEqual({ n: rows[0]!.lines - 1, late: 0 });
    } finally {
      await proxy.close();
      await fixture.pool.query(`DELETE FROM order_line_items WHERE shop_id = $1 AND shopify_id = 990000000002`, [
        fixture.shopId,
      ]);
      await fixture.pool.query(`DELETE FROM orders WHERE shop_id = $1 AND shopify_id = 990000000001`, [fixture.shopId]);
    }
  });

  it("leaves no visible snapshot when the server fails mid-upload, and the sweep removes its parts", async () => {
    const before = await bucket.getJson<{ id: string }>(`storehouse/shop=${SHOP}/latest.json`);
    const proxy = await s3.failingProxy();
    try {
      const failing = new Bucket({ ...proxy.settings, partRows: 10 });
      proxy.failUploadsAfter(6);
      await expect(takeSnapshot(fixture.pool, failing, SHOP, "schedule")).rejects.toThrow();
    } finally {
      await proxy.close();
    }
    const { rows } = await fixture.pool.query<{ id: string; status: string }>(
      `SELECT id, status FROM s3_snapshots WHERE shop_id = $1 AND trigger = 'schedule'`,
      [fixture.shopId],
    );
    expect(rows).toEqual([{ id: expect.any(String), status: "failed" }]);
    const failedId = rows[0]!.id;
    expect((await listSnapshots(bucket, SHOP)).map((manifest) => manifest.id)).not.toContain(failedId);
    expect(await bucket.getJson<{ id: string }>(`storehouse/shop=${SHOP}/latest.json`)).toEqual(before);
    // Its uploaded parts could not be deleted through the failing server: the sweep does it.
    expect((await bucket.listKeys(bucket.snapshotPrefix(SHOP, failedId))).length).toBeGreaterThan(0);
    const swept = await applyRetention(
      fixture.pool,
      bucket,
      { id: fixture.shopId, domain: SHOP },
      { keepDaily: 30, keepMonthly: 12 },
    );
    expect(swept?.swept).toContain(failedId);
    expect(await bucket.listKeys(bucket.snapshotPrefix(SHOP, failedId))).toEqual([]);
  });

  it("restores a snapshot into an empty database with every count and row equal, and refuses a mismatch", async () => {
    const [latest] = await listSnapshots(bucket, SHOP);
    const target = await createEmptyDatabase();
    try {
      const result = await restoreSnapshot(bucket, { domain: SHOP, snapshotId: latest!.id, databaseUrl: target.url });
      expect(result.ok).toBe(true);
      for (const table of ["shop", ...SNAPSHOT_TABLES]) {
        expect([table, result.tables[table]]).toEqual([
          table,
          { expected: latest!.tables[table]!.rows, restored: latest!.tables[table]!.rows },
        ]);
        const { fromPg, fromParquet } = await sameRows(table, await downloadTable(latest!, table), target.url);
        expect([table, fromPg]).toEqual([table, fromParquet]);
      }
      // Into a database that is no longer empty: refused.
      await expect(
        restoreSnapshot(bucket, { domain: SHOP, snapshotId: latest!.id, databaseUrl: target.url }),
      ).rejects.toBeInstanceOf(RestoreError);
    } finally {
      await target.drop();
    }

    // A manifest whose count does not match its files: the restore says so and leaves nothing behind.
    const tampered = structuredClone(latest!);
    tampered.id = `${latest!.id.slice(0, -4)}ffff`;
    tampered.tables.orders!.rows += 1;
    const tamperedPrefix = bucket.snapshotPrefix(SHOP, tampered.id);
    await bucket.putJson(`${tamperedPrefix}manifest.json`, tampered);
    const second = await createEmptyDatabase();
    try {
      const result = await restoreSnapshot(bucket, { domain: SHOP, snapshotId: tampered.id, databaseUrl: second.url });
      expect(result.ok).toBe(false);
      expect(result.tables.orders).toEqual({ expected: 46, restored: 45 });
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM orders`).finally(() => client.end());
      expect(rows[0].n).toBe(0);
    } finally {
      await second.drop();
      await bucket.deletePrefix(tamperedPrefix);
    }
  });

  it("keeps the newest snapshot of each of the last N days and M months, and deletes the rest", async () => {
    const at = (iso: string, suffix = "0000") => ({
      id: `${iso.replace(/[-:]/g, "").slice(0, 15)}Z-${suffix}`,
      created_at: iso,
    });
    const snapshots = [
      at("2026-11-30T10:00:00Z"),
      at("2026-11-30T01:00:00Z"),
      at("2026-11-29T01:00:00Z"),
      at("2026-11-28T01:00:00Z"),
      at("2026-10-31T01:00:00Z"),
      at("2026-10-15T01:00:00Z"),
      at("2026-09-30T01:00:00Z"),
    ];
    expect(snapshotsToDelete(snapshots, { keepDaily: 2, keepMonthly: 2 }).sort()).toEqual(
      [snapshots[1]!, snapshots[3]!, snapshots[5]!, snapshots[6]!].map((snapshot) => snapshot.id).sort(),
    );

    await takeSnapshot(fixture.pool, bucket, SHOP, "cli");
    const kept = (await listSnapshots(bucket, SHOP)).map((manifest) => manifest.id);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const result = await applyRetention(
      fixture.pool,
      bucket,
      { id: fixture.shopId, domain: SHOP },
      { keepDaily: 1, keepMonthly: 0 },
    );
    expect(result?.deleted.sort()).toEqual(kept.slice(1).sort());
    expect((await listSnapshots(bucket, SHOP)).map((manifest) => manifest.id)).toEqual([kept[0]]);
    for (const id of kept.slice(1)) expect(await bucket.listKeys(bucket.snapshotPrefix(SHOP, id))).toEqual([]);
    const { rows } = await fixture.pool.query(`SELECT id FROM s3_snapshots WHERE status = 'deleted'`);
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(kept.slice(1)));
  });

  it("customers/redact reaches every retained snapshot; shop/redact deletes the shop's prefix", async () => {
    await takeSnapshot(fixture.pool, bucket, SHOP, "cli");
    const retained = await listSnapshots(bucket, SHOP);
    expect(retained.length).toBe(2);
    const { rows: customers } = await fixture.pool.query<{
      shopify_id: string;
      email: string;
      first_name: string;
      last_name: string;
    }>(
      `SELECT c.shopify_id::text, c.email, c.first_name, c.last_name FROM customers c
       WHERE c.shop_id = $1 AND c.email IS NOT NULL ORDER BY c.id LIMIT 2`,
      [fixture.shopId],
    );
    const [customer, bystander] = customers as [(typeof customers)[0], (typeof customers)[0]];
    const { rows: orders } = await fixture.pool.query<{ shopify_id: string }>(
      `SELECT shopify_id::text FROM orders WHERE shop_id = $1 AND customer_shopify_id = $2`,
      [fixture.shopId, customer.shopify_id],
    );
    expect(orders.length).toBeGreaterThan(0);

    /** The snapshot's rows of the tables holding personal data, as one text. */
    const contents = async (manifest: Manifest) => {
      const texts: string[] = [];
      for (const table of ["customers", "orders", "order_line_items", "refunds", "carts"]) {
        const paths = await downloadTable(manifest, table);
        texts.push(JSON.stringify(await duck.rows(`SELECT * FROM read_parquet(${list(paths)})`)));
      }
      return texts.join("\n").toLowerCase();
    };
    for (const manifest of retained) expect(await contents(manifest)).toContain(customer.email.toLowerCase());

    await inTransaction(fixture.pool, (client) =>
      redactCustomer(
        client,
        fixture.shopId,
        {
          shop_domain: SHOP,
          customer: { id: customer.shopify_id, email: customer.email },
          orders_to_redact: orders.map((order) => order.shopify_id),
        },
        "0",
      ),
    );
    const round = await processSnapshotRedactions(fixture.pool, bucket);
    const { rows: errors } = await fixture.pool.query(
      `SELECT last_error FROM snapshot_redactions WHERE last_error IS NOT NULL`,
    );
    expect([round, errors]).toEqual([{ completed: 1, busy: 0, failed: 0 }, []]);

    for (const manifest of await listSnapshots(bucket, SHOP)) {
      const text = await contents(manifest);
      for (const pii of [customer.email, customer.first_name, customer.last_name].filter(Boolean))
        expect([manifest.id, text.includes(pii.toLowerCase())]).toEqual([manifest.id, false]);
      // Only that customer's rows changed: another's data stays, and so do the order rows themselves.
      expect(text).toContain(bystander.email.toLowerCase());
      for (const order of orders) expect(text).toContain(order.shopify_id);
      expect(manifest.redactions).toHaveLength(1);
    }
    const { rows: requests } = await fixture.pool.query(
      `SELECT email_sha256, phone_sha256, snapshots_rewritten, snapshots_checked, completed_at IS NOT NULL AS done FROM snapshot_redactions`,
    );
    expect(requests).toEqual([
      {
        email_sha256: null,
        phone_sha256: null,
        snapshots_rewritten: retained.map((manifest) => manifest.id),
        snapshots_checked: 2,
        done: true,
      },
    ]);
    // A restore of a rewritten snapshot still checks out (files and manifest agree).
    const target = await createEmptyDatabase();
    try {
      const result = await restoreSnapshot(bucket, {
        domain: SHOP,
        snapshotId: retained[0]!.id,
        databaseUrl: target.url,
      });
      expect(result.ok).toBe(true);
    } finally {
      await target.drop();
    }

    await inTransaction(fixture.pool, (client) => eraseShop(client, fixture.shopId, "0"));
    expect(await processSnapshotRedactions(fixture.pool, bucket)).toEqual({ completed: 1, busy: 0, failed: 0 });
    expect(await bucket.listKeys(bucket.shopPrefix(SHOP))).toEqual([]);
  });
});
