// Cursor pagination and CSV export for the data browsers, both driven by the
// filters in the current URL.
import { useNavigate, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback, useState } from "react";

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

/**
 * Downloads `path` with the current filters as a file. A plain link cannot be
 * used: inside the admin the request needs App Bridge's session token, which
 * only its fetch adds.
 */
export function useCsvExport(path: string, filename: string) {
  const [params] = useSearchParams();
  const shopify = useAppBridge();
  const [exporting, setExporting] = useState(false);
  const start = useCallback(async () => {
    const query = new URLSearchParams(params);
    query.delete("after");
    query.delete("before");
    setExporting(true);
    try {
      const response = await fetch(`${path}?${query.toString()}`);
      if (!response.ok) throw new Error(`export failed (${response.status})`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      shopify.toast.show("Export downloaded");
    } catch {
      shopify.toast.show("The export failed. Try again.", { isError: true });
    } finally {
      setExporting(false);
    }
  }, [params, path, filename, shopify]);
  return { exporting, start };
}
