// Cursor pagination and CSV export for the data browsers, both driven by the
// filters in the current URL.
import { useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback } from "react";
import { useDownload } from "../download";

/** IndexTable's `pagination` for a page with these neighbour cursors. */
export function useCursorPagination(next: string | null, previous: string | null) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (cursor: "after" | "before", value: string) => {
    const target = new URLSearchParams(params);
    target.delete("after");
    target.delete("before");
    target.set(cursor, value);
    navigate(`?${target.toString()}`);
  };
  return {
    hasNext: next !== null,
    hasPrevious: previous !== null,
    onNext: () => next && go("after", next),
    onPrevious: () => previous && go("before", previous),
  };
}

/** Downloads `path` with the current filters (every page) as a file. */
export function useCsvExport(path: string, filename: string) {
  const [params] = useSearchParams();
  const { downloading, download } = useDownload();
  const start = useCallback(async () => {
    const query = new URLSearchParams(params);
    query.delete("after");
    query.delete("before");
    await download(`${path}?${query.toString()}`, filename);
  }, [params, path, filename, download]);
  return { exporting: downloading !== null, start };
}
