// Reporting periods in the shop's time zone: "today", the last 7/30/90 days
// (today included) or a custom range of calendar days, each compared with the
// period of the same length just before it.
export type PeriodKey = "today" | "7d" | "30d" | "90d" | "custom";

/** Calendar days as YYYY-MM-DD, both included. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ResolvedPeriod {
  key: PeriodKey;
  current: DayRange;
  previous: DayRange;
  days: number;
}

const LENGTHS: Record<Exclude<PeriodKey, "custom">, number> = { today: 1, "7d": 7, "30d": 30, "90d": 90 };
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in `timeZone` (IANA name), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export class PeriodError extends Error {
  override name = "PeriodError";
}

export function resolvePeriod(
  key: PeriodKey,
  timeZone: string,
  custom?: { from?: string | null; to?: string | null },
  now = new Date(),
): ResolvedPeriod {
  let current: DayRange;
  if (key === "custom") {
    const from = custom?.from ?? "";
    const to = custom?.to ?? "";
    if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
      throw new PeriodError("a custom period needs from and to as YYYY-MM-DD");
    }
    if (from > to) throw new PeriodError("a custom period must start on or before its end");
    if (daysBetween(from, to) > 366 * 3) throw new PeriodError("a custom period can span at most three years");
    current = { from, to };
  } else {
    const today = todayIn(timeZone, now);
    current = { from: addDays(today, 1 - LENGTHS[key]), to: today };
  }
  const days = daysBetween(current.from, current.to);
  return { key, current, previous: { from: addDays(current.from, -days), to: addDays(current.from, -1) }, days };
}

const PERIOD_KEYS = new Set<string>(["today", "7d", "30d", "90d", "custom"]);

/**
 * The period a page's search parameters ask for (`period`, and `from`/`to`
 * for a custom one). A key it does not know means the default, the last 30
 * days; a custom period it cannot use falls back to them too, with the reason.
 */
export function periodFromSearch(
  search: URLSearchParams,
  timeZone: string,
  now = new Date(),
): { period: ResolvedPeriod; periodError: string | null } {
  const asked = search.get("period") ?? "30d";
  const key = (PERIOD_KEYS.has(asked) ? asked : "30d") as PeriodKey;
  try {
    return {
      period: resolvePeriod(key, timeZone, { from: search.get("from"), to: search.get("to") }, now),
      periodError: null,
    };
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    return { period: resolvePeriod("30d", timeZone, undefined, now), periodError: error.message };
  }
}

/** A time zone the database and Intl both understand; anything else reads as UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
