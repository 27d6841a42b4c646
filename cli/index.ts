// The storehouse CLI (`npx storehouse`, bin/storehouse.mjs): one file per
// command group, each as thin as a route, calling the same core functions.
// Exit codes (CONTRACTS.md): 0 done, 1 failed (one clear line on stderr;
// the stack too with --verbose), 2 bad usage. With --json, stdout holds
// exactly one JSON document; logs and progress go to stderr. Commands load
// the core when they run, so `--help` answers at once.
import "~/.server/require-node";
import { Command, CommanderError } from "commander";
import { alertsCommand } from "./alerts";
import { apiKeysCommand } from "./api-keys";
import { dbCommand } from "./db";
import { doctorCommand } from "./doctor";
import { eventsCommand } from "./events";
import { CliFailure } from "./output";
import { shopsCommand } from "./shops";
import { snapshotsCommand } from "./snapshots";
import { backfillCommand, reconcileCommand } from "./sync";

let stopDatabase: (() => Promise<void>) | undefined;
const program = new Command("storehouse")
  .description(
    "Operate Storehouse: connect shops, check their health, backfill and reconcile, replay webhook events, " +
      "API keys, alerts, S3 snapshots and the database.",
  )
  .option("--verbose", "log at debug level (on stderr) and print a failure's stack trace")
  .exitOverride()
  .showHelpAfterError()
  // Runs once the arguments are valid, before the command: usage errors and --help never wait for a database.
  .hook("preAction", async (_program, command) => {
    // Before any command loads the core (and with it the logger).
    (await import("~/.server/env")).useCliLogging(Boolean(program.opts().verbose));
    const { readyDatabase } = await import("../scripts/ready-database");
    // `db migrate` migrates itself; `doctor` only looks, and reports migrations not applied.
    const migrating = command.name() === "migrate" && command.parent?.name() === "db";
    const diagnosing = command.name() === "doctor";
    ({ stop: stopDatabase } = await readyDatabase({
      log: (message) => process.stderr.write(`[storehouse] ${message}\n`),
      quiet: true,
      migrate: !migrating && !diagnosing,
    }));
  })
  .addCommand(shopsCommand())
  .addCommand(doctorCommand())
  .addCommand(backfillCommand())
  .addCommand(reconcileCommand())
  .addCommand(eventsCommand())
  .addCommand(apiKeysCommand())
  .addCommand(alertsCommand())
  .addCommand(snapshotsCommand())
  .addCommand(dbCommand());

// Ctrl-C during long work (a backfill): close the clients and stop an embedded database this process started.
process.once("SIGINT", () => {
  process.stderr.write("\nstorehouse: interrupted\n");
  void shutDown().finally(() => process.exit(130));
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // A CliFailure says what went wrong in one line; anything else is cut to its telling line.
    const hint = error instanceof CliFailure || program.opts().verbose ? "" : " (--verbose for details)";
    process.stderr.write(`storehouse: ${oneLine(error)}${hint}\n`);
    if (program.opts().verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
} finally {
  await shutDown();
}

/** One line of an error: a CliFailure's message, else the line that names the cause (Prisma's comes last). */
function oneLine(error: unknown): string {
  if (error instanceof CliFailure) return error.message;
  const lines = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const telling = error instanceof Error && error.name.startsWith("PrismaClient") ? lines.at(-1) : lines[0];
  return telling ?? (error instanceof Error ? error.name : "failed");
}

async function shutDown(): Promise<void> {
  if (!stopDatabase) return;
  await (await import("~/db.server")).closeDatabase();
  await stopDatabase();
  stopDatabase = undefined;
}
