// storehouse events list|show|replay: a shop's stored webhook events, as the
// admin's event log shows them, and replay of the real stored payloads (by
// id, by status, by the day they arrived) through the worker.
import { Command, InvalidArgumentError } from "commander";
import { CliFailure, print } from "./output";
import { shopIdOf } from "./shop-option";

/** The core, loaded when a command runs: `--help` loads none of it (and answers at once). */
async function core() {
  const [environment, events, eventLog, jobs, database] = await Promise.all([
    import("~/.server/env"),
    import("~/.server/events"),
    import("~/.server/insights/events"),
    import("~/.server/jobs"),
    import("~/db.server"),
  ]);
  return { ...environment, ...events, ...eventLog, ...jobs, ...database };
}

const REPLAYABLE = ["failed", "dead", "processed"] as const;

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError("a day as YYYY-MM-DD (UTC)");
  return value;
}

function eventId(value: string, previous: string[] = []): string[] {
  if (!/^\d{1,19}$/.test(value)) throw new InvalidArgumentError("an event id (a number)");
  return [...previous, value];
}

function statuses(value: string): (typeof REPLAYABLE)[number][] {
  const list = value.split(",").map((status) => status.trim());
  const unknown = list.find((status) => !(REPLAYABLE as readonly string[]).includes(status));
  if (unknown) throw new InvalidArgumentError(`statuses among ${REPLAYABLE.join(", ")}`);
  return list as (typeof REPLAYABLE)[number][];
}

export function eventsCommand(): Command {
  const command = new Command("events")
    .description("List, show and replay a shop's stored webhook events.")
    .exitOverride()
    .showHelpAfterError();
  command
    .command("list")
    .description("A shop's events, newest first, 50 a page.")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--status <status>", "pending, processed, failed, ignored or dead")
    .option("--topic <topic>", "e.g. orders/create")
    .option("--from <day>", "received on or after this UTC day (YYYY-MM-DD)", day)
    .option("--to <day>", "received on or before this UTC day (YYYY-MM-DD)", day)
    .option("--before <id>", "the page after this event id (next_before of the previous page)")
    .option(
      "--json",
      "print {events: [{id, topic, status, attempts, received_at, processed_at, last_error}], next_before}",
    )
    .action(
      async (options: {
        shop: string;
        status?: string;
        topic?: string;
        from?: string;
        to?: string;
        before?: string;
        json?: boolean;
      }) => {
        const { eventFilters, listEvents, prisma } = await core();
        const filters = eventFilters.parse(options);
        if (options.status && !filters.status) throw new CliFailure(`unknown status ${options.status}`);
        const page = await listEvents(prisma(), await shopIdOf(options.shop), filters);
        const events = page.events.map((event) => ({
          id: event.id,
          topic: event.topic,
          status: event.status,
          attempts: event.attempts,
          received_at: event.receivedAt.toISOString(),
          processed_at: event.processedAt?.toISOString() ?? null,
          last_error: event.lastError,
        }));
        print(Boolean(options.json), { events, next_before: page.nextBefore }, () => [
          ...events.map(
            (event) =>
              `${event.id}\t${event.received_at}\t${event.topic}\t${event.status}\t${event.attempts}${event.last_error ? `\t${event.last_error}` : ""}`,
          ),
          ...(page.nextBefore ? [`more: --before ${page.nextBefore}`] : []),
          ...(events.length === 0 ? ["No events match."] : []),
        ]);
      },
    );
  command
    .command("show")
    .description("One event of the shop, with its stored payload.")
    .argument("<id>", "the event's id")
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option(
      "--json",
      "print {id, topic, status, attempts, webhook_id, api_version, triggered_at, received_at, processed_at, last_error, payload}",
    )
    .action(async (id: string, options: { shop: string; json?: boolean }) => {
      const { getEvent, prisma } = await core();
      const event = await getEvent(prisma(), await shopIdOf(options.shop), id);
      if (!event) throw new CliFailure(`no event ${id} of ${options.shop}`);
      const fields = {
        id: event.id,
        topic: event.topic,
        status: event.status,
        attempts: event.attempts,
        webhook_id: event.webhookId,
        api_version: event.apiVersion,
        triggered_at: event.triggeredAt?.toISOString() ?? null,
        received_at: event.receivedAt.toISOString(),
        processed_at: event.processedAt?.toISOString() ?? null,
        last_error: event.lastError,
      };
      if (options.json) {
        // The payload goes in as stored: parsing it here would round 64-bit ids.
        process.stdout.write(`${JSON.stringify(fields).slice(0, -1)},"payload":${event.payload}}\n`);
        return;
      }
      print(false, null, () => [
        ...Object.entries(fields).map(([key, value]) => `${key}\t${value ?? "—"}`),
        event.payload,
      ]);
    });
  command
    .command("replay")
    .description(
      "Apply stored events again through the worker: by id, or the shop's events in some statuses (and received in a day range).",
    )
    .requiredOption("--shop <domain>", "the shop's myshopify domain")
    .option("--id <id>", "an event id (repeat for several)", eventId)
    .option("--status <list>", "with no --id: statuses to replay, comma-separated (failed, dead, processed)", statuses)
    .option("--from <day>", "with no --id: received on or after this UTC day", day)
    .option("--to <day>", "with no --id: received on or before this UTC day", day)
    .option("--json", "print {requeued: [ids]}")
    .action(
      async (options: {
        shop: string;
        id?: string[];
        status?: (typeof REPLAYABLE)[number][];
        from?: string;
        to?: string;
        json?: boolean;
      }) => {
        const { env, replayEvents, startQueue, pool } = await core();
        const domain = options.shop.toLowerCase();
        const shopId = (await shopIdOf(domain)).toString();
        const queue = await startQueue(env().DATABASE_URL);
        try {
          const requeued = await replayEvents(
            pool(),
            queue,
            options.id
              ? { shopId, eventIds: options.id }
              : { shopDomain: domain, statuses: options.status, from: options.from, to: options.to },
          );
          print(Boolean(options.json), { requeued }, () => [
            requeued.length
              ? `Requeued ${requeued.length} event(s) for the worker: ${requeued.join(", ")}`
              : "No event matched: nothing requeued.",
          ]);
        } finally {
          await queue.stop({ graceful: false, close: true });
        }
      },
    );
  return command;
}
