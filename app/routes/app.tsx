import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { env } from "~/.server/env";
import { ErrorPage } from "~/components/ErrorPage";
import { logger } from "~/.server/logger";
import { WEBHOOK_PATH } from "~/.server/shopify/constants";
import { repointSubscriptionsIfMoved } from "~/.server/sync/register-webhooks";
import { authenticateAdmin } from "~/admin.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, queue, shopDomain } = await authenticateAdmin(request);
  try {
    // A new tunnel or host since the last registration: the shop's webhooks must follow now.
    const callbackUrl = new URL(WEBHOOK_PATH, env().SHOPIFY_APP_URL).href;
    await repointSubscriptionsIfMoved(db, await queue(), shopDomain, callbackUrl);
  } catch (error) {
    logger.warn({ shop: shopDomain, err: error }, "could not check where the shop's webhooks point");
  }
  const simulatorUrl = env().SHOPIFY_SIMULATOR_URL;
  return {
    apiKey: env().SHOPIFY_API_KEY,
    // Dev/test only: offline there is no cdn.shopify.com, so the simulator's App Bridge stand-in comes first.
    appBridgeStandIn: simulatorUrl ? new URL("/__sim/app-bridge.js", simulatorUrl).href : null,
  };
}

export default function App() {
  const { apiKey, appBridgeStandIn } = useLoaderData<typeof loader>();
  return (
    <>
      {appBridgeStandIn && <script src={appBridgeStandIn} data-api-key={apiKey} />}
      <AppProvider isEmbeddedApp apiKey={apiKey}>
        <NavMenu>
          <Link to="/app" rel="home">
            Home
          </Link>
          <Link to="/app/orders">Orders</Link>
          <Link to="/app/products">Products</Link>
          <Link to="/app/customers">Customers</Link>
          <Link to="/app/events">Event log</Link>
          <Link to="/app/sync">Sync health</Link>
          <Link to="/app/data-requests">Data requests</Link>
          <Link to="/app/alerts">Alerts</Link>
          <Link to="/app/snapshots">Snapshots</Link>
          <Link to="/app/api-access">API access</Link>
        </NavMenu>
        <Outlet />
      </AppProvider>
    </>
  );
}

// Shopify's boundary handles the redirects and headers auth needs inside the
// admin iframe; a page's own 404 and any other failure get a Polaris page.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <ErrorPage status={404} message={typeof error.data === "string" ? error.data : "Not found"} />;
  }
  if (!isRouteErrorResponse(error)) return <ErrorPage status={500} message="" />;
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
