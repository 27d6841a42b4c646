// Relay connections the way the Admin API pages them: first/after or
// last/before (one of first or last is required outside bulk operations, at
// most 250), `reverse`, `sortKey`, `query`. Cursors are opaque base64 JSON
// like Shopify's ({"last_id":…,"last_value":…}).
import { GraphQLError } from "graphql";
import { matchesSearch, parseSearchQuery, unknownSearchFields, type SearchFields } from "./search-query";
import type { GraphqlContext } from "./context";

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  query?: string | null;
  sortKey?: string | null;
}

/** An ordered source addressable by index: a generated collection or a plain array. */
export interface IndexedSource<T> {
  length: number;
  at(index: number): T | undefined;
  indexOf(id: string): number | undefined;
}

export function arraySource<T extends { id: string }>(items: readonly T[]): IndexedSource<T> {
  return {
    length: items.length,
    at: (index) => items[index],
    indexOf: (id) => {
      const index = items.findIndex((item) => item.id === id);
      return index < 0 ? undefined : index;
    },
  };
}

export interface ConnectionSpec<T> {
  source: IndexedSource<T>;
  view: (record: T) => object;
  id: (record: T) => string;
  search?: { fields: SearchFields<T>; text: (record: T) => string };
  /** Sort values by sortKey; a key not listed sorts by id (index order). */
  sortKeys?: Record<string, (record: T) => number | string>;
  /** A root field: in a bulk operation it pages through the context's window. */
  root?: boolean;
  /** Records the app may not see at all (e.g. orders past 60 days without read_all_orders). */
  visible?: (record: T) => boolean;
}

interface Cursor {
  last_id: string;
  last_value: string | number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64");
}

function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64").toString()) as Cursor;
    if (typeof cursor.last_id === "string") return cursor;
  } catch {
    // fall through to the error Shopify gives
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

export function pageSize(args: ConnectionArgs, context: GraphqlContext): { size: number; forward: boolean } {
  if (context.bulk) return { size: Number.POSITIVE_INFINITY, forward: true };
  const { first, last } = args;
  if (first == null && last == null) throw new GraphQLError("you must provide one of first or last");
  if (first != null && last != null) throw new GraphQLError("providing both first and last is not supported");
  const size = (first ?? last)!;
  if (size < 0) throw new GraphQLError(`${first != null ? "first" : "last"} must be a positive number`);
  if (size > MAX_PAGE_SIZE) {
    throw new GraphQLError(`The page size ${size} exceeds the maximum of ${MAX_PAGE_SIZE}.`, {
      extensions: { code: "MAX_PAGE_SIZE_EXCEEDED" },
    });
  }
  return { size, forward: first != null };
}

export function connection<T>(spec: ConnectionSpec<T>, args: ConnectionArgs, context: GraphqlContext) {
  const { size, forward } = pageSize(args, context);
  const alternatives = parseSearchQuery(args.query);
  if (spec.search) {
    for (const field of unknownSearchFields(alternatives, spec.search.fields)) {
      context.warnings.push({ field, message: `Invalid search field for this query.` });
    }
  }
  const matches = (record: T) =>
    (!spec.visible || spec.visible(record)) &&
    (!spec.search || matchesSearch(record, alternatives, spec.search.fields, spec.search.text));
  const sortValue = spec.sortKeys?.[args.sortKey ?? ""];
  // Walking direction through the sorted list: reverse flips it, `last` walks from the end.
  const descending = Boolean(args.reverse) !== !forward;
  const selected: { record: T; cursor: string }[] = [];
  let hasMore = false;

  const take = (record: T, value: string | number) => {
    if (selected.length >= size) {
      hasMore = true;
      return false;
    }
    selected.push({ record, cursor: encodeCursor({ last_id: spec.id(record), last_value: value }) });
    return true;
  };

  const window = spec.root ? context.bulk?.window : undefined;
  if (!sortValue) {
    const { source } = spec;
    const boundary = args.after ?? args.before;
    let position = descending ? source.length - 1 : 0;
    if (window) position = window.start;
    if (boundary) {
      const index = source.indexOf(decodeCursor(boundary).last_id);
      if (index === undefined) throw new GraphQLError("Invalid cursor for current pagination sort.");
      position = descending ? index - 1 : index + 1;
    }
    const end = window ? Math.min(source.length, window.end) : source.length;
    for (; descending ? position >= 0 : position < end; position += descending ? -1 : 1) {
      const record = source.at(position);
      if (record === undefined || !matches(record)) continue;
      if (!take(record, spec.id(record))) break;
    }
    if (window) context.bulk!.exhausted = end >= source.length;
  } else {
    // Sorting by a value needs the whole matching set: fine at simulator scale.
    const all: { record: T; value: string | number; index: number }[] = [];
    for (let index = 0; index < spec.source.length; index += 1) {
      const record = spec.source.at(index);
      if (record !== undefined && matches(record)) all.push({ record, value: sortValue(record), index });
    }
    all.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index));
    if (descending) all.reverse();
    let start = 0;
    const boundary = args.after ?? args.before;
    if (boundary) {
      const id = decodeCursor(boundary).last_id;
      const position = all.findIndex((entry) => spec.id(entry.record) === id);
      if (position < 0) throw new GraphQLError("Invalid cursor for current pagination sort.");
      start = position + 1;
    }
    for (const entry of all.slice(start)) if (!take(entry.record, entry.value)) break;
    // Sorted sets are taken whole in the first window.
    if (window) context.bulk!.exhausted = true;
  }

  const ordered = forward ? selected : selected.reverse();
  const edges = ordered.map(({ record, cursor }) => ({ __typename: "Edge", cursor, node: spec.view(record) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: forward ? hasMore : Boolean(args.before),
      hasPreviousPage: forward ? Boolean(args.after) : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Lists that the Admin API exposes as plain arrays with an optional `first`. */
export function firstOf<T>(items: readonly T[], args: { first?: number | null }): readonly T[] {
  return args.first == null ? items : items.slice(0, args.first);
}
