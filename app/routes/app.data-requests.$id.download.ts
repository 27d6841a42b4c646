// One customers/data_request's assembled data as a JSON file, for the merchant to send on.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { dataRequestDocument } from "~/.server/insights/data-requests";
import { requireShop } from "~/admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, shop } = await requireShop(request);
  const document = await dataRequestDocument(db, shop.id, params.id ?? "");
  // Another shop's request, an unknown one and a redacted one look the same.
  if (!document) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="data-request-${params.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
