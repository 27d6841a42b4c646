// npm run replay -- --event <id>            replay one stored webhook event
// npm run replay -- --shop <domain> [--status dead,failed]
import { parseArgs } from "node:util";
import { createPool } from "~/.server/database/pool";
import { env } from "~/.server/env";
import { replayEvents } from "~/.server/events";
import { startQueue } from "~/.server/jobs";

const { values } = parseArgs({
  options: { event: { type: "string" }, shop: { type: "string" }, status: { type: "string", default: "failed,dead" } },
});
if (!values.event && !values.shop) {
  console.error("usage: npm run replay -- --event <id> | --shop <domain> [--status failed,dead]");
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
