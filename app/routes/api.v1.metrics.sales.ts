// GET /api/v1/metrics/sales: ShopifyQL's sales metrics for a period, in the shop's time zone (CONTRACTS.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSalesMetrics, periodQuery } from "~/.server/insights/api/metrics";
import { apiRoute, parseQuery } from "~/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/metrics/sales", async ({ pool, shopId }) => {
    const metrics = await getSalesMetrics(pool, shopId, parseQuery(request, periodQuery));
    return { body: metrics, rows: metrics.series.length };
  });
}
