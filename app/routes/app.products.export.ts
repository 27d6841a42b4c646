// The products browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/dashboard/browse/csv";
import { exportProducts, PRODUCT_CSV_COLUMNS, productFilters } from "~/.server/dashboard/browse/products";
import { requireShop, searchParamsOf } from "~/dashboard.server";
import { prisma } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shop = await requireShop(request);
  const filters = productFilters.parse(searchParamsOf(request));
  return csvResponse("products.csv", PRODUCT_CSV_COLUMNS, exportProducts(prisma(), shop.id, filters));
}
