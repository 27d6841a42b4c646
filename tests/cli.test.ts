// The storehouse CLI as a user runs it (`npx storehouse`, bin/storehouse.mjs):
// exit codes 0/1/2, one JSON document with --json, --help without a database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyApiKey } from "~/.server/api-keys";
import { Bucket } from "~/.server/s3-snapshots";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "./support/database";
import { startS3Server } from "./support/s3-server";
import { runStorehouse, type CliRun } from "./support/storehouse-cli";

const SHOP = "cli.myshopify.com";

function storehouse(args: string[], databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return runStorehouse(args, {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "cli-test-key",
    SHOPIFY_API_SECRET: "cli-test-secret",
    SCOPES: "read_orders",
    ...extraEnv,
  });
}

describe("storehouse CLI", () => {
  let db: TestDatabase;
  let shopId: bigint;

  beforeAll(async () => {
    db = await createTestDatabase();
    shopId = (await db.prisma.shop.create({ data: { domain: SHOP, installedAt: new Date() } })).id;
  });
  afterAll(() => db.drop());

  it("answers --help without a database", async () => {
    const result = await storehouse(["api-keys", "create", "--help"], "postgresql://nobody@127.0.0.1:1/none");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--shop <domain>");
  });

  it("has --help on every command, and --json on every command that prints a result", async () => {
    const nowhere = "postgresql://nobody@127.0.0.1:1/none";
    // Walk the tree from the top help's "Commands:" sections, as a user discovering the CLI would.
    const subcommands = (help: string) =>
      (help.split("Commands:\n")[1] ?? "")
        .split("\n")
        .map((line) => /^ {2}([a-z][a-z-]*)/.exec(line)?.[1])
        .filter((name): name is string => Boolean(name) && name !== "help");
    const leaves: string[][] = [];
    const pending: string[][] = [[]];
    while (pending.length) {
      const path = pending.shift()!;
      const result = await storehouse([...path, "--help"], nowhere);
      expect(result.code, path.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Usage: storehouse ${path.join(" ")}`.trimEnd());
      const children = subcommands(result.stdout);
      if (children.length === 0) leaves.push(path);
      for (const child of children) pending.push([...path, child]);
      if (children.length === 0 && !/revoke|remove|resume|test|replay|update|rotate/.test(path.at(-1)!)) {
        expect(result.stdout, path.join(" ")).toContain("--json");
      }
    }
    expect(leaves.map((path) => path.join(" "))).toEqual(
      expect.arrayContaining([
        "shops connect",
        "shops disconnect",
        "doctor",
        "backfill",
        "reconcile",
        "events replay",
        "db migrate",
        "api-keys create",
        "snapshots restore",
        "alerts rules add",
      ]),
    );
  }, 120_000);

  it("creates a key printed once as one JSON document, lists it without its secret, and revokes it", async () => {
    const created = await storehouse(["api-keys", "create", "--shop", SHOP, "--name", "BI", "--json"], db.url);
    expect(created.code).toBe(0);
    const issued = JSON.parse(created.stdout) as { id: string; key: string };
    expect(Object.keys(issued).sort()).toEqual(["id", "key"]);
    expect(await verifyApiKey(db.prisma, issued.key)).toEqual({ keyId: BigInt(issued.id), shopId });

    const listed = await storehouse(["api-keys", "list", "--shop", SHOP, "--json"], db.url);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(issued.key.slice(13));
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: issued.id, name: "BI", prefix: issued.key.slice(0, 12), revoked_at: null }),
    ]);

    expect((await storehouse(["api-keys", "revoke", issued.id], db.url)).code).toBe(0);
    expect(await verifyApiKey(db.prisma, issued.key)).toBeNull();
    const again = await storehouse(["api-keys", "revoke", issued.id], db.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`storehouse: no live API key ${issued.id}`);
  });

  it("fails with 1 for a shop it does not know and 2 for bad usage", async () => {
    const unknown = await storehouse(["api-keys", "create", "--shop", "nope.myshopify.com", "--name", "x"], db.url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no shop nope.myshopify.com is stored");
    expect((await storehouse(["api-keys", "create", "--shop", SHOP], db.url)).code).toBe(2);
    expect((await storehouse(["api-keys", "frobnicate"], db.url)).code).toBe(2);
  });

  it("adds alert rules as CONTRACTS.md says, refuses private targets, lists, previews and removes them", async () => {
    const email = await storehouse(
      [
        "alerts",
        "rules",
        "add",
        "--shop",
        SHOP,
        "--kind",
        "low-stock",
        "--threshold",
        "5",
        "--to",
        "mailto:ops@cli.test",
        "--json",
      ],
      db.url,
    );
    expect(email.code, email.stderr).toBe(0);
    const added = JSON.parse(email.stdout) as { id: string; destination: { id: string; secret?: string } };
    expect(added).toEqual({ id: expect.stringMatching(/^\d+$/), destination: { id: expect.stringMatching(/^\d+$/) } });

    const hook = await storehouse(
      [
        "alerts",
        "rules",
        "add",
        "--shop",
        SHOP,
        "--kind",
        "big-order",
        "--threshold",
        "500",
        "--to",
        "webhook:https://93.184.216.34/hooks",
        "--json",
      ],
      db.url,
    );
    expect(hook.code, hook.stderr).toBe(0);
    expect(JSON.parse(hook.stdout).destination.secret).toMatch(/^whsec_/);

    const refused = await storehouse(
      ["alerts", "rules", "add", "--shop", SHOP, "--kind", "refund", "--to", "webhook:https://127.0.0.1/hooks"],
      db.url,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("private or reserved address");
    const noThreshold = await storehouse(
      ["alerts", "rules", "add", "--shop", SHOP, "--kind", "low-stock", "--to", "mailto:ops@cli.test"],
      db.url,
    );
    expect(noThreshold.code).toBe(1);
    expect(noThreshold.stderr).toContain("a low-stock rule needs a threshold");
    expect((await storehouse(["alerts", "rules", "add", "--shop", SHOP, "--kind", "refund"], db.url)).code).toBe(2);

    const listed = await storehouse(["alerts", "rules", "list", "--shop", SHOP, "--json"], db.url);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: added.id, kind: "low-stock", threshold: 5, enabled: true }),
      expect.objectContaining({
        kind: "big-order",
        destination: expect.objectContaining({ target: "https://93.184.216.34/…" }),
      }),
    ]);
    const preview = await storehouse(
      ["alerts", "rules", "preview", "--shop", SHOP, "--kind", "new-customer", "--json"],
      db.url,
    );
    expect(JSON.parse(preview.stdout)).toEqual({ days: 30, count: 0, items: [] });

    const updated = await storehouse(
      ["alerts", "rules", "update", "--shop", SHOP, added.id, "--threshold", "7"],
      db.url,
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect(
      (await db.prisma.alertRule.findUniqueOrThrow({ where: { id: BigInt(added.id) } })).threshold?.toString(),
    ).toBe("7");
    expect((await storehouse(["alerts", "rules", "remove", "--shop", SHOP, added.id], db.url)).code).toBe(0);
    expect((await storehouse(["alerts", "rules", "remove", "--shop", SHOP, added.id], db.url)).code).toBe(1);
    expect(await db.prisma.alertRule.count()).toBe(1);
  }, 90_000);

  it("snapshots create, list and restore a shop's S3 snapshot; restore exits 1 when a count differs", async () => {
    expect((await storehouse(["snapshots", "restore", "--help"], "postgresql://nobody@127.0.0.1:1/none")).code).toBe(0);
    const off = await storehouse(["snapshots", "list", "--shop", SHOP], db.url);
    expect(off.code).toBe(1);
    expect(off.stderr).toContain("snapshots are off: set SNAPSHOT_S3_BUCKET");

    const tags = ["gift", 'a "quoted" tag, with a comma', "back\\slash"];
    await db.prisma.$executeRaw`INSERT INTO orders (shop_id, shopify_id, name, total_price, tags)
      VALUES (${shopId}, 11, '#1011', 25.5, ${tags}::text[]), (${shopId}, 12, '#1012', 3, '{}')`;
    const s3 = await startS3Server();
    try {
      const created = await storehouse(["snapshots", "create", "--shop", SHOP, "--json"], db.url, s3.env);
      expect(created.code).toBe(0);
      const { id, manifest } = JSON.parse(created.stdout) as { id: string; manifest: string };
      expect(manifest).toBe(`s3://${s3.settings.bucket}/storehouse/shop=${SHOP}/snapshot=${id}/manifest.json`);

      const listed = await storehouse(["snapshots", "list", "--shop", SHOP, "--json"], db.url, s3.env);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({ id, manifest, tables: expect.objectContaining({ orders: 2, shop: 1 }) }),
      ]);

      const target = await createEmptyDatabase();
      try {
        const restore = (into: string, snapshot = id) =>
          storehouse(
            ["snapshots", "restore", "--shop", SHOP, "--snapshot", snapshot, "--database-url", into, "--json"],
            db.url,
            s3.env,
          );
        const restored = await restore(target.url);
        expect(restored.code).toBe(0);
        expect(JSON.parse(restored.stdout)).toMatchObject({
          ok: true,
          tables: { orders: { expected: 2, restored: 2 } },
        });
        const copy = new (await import("pg")).default.Client({ connectionString: target.url });
        await copy.connect();
        const { rows } = await copy
          .query(`SELECT name, total_price::text, tags FROM orders ORDER BY shopify_id`)
          .finally(() => copy.end());
        expect(rows).toEqual([
          { name: "#1011", total_price: "25.5000", tags },
          { name: "#1012", total_price: "3.0000", tags: [] },
        ]);

        // Not empty any more: refused, one line.
        const again = await restore(target.url);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain("storehouse: the target database is not empty");
        expect((await restore(target.url, "20990101T000000Z-0000")).code).toBe(1);
      } finally {
        await target.drop();
      }

      // A manifest that promises a row its files do not hold: exit 1, and the table named.
      const bucket = new Bucket(s3.settings);
      const key = `storehouse/shop=${SHOP}/snapshot=${id}/manifest.json`;
      const document = (await bucket.getJson<{ tables: Record<string, { rows: number }> }>(key))!;
      document.tables.orders!.rows = 3;
      await bucket.putJson(key, document);
      const second = await createEmptyDatabase();
      try {
        const mismatch = await storehouse(
          ["snapshots", "restore", "--shop", SHOP, "--snapshot", id, "--database-url", second.url],
          db.url,
          s3.env,
        );
        expect(mismatch.code).toBe(1);
        expect(mismatch.stdout).toContain("orders\t2 of 3\tDIFFERS");
      } finally {
        await second.drop();
      }
    } finally {
      await s3.close();
    }
  }, 120_000);

  it("shops list and show; events list, show and replay by id, status and day; db migrate", async () => {
    const listed = await storehouse(["shops", "list", "--json"], db.url);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(
      expect.arrayContaining([{ domain: SHOP, name: null, installed: true, needs_reauth: false }]),
    );
    const shown = await storehouse(["shops", "show", "--shop", SHOP, "--json"], db.url);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ domain: SHOP, rows: { orders: expect.any(Number) } });
    expect((await storehouse(["shops", "show", "--shop", "nope.myshopify.com"], db.url)).code).toBe(1);

    // Three stored events: a dead one received yesterday, a processed one today, and another shop's.
    const other = await db.prisma.shop.create({ data: { domain: "cli-other.myshopify.com", installedAt: new Date() } });
    const event = (id: string, shop: { id: bigint; domain: string }, status: string, receivedAt: Date) =>
      db.prisma
        .$executeRaw`INSERT INTO webhook_events (id, shop_id, shop_domain, topic, webhook_id, payload, status, attempts, received_at, last_error)
        VALUES (${BigInt(id)}, ${shop.id}, ${shop.domain}, 'products/update', ${`cli-${id}`},
          '{"id":9007199254740993,"title":"Exact"}'::jsonb, ${status}, 1, ${receivedAt}, ${status === "dead" ? "boom" : null})`;
    const yesterday = new Date(Date.now() - 86_400_000);
    await event("7001", { id: shopId, domain: SHOP }, "dead", yesterday);
    await event("7002", { id: shopId, domain: SHOP }, "processed", new Date());
    await event("7003", other, "dead", yesterday);

    const dead = await storehouse(["events", "list", "--shop", SHOP, "--status", "dead", "--json"], db.url);
    expect(dead.code).toBe(0);
    expect(JSON.parse(dead.stdout)).toEqual({
      events: [expect.objectContaining({ id: "7001", status: "dead", last_error: "boom" })],
      next_before: null,
    });
    const detail = await storehouse(["events", "show", "7002", "--shop", SHOP, "--json"], db.url);
    expect(detail.code).toBe(0);
    // The payload as stored: the 64-bit id is not rounded.
    expect(detail.stdout).toContain("9007199254740993");
    expect(JSON.parse(detail.stdout)).toMatchObject({
      id: "7002",
      topic: "products/update",
      payload: { title: "Exact" },
    });
    // Another shop's event is not this shop's to show or replay.
    expect((await storehouse(["events", "show", "7003", "--shop", SHOP], db.url)).code).toBe(1);
    const notMine = await storehouse(["events", "replay", "--shop", SHOP, "--id", "7003", "--json"], db.url);
    expect(JSON.parse(notMine.stdout)).toEqual({ requeued: [] });

    // Today's processed events only: by status and day.
    const today = new Date().toISOString().slice(0, 10);
    const byDay = await storehouse(
      ["events", "replay", "--shop", SHOP, "--status", "processed,dead", "--from", today, "--json"],
      db.url,
    );
    expect([byDay.code, JSON.parse(byDay.stdout)]).toEqual([0, { requeued: ["7002"] }]);
    const byStatus = await storehouse(["events", "replay", "--shop", SHOP, "--json"], db.url);
    expect(JSON.parse(byStatus.stdout)).toEqual({ requeued: ["7001"] });
    const { rows } = await (async () => {
      const rowsOf = await db.prisma.$queryRaw<{ id: bigint; status: string }[]>`
        SELECT id, status FROM webhook_events WHERE id IN (7001, 7002, 7003) ORDER BY id`;
      return { rows: rowsOf.map((row) => [row.id.toString(), row.status]) };
    })();
    expect(rows).toEqual([
      ["7001", "pending"],
      ["7002", "pending"],
      ["7003", "dead"],
    ]);
    const jobs = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-events' AND data->>'eventId' IN ('7001', '7002')`;
    expect(jobs[0]!.n).toBe(2);
    expect((await storehouse(["events", "replay", "--shop", SHOP, "--status", "pending"], db.url)).code).toBe(2);
    expect((await storehouse(["events", "list", "--shop", SHOP, "--from", "yesterday"], db.url)).code).toBe(2);

    const migrated = await storehouse(["db", "migrate", "--json"], db.url);
    expect([migrated.code, JSON.parse(migrated.stdout)]).toEqual([0, { applied: [] }]);
  }, 120_000);
});
