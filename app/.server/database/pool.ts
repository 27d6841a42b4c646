// A plain node-postgres pool for the hot paths (webhook ingestion, the
// worker's event transactions): one round trip per statement, no ORM layer,
// and a transaction the job queue can join. Prisma stays the client for
// everything else.
import pg from "pg";

// BIGINT (int8) comes back as a string: ids above 2^53 must stay exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next checkout reconnects.
  pool.on("error", () => {});
  return pool;
}

/** Runs `work` inside BEGIN/COMMIT on one client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
