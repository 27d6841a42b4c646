// Store: upserts of canonical records, the only writer of the resource
// tables, the write pipeline (payloads -> normalize -> upsert) webhooks and
// sync share, and compliance erasure. Works inside the caller's transaction.
// May import database (types) and normalize.
export * from "./resources";
export * from "./write-batch";
export * from "./compliance";
export { upsertRow, markDeleted } from "./upsert";
