// The customers browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/insights/browse/csv";
import { CUSTOMER_CSV_COLUMNS, customerFilters, exportCustomers } from "~/.server/insights/browse/customers";
import { requireShop, searchParamsOf } from "~/admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = customerFilters.parse(searchParamsOf(request));
  return csvResponse("customers.csv", CUSTOMER_CSV_COLUMNS, exportCustomers(db, shop.id, filters, shop.timeZone));
}
