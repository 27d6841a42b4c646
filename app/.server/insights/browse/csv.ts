// CSV export of a browser's filtered view, streamed: rows are read a page at
// a time by cursor and written as they come, so a million-row export needs
// no more memory than one page. Instants are ISO 8601 (UTC), lists are
// comma-joined, and csv-stringify does the quoting.
import { stringify } from "csv-stringify";
import { pipeline, Readable } from "node:stream";

export function csvResponse<Row extends object>(
  filename: string,
  columns: readonly (readonly [keyof Row & string, string])[],
  rows: AsyncIterable<Row>,
): Response {
  const csv = stringify({
    header: true,
    columns: columns.map(([key, header]) => ({ key, header })),
    cast: {
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? "true" : "false"),
      object: (value) => (Array.isArray(value) ? value.join(", ") : JSON.stringify(value)),
    },
  });
  // A failed read destroys the stream: the download is then visibly cut short, never silently complete.
  pipeline(Readable.from(rows), csv, () => {});
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
