// Task alert-delivery: delivery rounds of the alerts outbox until nothing is
// due, then a round queued for when the next retry falls due.
import { deliverDueAlerts, deliverySettings } from "~/.server/alerts";
import { ALERT_DELIVERY_QUEUE, enqueueAlertDelivery } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import type { TaskFactory } from "../task";

export const alertDeliveryTask: TaskFactory = ({ config, pool, queue }) => {
  const settings = deliverySettings(config);
  return {
    queue: ALERT_DELIVERY_QUEUE,
    options: { batchSize: 1, pollingIntervalSeconds: 0.5 },
    handler: async () => {
      for (;;) {
        const round = await deliverDueAlerts(pool, settings);
        if (round.delivered + round.failed + round.dead === 0) break;
        logger.info(round, "alerts delivered");
      }
      const { rows } = await pool.query<{ wait: number | null }>(
        `SELECT ceil(extract(epoch FROM min(d.next_attempt_at) - now()))::int AS wait
         FROM alert_deliveries d JOIN alert_destinations t ON t.id = d.destination_id
         WHERE d.status = 'pending' AND t.paused_at IS NULL`,
      );
      const wait = rows[0]?.wait;
      if (wait !== null && wait !== undefined) await enqueueAlertDelivery(queue, Math.max(1, wait));
    },
  };
};
