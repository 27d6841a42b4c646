// Start-up as a process manager sees it (scripts/with-database.ts runs in
// front of `npm start`, `npm run worker` and `npm run setup`): it waits for a
// database that is not up yet instead of exiting, and processes starting
// together apply the migrations once without any of them failing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  createDatabaseIfMissing,
  embeddedServerUrl,
  startEmbeddedPostgres,
  type DatabaseServer,
} from "~/.server/database/embedded-postgres";
import { freePort } from "./support/ports";
import { eventually } from "./support/simulator";

interface Started {
  exit: Promise<number | null>;
  output: () => string;
}

function migrateOnly(databaseUrl: string): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/with-database.ts", "--migrate-only"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))), output: () => output };
}

describe("start-up", () => {
  let dataDir: string | undefined;
  let server: DatabaseServer | undefined;

  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("waits for a database that is not up yet, then migrates; processes starting together migrate once", async () => {
    const port = await freePort();
    const serverUrl = embeddedServerUrl(port);
    // The database server is not running yet: the process must wait, not exit.
    const early = migrateOnly(`${serverUrl}/postgres`);
    await eventually(() => early.output().includes("database not reachable"), 30_000);
    let exited = false;
    void early.exit.then(() => (exited = true));
    expect(exited).toBe(false);

    dataDir = mkdtempSync(path.join(tmpdir(), "storehouse-start-up-"));
    server = await startEmbeddedPostgres({ dataDir, port });
    expect(await early.exit).toBe(0);

    await createDatabaseIfMissing(serverUrl, "together");
    const together = Array.from({ length: 4 }, () => migrateOnly(`${serverUrl}/together`));
    const codes = await Promise.all(together.map((started) => started.exit));
    expect(codes, together.map((started) => started.output()).join("\n")).toEqual([0, 0, 0, 0]);

    const client = new pg.Client({ connectionString: `${serverUrl}/together` });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; n: number }>(
        "SELECT migration_name, count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY 1",
      );
      const folders = readdirSync(path.join("prisma", "migrations"), { withFileTypes: true }).filter((entry) =>
        entry.isDirectory(),
      );
      expect(rows).toHaveLength(folders.length);
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
    // One of them migrated; the others found the schema up to date.
    const said = together.map((started) => started.output());
    expect(said.filter((output) => output.includes("applied)"))).toHaveLength(1);
    expect(said.filter((output) => output.includes("schema is up to date"))).toHaveLength(3);
  }, 240_000);
});
