// storehouse api-keys create|list|revoke: the analyst API's keys (the same
// core as the admin's "API access" page). A key is printed once, at creation.
import { Command } from "commander";
import { CliFailure, print } from "./output";
import { shopIdOf } from "./shop-option";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [apiKeys, database] = await Promise.all([import("~/.server/api-keys"), import("~/db.server")]);
  return { ...apiKeys, ...database };
}

export function apiKeysCommand(): Command {
  // Set before the subcommands are made: they inherit it (a usage error must reach cli/index.ts, exit 2).
  const command = new Command("api-keys")
    .description("Create, list and revoke keys of the analyst API (/api/v1).")
    .exitOverride()
    .showHelpAfterError();
  command
    .command("create")
    .description("Create a key for one shop; the key is shown only now.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .requiredOption("--name <name>", "what the key is for, e.g. 'warehouse BI'")
    .option("--json", "print {id, key}")
    .action(async (options: { shop: string; name: string; json?: boolean }) => {
      const { issueApiKey, prisma } = await core();
      const issued = await issueApiKey(prisma(), await shopIdOf(options.shop), options.name);
      print(Boolean(options.json), { id: issued.id, key: issued.key }, () => [
        `API key ${issued.id} (${issued.prefix}) for ${options.shop}:`,
        issued.key,
        "Store it now: Storehouse keeps only its hash and cannot show it again.",
      ]);
    });
  command
    .command("list")
    .description("List a shop's keys (prefix, last use, revocation; never the keys).")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print [{id, name, prefix, created_at, last_used_at, revoked_at}]")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { listApiKeys, prisma } = await core();
      const keys = await listApiKeys(prisma(), await shopIdOf(options.shop));
      print(
        Boolean(options.json),
        keys.map((key) => ({
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          created_at: key.createdAt.toISOString(),
          last_used_at: key.lastUsedAt?.toISOString() ?? null,
          revoked_at: key.revokedAt?.toISOString() ?? null,
        })),
        () =>
          keys.length
            ? keys.map(
                (key) =>
                  `${key.id}\t${key.prefix}\t${key.name}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? "never"}`}`,
              )
            : [`${options.shop} has no API keys`],
      );
    });
  command
    .command("revoke")
    .description("Revoke a key: requests with it are refused (401) from now on.")
    .argument("<id>", "the key's id (from create or list)")
    .action(async (id: string) => {
      const { revokeApiKey, prisma } = await core();
      if (!(await revokeApiKey(prisma(), id))) throw new CliFailure(`no live API key ${id}`);
      process.stderr.write(`API key ${id} revoked\n`);
    });
  return command;
}
