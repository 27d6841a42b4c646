// GET /api/v1/metrics/inventory: the inventory as it stands, in total and per location.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getInventoryMetrics, inventoryQuery } from "~/.server/insights/api/metrics";
import { apiRoute, parseQuery } from "~/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/metrics/inventory", async ({ pool, shopId }) => {
    const metrics = await getInventoryMetrics(pool, shopId, parseQuery(request, inventoryQuery));
    return { body: metrics, rows: metrics.locations.length };
  });
}
