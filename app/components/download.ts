// Downloads a file from one of the app's routes. A plain link cannot be used:
// inside the admin the request needs App Bridge's session token, which only
// its fetch adds.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback, useState } from "react";

export function useDownload() {
  const shopify = useAppBridge();
  const [downloading, setDownloading] = useState<string | null>(null);
  const download = useCallback(
    async (path: string, filename: string) => {
      setDownloading(path);
      try {
        const response = await fetch(path);
        if (!response.ok) throw new Error(`download failed (${response.status})`);
        const url = URL.createObjectURL(await response.blob());
        const link = document.createElement("a");
        link.href = url;
        link.download = filename;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        shopify.toast.show(`${filename} downloaded`);
      } catch {
        shopify.toast.show("The download failed. Try again.", { isError: true });
      } finally {
        setDownloading(null);
      }
    },
    [shopify],
  );
  return { downloading, download };
}
