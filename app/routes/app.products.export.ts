// The products browser's filtered view as CSV (all pages, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/.server/insights/browse/csv";
import { exportProducts, PRODUCT_CSV_COLUMNS, productFilters } from "~/.server/insights/browse/products";
import { requireShop, searchParamsOf } from "~/admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const filters = productFilters.parse(searchParamsOf(request));
  return csvResponse("products.csv", PRODUCT_CSV_COLUMNS, exportProducts(db, shop.id, filters));
}
