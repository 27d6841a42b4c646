// The shop's sync status as JSON (GET) and the resync actions (POST
// intent=backfill|reconcile), for the dashboard. The shop is always the
// authenticated session's: nothing in the request can name another.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getSyncStatus, requestResync, resyncRequest } from "~/.server/sync/status";
import { authenticateAdmin } from "~/admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, shop } = await authenticateAdmin(request);
  const status = shop && (await getSyncStatus(db, shop.record));
  if (!status) return Response.json({ error: "shop not installed" }, { status: 404 });
  return Response.json(status);
}

export async function action({ request }: ActionFunctionArgs) {
  const { queue, shopDomain } = await authenticateAdmin(request);
  const parsed = resyncRequest.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json({ error: "intent must be backfill or reconcile" }, { status: 400 });
  }
  await requestResync(await queue(), shopDomain, parsed.data.intent);
  return Response.json({ queued: parsed.data.intent }, { status: 202 });
}
