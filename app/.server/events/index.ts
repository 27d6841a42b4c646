// Events: applying stored webhook events to the normalized tables (the
// worker's core) and replaying them. May import database, normalize, store, jobs.
export { processWebhookEvent, recordEventFailure, type ProcessResult } from "./process-event";
export { replayEvents, type ReplaySelection } from "./replay";
export { HANDLERS } from "./apply-event";
export { processWebhookEventBatch, type BatchOutcome } from "./process-batch";
