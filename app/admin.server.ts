// The one way into an admin route: authenticate the embedded admin request,
// read the session's shop once, and hand back what the route's core call
// needs. The shop's id then scopes every read and write the page makes, so
// ids in a URL or a form can only ever name this shop's rows.
import { getShopContext, type ShopContext } from "~/.server/insights/shop-context";
import { authenticate } from "~/shopify.server";
import { web, type WebDeps } from "~/web.server";

export type { ShopContext };

export interface AdminContext extends Pick<WebDeps, "db" | "pool" | "queue"> {
  shop: ShopContext;
}

/**
 * The admin request's context; `shop` is null for a shop authenticated but not
 * stored (the moment between an install's auth and its shop row).
 */
export async function authenticateAdmin(
  request: Request,
): Promise<Omit<AdminContext, "shop"> & { shopDomain: string; shop: ShopContext | null }> {
  const { session } = await authenticate.admin(request);
  const { db, pool, queue } = web();
  return { db, pool, queue, shopDomain: session.shop, shop: await getShopContext(db, session.shop) };
}

/** The admin request's context; a shop that is not stored (uninstalled) answers 404. */
export async function requireShop(request: Request): Promise<AdminContext> {
  const { shop, shopDomain: _domain, ...deps } = await authenticateAdmin(request);
  if (!shop) throw new Response("Shop not found", { status: 404 });
  return { ...deps, shop };
}

/** The search parameters of a request as a plain object, for a zod schema. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
