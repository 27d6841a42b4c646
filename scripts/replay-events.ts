// npm run replay -- --event <id>            replay one stored webhook event
// npm run replay -- --shop <domain> [--status dead,failed]
import "~/.server/require-node";
import { parseArgs } from "node:util";
import { createPool } from "~/.server/database/pool";
import { env } from "~/.server/env";
import { replayEvents } from "~/.server/events";
import { startQueue } from "~/.server/jobs";

const USAGE = `npm run replay -- --event <id>
npm run replay -- --shop <domain> [--status failed,dead]

Queues stored webhook events again for the worker: one event by its id, or a
shop's events in the given statuses (default failed,dead).`;

// Arguments first: --help and mistakes are answered before anything starts.
let values: { event?: string; shop?: string; status?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      event: { type: "string" },
      shop: { type: "string" },
      status: { type: "string", default: "failed,dead" },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.event && !values.shop) {
  console.error(USAGE);
  process.exit(2);
}
if (values.event && !/^\d{1,19}$/.test(values.event)) {
  console.error(`--event takes an event id (a number), not "${values.event}"`);
  process.exit(2);
}
const config = env();
const pool = createPool(config.DATABASE_URL, 2);
const queue = await startQueue(config.DATABASE_URL, {
  maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
  jobTimeoutSeconds: config.WORKER_JOB_TIMEOUT_SECONDS,
});
const ids = await replayEvents(
  pool,
  queue,
  values.event
    ? { eventId: values.event }
    : { shopDomain: values.shop!, statuses: values.status!.split(",") as ("failed" | "dead")[] },
);
console.log(`requeued ${ids.length} event(s)${ids.length ? `: ${ids.join(", ")}` : ""}`);
await queue.stop({ graceful: false });
await pool.end();
