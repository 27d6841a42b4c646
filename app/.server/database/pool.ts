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
  // A client whose server goes away (a restart, a failover, pg_terminate_backend)
  // emits 'error'; with no listener that event ends the process. The pool
  // listens only while a client is idle, so every client gets its own listener
  // for its whole life: a checked-out client's error also fails its query,
  // which is where it is handled.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return pool;
}

/** Runs `work` inside BEGIN/COMMIT on one client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A client that cannot even roll back has lost its connection: discard it, never reuse it.
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
