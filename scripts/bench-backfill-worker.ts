// The worker side of `npm run bench:backfill`: one shop's full backfill, as
// the worker runs it, in a process of its own so its peak RSS is its own.
// Prints one JSON line with the outcomes, wall time and peak RSS.
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { createPool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";

const { BENCH_DATABASE_URL, BENCH_SIMULATOR_URL, BENCH_SHOP, BENCH_TOKEN, BENCH_SHOP_ID } = process.env;
const pool = createPool(BENCH_DATABASE_URL!, 8);
const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) =>
  fetch(`${BENCH_SIMULATOR_URL}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-host": BENCH_SHOP!,
      "x-shopify-access-token": BENCH_TOKEN!,
    },
    body: JSON.stringify({ query, variables: options?.variables ?? {} }),
  });

// What the peak is made of: sampled every 100 ms.
const peak = { heapUsed: 0, heapTotal: 0, external: 0 };
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  peak.heapTotal = Math.max(peak.heapTotal, usage.heapTotal);
  peak.external = Math.max(peak.external, usage.external);
}, 100);
const started = performance.now();
const limiter = new CostLimiter();
const outcomes = await runBackfill(pool, createAdminRequest(graphql, limiter), BENCH_SHOP_ID!, {
  pollMs: 100,
  maxPollMs: 500,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await pool.end();
// resourceUsage().maxRSS is in kilobytes: the process's peak, not a sample.
const { waits, waitedMs, throttledRetries } = limiter;
console.log(
  JSON.stringify({
    outcomes,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapUsedMb: peak.heapUsed / 2 ** 20,
    peakHeapTotalMb: peak.heapTotal / 2 ** 20,
    peakExternalMb: peak.external / 2 ** 20,
    limiter: { waits, waitedMs, throttledRetries },
  }),
);
