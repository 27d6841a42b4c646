// Runs a command against a ready database: the one in DATABASE_URL, or (when
// unset) the embedded PostgreSQL under .data/, started here and stopped when
// the command ends. It waits for the database (with backoff) and applies
// migrations first, once even when several processes start together.
//
//   node --import tsx scripts/with-database.ts -- remix-serve ./build/server/index.js
//   node --import tsx scripts/with-database.ts --migrate-only
import "~/.server/require-node";
import { spawn } from "node:child_process";
import { startEmbeddedDatabase } from "~/.server/database/embedded-postgres";
import { migrateDeployOnce } from "~/.server/database/migrations";
import { waitForDatabase } from "~/.server/database/wait-for-database";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { LOCAL_API_KEY, localApiSecret } from "../simulator/local-credentials";

const CHILD_STOP_GRACE_MS = 20_000;

// This launcher orders the shutdown itself: the command first, then the
// database (which runs in its own process group, out of reach of Ctrl-C).
function log(message: string): void {
  process.stderr.write(`[storehouse] ${message}\n`);
}

/**
 * Without Shopify credentials on a local (embedded) database, run with
 * local-only ones so the app boots offline; Shopify would reject them, so
 * they are announced loudly. A real deployment sets DATABASE_URL and the
 * credentials, and then nothing here applies.
 */
function fillLocalCredentials(environment: NodeJS.ProcessEnv): void {
  if (environment.SHOPIFY_API_KEY && environment.SHOPIFY_API_SECRET) return;
  environment.SHOPIFY_API_KEY ??= LOCAL_API_KEY;
  environment.SHOPIFY_API_SECRET ??= localApiSecret();
  environment.SHOPIFY_APP_URL ??= `http://localhost:${environment.PORT ?? 3000}`;
  environment.SCOPES ??= ACCESS_SCOPES.join(",");
  log(
    "SHOPIFY_API_KEY/SHOPIFY_API_SECRET are not set: running with local-only credentials " +
      "(fine offline and with the simulator; Shopify will not accept them).",
  );
}

async function main(): Promise<void> {
  const separator = process.argv.indexOf("--");
  const flags = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
  const command = separator === -1 ? [] : process.argv.slice(separator + 1);
  const migrateOnly = flags.includes("--migrate-only");
  if (!migrateOnly && command.length === 0) {
    throw new Error("usage: with-database.ts [--migrate-only] [-- command args...]");
  }
  // A command asked for its usage needs no database: answer at once.
  if (command.some((arg) => arg === "--help" || arg === "-h")) {
    const [program, ...args] = command as [string, ...string[]];
    const child = spawn(program, args, { stdio: "inherit", shell: false });
    child.on("exit", (code) => process.exit(code ?? 1));
    return;
  }

  const environment = { ...process.env };
  let stopDatabase = async () => {};
  if (!environment.DATABASE_URL) {
    log("DATABASE_URL is not set: using the embedded PostgreSQL under .data/postgres");
    const database = await startEmbeddedDatabase();
    environment.DATABASE_URL = database.url;
    stopDatabase = database.stop;
    if (!migrateOnly) fillLocalCredentials(environment);
  }

  try {
    const onRetry = (attempt: number, delayMs: number, reason: string) =>
      log(`database not reachable (${reason}); attempt ${attempt}, retrying in ${delayMs / 1000} s`);
    await waitForDatabase(environment.DATABASE_URL, { onRetry });
    const applied = await migrateDeployOnce(environment.DATABASE_URL);
    log(applied.length ? `database migrated (${applied.length} applied)` : "database schema is up to date");
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  if (migrateOnly) {
    await stopDatabase();
    return;
  }

  const [program, ...args] = command as [string, ...string[]];
  const child = spawn(program, args, { stdio: "inherit", env: environment, shell: false });
  let stopRequested = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopRequested) return;
    stopRequested = true;
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), CHILD_STOP_GRACE_MS).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  child.on("exit", async (code, signal) => {
    await stopDatabase();
    process.exit(code ?? (signal && !stopRequested ? 1 : 0));
  });
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
