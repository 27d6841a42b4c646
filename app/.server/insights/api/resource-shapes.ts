// What every analyst API resource shares: the contract's value shapes
// (money as a 2-decimal string, ISO 8601 UTC instants) and what a resource
// definition holds (resources.ts lists and reads every resource through it).
import type { Pool } from "~/.server/database/pool";
import type { CursorTable } from "../write-cursor";
import { z } from "./zod";

export const isoDateTime = z.string().datetime({ offset: true });
export const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .nullable();
export const instant = z.string().nullable();

export type Row = Record<string, unknown>;

export interface ApiResource {
  table: CursorTable;
  /** The shape's scalar fields as SQL over the table (alias t); money with round(..., 2)::text, ids ::text. */
  columns: string;
  /** The resource's own list filters: a parameter name and its condition (`?` is the value). */
  filters: Record<string, { schema: z.ZodType; sql: string }>;
  /** Finds a row by the id of the detail route; undefined when the id cannot be one. */
  byId: (id: string) => { sql: string; params: unknown[] } | undefined;
  /**
   * Rows as the shape, children added (a few queries per page, never one per
   * row); `rowIds` are the rows' own ids, in the same order, for joining children.
   */
  shape: (pool: Pool, shopId: string, rows: Row[], rowIds: string[]) => Promise<Row[]>;
  schema: z.ZodType;
}

export const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
