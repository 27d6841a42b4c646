// storehouse doctor [--shop D]: what breaks stores in practice, each fault
// with what to do; exit 1 when anything is wrong, for health checks.
import { Command } from "commander";
import { print } from "./output";
import { runtime } from "./runtime";

export function doctorCommand(): Command {
  return new Command("doctor")
    .description(
      "Check the database and each installed shop: token, scopes, protected customer data, webhook subscriptions " +
        "(asked of Shopify), backfill, reconciliation, ingestion lag, dead events. Exit 1 when anything is wrong.",
    )
    .option("--shop <domain>", "check this shop only")
    .option("--json", 'print {"ok", "checks": [{"name", "ok", "detail"}]}')
    .exitOverride()
    .showHelpAfterError()
    .action(async (options: { shop?: string; json?: boolean }) => {
      const rt = await runtime();
      const { runDoctor } = await import("~/.server/doctor");
      const report = await runDoctor(
        {
          db: rt.db,
          pool: rt.pool,
          get shopify() {
            return rt.shopify;
          },
          scopes: rt.settings.scopes,
          callbackUrl: rt.callbackUrl,
          reconcileIntervalMinutes: rt.reconcileIntervalMinutes,
        },
        { shop: options.shop },
      );
      print(Boolean(options.json), report, () =>
        report.checks.map((check) => `${check.ok ? "ok  " : "FAIL"}  ${check.name}: ${check.detail}`),
      );
      if (!report.ok) {
        const failed = report.checks.filter((check) => !check.ok).length;
        process.stderr.write(`storehouse: doctor found ${failed} problem${failed === 1 ? "" : "s"}\n`);
        process.exitCode = 1;
      }
    });
}
