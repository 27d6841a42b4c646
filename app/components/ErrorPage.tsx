// What a page shows when it fails: a Polaris page (not a bare "404" in an
// unstyled frame), with the way back. Rendered by app.tsx's error boundary,
// outside the app's AppProvider, so it brings Polaris's own.
import { AppProvider, Button, EmptyState, Page } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const notFound = status === 404;
  return (
    <AppProvider i18n={en}>
      <Page title={notFound ? "Not found" : "Something went wrong"}>
        <EmptyState
          heading={notFound ? message : "Storehouse could not show this page"}
          image=""
          action={{ content: "Back to the home page", url: "/app" }}
        >
          <p>
            {notFound
              ? "It may belong to another shop, or it was deleted from Shopify."
              : "The error was logged. Try again in a moment; if it keeps happening, the Sync health page says whether the database is reachable."}
          </p>
        </EmptyState>
        {!notFound && <Button onClick={() => window.location.reload()}>Try again</Button>}
      </Page>
    </AppProvider>
  );
}
