// storehouse backfill|reconcile: a shop's full backfill or its
// reconciliation, run here (not queued for the worker) with its progress on
// screen; the same core functions the worker's jobs call.
import { Command } from "commander";
import { CliFailure, print } from "./output";
import { progress } from "./progress";
import { runtime, type Runtime } from "./runtime";
import { noSuchShop, shopIdOf } from "./shop-option";

const TTY_POLL_MS = 250;
const LINE_POLL_MS = 1_000;

export interface BackfillResult {
  written: number;
  expected: number | null;
  seconds: number;
}

/** Runs the shop's backfill in this process and follows its sync_runs rows on stderr. */
export async function backfillWithProgress(rt: Runtime, domain: string): Promise<BackfillResult> {
  const { backfillShop, getSyncStatus } = await import("~/.server/sync");
  const started = Date.now();
  const bar = progress(`backfill ${domain}`);
  let running = true;
  const work = backfillShop(rt, domain).finally(() => (running = false));
  const pause = process.stderr.isTTY ? TTY_POLL_MS : LINE_POLL_MS;
  while (running) {
    await Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, pause))]);
    const status = await getSyncStatus(rt.db, domain);
    const running = status?.resources.filter((resource) => resource.state === "running") ?? [];
    if (status)
      bar.update(
        status.backfill.written,
        status.backfill.expected,
        running.length ? `running: ${running.map((resource) => resource.resource).join(", ")}` : undefined,
      );
  }
  try {
    await work;
  } catch (error) {
    bar.finish("failed");
    throw new CliFailure(`the backfill of ${domain} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [status, shop] = await Promise.all([
    getSyncStatus(rt.db, domain),
    rt.db.shop.findUnique({ where: { domain } }),
  ]);
  if (shop?.needsReauthAt) {
    bar.finish("paused");
    throw new CliFailure(`${domain} needs re-authentication (${shop.needsReauthWhy}): run storehouse shops connect`);
  }
  if (!status || status.backfill.state !== "succeeded") {
    bar.finish("not run");
    throw new CliFailure(`the backfill of ${domain} did not run: the shop is not installed`);
  }
  const result = {
    written: status.backfill.written,
    expected: status.backfill.expected,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  bar.update(result.written, result.expected);
  bar.finish(`done: ${result.written} objects in ${result.seconds} s`);
  return result;
}

export function backfillCommand(): Command {
  return new Command("backfill")
    .description("Load a shop's whole history from Shopify again (bulk operations), showing progress.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print {domain, written, expected, seconds}")
    .exitOverride()
    .showHelpAfterError()
    .action(async (options: { shop: string; json?: boolean }) => {
      const rt = await runtime();
      const domain = options.shop.toLowerCase();
      await shopIdOf(domain);
      const result = await backfillWithProgress(rt, domain);
      print(Boolean(options.json), { domain, ...result }, () => [
        `${domain}: ${result.written} objects written${result.expected === null ? "" : ` of ${result.expected} Shopify counted`} in ${result.seconds} s`,
      ]);
    });
}

export function reconcileCommand(): Command {
  return new Command("reconcile")
    .description("Re-check a shop's webhook subscriptions (re-create, re-point) and repair what webhooks missed, now.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print {domain, resources: [{resource, status, checked, repaired, note}]}")
    .exitOverride()
    .showHelpAfterError()
    .action(async (options: { shop: string; json?: boolean }) => {
      const rt = await runtime();
      const domain = options.shop.toLowerCase();
      const shop = await rt.db.shop.findUnique({ where: { domain } });
      if (!shop) throw noSuchShop(options.shop);
      if (shop.needsReauthAt)
        throw new CliFailure(
          `${domain} needs re-authentication (${shop.needsReauthWhy}): run storehouse shops connect`,
        );
      const { reconcileShop } = await import("~/.server/sync");
      const started = new Date();
      const bar = progress(`reconcile ${domain}`);
      await reconcileShop(rt, domain, { callbackUrl: rt.callbackUrl, lookbackMs: rt.reconcileLookbackMs }).catch(
        (error: unknown) => {
          bar.finish("failed");
          throw new CliFailure(
            `the reconciliation of ${domain} failed: ${error instanceof Error ? error.message : error}`,
          );
        },
      );
      const runs = await rt.db.syncRun.findMany({
        where: { shopId: shop.id, kind: "reconcile", createdAt: { gte: started } },
        orderBy: { id: "asc" },
      });
      const resources = runs.map((run) => ({
        resource: run.resource,
        status: run.status,
        checked: Number(run.objectCount ?? 0),
        repaired: Number(run.rowsRepaired),
        note: run.note,
      }));
      bar.finish(`done: ${resources.reduce((sum, run) => sum + run.repaired, 0)} repaired`);
      print(Boolean(options.json), { domain, resources }, () =>
        resources.map(
          (run) =>
            `${run.resource}\t${run.status}\tchecked ${run.checked}\trepaired ${run.repaired}${run.note ? `\t${run.note}` : ""}`,
        ),
      );
      const failed = resources.filter((run) => run.status === "failed");
      if (failed.length) {
        process.stderr.write(
          `storehouse: ${failed.map((run) => `${run.resource}: ${run.note ?? "failed"}`).join("; ")}\n`,
        );
        process.exitCode = 1;
      }
    });
}
