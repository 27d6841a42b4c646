// Alerts: rules over the shop's data and the pipeline's health, evaluated by
// write position after each change (evaluate.ts), previewed over stored
// history (preview.ts), written to an outbox and delivered by the worker by
// email, SMS, signed webhook or Slack (deliver.ts, channels.ts), with an SSRF
// guard on every URL a merchant gives (target-guard.ts).
// May import database, jobs and the logger.
import type { PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import type { Env } from "~/.server/env";
import { enqueueAlertDelivery } from "~/.server/jobs";
import { DEFAULT_DELIVERY, type DeliverySettings } from "./deliver";
import { evaluateAlerts } from "./evaluate";

export { evaluateAlerts, type AlertPayload, type EvaluationContext } from "./evaluate";
export { deliverDueAlerts, listDeliveries, queueTestAlert, replayDelivery, type DeliverySettings } from "./deliver";
export { previewRule, type RulePreview } from "./preview";
export {
  createRule,
  listRules,
  removeRule,
  setRuleEnabled,
  updateRuleThreshold,
  RULE_KINDS,
  RuleError,
  type RuleKind,
} from "./rules";
export {
  createDestination,
  DestinationError,
  displayTarget,
  listDestinations,
  parseDestination,
  resumeDestination,
  rotateSecret,
} from "./destinations";

/** The delivery settings from the environment. */
export function deliverySettings(config: Env): DeliverySettings {
  const twilio =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? {
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          apiUrl: config.TWILIO_API_URL,
        }
      : undefined;
  return {
    ...DEFAULT_DELIVERY,
    maxAttempts: config.ALERT_MAX_ATTEMPTS,
    retryBaseSeconds: config.ALERT_RETRY_BASE_SECONDS,
    smtpUrl: config.SMTP_URL,
    alertsFrom: config.ALERTS_FROM,
    twilio,
    allowPrivateTargets: config.ALERTS_ALLOW_PRIVATE_TARGETS,
  };
}

/** The embedded app's URL in a shop's admin, under which alerts link to pages. */
export function appAdminUrl(shopDomain: string, apiKey: string): string {
  return `https://${shopDomain}/admin/apps/${apiKey}`;
}

/**
 * The alerts' subscriber to data changes (data-changes/): evaluates the
 * shop's rules over what was written and, when alerts were written, queues
 * their delivery. Shops that never set up alerts cost one lookup.
 */
export function alertsFollowDataChanges(pool: Pool, queue: PgBoss, apiKey: string) {
  return async (shopDomain: string): Promise<void> => {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT s.id::text FROM shops s JOIN alert_evaluation_state a ON a.shop_id = s.id WHERE s.domain = $1`,
      [shopDomain],
    );
    if (!rows[0]) return;
    const written = await evaluateAlerts(pool, rows[0].id, { appAdminUrl: appAdminUrl(shopDomain, apiKey) });
    if (written > 0) await enqueueAlertDelivery(queue);
  };
}

/** Evaluates every shop with alerts set up (pipeline conditions change without data changes); returns alerts written. */
export async function evaluateAllShops(pool: Pool, queue: PgBoss, apiKey: string): Promise<number> {
  const { rows } = await pool.query<{ id: string; domain: string }>(
    `SELECT s.id::text, s.domain FROM shops s JOIN alert_evaluation_state a ON a.shop_id = s.id
     WHERE s.uninstalled_at IS NULL`,
  );
  let written = 0;
  for (const shop of rows) {
    written += await evaluateAlerts(pool, shop.id, { appAdminUrl: appAdminUrl(shop.domain, apiKey) });
  }
  if (written > 0) await enqueueAlertDelivery(queue);
  return written;
}
