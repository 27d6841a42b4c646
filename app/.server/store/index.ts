// Store: upserts of canonical records, the only writer of the resource
// tables, plus compliance erasure. Works inside the caller's transaction.
export * from "./resources";
export * from "./compliance";
export { upsertRow, markDeleted } from "./upsert";
