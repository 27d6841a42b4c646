// sync_runs, the ledger of every backfill, reconciliation and registration
// pass: this module is its only writer. A long run is started, reports its
// progress (the dashboard's banner and a resumed backfill read it) and is
// finished; a registration pass is recorded whole, once it is over.
import type { PrismaClient } from "@prisma/client";
import type { Pool } from "~/.server/database/pool";

export type SyncRunKind = "backfill" | "reconcile" | "install";

/** A run's progress, as far as it is known; each given field is written. */
export interface SyncRunProgress {
  bulkOperationId?: string | null;
  objectCount?: number;
  rowsWritten?: number;
  rowsRepaired?: number;
  cursor?: string | null;
  error?: string | null;
  note?: string | null;
}

const COLUMNS: Record<keyof SyncRunProgress, string> = {
  bulkOperationId: "bulk_operation_id",
  objectCount: "object_count",
  rowsWritten: "rows_written",
  rowsRepaired: "rows_repaired",
  cursor: "cursor",
  error: "error",
  note: "note",
};

export async function startSyncRun(
  pool: Pool,
  run: { shopId: string; kind: "backfill" | "reconcile"; resource: string; windowStart?: Date; windowEnd?: Date },
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO sync_runs (shop_id, kind, resource, status, window_start, window_end, started_at)
     VALUES ($1, $2, $3, 'running', $4, $5, now()) RETURNING id`,
    [run.shopId, run.kind, run.resource, run.windowStart ?? null, run.windowEnd ?? null],
  );
  return rows[0]!.id;
}

export async function recordSyncRunProgress(pool: Pool, runId: string, progress: SyncRunProgress): Promise<void> {
  await update(pool, runId, progress);
}

/** One statement: the given fields, plus `fixed` assignments that take no parameter. */
async function update(pool: Pool, runId: string, progress: SyncRunProgress, fixed: string[] = []): Promise<void> {
  const entries = Object.entries(progress).filter(([, value]) => value !== undefined) as [
    keyof SyncRunProgress,
    unknown,
  ][];
  const assignments = [...entries.map(([field], index) => `${COLUMNS[field]} = $${index + 2}`), ...fixed];
  if (!assignments.length) return;
  await pool.query(`UPDATE sync_runs SET ${assignments.join(", ")} WHERE id = $1`, [
    runId,
    ...entries.map(([, value]) => value),
  ]);
}

/** One more attempt of the run (a backfill resource retried after Shopify failed its operation). */
export async function countSyncRunAttempt(pool: Pool, runId: string): Promise<void> {
  await update(pool, runId, {}, ["attempts = attempts + 1"]);
}

export async function finishSyncRun(
  pool: Pool,
  runId: string,
  status: "succeeded" | "failed",
  progress: SyncRunProgress = {},
): Promise<void> {
  // The status is one of two literals, never input.
  await update(pool, runId, progress, [
    `status = '${status === "succeeded" ? "succeeded" : "failed"}'`,
    "finished_at = now()",
  ]);
}

/** A pass that is over (webhook registration): written whole. */
export async function recordSyncRun(
  db: Pick<PrismaClient, "syncRun">,
  run: {
    shopId: bigint;
    kind: SyncRunKind;
    resource: string;
    status: "succeeded" | "failed";
    error: string | null;
    note: string | null;
    rowsWritten: number;
    rowsRepaired: number;
    startedAt: Date;
    finishedAt: Date;
  },
): Promise<void> {
  await db.syncRun.create({ data: run });
}
