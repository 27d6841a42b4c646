// Data changes: the one hook that fires when a shop's data changed (after a
// batch of webhook events, during and after a backfill or a reconciliation)
// and fans out to whoever subscribed: the dashboard snapshots, the sales
// rollups, alerts, and the S3 snapshots' redactions. A subscriber's failure is logged and never
// reaches the writer: the data is stored either way. Imports only the logger.
import { logger } from "~/.server/logger";

/** Told the domain of a shop whose data changed; may be told more than once for one change. */
export type DataChangeSubscriber = (shopDomain: string) => Promise<void>;

interface Subscriber {
  name: string;
  notify: DataChangeSubscriber;
  everyMs: number;
}

export class DataChanges {
  private readonly subscribers: Subscriber[] = [];
  /** Per subscriber and shop: the run in progress, and whether another change came in while it ran. */
  private readonly runs = new Map<string, { done: Promise<void>; again: boolean }>();
  /** Per subscriber and shop: when its last run started and how long it took. */
  private readonly lastRuns = new Map<string, { started: number; ms: number }>();
  private closed = false;

  /**
   * `everyMs`: a subscriber whose run costs much more than a batch of events
   * (the sales rollups recompute whole days) starts at most once per that
   * interval for a shop, and never sooner than four times its last run's
   * length after that run started (so it takes at most a fifth of the time
   * however large the work grows); the changes in between are covered by
   * the next run.
   */
  subscribe(name: string, notify: DataChangeSubscriber, { everyMs = 0 }: { everyMs?: number } = {}): this {
    this.subscribers.push({ name, notify, everyMs });
    return this;
  }

  /**
   * Tells every subscriber. Changes arriving while a subscriber's run for the
   * shop is in progress are coalesced into one more run after it: subscribers
   * read what changed since their last run (by write position), so at a
   * hundred batches a second they run back to back instead of queueing on
   * each other's locks. Resolves once the run that covers this change ended.
   */
  shopChanged(shopDomain: string): Promise<void> {
    return Promise.all(this.subscribers.map((subscriber) => this.run(subscriber, shopDomain))).then(() => {});
  }

  private run(subscriber: Subscriber, shopDomain: string): Promise<void> {
    const key = `${subscriber.name}\u0000${shopDomain}`;
    const running = this.runs.get(key);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          const last = this.lastRuns.get(key);
          if (last && subscriber.everyMs > 0) {
            const wait = last.started + Math.max(subscriber.everyMs, 5 * last.ms) - Date.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          }
          if (this.closed) break;
          state.again = false;
          const started = Date.now();
          try {
            await subscriber.notify(shopDomain);
          } catch (error) {
            logger.warn(
              { shop: shopDomain, subscriber: subscriber.name, err: error },
              "a data change subscriber failed",
            );
          }
          this.lastRuns.set(key, { started, ms: Date.now() - started });
        } while (state.again);
      } finally {
        this.runs.delete(key);
      }
    })();
    this.runs.set(key, state);
    return state.done;
  }

  /** Stops starting runs (the worker is shutting down and its database clients go next). */
  close(): void {
    this.closed = true;
  }

  /**
   * Runs `work` that changes the shop's data over a long time (a backfill):
   * subscribers hear of it every `everyMs` while it runs and once when it ends.
   */
  async whileChanging<T>(shopDomain: string, work: () => Promise<T>, everyMs = 10_000): Promise<T> {
    const timer = setInterval(() => void this.shopChanged(shopDomain), everyMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await this.shopChanged(shopDomain);
    }
  }
}
