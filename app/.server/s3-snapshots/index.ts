// S3 snapshots: consistent, versioned Parquet copies of each shop's data in a
// bucket (layout in CONTRACTS.md) that analysts query directly, that restore,
// and that redaction reaches. May import database, jobs and insights.
export { Bucket, type StoredFile } from "./bucket";
export {
  downloadLinks,
  listSnapshots,
  readManifest,
  snapshotHistory,
  type DownloadLink,
  type SnapshotRecord,
} from "./catalogue";
export {
  newSnapshotId,
  SnapshotBusyError,
  SnapshotShopError,
  takeSnapshot,
  type Manifest,
  type SnapshotTrigger,
  type TakenSnapshot,
} from "./create";
export { ParquetFiles } from "./parquet";
export { hasPendingRedactions, processSnapshotRedactions, snapshotRedactionsFollowDataChanges } from "./redaction";
export { RestoreError, restoreSnapshot, type RestoreResult } from "./restore";
export { shopsDueForSnapshot } from "./schedule";
export { applyRetention, snapshotsToDelete, type RetentionPolicy } from "./retention";
export { snapshotSettings, SnapshotSettingsError, type SnapshotSettings } from "./settings";
export { SNAPSHOT_TABLES, snapshotColumns } from "./tables";
