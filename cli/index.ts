// The storehouse CLI (`npx storehouse`, bin/storehouse.mjs): one file per
// command group, each as thin as a route, calling the same core functions.
// Exit codes (CONTRACTS.md): 0 done, 1 failed (one clear line on stderr),
// 2 bad usage. With --json, stdout holds exactly one JSON document.
import "~/.server/require-node";
import { Command, CommanderError } from "commander";
import { closeDatabase } from "~/db.server";
import { alertsCommand } from "./alerts";
import { apiKeysCommand } from "./api-keys";
import { dbCommand } from "./db";
import { eventsCommand } from "./events";
import { shopsCommand } from "./shops";
import { snapshotsCommand } from "./snapshots";

const program = new Command("storehouse")
  .description("Operate Storehouse: shops, webhook events, API keys, alerts, S3 snapshots and the database.")
  .exitOverride()
  .showHelpAfterError()
  .addCommand(shopsCommand())
  .addCommand(eventsCommand())
  .addCommand(apiKeysCommand())
  .addCommand(alertsCommand())
  .addCommand(snapshotsCommand())
  .addCommand(dbCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // A CliFailure says what went wrong in one line; anything else is reported the same way.
    process.stderr.write(`storehouse: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await closeDatabase();
}
