// Start-up waits for the database instead of exiting: a process manager that
// restarts a process which died because PostgreSQL was still booting (or
// failing over) only turns a short outage into a crash loop.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

export interface WaitOptions {
  /** Called before each wait with the attempt number, the delay and why the last try failed. */
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
}

/** Runs `attempt` until it succeeds, waiting longer after each failure (capped). */
export async function retryWithBackoff<T>(attempt: () => Promise<T>, options: WaitOptions = {}): Promise<T> {
  let delay = options.firstDelayMs ?? 500;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      options.signal?.throwIfAborted();
      const reason = error instanceof Error ? error.message : String(error);
      options.onRetry?.(tries, delay, reason);
      await sleep(delay, undefined, { signal: options.signal });
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}

/** Resolves once the database at `url` answers a query. */
export function waitForDatabase(url: string, options: WaitOptions = {}): Promise<void> {
  return retryWithBackoff(async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => {});
    }
  }, options);
}
