// GET /api/v1/orders/:id: one order by its Shopify id; another shop's is 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApiOrder } from "~/.server/insights/api/orders";
import { apiRoute } from "~/api.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/orders/:id", async ({ pool, shopId }) => ({
    body: await getApiOrder(pool, shopId, params.id ?? ""),
    rows: 1,
  }));
}
