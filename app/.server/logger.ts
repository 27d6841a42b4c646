// The only logger. Structured JSON (pino); secrets are redacted by path so a
// session, a token or an Authorization header can be logged without leaking.
import pino, { type Logger } from "pino";
import { logLevel, logStream } from "./env";

export const REDACTED_PATHS = [
  "accessToken",
  "refreshToken",
  "*.accessToken",
  "*.refreshToken",
  "access_token",
  "refresh_token",
  "*.access_token",
  "*.refresh_token",
  "apiSecretKey",
  "*.apiSecretKey",
  "client_secret",
  "*.client_secret",
  "headers.authorization",
  "headers.Authorization",
  'headers["x-shopify-access-token"]',
  'headers["X-Shopify-Access-Token"]',
  "*.headers.authorization",
  '*.headers["x-shopify-access-token"]',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  const settings = {
    name: options.name ?? "storehouse",
    level: options.level ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // The CLI keeps stdout for its answers (one JSON document with --json): it sends its logs to stderr.
  const stream = logStream();
  if (stream === "stderr-json") return pino(settings, pino.destination(2));
  if (stream === "stderr") return pino(settings, { write: (line: string) => process.stderr.write(shortLine(line)) });
  return pino(settings);
}

const LEVELS: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warning",
  50: "error",
  60: "fatal",
};

/** A log record as one short line for a terminal: level and message (fields, already redacted, left out). */
function shortLine(line: string): string {
  const record = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
  const cause = record.err?.message ? `: ${record.err.message}` : "";
  return `[storehouse] ${LEVELS[record.level] ?? "log"}: ${record.msg ?? ""}${cause}\n`;
}

export const logger: Logger = createLogger({ level: logLevel() });
