// The orders browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/insights/browse/csv";
import { exportOrders, ORDER_CSV_COLUMNS, orderFilters } from "~/.server/insights/browse/orders";
import { requireShop, searchParamsOf } from "~/admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = orderFilters.parse(searchParamsOf(request));
  return csvResponse("orders.csv", ORDER_CSV_COLUMNS, exportOrders(db, shop.id, filters, shop.timeZone));
}
