// A ready database for a process: the one in DATABASE_URL, or (when unset)
// the embedded PostgreSQL under .data/, started here (shared with any other
// process using it). Waits for it with backoff and applies migrations, once
// even when several processes start together. Used by with-database.ts
// (npm start, the worker) and in-process by the CLI.
import "~/.server/require-node";
import { startEmbeddedDatabase } from "~/.server/database/embedded-postgres";
import { migrateDeployOnce } from "~/.server/database/migrations";
import { waitForDatabase } from "~/.server/database/wait-for-database";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { LOCAL_API_KEY, localApiSecret } from "../simulator/local-credentials";

export type Log = (message: string) => void;

/**
 * Without Shopify credentials on a local (embedded) database, run with
 * local-only ones so the app boots offline; Shopify would reject them, so
 * they are announced loudly. A real deployment sets DATABASE_URL and the
 * credentials, and then nothing here applies.
 */
function fillLocalCredentials(environment: NodeJS.ProcessEnv, log: Log): void {
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

/**
 * Makes `environment.DATABASE_URL` point at a migrated, answering database
 * (setting it, and local credentials, for the embedded one). Returns how to
 * stop what was started here.
 */
export async function readyDatabase(
  options: { log: Log; migrateOnly?: boolean; quiet?: boolean; migrate?: boolean },
  environment: NodeJS.ProcessEnv = process.env,
): Promise<{ stop: () => Promise<void> }> {
  const { log } = options;
  let stop = async () => {};
  if (!environment.DATABASE_URL) {
    log("DATABASE_URL is not set: using the embedded PostgreSQL under .data/postgres");
    const database = await startEmbeddedDatabase();
    environment.DATABASE_URL = database.url;
    stop = database.stop;
    if (!options.migrateOnly) fillLocalCredentials(environment, log);
  }
  try {
    const onRetry = (attempt: number, delayMs: number, reason: string) =>
      log(`database not reachable (${reason}); attempt ${attempt}, retrying in ${delayMs / 1000} s`);
    await waitForDatabase(environment.DATABASE_URL, { onRetry });
    if (options.migrate === false) return { stop };
    const applied = await migrateDeployOnce(environment.DATABASE_URL);
    if (applied.length) log(`database migrated (${applied.length} applied)`);
    else if (!options.quiet) log("database schema is up to date");
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
