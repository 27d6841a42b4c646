// The frame every data browser shares: a full-width page titled in the admin
// (TitleBar), an "Export CSV" action for the current filtered view, and one
// card holding the filter bar and the table.
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, Page, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useCsvExport } from "./paging";

interface BrowsePageProps {
  title: string;
  /** The export route, e.g. "/app/orders/export"; it receives the page's filters. */
  exportPath: string;
  exportFilename: string;
  filters: ReactNode;
  children: ReactNode;
}

export function BrowsePage({ title, exportPath, exportFilename, filters, children }: BrowsePageProps) {
  const csv = useCsvExport(exportPath, exportFilename);
  return (
    <Page
      title={title}
      fullWidth
      secondaryActions={[{ content: "Export CSV", onAction: csv.start, loading: csv.exporting }]}
    >
      <TitleBar title={title} />
      <Card padding="0">
        {filters}
        {children}
      </Card>
    </Page>
  );
}

/** What an index table shows when nothing matches. */
export function NoMatches({ plural }: { plural: string }) {
  return (
    <Text as="p" tone="subdued" alignment="center">
      {`No ${plural} match these filters.`}
    </Text>
  );
}
