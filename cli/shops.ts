// storehouse shops list|show: the stored shops, as the admin's home page
// knows them (installation, re-authentication, row counts).
import { Command } from "commander";
import { getShopOverview, listShops } from "~/.server/shops";
import { prisma } from "~/db.server";
import { CliFailure, print } from "./output";

export function shopsCommand(): Command {
  const command = new Command("shops")
    .description("List the stored shops and show one.")
    .exitOverride()
    .showHelpAfterError();
  command
    .command("list")
    .description("Every stored shop: installed or not, and whether it needs re-authentication.")
    .option("--json", "print [{domain, name, installed, needs_reauth}]")
    .action(async (options: { json?: boolean }) => {
      const shops = await listShops(prisma());
      print(
        Boolean(options.json),
        shops.map((shop) => ({
          domain: shop.domain,
          name: shop.name,
          installed: shop.installed,
          needs_reauth: shop.needsReauth,
        })),
        () =>
          shops.length
            ? shops.map(
                (shop) =>
                  `${shop.domain}\t${shop.installed ? "installed" : "not installed"}${shop.needsReauth ? "\tneeds re-authentication" : ""}\t${shop.name ?? ""}`,
              )
            : ["No shops are stored: install the app on one first."],
      );
    });
  command
    .command("show")
    .description("One shop: its settings, installation, re-authentication and row counts.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option(
      "--json",
      "print {domain, name, currency, timezone, plan, installed_at, needs_reauth_at, needs_reauth_reason, rows}",
    )
    .action(async (options: { shop: string; json?: boolean }) => {
      const shop = await getShopOverview(prisma(), options.shop.toLowerCase());
      if (!shop) throw new CliFailure(`no shop ${options.shop} is stored: install the app on it first`);
      const document = {
        domain: shop.domain,
        name: shop.name,
        currency: shop.currency,
        timezone: shop.timezone,
        plan: shop.plan,
        installed_at: shop.installedAt?.toISOString() ?? null,
        needs_reauth_at: shop.needsReauthAt?.toISOString() ?? null,
        needs_reauth_reason: shop.needsReauthWhy,
        rows: shop.rowCounts,
      };
      print(Boolean(options.json), document, () => [
        `${shop.domain}${shop.name ? ` (${shop.name})` : ""}`,
        `currency ${shop.currency ?? "—"}, time zone ${shop.timezone ?? "—"}, plan ${shop.plan ?? "—"}`,
        `installed ${document.installed_at ?? "never"}`,
        ...(shop.needsReauthAt
          ? [`needs re-authentication since ${document.needs_reauth_at}: ${shop.needsReauthWhy}`]
          : []),
        ...Object.entries(shop.rowCounts).map(([table, count]) => `${table}\t${count}`),
      ]);
    });
  return command;
}
