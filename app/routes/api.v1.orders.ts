// GET /api/v1/orders: the key's shop's orders in write order (CONTRACTS.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listApiOrders, orderListQuery } from "~/.server/insights/api/orders";
import { apiRoute, parseQuery } from "~/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, "GET /api/v1/orders", async ({ pool, shopId }) => {
    const page = await listApiOrders(pool, shopId, parseQuery(request, orderListQuery));
    return { body: page, rows: page.data.length };
  });
}
