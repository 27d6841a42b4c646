// The customers browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/dashboard/browse/csv";
import { CUSTOMER_CSV_COLUMNS, customerFilters, exportCustomers } from "~/.server/dashboard/browse/customers";
import { requireShop, searchParamsOf } from "~/dashboard.server";
import { prisma } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shop = await requireShop(request);
  const filters = customerFilters.parse(searchParamsOf(request));
  return csvResponse("customers.csv", CUSTOMER_CSV_COLUMNS, exportCustomers(prisma(), shop.id, filters, shop.timeZone));
}
