// Shopify's search syntax, as far as the app and tests use it:
//   updated_at:>'2026-01-01T00:00:00Z' status:active -tag:draft id:>=123 OR email:a@b.c
// Terms are ANDed; OR separates alternatives; a leading "-" or NOT negates.
// A term on a field the resource does not know is ignored, as Shopify ignores
// unknown filters; the caller reports it as a warning.

export type Comparator = ":" | ">" | ">=" | "<" | "<=";

export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

export type FieldValue = string | number | boolean | null | undefined | string[];
export type SearchFields<T> = Record<string, (record: T) => FieldValue>;

const TOKEN = /\s*(-|NOT\s+)?(?:(\w+):(>=|<=|>|<)?)?("([^"]*)"|'([^']*)'|[^\s]+)/y;

export function parseSearchQuery(query: string | null | undefined): SearchTerm[][] {
  if (!query?.trim()) return [];
  const alternatives: SearchTerm[][] = [[]];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(query))) {
    const raw = match[5] ?? match[6] ?? match[4]!;
    if (!match[2] && !match[1] && raw === "OR") {
      alternatives.push([]);
      continue;
    }
    if (!match[2] && !match[1] && raw === "AND") continue;
    alternatives.at(-1)!.push({
      field: match[2] ?? null,
      comparator: (match[3] as Comparator | undefined) ?? ":",
      value: raw,
      negated: Boolean(match[1]),
    });
    if (TOKEN.lastIndex >= query.length) break;
  }
  return alternatives.filter((terms) => terms.length > 0);
}

export function unknownSearchFields<T>(alternatives: SearchTerm[][], fields: SearchFields<T>): string[] {
  const unknown = new Set<string>();
  for (const terms of alternatives)
    for (const term of terms) if (term.field && !fields[term.field]) unknown.add(term.field);
  return [...unknown];
}

export function matchesSearch<T>(
  record: T,
  alternatives: SearchTerm[][],
  fields: SearchFields<T>,
  text: (record: T) => string,
): boolean {
  if (alternatives.length === 0) return true;
  return alternatives.some((terms) => terms.every((term) => matchesTerm(record, term, fields, text)));
}

function matchesTerm<T>(record: T, term: SearchTerm, fields: SearchFields<T>, text: (record: T) => string): boolean {
  let result: boolean;
  if (!term.field) {
    result = text(record).toLowerCase().includes(term.value.toLowerCase());
  } else {
    const accessor = fields[term.field];
    if (!accessor) return true;
    result = compare(accessor(record), term);
  }
  return term.negated ? !result : result;
}

function compare(actual: FieldValue, term: SearchTerm): boolean {
  if (Array.isArray(actual)) return actual.some((item) => compare(item, { ...term, negated: false }));
  if (actual === null || actual === undefined) return false;
  if (typeof actual === "boolean") return String(actual) === term.value.toLowerCase();
  const order = ordering(actual, term.value);
  if (order === undefined) return false;
  switch (term.comparator) {
    case ":":
      return order === 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
  }
}

/** Sign of actual − expected; numbers are ids or timestamps, compared exactly. */
function ordering(actual: string | number, expected: string): number | undefined {
  if (typeof actual === "number") {
    const time = /^\d{4}-\d{2}-\d{2}/.test(expected) ? Date.parse(expected) : Number(expected);
    if (Number.isNaN(time)) return undefined;
    return Math.sign(actual - time);
  }
  if (/^\d+$/.test(actual) && /^\d+$/.test(expected)) {
    const difference = BigInt(actual) - BigInt(expected);
    return difference === 0n ? 0 : difference > 0n ? 1 : -1;
  }
  const a = actual.toLowerCase();
  const b = expected.toLowerCase();
  if (b.endsWith("*")) return a.startsWith(b.slice(0, -1)) ? 0 : a < b ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
