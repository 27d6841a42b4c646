// GET /api/v1/metrics/customers: new customers and returning customers' orders for a period, in the shop's time zone.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCustomerMetrics, periodQuery } from "~/.server/insights/api/metrics";
import { apiRoute, parseQuery } from "~/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/metrics/customers", async ({ pool, shopId }) => {
    const metrics = await getCustomerMetrics(pool, shopId, parseQuery(request, periodQuery));
    return { body: metrics, rows: metrics.series.length };
  });
}
