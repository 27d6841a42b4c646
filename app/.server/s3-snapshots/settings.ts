// Snapshot settings, parsed on their own (env.ts snapshotEnvironment gives
// the variables): the CLI needs them without the Shopify settings.
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const settingsSchema = z.object({
  SNAPSHOT_S3_BUCKET: z.string().optional(),
  SNAPSHOT_S3_PREFIX: z.string().default("storehouse"),
  SNAPSHOT_S3_REGION: z.string().default("us-east-1"),
  SNAPSHOT_S3_ENDPOINT: z.url().optional(),
  SNAPSHOT_S3_FORCE_PATH_STYLE: flag,
  /**
   * The SDK's checksums: `when_supported` (its default: CRC32 on every upload) or `when_required`,
   * for S3-compatible servers that do not know the newer checksum headers.
   */
  SNAPSHOT_S3_CHECKSUMS: z.enum(["when_supported", "when_required"]).default("when_supported"),
  /** Daily snapshots after the shop's local midnight at this hour; `off` takes none on schedule. */
  SNAPSHOT_SCHEDULE_HOUR: z.union([z.literal("off"), z.coerce.number().int().min(0).max(23)]).default(0),
  SNAPSHOT_KEEP_DAILY: z.coerce.number().int().min(1).default(7),
  SNAPSHOT_KEEP_MONTHLY: z.coerce.number().int().min(0).default(12),
  /** Rows per Parquet file: bounds the temporary disk and memory one file takes. */
  SNAPSHOT_PART_ROWS: z.coerce.number().int().min(1).default(100_000),
  /** How long a download link from the admin stays valid. */
  SNAPSHOT_LINK_SECONDS: z.coerce.number().int().min(60).max(604_800).default(900),
});

export interface SnapshotSettings {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  checksums: "when_supported" | "when_required";
  scheduleHour: number | "off";
  keepDaily: number;
  keepMonthly: number;
  partRows: number;
  linkSeconds: number;
}

export class SnapshotSettingsError extends Error {}

/** The settings, or null when snapshots are off (no bucket). Invalid values throw a message naming the variable. */
export function snapshotSettings(source: Record<string, string | undefined>): SnapshotSettings | null {
  const parsed = settingsSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SnapshotSettingsError(`${issue.path.join(".")}: ${issue.message}`);
  }
  const value = parsed.data;
  if (!value.SNAPSHOT_S3_BUCKET) return null;
  return {
    bucket: value.SNAPSHOT_S3_BUCKET,
    prefix: value.SNAPSHOT_S3_PREFIX.replace(/^\/+|\/+$/g, ""),
    region: value.SNAPSHOT_S3_REGION,
    endpoint: value.SNAPSHOT_S3_ENDPOINT,
    forcePathStyle: value.SNAPSHOT_S3_FORCE_PATH_STYLE,
    checksums: value.SNAPSHOT_S3_CHECKSUMS,
    scheduleHour: value.SNAPSHOT_SCHEDULE_HOUR,
    keepDaily: value.SNAPSHOT_KEEP_DAILY,
    keepMonthly: value.SNAPSHOT_KEEP_MONTHLY,
    partRows: value.SNAPSHOT_PART_ROWS,
    linkSeconds: value.SNAPSHOT_LINK_SECONDS,
  };
}
