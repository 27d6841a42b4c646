// storehouse alerts rules add|list|remove|preview, alerts destinations
// list|rotate|resume|test and alerts deliveries list|replay: the same core as
// the admin's Alerts page (app/.server/alerts).
import { Command } from "commander";
import { RULE_KINDS } from "~/.server/alerts/rule-kinds";
import { CliFailure, print } from "./output";
import { shopIdOf } from "./shop-option";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [alerts, environment, database] = await Promise.all([
    import("~/.server/alerts"),
    import("~/.server/env"),
    import("~/db.server"),
  ]);
  return { ...alerts, ...environment, ...database };
}

/** The core's refusals (a bad destination, a rule without its threshold) as one-line failures. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { DestinationError, RuleError } = await core();
    if (error instanceof DestinationError || error instanceof RuleError) throw new CliFailure(error.message);
    throw error;
  }
}

const number = (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new CliFailure(`${value} is not a number`);
  return parsed;
};

const group = (name: string, description: string) =>
  new Command(name).description(description).exitOverride().showHelpAfterError();

function rulesCommand(): Command {
  const command = group("rules", "Add, list, remove and preview alert rules.");
  command
    .command("add")
    .description(`Add a rule sending to DEST. Kinds: ${Object.keys(RULE_KINDS).join(", ")}.`)
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .requiredOption("--kind <kind>", "what to alert on")
    .option(
      "--threshold <n>",
      "units (low-stock), an amount (big-order, refund), seconds (pipeline) or hours (activity)",
      number,
    )
    .option("--location <id>", "stock rules: this location's level (its Shopify id) instead of the total")
    .requiredOption("--to <dest>", "mailto:a@b.c, sms:+15551234567, webhook:https://… or slack:https://…")
    .option("--json", 'print {"id", "destination": {"id", "secret"?}}')
    .action(
      async (options: {
        shop: string;
        kind: string;
        threshold?: number;
        location?: string;
        to: string;
        json?: boolean;
      }) => {
        const { createDestination, createRule, parseDestination, alertsAllowPrivateTargets, prisma } = await core();
        if (options.location !== undefined && !/^\d{1,19}$/.test(options.location)) {
          throw new CliFailure(`${options.location} is not a location id`);
        }
        const shopId = await shopIdOf(options.shop);
        const added = await refusing(async () => {
          const parsed = await parseDestination(options.to, alertsAllowPrivateTargets());
          const existing = await prisma().alertDestination.findFirst({ where: { shopId, ...parsed } });
          const destination = existing
            ? { id: existing.id.toString() }
            : await createDestination(prisma(), shopId, parsed);
          const rule = await createRule(prisma(), shopId, {
            kind: options.kind,
            threshold: options.threshold ?? null,
            destinationId: BigInt(destination.id),
            locationId: options.location === undefined ? null : BigInt(options.location),
          });
          return { rule, destination };
        });
        const secret = "secret" in added.destination ? added.destination.secret : undefined;
        print(
          Boolean(options.json),
          { id: added.rule.id, destination: { id: added.destination.id, ...(secret ? { secret } : {}) } },
          () => [
            `Rule ${added.rule.id} (${options.kind}) sends to destination ${added.destination.id}.`,
            ...(secret ? [`Signing secret (shown only now): ${secret}`] : []),
          ],
        );
      },
    );
  command
    .command("update")
    .description("Change a rule's threshold.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the rule's id")
    .requiredOption("--threshold <n>", "the new threshold", number)
    .action(async (id: string, options: { shop: string; threshold: number }) => {
      const { updateRuleThreshold, prisma } = await core();
      const shopId = await shopIdOf(options.shop);
      const updated =
        /^\d+$/.test(id) &&
        (await refusing(() => updateRuleThreshold(prisma(), shopId, BigInt(id), options.threshold)));
      if (!updated) throw new CliFailure(`no alert rule ${id} in ${options.shop}`);
      process.stderr.write(`alert rule ${id} now alerts at ${options.threshold}\n`);
    });
  command
    .command("list")
    .description("List a shop's rules.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print [{id, kind, threshold, enabled, destination}]")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { listRules, prisma } = await core();
      const rules = await listRules(prisma(), await shopIdOf(options.shop));
      print(
        Boolean(options.json),
        rules.map((rule) => ({
          id: rule.id,
          kind: rule.kind,
          threshold: rule.threshold,
          location_id: rule.locationId,
          enabled: rule.enabled,
          destination: rule.destination,
        })),
        () =>
          rules.length
            ? rules.map(
                (rule) =>
                  `${rule.id}\t${rule.kind}${rule.threshold === null ? "" : ` ${rule.threshold}`}\t${rule.destination.kind}:${rule.destination.target}${rule.enabled ? "" : "\t(disabled)"}`,
              )
            : [`${options.shop} has no alert rules`],
      );
    });
  command
    .command("remove")
    .description("Remove a rule.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the rule's id")
    .action(async (id: string, options: { shop: string }) => {
      const { removeRule, prisma } = await core();
      if (!/^\d+$/.test(id) || !(await removeRule(prisma(), await shopIdOf(options.shop), BigInt(id)))) {
        throw new CliFailure(`no alert rule ${id} in ${options.shop}`);
      }
      process.stderr.write(`alert rule ${id} removed\n`);
    });
  command
    .command("preview")
    .description("What a rule would have sent over the last days of the shop's stored data.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .requiredOption("--kind <kind>", "what to alert on")
    .option("--threshold <n>", "units or an amount", number)
    .option("--location <id>", "stock rules: one location's level")
    .option("--days <n>", "how far back", number, 30)
    .option("--json", "print {days, count, items: [{at, title}]}")
    .action(
      async (options: {
        shop: string;
        kind: string;
        threshold?: number;
        location?: string;
        days: number;
        json?: boolean;
      }) => {
        const { previewRule, pool } = await core();
        const shopId = await shopIdOf(options.shop);
        const preview = await refusing(() =>
          previewRule(
            pool(2),
            shopId.toString(),
            { kind: options.kind, threshold: options.threshold, locationId: options.location ?? null },
            options.days,
          ),
        );
        print(Boolean(options.json), preview, () => [
          `Would have fired ${preview.count} time${preview.count === 1 ? "" : "s"} in the last ${preview.days} days.`,
          ...preview.items.map((item) => `${item.at}\t${item.title}`),
        ]);
      },
    );
  return command;
}

function destinationsCommand(): Command {
  const command = group("destinations", "List destinations, rotate a webhook's secret, resume, send a test.");
  command
    .command("list")
    .description("List a shop's destinations (secrets and Slack paths left out).")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print [{id, kind, target, paused_at, failing_since}]")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { listDestinations, prisma } = await core();
      const destinations = await listDestinations(prisma(), await shopIdOf(options.shop));
      print(
        Boolean(options.json),
        destinations.map((destination) => ({
          id: destination.id,
          kind: destination.kind,
          target: destination.target,
          paused_at: destination.pausedAt?.toISOString() ?? null,
          failing_since: destination.failingSince?.toISOString() ?? null,
        })),
        () =>
          destinations.length
            ? destinations.map(
                (destination) =>
                  `${destination.id}\t${destination.kind}\t${destination.target}${destination.pausedAt ? "\tPAUSED" : ""}`,
              )
            : [`${options.shop} has no alert destinations`],
      );
    });
  command
    .command("rotate")
    .description("Give a webhook destination a new signing secret; the old one also signs for 24 hours.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the destination's id")
    .option("--json", 'print {"id", "secret"}')
    .action(async (id: string, options: { shop: string; json?: boolean }) => {
      const { rotateSecret, prisma } = await core();
      if (!/^\d+$/.test(id)) throw new CliFailure(`no webhook destination ${id}`);
      const secret = await refusing(async () => rotateSecret(prisma(), await shopIdOf(options.shop), BigInt(id)));
      print(Boolean(options.json), { id, secret }, () => [`New signing secret (shown only now): ${secret}`]);
    });
  command
    .command("resume")
    .description("Send to a paused destination again.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the destination's id")
    .action(async (id: string, options: { shop: string }) => {
      const { resumeDestination, prisma } = await core();
      if (!/^\d+$/.test(id) || !(await resumeDestination(prisma(), await shopIdOf(options.shop), BigInt(id)))) {
        throw new CliFailure(`no destination ${id} in ${options.shop}`);
      }
      process.stderr.write(`destination ${id} resumed\n`);
    });
  command
    .command("test")
    .description("Queue a test alert to a destination (the worker sends it).")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the destination's id")
    .action(async (id: string, options: { shop: string }) => {
      const { queueTestAlert, pool } = await core();
      const shopId = await shopIdOf(options.shop);
      if (!/^\d+$/.test(id) || !(await queueTestAlert(pool(2), shopId.toString(), id))) {
        throw new CliFailure(`no destination ${id} in ${options.shop}`);
      }
      process.stderr.write(`test alert queued for destination ${id}\n`);
    });
  return command;
}

function deliveriesCommand(): Command {
  const command = group("deliveries", "The delivery log, and replaying a dead alert.");
  command
    .command("list")
    .description("A shop's latest alert deliveries, newest first.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--json", "print [{id, title, destination, status, attempts, last_status, last_error, created_at}]")
    .action(async (options: { shop: string; json?: boolean }) => {
      const { listDeliveries, pool } = await core();
      const rows = await listDeliveries(pool(2), (await shopIdOf(options.shop)).toString());
      print(
        Boolean(options.json),
        rows.map((row) => ({
          id: row.id,
          title: row.title,
          destination: `${row.destination_kind}:${row.destination}`,
          status: row.status,
          attempts: row.attempts,
          last_status: row.last_status,
          last_error: row.last_error,
          created_at: row.created_at.toISOString(),
        })),
        () => rows.map((row) => `${row.id}\t${row.status}\t${row.destination_kind}\t${row.title}`),
      );
    });
  command
    .command("replay")
    .description("Send a dead alert again.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .argument("<id>", "the delivery's id")
    .action(async (id: string, options: { shop: string }) => {
      const { replayDelivery, pool } = await core();
      const shopId = await shopIdOf(options.shop);
      if (!/^\d+$/.test(id) || !(await replayDelivery(pool(2), shopId.toString(), id))) {
        throw new CliFailure(`no undelivered alert ${id} in ${options.shop}`);
      }
      process.stderr.write(`alert ${id} queued again\n`);
    });
  return command;
}

export function alertsCommand(): Command {
  return group("alerts", "Alert rules, destinations and deliveries.")
    .addCommand(rulesCommand())
    .addCommand(destinationsCommand())
    .addCommand(deliveriesCommand());
}
