// storehouse shops list|show|connect|disconnect: the stored shops, as the
// admin's home page knows them (installation, re-authentication, row
// counts), and onboarding a store without the admin.
import { Command, Option } from "commander";
import { CliFailure, print } from "./output";
import { runtime } from "./runtime";
import { noSuchShop, shopIdOf } from "./shop-option";
import { backfillWithProgress } from "./sync";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [shops, database] = await Promise.all([import("~/.server/shops"), import("~/db.server")]);
  return { ...shops, ...database };
}

export function shopsCommand(): Command {
  const command = new Command("shops")
    .description("List, show, connect and disconnect shops.")
    .exitOverride()
    .showHelpAfterError();
  command
    .command("list")
    .description("Every stored shop: installed or not, and whether it needs re-authentication.")
    .option("--json", "print [{domain, name, installed, needs_reauth}]")
    .action(async (options: { json?: boolean }) => {
      const { listShops, prisma } = await core();
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
      const { getShopOverview, prisma } = await core();
      const shop = await getShopOverview(prisma(), options.shop.toLowerCase());
      if (!shop) throw noSuchShop(options.shop);
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
  command
    .command("connect")
    .description(
      "Connect a store your organisation owns: by the client credentials grant of the Dev Dashboard app installed on it " +
        "(24-hour tokens, renewed automatically), or by a custom app's access token. Checks the granted scopes, registers " +
        "the webhook subscriptions and runs the backfill with its progress.",
    )
    .requiredOption("--shop <domain>", "the store's myshopify domain")
    .option("--client-id <id>", "the Dev Dashboard app's client id (this deployment's SHOPIFY_API_KEY)")
    .addOption(
      new Option("--client-secret <secret>", "its client secret (SHOPIFY_API_SECRET)").env("STOREHOUSE_CLIENT_SECRET"),
    )
    .addOption(
      new Option("--access-token <token>", "instead: a custom app's Admin API access token").env(
        "STOREHOUSE_ACCESS_TOKEN",
      ),
    )
    .option("--no-backfill", "register only; the worker's next reconciliation repairs, `storehouse backfill` loads all")
    .option("--json", "print {domain, scopes, missing_scopes}")
    .action(async function (
      this: Command,
      options: {
        shop: string;
        clientId?: string;
        clientSecret?: string;
        accessToken?: string;
        backfill: boolean;
        json?: boolean;
      },
    ) {
      const byClient = options.clientId !== undefined || options.clientSecret !== undefined;
      if (
        byClient === (options.accessToken !== undefined) ||
        (byClient && !(options.clientId && options.clientSecret))
      ) {
        this.error("give either --client-id and --client-secret, or --access-token", { exitCode: 2 });
      }
      const { connectShop, ConnectError } = await import("~/.server/auth/connect-shop");
      const rt = await runtime();
      const connected = await connectShop(
        rt.shopify,
        rt.settings,
        rt.db,
        options.shop,
        options.accessToken !== undefined
          ? { accessToken: options.accessToken }
          : { clientId: options.clientId!, clientSecret: options.clientSecret! },
      ).catch((error: unknown) => {
        throw error instanceof ConnectError ? new CliFailure(error.message) : error;
      });
      const domain = connected.shop.domain;
      const subscriptions = connected.subscriptions;
      process.stderr.write(
        [
          `Connected ${domain} (${connected.shop.name ?? "no name"}) by ${connected.method === "client_credentials" ? "client credentials: 24-hour tokens, renewed automatically" : "a custom app's access token"}.`,
          `Scopes granted: ${connected.scopes.join(", ") || "none"}.`,
          ...(connected.missingScopes.length
            ? [
                `Missing scopes: ${connected.missingScopes.join(", ")}. Storehouse loads what the others allow; add these to the app's access scopes and reconnect.`,
              ]
            : []),
          subscriptions
            ? `Webhook subscriptions: ${subscriptions.created.length} created, ${subscriptions.updated.length} re-pointed, ${subscriptions.unchanged} already in place${subscriptions.refused.length ? `, ${subscriptions.refused.length} refused by Shopify (${subscriptions.refused.map((refusal) => refusal.topic).join(", ")})` : ""}, delivering to ${rt.callbackUrl}.`
            : "Webhook subscriptions could not be registered now: the next reconciliation retries (see `storehouse doctor`).",
          ...(connected.method === "access_token"
            ? [
                "A custom app signs its webhooks with its own API secret key: SHOPIFY_API_SECRET must be that key, or webhooks are refused.",
              ]
            : []),
        ].join("\n") + "\n",
      );
      if (options.backfill) await backfillWithProgress(rt, domain);
      print(
        Boolean(options.json),
        { domain, scopes: connected.scopes, missing_scopes: connected.missingScopes },
        () => [`${domain} is connected.`],
      );
    });
  command
    .command("disconnect")
    .description(
      "Stop syncing a shop: delete its webhook subscriptions at Shopify and its tokens here, mark it uninstalled. " +
        "Its data stays (until shop/redact); uninstall the app from the store's admin to revoke access there.",
    )
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print {domain, removed_subscriptions}")
    .action(async (options: { shop: string; json?: boolean }) => {
      const domain = options.shop.toLowerCase();
      const rt = await runtime();
      await shopIdOf(domain);
      const { disconnectShop } = await import("~/.server/auth/connect-shop");
      const { removedSubscriptions } = await disconnectShop(rt.shopify, rt.db, domain);
      print(Boolean(options.json), { domain, removed_subscriptions: removedSubscriptions }, () => [
        removedSubscriptions === null
          ? `${domain} disconnected; its token was no longer valid, so its subscriptions end with the app's access.`
          : `${domain} disconnected: ${removedSubscriptions.length} webhook subscription(s) deleted at Shopify.`,
      ]);
    });
  return command;
}
