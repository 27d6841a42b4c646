// Task s3-snapshot: take a shop's S3 snapshot (scheduled daily, or asked for
// from the admin), then apply the retention policy. One runs per shop at a
// time: a job that finds another running is retried later.
import { S3_SNAPSHOT_QUEUE, s3SnapshotJob } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { applyRetention, Bucket, SnapshotShopError, takeSnapshot } from "~/.server/s3-snapshots";
import type { TaskFactory } from "../task";

export const s3SnapshotTask: TaskFactory = ({ pool, snapshots }) => ({
  queue: S3_SNAPSHOT_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 2 },
  handler: async ([job]) => {
    const parsed = s3SnapshotJob.safeParse(job!.data);
    if (!parsed.success) {
      logger.error(
        { jobId: job!.id, issues: parsed.error.issues },
        "dropping an S3 snapshot job with an invalid payload",
      );
      return;
    }
    if (!snapshots) {
      logger.warn(
        { shop: parsed.data.shopDomain },
        "S3 snapshot asked for, but snapshots are off (no SNAPSHOT_S3_BUCKET)",
      );
      return;
    }
    const bucket = new Bucket(snapshots);
    const started = performance.now();
    try {
      const taken = await takeSnapshot(pool, bucket, parsed.data.shopDomain, parsed.data.trigger);
      const rows = Object.values(taken.manifest.tables).reduce((sum, table) => sum + table.rows, 0);
      const retention = await applyRetention(
        pool,
        bucket,
        { id: taken.shopId, domain: parsed.data.shopDomain },
        snapshots,
      );
      logger.info(
        {
          shop: parsed.data.shopDomain,
          snapshot: taken.id,
          rows,
          ms: Math.round(performance.now() - started),
          deleted: retention?.deleted.length ?? 0,
        },
        "S3 snapshot taken",
      );
    } catch (error) {
      // A shop uninstalled and redacted since the job was queued: nothing to snapshot.
      if (error instanceof SnapshotShopError) return;
      throw error;
    }
  },
});
