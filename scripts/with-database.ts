// Runs a command against a ready database: the one in DATABASE_URL, or (when
// unset) the embedded PostgreSQL under .data/, started here and stopped when
// the command ends (ready-database.ts). It waits for the database (with
// backoff) and applies migrations first, once even when several processes
// start together.
//
//   node --import tsx scripts/with-database.ts -- remix-serve ./build/server/index.js
//   node --import tsx scripts/with-database.ts --migrate-only
import "~/.server/require-node";
import { spawn } from "node:child_process";
import { readyDatabase } from "./ready-database";

const CHILD_STOP_GRACE_MS = 20_000;

// This launcher orders the shutdown itself: the command first, then the
// database (which runs in its own process group, out of reach of Ctrl-C).
function log(message: string): void {
  process.stderr.write(`[storehouse] ${message}\n`);
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
  const { stop: stopDatabase } = await readyDatabase({ log, migrateOnly }, environment);

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
