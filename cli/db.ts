// storehouse db migrate: apply the pending migrations to DATABASE_URL (or the
// embedded database), safe while web and worker processes run.
import { Command } from "commander";
import { print } from "./output";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [migrations, environment] = await Promise.all([
    import("~/.server/database/migrations"),
    import("~/.server/env"),
  ]);
  return { ...migrations, ...environment };
}

export function dbCommand(): Command {
  const command = new Command("db").description("The database's schema.").exitOverride().showHelpAfterError();
  command
    .command("migrate")
    .description("Apply the migrations not yet applied (one process at a time; the others wait).")
    .option("--json", "print {applied: [migration names]}")
    .action(async (options: { json?: boolean }) => {
      const { migrateDeployOnce, env } = await core();
      const applied = await migrateDeployOnce(env().DATABASE_URL);
      print(Boolean(options.json), { applied }, () => [
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The schema is up to date.",
      ]);
    });
  return command;
}
