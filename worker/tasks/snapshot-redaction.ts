// Task snapshot-redaction: carry pending customers/redact and shop/redact
// requests to the S3 snapshots (rewrite or delete), until none is left that
// can be done now (a shop whose snapshot is being taken waits for the next round).
import { SNAPSHOT_REDACTION_QUEUE } from "~/.server/jobs";
import { logger } from "~/.server/logger";
import { Bucket, processSnapshotRedactions } from "~/.server/s3-snapshots";
import type { TaskFactory } from "../task";

export const snapshotRedactionTask: TaskFactory = ({ pool, snapshots }) => ({
  queue: SNAPSHOT_REDACTION_QUEUE,
  options: { batchSize: 1, pollingIntervalSeconds: 2 },
  handler: async () => {
    const round = await processSnapshotRedactions(pool, snapshots ? new Bucket(snapshots) : null);
    if (round.completed + round.failed + round.busy > 0) logger.info(round, "snapshot redactions");
    if (round.failed > 0) throw new Error(`${round.failed} snapshot redactions failed; retried`);
  },
});
