// npm run bench:queues: the measurement behind ADR 007. Enqueues N jobs, each
// in its own transaction together with a row insert (as POST /webhooks does),
// then drains them with 10 concurrent no-op handlers, for graphile-worker and
// pg-boss on the same PostgreSQL. Prints figures only.
import { answerHelp } from "./usage";
import pg from "pg";
import { run, runMigrations } from "graphile-worker";
import { PgBoss } from "pg-boss";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "~/.server/database/embedded-postgres";

answerHelp(
  "npm run bench:queues: the measurement behind ADR 007. Enqueues N jobs, each\nin its own transaction together with a row insert (as POST /webhooks does),\nthen drains them with 10 concurrent no-op handlers, for graphile-worker and\npg-boss on the same PostgreSQL. Prints figures only.",
);

const JOBS = Number(process.argv[2] ?? 5000);
const server = await startEmbeddedPostgres();
const databaseUrl = (name: string) => `${server.serverUrl}/${name}`;

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
  await createDatabaseIfMissing(server.serverUrl, name);
  const url = databaseUrl(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CREATE TABLE events (id bigserial PRIMARY KEY, body jsonb NOT NULL)");
  await client.end();
  return url;
}

async function enqueueAll(
  url: string,
  enqueue: (client: pg.PoolClient, i: number) => Promise<unknown>,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < JOBS) {
        const i = next++;
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO events (body) VALUES ($1)", [JSON.stringify({ i })]);
          await enqueue(client, i);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }
    }),
  );
  await pool.end();
  return JOBS / ((performance.now() - started) / 1000);
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

// graphile-worker
{
  const url = await freshDatabase("bench_graphile");
  await runMigrations({ connectionString: url });
  const enqueueRate = await enqueueAll(url, (client, i) =>
    client.query("SELECT graphile_worker.add_job('noop', json_build_object('i', $1::int), queue_name => $2)", [
      i,
      `order:${i % 500}`,
    ]),
  );
  let done = 0;
  const started = performance.now();
  const runner = await run({
    connectionString: url,
    concurrency: 10,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: undefined,
    taskList: { noop: async () => void (done += 1) },
  });
  await until(() => done >= JOBS);
  const drainRate = JOBS / ((performance.now() - started) / 1000);
  await runner.stop();
  console.log(
    `graphile-worker: enqueue in transaction ${Math.round(enqueueRate)} jobs/s, drain ${Math.round(drainRate)} jobs/s (per-order queues)`,
  );
}

// pg-boss
{
  const url = await freshDatabase("bench_pgboss");
  const boss = new PgBoss({ connectionString: url });
  boss.on("error", (error) => console.error(error));
  await boss.start();
  await boss.createQueue("noop");
  const enqueueRate = await enqueueAll(url, (client, i) =>
    boss.send("noop", { i }, { db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) } }),
  );
  let done = 0;
  const started = performance.now();
  await boss.work(
    "noop",
    { batchSize: 10, localConcurrency: 10, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true },
    async (jobs) => void (done += jobs.length),
  );
  await until(() => done >= JOBS);
  const drainRate = JOBS / ((performance.now() - started) / 1000);
  await boss.stop({ graceful: false });
  console.log(
    `pg-boss: enqueue in transaction ${Math.round(enqueueRate)} jobs/s, drain ${Math.round(drainRate)} jobs/s (one queue, 10 local workers, batches of 10, burst)`,
  );
}
await server.stop();
