// The outbox's delivery: the worker claims due alerts (SKIP LOCKED, so
// several workers share the work without sending one twice), sends each,
// records the attempt, and on failure retries with exponential backoff (or
// the receiver's Retry-After) until it gives up and marks the alert dead. A
// dead alert can be replayed. A destination failing for days is paused and
// the Alerts page says so. Slack gets at most one message a second per
// destination, as its incoming webhooks ask.
import type { Pool } from "~/.server/database/pool";
import { sendAlert, type ChannelSettings, type DestinationForSending } from "./channels";
import { displayTarget } from "./destinations";
import type { AlertPayload } from "./evaluate";

export interface DeliverySettings extends ChannelSettings {
  /** Attempts before an alert is dead. */
  maxAttempts: number;
  /** The first retry's delay; each later one doubles, up to an hour. */
  retryBaseSeconds: number;
  /** A destination failing this long without a success is paused. */
  pauseAfterMs: number;
}

export const DEFAULT_DELIVERY = { maxAttempts: 8, retryBaseSeconds: 30, pauseAfterMs: 3 * 86_400_000 };

/** How long a claimed alert stays invisible to other workers while it is being sent. */
const LEASE_SECONDS = 120;
const SLACK_GAP_MS = 1_000;

interface Claimed {
  id: string;
  shop_id: string;
  destination_id: string;
  attempts: number;
  payload: AlertPayload;
}

export interface DeliveryRound {
  delivered: number;
  failed: number;
  dead: number;
}

/** Sends every alert that is due (up to `limit`); returns what happened. */
export async function deliverDueAlerts(pool: Pool, settings: DeliverySettings, limit = 100): Promise<DeliveryRound> {
  const { rows: claimed } = await pool.query<Claimed>(
    `UPDATE alert_deliveries d SET next_attempt_at = now() + make_interval(secs => $2)
     FROM (
       SELECT d2.id FROM alert_deliveries d2 JOIN alert_destinations t ON t.id = d2.destination_id
       WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND t.paused_at IS NULL
       ORDER BY d2.next_attempt_at, d2.id LIMIT $1
       FOR UPDATE OF d2 SKIP LOCKED
     ) due
     WHERE d.id = due.id
     RETURNING d.id::text, d.shop_id::text, d.destination_id::text, d.attempts, d.payload`,
    [limit, LEASE_SECONDS],
  );
  const round: DeliveryRound = { delivered: 0, failed: 0, dead: 0 };
  if (!claimed.length) return round;
  const { rows: destinations } = await pool.query<DestinationForSending & { id: string }>(
    `SELECT id::text, kind, target, secret, previous_secret AS "previousSecret", previous_until AS "previousUntil"
     FROM alert_destinations WHERE id = ANY($1::bigint[])`,
    [[...new Set(claimed.map((row) => row.destination_id))]],
  );
  const byId = new Map(destinations.map((destination) => [destination.id, destination]));
  const queues = new Map<string, Claimed[]>();
  for (const row of claimed)
    (queues.get(row.destination_id) ?? queues.set(row.destination_id, []).get(row.destination_id)!).push(row);
  // Destinations in parallel; one destination's alerts in order, Slack paced.
  await Promise.all(
    [...queues.entries()].map(async ([destinationId, rows]) => {
      const destination = byId.get(destinationId)!;
      for (const [index, row] of rows.entries()) {
        if (index > 0 && destination.kind === "slack") await new Promise((done) => setTimeout(done, SLACK_GAP_MS));
        const outcome = await attempt(pool, row, destination, settings);
        round[outcome] += 1;
      }
    }),
  );
  return round;
}

