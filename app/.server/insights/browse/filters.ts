// What every data browser reads from its URL: a search text, a sort, a
// cursor and list filters. Invalid values fall back to "no filter" rather
// than an error page: a URL edited by hand still shows the list.
import { Prisma } from "@prisma/client";
import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** "a,b" in the URL; each value trimmed, empties dropped, at most 20. */
export const listParam = z
  .string()
  .max(2000)
  .optional()
  .catch(undefined)
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)
      .slice(0, 20),
  );

export const browseParams = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((value) => value?.trim() || undefined),
  from: day,
  to: day,
  tag: z
    .string()
    .max(255)
    .optional()
    .catch(undefined)
    .transform((value) => value?.trim() || undefined),
  after: z.string().max(400).optional().catch(undefined),
  before: z.string().max(400).optional().catch(undefined),
});

export const BROWSE_PAGE_SIZE = 50;

/** A LIKE pattern matching `text` anywhere, its wildcards escaped. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** `expression` falls on the shop's calendar days from..to (both included; either may be open). */
export function withinDays(
  expression: Prisma.Sql,
  range: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (range.from)
    conditions.push(Prisma.sql`${expression} >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (range.to)
    conditions.push(Prisma.sql`${expression} < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  return conditions;
}

/** The URL form of a "key direction" sort choice, e.g. "date desc". */
export function sortParam<Key extends string>(keys: readonly [Key, ...Key[]], fallback: `${Key} ${"asc" | "desc"}`) {
  return z
    .string()
    .optional()
    .transform((value) => {
      const [key, direction] = (value ?? fallback).split(" ");
      const known = (keys as readonly string[]).includes(key ?? "") && (direction === "asc" || direction === "desc");
      const [fallbackKey, fallbackDirection] = fallback.split(" ") as [Key, "asc" | "desc"];
      return known
        ? { key: key as Key, direction: direction as "asc" | "desc" }
        : { key: fallbackKey, direction: fallbackDirection };
    });
}
