// Every webhook topic arrives here (shopify.app.toml and per-shop
// subscriptions): verify, store, enqueue, 200. Processing happens in the worker.
import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookIngestion } from "~/web.server";
import { receiveWebhook } from "~/.server/ingestion";

export async function action({ request }: ActionFunctionArgs) {
  return receiveWebhook(webhookIngestion(), request);
}
