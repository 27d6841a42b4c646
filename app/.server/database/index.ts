// Database: the pg pool and its transaction helper, migrations (applied once
// across processes), waiting for a database that is not up yet, and the
// embedded PostgreSQL for local runs and tests. The bottom of the core:
// imports no other core folder. Which client serves what: ADR 012.
export { createPool, inTransaction, type Pool, type PoolClient } from "./pool";
export { pendingMigrations } from "./migrations";
export { retryWithBackoff, waitForDatabase } from "./wait-for-database";
