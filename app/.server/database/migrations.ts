// Applies prisma/migrations with Prisma's CLI (JavaScript schema engine, no
// downloaded binaries; see prisma.config.ts).
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);

/** The Prisma CLI entry point, resolved from node_modules. */
export function prismaCli(): string {
  return path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
}

export function runPrisma(args: string[], databaseUrl: string | undefined, cwd = process.cwd()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli(), ...args], {
      cwd,
      env: {
        // The CLI child inherits this process's environment (PATH, proxies); it is not config.
        // eslint-disable-next-line no-restricted-properties
        ...process.env,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        // Prisma 6.19 tries to download a query engine it will not load
        // (engineType = "client"); pointing at any file skips the download.
        PRISMA_QUERY_ENGINE_LIBRARY: path.join(cwd, "package.json"),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

export function migrateDeploy(databaseUrl: string): Promise<string> {
  return runPrisma(["migrate", "deploy"], databaseUrl);
}

/** Held while this app migrates; Prisma's own lock gives up after 10 s, this one waits as long as it takes. */
const MIGRATION_LOCK = "storehouse:migrate";

/** Migration folders under prisma/migrations that the database has not finished applying. */
export async function pendingMigrations(client: pg.ClientBase | pg.Pool, cwd = process.cwd()): Promise<string[]> {
  const folder = path.join(cwd, "prisma", "migrations");
  const wanted = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const table = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return wanted;
  const applied = await client.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const done = new Set(applied.rows.map((row) => row.migration_name));
  return wanted.filter((name) => !done.has(name));
}

/**
 * `prisma migrate deploy`, safe for processes starting together (web and
 * worker, several copies of each): one migrates while the others wait on an
 * advisory lock for as long as it takes, then find nothing left to apply.
 * Returns the migrations this call applied.
 */
export async function migrateDeployOnce(databaseUrl: string, cwd = process.cwd()): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {}); // A lost connection fails the query below instead.
  await client.connect();
  try {
    if ((await pendingMigrations(client, cwd)).length === 0) return [];
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [MIGRATION_LOCK]);
    const pending = await pendingMigrations(client, cwd);
    if (pending.length) await runPrisma(["migrate", "deploy"], databaseUrl, cwd);
    return pending;
  } finally {
    await client.end().catch(() => {});
  }
}
