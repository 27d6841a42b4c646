// The one reader of process.env. Both processes (web and worker) parse it at
// boot and fail with field-level messages; modules take what they need as
// arguments, so tests never import this file.
import { z } from "zod";

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean),
);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "the app's client id from the Partner Dashboard"),
  SHOPIFY_API_SECRET: z.string().min(1, "the app's client secret; it signs webhooks and session tokens"),
  SHOPIFY_APP_URL: z.url("the public https URL of the app"),
  SCOPES: commaList.pipe(z.array(z.string()).min(1, "at least one access scope")),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "a postgresql:// URL (unset it to use the embedded database)"),
  PORT: z.coerce.number().int().positive().default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  SHOPIFY_SIMULATOR_URL: z.url().optional(),
  /** Largest webhook body accepted; big orders run to several megabytes. */
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1_000_000)
    .default(16 * 1024 * 1024),
  /** A client must send its request headers within this long, or the connection is closed. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(10_000),
  /** A client must send its whole request (body included) within this long. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** A shop's daily sales rollups are refreshed at most this often while its data keeps changing. */
  SALES_ROLLUPS_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  /** Jobs one worker process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Attempts before an event is dead: retried with exponential backoff in between. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(8),
  /** A job whose worker died is retried after this long (must exceed the slowest event). */
  WORKER_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(300),
  /** How often each shop is reconciled against Shopify (missed webhooks repaired, subscriptions re-checked). */
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
  /** How far each reconciliation window reaches back before the previous one's end. */
  RECONCILE_LOOKBACK_SECONDS: z.coerce.number().int().min(0).default(300),
  /** A backfill or reconciliation whose worker died is retried after this long without a heartbeat. */
  SYNC_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(30),
  /** First delay before a failed backfill or reconciliation job is retried; later ones double. */
  SYNC_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Analyst API requests one key may make per minute, across every web process. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** SMTP server of alert emails, e.g. smtp://user:pass@host:587; email alerts are off without it. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL")
    .optional(),
  /** Sender address of alert emails. */
  ALERTS_FROM: z.string().default("Storehouse <alerts@storehouse.invalid>"),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  /** Overrides Twilio's base URL (tests point it at a local server speaking Twilio's API). */
  TWILIO_API_URL: z.url().optional(),
  /** Lets webhook and Slack destinations reach private or loopback addresses (local work only). */
  ALERTS_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** Attempts before an alert delivery is dead. */
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** First retry delay of a failed alert delivery; later ones double (up to an hour). */
  ALERT_RETRY_BASE_SECONDS: z.coerce.number().min(0).default(30),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The log level alone, readable before (and without) a valid environment,
 * so scripts and a failing boot can still log.
 */
/**
 * Where logs go: stdout as JSON, except in the CLI, whose stdout holds its
 * answers (one JSON document with --json): stderr, as short lines for people
 * ("stderr"), or as JSON with --verbose ("stderr-json").
 */
export function logStream(): "stdout" | "stderr" | "stderr-json" {
  const stream = process.env.LOG_STREAM;
  return stream === "stderr" || stream === "stderr-json" ? stream : "stdout";
}

/** The CLI logs to stderr: debug with --verbose, else warnings and errors unless LOG_LEVEL says otherwise. */
export function useCliLogging(verbose: boolean): void {
  process.env.LOG_STREAM = verbose ? "stderr-json" : "stderr";
  if (verbose) process.env.LOG_LEVEL = "debug";
  else process.env.LOG_LEVEL ??= "warn";
}

export function logLevel(): string {
  const level = process.env.LOG_LEVEL;
  if (level) return level;
  return process.env.NODE_ENV === "test" || process.env.VITEST ? "silent" : "info";
}

/** ALERTS_ALLOW_PRIVATE_TARGETS alone, for the CLI (which needs none of the Shopify settings). */
export function alertsAllowPrivateTargets(): boolean {
  return process.env.ALERTS_ALLOW_PRIVATE_TARGETS === "true";
}

/** The SNAPSHOT_* variables alone (s3-snapshots/settings.ts parses them), for processes without the Shopify settings. */
export function snapshotEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith("SNAPSHOT_")));
}
