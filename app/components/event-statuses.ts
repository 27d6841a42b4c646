/** A webhook event's states (webhook_events.status), shared by the event log's server and browser code. */
export const EVENT_STATUSES = ["pending", "processed", "failed", "dead", "ignored"] as const;
