// The analyst API's foundations: keys that are stored hashed and answer for
// one shop only, and an incremental cursor that misses no write, even one
// committed late with an older updated_at (backfill-style), while a pull runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "~/.server/api-keys";
import { createPool, inTransaction, type Pool } from "~/.server/database/pool";
import { decodeCursor, encodeCursor, pageByWrites, type WritePosition } from "~/.server/insights/write-cursor";
import { createTestDatabase, type TestDatabase } from "./support/database";

describe("analyst API foundations", () => {
  let db: TestDatabase;
  let pool: Pool;
  let shopA: bigint;
  let shopB: bigint;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 8);
    shopA = (await db.prisma.shop.create({ data: { domain: "keys-a.myshopify.com" } })).id;
    shopB = (await db.prisma.shop.create({ data: { domain: "keys-b.myshopify.com" } })).id;
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  describe("API keys", () => {
    it("are shown once and stored only as a hash", async () => {
      const issued = await issueApiKey(db.prisma, shopA, "warehouse BI");
      expect(issued.key).toMatch(/^shk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      expect(issued.key.startsWith(`${issued.prefix}_`)).toBe(true);
      const secret = issued.key.slice(issued.prefix.length + 1);
      const stored = await pool.query(`SELECT to_jsonb(k)::text AS row FROM api_keys k WHERE id = $1`, [issued.id]);
      expect(stored.rows[0].row).not.toContain(secret);
      expect(stored.rows[0].row).toContain(issued.prefix);
      expect(await listApiKeys(db.prisma, shopA)).toEqual([
        expect.objectContaining({ id: issued.id, name: "warehouse BI", prefix: issued.prefix, revokedAt: null }),
      ]);
    });

    it("answer for their own shop, record their last use, and stop at revocation", async () => {
      const issued = await issueApiKey(db.prisma, shopB, "finance");
      expect(await verifyApiKey(db.prisma, issued.key)).toEqual({ keyId: BigInt(issued.id), shopId: shopB });
      const [listed] = await listApiKeys(db.prisma, shopB);
      expect(listed!.lastUsedAt).toBeInstanceOf(Date);
      // Another shop cannot revoke it; its own can, once.
      expect(await revokeApiKey(db.prisma, issued.id, shopA)).toBe(false);
      expect(await verifyApiKey(db.prisma, issued.key)).not.toBeNull();
      expect(await revokeApiKey(db.prisma, issued.id, shopB)).toBe(true);
      expect(await revokeApiKey(db.prisma, issued.id, shopB)).toBe(false);
      expect(await verifyApiKey(db.prisma, issued.key)).toBeNull();
    });

    it("refuse malformed, unknown and tampered keys alike", async () => {
      const issued = await issueApiKey(db.prisma, shopA, "tamper");
      const last = issued.key.at(-1) === "A" ? "B" : "A";
      for (const presented of [
        "",
        "Bearer x",
        issued.key.slice(0, -1),
        `${issued.key.slice(0, -1)}${last}`,
        `shk_00000000_${issued.key.slice(issued.prefix.length + 1)}`,
      ]) {
        expect(await verifyApiKey(db.prisma, presented)).toBeNull();
      }
      await expect(issueApiKey(db.prisma, shopA, "  ")).rejects.toThrow(RangeError);
    });
  });

  describe("the write cursor", () => {
    const insertOrder = (client: { query: Pool["query"] }, shopifyId: number, updatedAt: string) =>
      client.query(
        `INSERT INTO orders (shop_id, shopify_id, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (shop_id, shopify_id) DO UPDATE SET updated_at = EXCLUDED.updated_at`,
        [shopA.toString(), shopifyId, updatedAt],
      );
    /** Follows next_cursor from `from` until has_more is false; returns the ids seen and where it stopped. */
    const pull = async (from: WritePosition, limit = 3) => {
      const seen: string[] = [];
      let position = from;
      for (;;) {
        const page = await pageByWrites(pool, "orders", shopA.toString(), position, limit);
        seen.push(...page.ids);
        position = page.next;
        if (!page.hasMore) return { seen, position };
      }
    };
    const shopifyIdsOf = async (ids: string[]) =>
      (await pool.query(`SELECT shopify_id::text FROM orders WHERE id = ANY($1::bigint[])`, [ids])).rows.map(
        (row: { shopify_id: string }) => row.shopify_id,
      );

    it("round-trips an opaque cursor and refuses one it did not issue", () => {
      const position = { xid: "123456", id: "42" };
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
      expect(decodeCursor("not-a-cursor")).toBeUndefined();
      expect(decodeCursor(Buffer.from("1:2; DROP TABLE orders").toString("base64url"))).toBeUndefined();
    });

    it("sees a row committed late with an older updated_at, after the pull had passed its time", async () => {
      for (let n = 1; n <= 5; n += 1) await insertOrder(pool, n, `2026-11-2${n}T00:00:00Z`);
      // A backfill-style transaction writes an order updated long ago and stays open...
      const late = await pool.connect();
      await late.query("BEGIN");
      await insertOrder(late, 100, "2020-01-01T00:00:00Z");
      // ...while newer writes commit after it started.
      await insertOrder(pool, 6, "2026-11-29T00:00:00Z");
      const first = await pull(decodeCursor(null)!);
      expect(await shopifyIdsOf(first.seen)).toEqual(["1", "2", "3", "4", "5"]); // Not 6 yet: 100 is in flight.
      await late.query("COMMIT");
      late.release();
      const second = await pull(first.position);
      expect((await shopifyIdsOf(second.seen)).sort()).toEqual(["100", "6"]);
      // An update of an already read row comes again; nothing else does.
      await insertOrder(pool, 2, "2026-11-30T00:00:00Z");
      expect(await shopifyIdsOf((await pull(second.position)).seen)).toEqual(["2"]);
    });

    it("a write to a variant alone moves its product, and one to an inventory item its levels", async () => {
      const shop = shopA.toString();
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO products (shop_id, shopify_id, title) VALUES ($1, 500, 'Mug') RETURNING id::text`,
        [shop],
      );
      await pool.query(
        `INSERT INTO product_variants (shop_id, shopify_id, product_id, inventory_item_id, inventory_quantity)
         VALUES ($1, 501, $2, 502, 3)`,
        [shop, rows[0]!.id],
      );
      await pool.query(
        `INSERT INTO inventory_levels (shop_id, inventory_item_id, location_id, available) VALUES ($1, 502, 9, 3)`,
        [shop],
      );
      const read = async (table: "products" | "inventory_levels") => {
        let position = decodeCursor(null)!;
        for (;;) {
          const page = await pageByWrites(pool, table, shop, position, 100);
          position = page.next;
          if (!page.hasMore) return position;
        }
      };
      const [products, levels] = [await read("products"), await read("inventory_levels")];
      await pool.query(`UPDATE product_variants SET inventory_quantity = 2 WHERE shop_id = $1 AND shopify_id = 501`, [
        shop,
      ]);
      await pool.query(`INSERT INTO inventory_items (shop_id, shopify_id, cost) VALUES ($1, 502, 4.50)`, [shop]);
      expect((await pageByWrites(pool, "products", shop, products, 100)).ids).toEqual([rows[0]!.id]);
      expect((await pageByWrites(pool, "inventory_levels", shop, levels, 100)).ids).toHaveLength(1);
    });

    it("misses no write while writers race a pull", async () => {
      const written = new Set<string>();
      let stop = false;
      const writer = async (offset: number) => {
        for (let n = 0; !stop; n += 1) {
          const shopifyId = 1_000 + offset * 10_000 + n;
          // Some transactions hold their write a moment before committing, like a backfill batch.
          await inTransaction(pool, async (client) => {
            await insertOrder(client, shopifyId, `2019-0${1 + (n % 9)}-01T00:00:00Z`);
            if (n % 3 === 0) await client.query("SELECT pg_sleep(0.02)");
          });
          written.add(String(shopifyId));
        }
      };
      const start = (await pull(decodeCursor(null)!)).position;
      const writers = [0, 1, 2, 3].map(writer);
      const seen = new Set<string>();
      let position = start;
      const deadline = Date.now() + 1_500;
      while (Date.now() < deadline) {
        const { seen: ids, position: next } = await pull(position, 7);
        for (const id of await shopifyIdsOf(ids)) seen.add(id);
        position = next;
      }
      stop = true;
      await Promise.all(writers);
      const { seen: rest } = await pull(position, 50);
      for (const id of await shopifyIdsOf(rest)) seen.add(id);
      expect(written.size).toBeGreaterThan(20);
      expect([...written].filter((id) => !seen.has(id))).toEqual([]);
    });
  });
});
