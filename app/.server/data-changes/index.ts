// Data changes: the one hook that fires when a shop's data changed (after a
// batch of webhook events, during and after a backfill or a reconciliation)
// and fans out to whoever subscribed: today the dashboard snapshots; next,
// alerts and snapshots to S3. A subscriber's failure is logged and never
// reaches the writer: the data is stored either way. Imports only the logger.
import { logger } from "~/.server/logger";

/** Told the domain of a shop whose data changed; may be told more than once for one change. */
export type DataChangeSubscriber = (shopDomain: string) => Promise<void>;

export class DataChanges {
  private readonly subscribers: { name: string; notify: DataChangeSubscriber }[] = [];

  subscribe(name: string, notify: DataChangeSubscriber): this {
    this.subscribers.push({ name, notify });
    return this;
  }

  async shopChanged(shopDomain: string): Promise<void> {
    await Promise.all(
      this.subscribers.map(async ({ name, notify }) => {
        try {
          await notify(shopDomain);
        } catch (error) {
          logger.warn({ shop: shopDomain, subscriber: name, err: error }, "a data change subscriber failed");
        }
      }),
    );
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
