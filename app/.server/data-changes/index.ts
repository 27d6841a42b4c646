// Data changes: the one hook that fires when a shop's data changed (after a
// batch of webhook events, during and after a backfill or a reconciliation)
// and fans out to whoever subscribed: the dashboard snapshots, the sales
// rollups, alerts, and the S3 snapshots' redactions. A subscriber's failure is logged and never
// reaches the writer: the data is stored either way. Imports only the logger.
import { logger } from "~/.server/logger";

/** Told the domain of a shop whose data changed; may be told more than once for one change. */
export type DataChangeSubscriber = (shopDomain: string) => Promise<void>;

export class DataChanges {
  private readonly subscribers: { name: string; notify: DataChangeSubscriber }[] = [];
  /** Per subscriber and shop: the run in progress, and whether another change came in while it ran. */
  private readonly runs = new Map<string, { done: Promise<void>; again: boolean }>();

  subscribe(name: string, notify: DataChangeSubscriber): this {
    this.subscribers.push({ name, notify });
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

  private run(subscriber: { name: string; notify: DataChangeSubscriber }, shopDomain: string): Promise<void> {
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
          state.again = false;
          try {
            await subscriber.notify(shopDomain);
          } catch (error) {
            logger.warn(
              { shop: shopDomain, subscriber: subscriber.name, err: error },
              "a data change subscriber failed",
            );
          }
        } while (state.again);
      } finally {
        this.runs.delete(key);
      }
    })();
    this.runs.set(key, state);
    return state.done;
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
