// What a task file exports: the queue it works, pg-boss's options for it,
// and its handler, given the worker's dependencies (graphile-worker's shape).
// Every handler gets its jobs with their metadata (attempts, creation time).
import type { JobWithMetadata, WorkOptions } from "pg-boss";
import type { WorkerDeps } from "./deps";

export interface WorkerTask {
  queue: string;
  options: Omit<WorkOptions, "includeMetadata">;
  /** Runs a batch of the queue's jobs; throwing fails the whole batch (pg-boss retries its jobs). */
  handler: (jobs: JobWithMetadata<unknown>[]) => Promise<void>;
}

export type TaskFactory = (deps: WorkerDeps) => WorkerTask;
