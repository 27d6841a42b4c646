// One shop's snapshot work runs one at a time: taking, deleting and rewriting
// snapshots all hold the shop's advisory lock (transaction-scoped, so a
// crashed process releases it).
import type { Pool } from "~/.server/database/pool";

export function shopLockKey(shopId: string): string {
  return `s3-snapshots:${shopId}`;
}

/** Runs `work` holding the shop's lock; returns `busy` without running it while another holder works. */
export async function withShopLock<T>(
  pool: Pool,
  shopId: string,
  work: () => Promise<T>,
): Promise<{ busy: true } | { busy: false; value: T }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [shopLockKey(shopId)],
    );
    if (!rows[0]?.locked) {
      await client.query("ROLLBACK");
      return { busy: true };
    }
    const value = await work();
    await client.query("COMMIT");
    return { busy: false, value };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
