// What every dashboard page does first: authenticate the admin request and
// find the session's shop. Its id then scopes every read and write the page
// makes, so ids in a URL or a form can only ever name this shop's rows.
import { getShopContext, type ShopContext } from "~/.server/dashboard/shop-context";
import { prisma } from "~/db.server";
import { authenticate } from "~/shopify.server";

export async function requireShop(request: Request): Promise<ShopContext> {
  const { session } = await authenticate.admin(request);
  const shop = await getShopContext(prisma(), session.shop);
  // Authenticated but not stored (uninstalled and not yet re-installed): nothing to show.
  if (!shop) throw new Response("Shop not found", { status: 404 });
  return shop;
}

/** The search parameters of a request as a plain object, for a zod schema. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
