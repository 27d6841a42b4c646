// GET /api/v1/metrics/products: a period's best-selling products or variants by net sales.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getProductMetrics, productsQuery } from "~/.server/insights/api/metrics";
import { apiRoute, parseQuery } from "~/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/metrics/products", async ({ pool, shopId }) => {
    const metrics = await getProductMetrics(pool, shopId, parseQuery(request, productsQuery));
    return { body: metrics, rows: metrics.data.length };
  });
}
