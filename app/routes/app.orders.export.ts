// The orders browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/dashboard/browse/csv";
import { exportOrders, ORDER_CSV_COLUMNS, orderFilters } from "~/.server/dashboard/browse/orders";
import { requireShop, searchParamsOf } from "~/dashboard.server";
import { prisma } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shop = await requireShop(request);
  const filters = orderFilters.parse(searchParamsOf(request));
  return csvResponse("orders.csv", ORDER_CSV_COLUMNS, exportOrders(prisma(), shop.id, filters, shop.timeZone));
}