async function attempt(
  pool: Pool,
  row: Claimed,
  destination: DestinationForSending,
  settings: DeliverySettings,
): Promise<keyof DeliveryRound> {
  const started = performance.now();
  const sent = await sendAlert(destination, row.payload, `alert_${row.id}`, settings);
  const durationMs = Math.round(performance.now() - started);
  await pool.query(
    `INSERT INTO alert_attempts (delivery_id, ok, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, sent.ok, sent.status ?? null, sent.error ?? null, durationMs],
  );
  if (sent.ok) {
    await pool.query(
      `UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = now(),
         last_status = $2, last_error = NULL WHERE id = $1`,
      [row.id, sent.status ?? null],
    );
    await pool.query(`UPDATE alert_destinations SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
      row.destination_id,
    ]);
    return "delivered";
  }
  const attempts = row.attempts + 1;
  const dead = sent.permanent === true || attempts >= settings.maxAttempts;
  const backoff = Math.min(3600, settings.retryBaseSeconds * 2 ** (attempts - 1));
  const delay = Math.max(backoff, sent.retryAfterSeconds ?? 0);
  await pool.query(
    `UPDATE alert_deliveries SET attempts = $2, status = $3, last_status = $4, last_error = $5,
       next_attempt_at = now() + make_interval(secs => $6) WHERE id = $1`,
    [row.id, attempts, dead ? "dead" : "pending", sent.status ?? null, sent.error ?? null, delay],
  );
  await pool.query(
    `UPDATE alert_destinations SET failing_since = coalesce(failing_since, now()),
       paused_at = CASE WHEN failing_since < now() - make_interval(secs => $2) THEN now() ELSE paused_at END
     WHERE id = $1`,
    [row.destination_id, settings.pauseAfterMs / 1000],
  );
  return dead ? "dead" : "failed";
}

/** Sends a dead (or failed) alert again from scratch; false when the shop has no such alert. */
export async function replayDelivery(pool: Pool, shopId: string, deliveryId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now()
     WHERE id = $1 AND shop_id = $2 AND status <> 'delivered'`,
    [deliveryId, shopId],
  );
  return (rowCount ?? 0) > 0;
}

/** Queues a test alert to a destination ("send a test"); false when the shop has no such destination. */
export async function queueTestAlert(pool: Pool, shopId: string, destinationId: string): Promise<boolean> {
  const { rows } = await pool.query<{ domain: string }>(
    `SELECT s.domain FROM alert_destinations d JOIN shops s ON s.id = d.shop_id WHERE d.id = $1 AND d.shop_id = $2`,
    [destinationId, shopId],
  );
  if (!rows[0]) return false;
  const now = new Date();
  const payload: AlertPayload = {
    kind: "test",
    title: "Test alert from Storehouse",
    text: "This destination receives Storehouse's alerts.",
    link: null,
    facts: [],
    shop: rows[0].domain,
    occurred_at: now.toISOString(),
  };
  await pool.query(
    `INSERT INTO alert_deliveries (shop_id, destination_id, dedupe_key, payload) VALUES ($1, $2, $3, $4)`,
    [shopId, destinationId, `test:${now.getTime()}`, JSON.stringify(payload)],
  );
  return true;
}

/** The shop's recent deliveries, newest first, for the delivery log. */
export async function listDeliveries(pool: Pool, shopId: string, limit = 50) {
  const { rows } = await pool.query<{
    id: string;
    title: string;
    kind: string;
    destination: string;
    destination_kind: string;
    status: string;
    attempts: number;
    last_status: number | null;
    last_error: string | null;
    created_at: Date;
    delivered_at: Date | null;
  }>(
    `SELECT d.id::text, d.payload->>'title' AS title, d.payload->>'kind' AS kind, t.target AS destination,
       t.kind AS destination_kind, d.status, d.attempts, d.last_status, d.last_error, d.created_at, d.delivered_at
     FROM alert_deliveries d JOIN alert_destinations t ON t.id = d.destination_id
     WHERE d.shop_id = $1 ORDER BY d.id DESC LIMIT $2`,
    [shopId, limit],
  );
  return rows.map((row) => ({ ...row, destination: displayTarget(row.destination_kind, row.destination) }));
}
